from odoo import fields, models


class CtxhFosterCondition(models.Model):
    """A condition the law sets for a family or person who takes someone into care in the community, checked on
    each applicant family (data: an administrator adds a province's or a new text's conditions)."""

    _name = "ctxh.foster.condition"
    _description = "Foster Family Condition"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a condition entered by mistake (archive one the law dropped)"
    _order = "sequence, id"

    name = fields.Char(string="Condition", required=True, translate=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Char()
    active = fields.Boolean(default=True)
