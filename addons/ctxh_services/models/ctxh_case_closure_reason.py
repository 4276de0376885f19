from odoo import fields, models


class CtxhCaseClosureReason(models.Model):
    """Why a community case was closed (đóng ca): data, counted by the activity report."""

    _name = "ctxh.case.closure.reason"
    _description = "Case Closure Reason"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a reason created by mistake (one in use is archived)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "UNIQUE (code)", "Two closure reasons cannot share a code.")]
