from odoo import fields, models


class CtxhCaseLineMixin(models.AbstractModel):
    """A line of a community case (a goal, an intervention, a review): written while the case is open, frozen with
    it once it is closed; its facility is the case's."""

    _name = "ctxh.case.line.mixin"
    _description = "Community Case Line"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "case_id"
    _order = "sequence, id"
    _check_company_auto = True

    case_id = fields.Many2one("ctxh.case", string="Case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
