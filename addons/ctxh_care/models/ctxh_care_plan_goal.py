from odoo import fields, models


class CtxhCarePlanGoal(models.Model):
    """One goal of a care plan, with the indicator that shows it is reached."""

    _name = "ctxh.care.plan.goal"
    _description = "Care Plan Goal"
    _rec_name = "objective"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "plan_id"
    _ctxh_free_fields = ("status",)  # how far the goal is reached is followed while the plan runs
    _ctxh_deletable = "a line of a care plan not yet approved (an approved plan's lines are frozen)"
    _order = "sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one("ctxh.care.plan", string="Care Plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
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
