from odoo import fields, models


class CtxhEthnicity(models.Model):
    """One of the 54 ethnic groups recognised in Vietnam, with the official code."""

    _name = "ctxh.ethnicity"
    _description = "Ethnic Group"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "reference list: an entry no resident uses (the database keeps used ones)"
    _order = "code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, size=2, help="Code in the official list of ethnic groups (01 Kinh ... 54 Rơ-măm)."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each ethnic group code must be unique.")]
