from odoo import fields, models


class CtxhResidentCategory(models.Model):
    """Who may be admitted, and on what footing (Decree 20/2021/NĐ-CP Art. 24, Law 73/2021)."""

    _name = "ctxh.resident.category"
    _description = "Resident Category"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a category no resident uses yet"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    group = fields.Selection(
        [
            ("nurture", "Long-term state care"),
            ("emergency", "Emergency protection"),
            ("administrative", "Administrative measure"),
            ("voluntary", "Voluntary paid care"),
            ("rehab", "Drug rehabilitation"),
        ],
        required=True,
    )
    funding_type = fields.Selection(
        [("state", "State budget"), ("self", "Self or sponsor paid"), ("mixed", "Mixed")],
        required=True,
        default="state",
    )
    legal_basis = fields.Char(help="Article of the law that defines the category.")
    description = fields.Text(translate=True)
    age_limited = fields.Boolean(
        string="Age Limit Applies",
        help="State care of this category ends at the child age limit (16, or 22 while studying).")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each resident category code must be unique.")]
