from odoo import fields, models


class CtxhConsentPurpose(models.Model):
    """A purpose a resident's personal data is used for, which needs the person's (or the guardian's) consent
    (Personal Data Protection Law 91/2025/QH15: consent per purpose, verifiable, withdrawable)."""

    _name = "ctxh.consent.purpose"
    _description = "Consent Purpose"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a purpose no consent names (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What the data is used for, as told to the person.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each consent purpose code must be unique.")]
