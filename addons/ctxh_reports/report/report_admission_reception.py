from odoo import models
from odoo.exceptions import UserError


class ReportAdmissionReception(models.AbstractModel):
    """Biên bản tiếp nhận: the record of an emergency reception, signed by whoever brought the person."""

    _name = "report.ctxh_reports.report_admission_reception"
    _inherit = "ctxh.document.report"
    _description = "Emergency Reception Record"
    _ctxh_model = "ctxh.admission"

    def _ctxh_check_printable(self, docs):
        for admission in docs:
            if not admission.is_emergency:
                raise UserError(self.env._(
                    "%(person)s is admitted as %(type)s, not in an emergency: there is no reception record.",
                    person=admission.resident_id.name, type=admission.admission_type_id.name))
            if not (admission.received_at and admission.brought_by):
                raise UserError(self.env._(
                    "Record when %s was received and who brought them before printing the reception record.",
                    admission.resident_id.name))

    def _ctxh_document_values(self, docs):
        """The circumstances and the condition on arrival are sensitive: printed for a reader of sensitive data
        (and logged), left as lines to fill in by hand otherwise."""
        narrative = {}
        if self._ctxh_sees_sensitive():
            docs._ctxh_log_sensitive_access(["circumstances", "arrival_condition"], "print")
            narrative = {admission.id: {"circumstances": admission.circumstances,
                                        "arrival_condition": admission.arrival_condition} for admission in docs}
        return {"narrative": narrative}
