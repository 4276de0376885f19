from odoo import models
from odoo.exceptions import UserError


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
