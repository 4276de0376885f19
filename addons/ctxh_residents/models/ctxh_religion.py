from odoo import fields, models


class CtxhReligion(models.Model):
    _name = "ctxh.religion"
    _description = "Religion"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "reference list: an entry no resident uses (the database keeps used ones)"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
