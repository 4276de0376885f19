"""Every model our modules define has access rights and, when it belongs to a facility, company rules."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSecurityCoverage(TransactionCase):
    def _ctxh_models(self):
        data = self.env["ir.model.data"].search([
            ("model", "=", "ir.model"), ("module", "=like", "ctxh\\_%"),
        ])
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        return models.filtered(lambda m: not self.env[m.model]._abstract)

    def test_every_model_has_access_rights(self):
        """No ctxh model is left without an ir.model.access row (Odoo would hide it from everyone)."""
        missing = [m.model for m in self._ctxh_models() if not m.access_ids]
        self.assertFalse(missing, f"Models without access rights: {missing}")

    def test_every_company_model_has_a_company_rule(self):
        """A model with company_id has a multi-company record rule, so facilities stay apart."""
        missing = []
        for model in self._ctxh_models():
            if self.env[model.model]._transient or "company_id" not in self.env[model.model]._fields:
                continue
            rules = model.rule_ids.filtered(lambda r: "company" in (r.domain_force or ""))
            if not rules:
                missing.append(model.model)
        self.assertFalse(missing, f"Models with company_id but no company rule: {missing}")
