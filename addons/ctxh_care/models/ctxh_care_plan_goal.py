from odoo import fields, models


class CtxhCarePlanGoal(models.Model):
    """One goal of a care plan, with the indicator that shows it is reached."""

    _name = "ctxh.care.plan.goal"
    _description = "Care Plan Goal"
    _rec_name = "objective"
    _inherit = ["ctxh.care.plan.line.mixin"]
    _ctxh_free_fields = ("status",)  # how far the goal is reached is followed while the plan runs

    domain_id = fields.Many2one("ctxh.assessment.domain", string="Domain")
    objective = fields.Char(required=True)
    indicator = fields.Char(help="How the team will know the goal is reached.")
    target_date = fields.Date()
    status = fields.Selection(
        [
            ("not_started", "Not started"),
            ("in_progress", "In progress"),
            ("achieved", "Achieved"),
            ("not_achieved", "Not achieved"),
        ],
        default="not_started", required=True,
    )
