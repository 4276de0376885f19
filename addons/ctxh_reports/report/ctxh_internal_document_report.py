from odoo import models

# the sensitive details of a resident (fields with groups=group_ctxh_sensitive)
SENSITIVE_FIELDS = ("hiv_status", "hiv_note", "drug_use_history", "victim_type", "victim_details", "court_record")


class CtxhInternalDocumentReport(models.AbstractModel):
    """An internal document about residents: it prints their sensitive details and health records,
    only for a reader of sensitive data."""

    _name = "ctxh.internal.document.report"
    _inherit = "ctxh.document.report"
    _description = "Internal Printed Document"

    def _ctxh_residents(self, docs):
        raise NotImplementedError

    def _ctxh_document_values(self, docs):
        return {"sensitive": self._ctxh_sensitive_values(self._ctxh_residents(docs))}

    def _ctxh_sensitive_values(self, residents):
        """{resident id: sensitive details and health records}, empty unless the reader may see them.
        The fields are read as the reader, who has their group. The health records are read with sudo:
        sensitive data includes health, while the access rules of the medical models name only the
        medical group (which implies sensitive data, as the director's does)."""
        if not self._ctxh_sees_sensitive():
            return {}
        # printing sensitive details is logged like reading them (Law 91/2025/QH15)
        residents._ctxh_log_sensitive_access(list(SENSITIVE_FIELDS), "print")
        values = {}
        for resident in residents:
            lang = resident.env.lang
            HealthCheck = self.env["ctxh.health.check"].sudo().with_context(lang=lang)
            MedicalEvent = self.env["ctxh.medical.event"].sudo().with_context(lang=lang)
            values[resident.id] = {
                **{fname: resident[fname] for fname in SENSITIVE_FIELDS},
                "hiv_status_label": self._ctxh_selection(resident, "hiv_status"),
                "victim_type_label": self._ctxh_selection(resident, "victim_type"),
                "ethnicity": resident.ethnicity_id.name or "",
                "religion": resident.religion_id.name or "",
                "health_check": HealthCheck.search(
                    [("resident_id", "=", resident.id)], order="date desc, id desc", limit=1),
                "medical_events": MedicalEvent.search(
                    [("resident_id", "=", resident.id), ("outcome", "in", ("under_treatment", "chronic"))],
                    order="date desc, id desc"),
            }
        return values
