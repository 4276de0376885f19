from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.ctxh_residents.tools.groups import DIRECTOR, SENSITIVE


class ReportProcessingRegister(models.AbstractModel):
    """Sổ đăng ký hoạt động xử lý dữ liệu cá nhân nhạy cảm of a facility, for an inspection (Law 91/2025/QH15):
    what sensitive data the facility holds, for what, and who sees it. Built from the registry itself, so a new
    sensitive field or health record appears without anyone adding it."""

    _name = "report.ctxh_reports.report_processing_register"
    _inherit = "ctxh.document.report"
    _description = "Register of Sensitive Data Processing"
    _ctxh_model = "res.company"

    def _ctxh_check_printable(self, docs):
        if not self.env.user.has_group(DIRECTOR):
            raise AccessError(self.env._("The register of processing is printed by the director."))

    @api.model
    def _ctxh_processing_rows(self):
        """[(record type, data, readers)] for every ctxh model: its fields restricted to the sensitive data group,
        and the health records as a whole (readable only by the groups their access rights name)."""
        groups = self.env["res.groups"].sudo()
        sensitive = self.env.ref(SENSITIVE).sudo()
        sensitive_readers = ", ".join(sorted(
            (sensitive | groups.search([("trans_implied_ids", "in", sensitive.ids)])).mapped("full_name")))
        rows = []
        for name in sorted(self.env):
            Model = self.env[name]
            if not name.startswith("ctxh.") or Model._abstract or Model._transient or not Model._auto:
                continue
            description = self.env["ir.model"]._get(name).name
            if getattr(Model, "_ctxh_health_record", False):
                readers = self.env["ir.model.access"].sudo().search([
                    ("model_id.model", "=", name), ("perm_read", "=", True), ("group_id", "!=", False)]).group_id
                rows.append((description, self.env._("The whole record (health data)"),
                             ", ".join(sorted(readers.mapped("full_name")))))
                continue
            fields_ = [field for field in Model._fields.values() if field.groups and SENSITIVE in field.groups]
            if fields_:
                rows.append((description,
                             ", ".join(sorted(field._description_string(self.env) for field in fields_)),
                             sensitive_readers))
        # what the data (not the code) flags sensitive: categories of residents and documents of a dossier
        for model in ("ctxh.resident.category", "ctxh.dossier.document.type"):
            flagged = self.env[model].sudo().search([("sensitive", "=", True)])
            if flagged:
                rows.append((self.env["ir.model"]._get(model).name, ", ".join(flagged.mapped("name")),
                             sensitive_readers))
        return rows

    def _ctxh_document_values(self, docs):
        return {
            "rows": self.with_context(lang=self._ctxh_lang())._ctxh_processing_rows(),
            "purposes": self.env["ctxh.consent.purpose"].sudo().with_context(lang=self._ctxh_lang()).search([]),
        }
