from odoo import fields, models


class CtxhDischargeReason(models.Model):
    """A ground for leaving the facility, with its legal basis (Decree 20/2021/NĐ-CP Art. 30(2))."""

    _name = "ctxh.discharge.reason"
    _description = "Discharge Ground"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a ground no discharge uses yet (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Char()
    followup = fields.Boolean(
        string="Reintegration Follow-up",
        help="A discharge on this ground to family or community schedules follow-up visits.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each discharge ground code must be unique.")]
