from odoo import models
from odoo.exceptions import UserError


class ReportAdmissionDecision(models.AbstractModel):
    """Quyết định tiếp nhận: the director's admission decision."""

    _name = "report.ctxh_reports.report_admission_decision"
    _inherit = "ctxh.document.report"
    _description = "Admission Decision"
    _ctxh_model = "ctxh.admission"

    def _ctxh_check_printable(self, docs):
        for admission in docs:
            decided = admission.decision_number and admission.decision_date
            if not decided or admission.state not in ("approved", "admitted"):
                raise UserError(self.env._(
                    "The admission of %s has no decision yet: the director approves it before the decision "
                    "is printed.", admission.resident_id.name))


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


class ReportAdmissionRefusal(models.AbstractModel):
    """Văn bản từ chối tiếp nhận: the written answer to a refused request, with the reasons."""

    _name = "report.ctxh_reports.report_admission_refusal"
    _inherit = "ctxh.document.report"
    _description = "Admission Refusal Letter"
    _ctxh_model = "ctxh.admission"

    def _ctxh_check_printable(self, docs):
        for admission in docs:
            if admission.state != "refused" or not (admission.refuse_reason or "").strip():
                raise UserError(self.env._(
                    "The request of %s is not refused: a refusal letter is printed once the director has "
                    "refused it with a reason.", admission.resident_id.name))

    def _ctxh_document_values(self, docs):
        return {"refusal_dates": {admission.id: self._ctxh_refusal_date(admission) for admission in docs}}

    def _ctxh_refusal_date(self, admission):
        """The day the request was refused: the last change of its tracked state (today if untracked)."""
        tracking = self.env["mail.tracking.value"].sudo().search([
            ("mail_message_id.model", "=", admission._name), ("mail_message_id.res_id", "=", admission.id),
            ("field_id.name", "=", "state"),
        ], order="id desc", limit=1)
        if tracking:
            return self._ctxh_local_date(tracking.create_date, admission.company_id)
        return self._ctxh_today(admission.company_id)
