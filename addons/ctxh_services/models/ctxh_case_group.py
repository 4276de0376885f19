from odoo import fields, models


class CtxhCaseGroup(models.Model):
    """Who a community case is for (child in special circumstances, older person, person with a disability, victim
    of violence...): data, so that a province's own groups can be added and the activity report counts by them."""

    _name = "ctxh.case.group"
    _description = "Community Case Group"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a group created by mistake (one in use is archived)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "UNIQUE (code)", "Two case groups cannot share a code.")]
