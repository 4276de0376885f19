from odoo import fields, models


class CtxhCarePlanIntervention(models.Model):
    """Something the facility does for the resident under a care plan."""

    _name = "ctxh.care.plan.intervention"
    _description = "Care Plan Intervention"
    _rec_name = "description"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "plan_id"
    _ctxh_deletable = "a line of a care plan not yet approved (an approved plan's lines are frozen)"
    _order = "sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one("ctxh.care.plan", string="Care Plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
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
