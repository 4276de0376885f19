from odoo import api, fields, models


class CtxhFosterFamilyCondition(models.Model):
    """One legal condition checked on an applicant family, with what shows it (the checklist of the file)."""

    _name = "ctxh.foster.family.condition"
    _description = "Foster Family Condition Check"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "family_id"
    _ctxh_deletable = "a check of a family not yet approved"
    _order = "family_id, sequence, id"
    _check_company_auto = True

    family_id = fields.Many2one("ctxh.foster.family", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="family_id.company_id", store=True, index=True, string="Facility")
    condition_id = fields.Many2one("ctxh.foster.condition", string="Condition", required=True, ondelete="restrict")
    sequence = fields.Integer(related="condition_id.sequence", store=True)
    legal_basis = fields.Char(related="condition_id.legal_basis")
    met = fields.Boolean(string="Met")
    evidence = fields.Char(help="What shows it: a document, the commune's confirmation, the home visit.")

    _sql_constraints = [
        ("family_condition_uniq", "unique(family_id, condition_id)", "A condition is checked once per family."),
    ]

    @api.depends("family_id.name", "condition_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " - ".join(filter(None, [line.family_id.name, line.condition_id.name]))
