from odoo import fields, models


class CtxhCarePlanLineMixin(models.AbstractModel):
    """A line of a care plan (a goal, an intervention): written with the plan, frozen with it once approved."""

    _name = "ctxh.care.plan.line.mixin"
    _description = "Care Plan Line"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "plan_id"
    _ctxh_deletable = "a line of a care plan not yet approved (an approved plan's lines are frozen)"
    _order = "sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one("ctxh.care.plan", string="Care Plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
