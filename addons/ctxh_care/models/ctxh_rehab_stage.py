from odoo import fields, models


class CtxhRehabStage(models.Model):
    """A stage of drug rehabilitation set by law (Law 73/2021/QH14 Art. 29)."""

    _name = "ctxh.rehab.stage"
    _description = "Rehabilitation Stage"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a stage no stay uses (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Char()
    description = fields.Text(translate=True)
    compulsory_only = fields.Boolean(
        string="Compulsory Rehabilitation Only",
        help="Voluntary rehabilitation must go through the first three stages at least; "
        "compulsory rehabilitation goes through all five.")
    active = fields.Boolean(default=True)
