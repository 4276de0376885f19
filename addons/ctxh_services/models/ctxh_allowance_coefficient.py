from odoo import api, fields, models


class CtxhAllowanceCoefficient(models.Model):
    """The coefficient applied to the standard level for a category of resident and an age
    bracket (Decree 20/2021/NĐ-CP Art. 25)."""

    _name = "ctxh.allowance.coefficient"
    _description = "Allowance Coefficient"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a coefficient entered by mistake (approved sheets keep the one they used)"
    _order = "category_id, date_from desc, min_age"

    category_id = fields.Many2one("ctxh.resident.category", string="Resident Category", required=True,
                                  ondelete="cascade", index=True)
    min_age = fields.Integer(string="From Age", default=0, help="Age in full years, included.")
    max_age = fields.Integer(string="Under Age", default=0, help="Age in full years, excluded; 0 for no limit.")
    coefficient = fields.Float(required=True, digits=(16, 2))
    date_from = fields.Date(string="Valid From", required=True)
    legal_basis = fields.Char()

    _sql_constraints = [
        ("coefficient_positive", "CHECK (coefficient > 0)", "A coefficient must be positive."),
        ("age_check", "CHECK (min_age >= 0 AND (max_age = 0 OR max_age > min_age))",
         "The upper age must be above the lower age (or 0 for no limit)."),
    ]

    @api.depends("category_id", "min_age", "max_age", "coefficient")
    def _compute_display_name(self):
        for rule in self:
            ages = f"{rule.min_age}-{rule.max_age or '∞'}"
            # configuration, not a person's data: the category is named whoever reads the law's coefficients
            rule.display_name = f"{rule.category_id.sudo().name} ({ages}): {rule.coefficient:g}"

    def _applies(self, category, age, on_date):
        self.ensure_one()
        return (self.category_id == category and self.date_from <= on_date and self.min_age <= age
                and (not self.max_age or age < self.max_age))

    @api.model
    def _get_coefficient(self, category, age, on_date):
        """The coefficient record for ``category`` and ``age`` in force on ``on_date``."""
        rules = self.sudo().search([("category_id", "=", category.id), ("date_from", "<=", on_date)])
        return rules._pick(category, age, on_date)

    def _pick(self, category, age, on_date):
        """Among ``self`` (already loaded), the latest rule for ``category`` and ``age``."""
        matching = self.filtered(lambda r: r._applies(category, age, on_date))
        return matching.sorted(lambda r: (r.date_from, r.id), reverse=True)[:1]
