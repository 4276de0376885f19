from odoo import fields, models


class CtxhCarePlanIntervention(models.Model):
    """Something the facility does for the resident under a care plan."""

    _name = "ctxh.care.plan.intervention"
    _description = "Care Plan Intervention"
    _rec_name = "description"
    _inherit = ["ctxh.care.plan.line.mixin"]

    kind = fields.Selection(
        [
            ("daily_care", "Daily care"),
            ("medical", "Medical care"),
            ("therapy", "Therapy and rehabilitation"),
            ("vocational", "Vocational training"),
            ("education", "Education"),
            ("counselling", "Counselling"),
            ("referral", "Referral"),
        ],
        required=True, default="daily_care",
    )
    description = fields.Char(required=True)
    frequency = fields.Char(help="e.g. 3 sessions a week, every morning.")
    user_id = fields.Many2one("res.users", string="Responsible")
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
         "An intervention cannot end before it starts."),
    ]
