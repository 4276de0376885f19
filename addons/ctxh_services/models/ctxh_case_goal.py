from odoo import fields, models


class CtxhCaseGoal(models.Model):
    """A goal of a community case's plan, agreed with the person or family."""

    _name = "ctxh.case.goal"
    _description = "Case Plan Goal"
    _inherit = ["ctxh.case.line.mixin"]
    _ctxh_deletable = "a goal of an open case (a closed case's plan is kept as it was)"

    name = fields.Char(string="Goal", required=True)
    target_date = fields.Date()
    result = fields.Selection([("pending", "In progress"), ("achieved", "Achieved"), ("partly", "Partly achieved"),
                               ("not_achieved", "Not achieved")], default="pending", required=True)
