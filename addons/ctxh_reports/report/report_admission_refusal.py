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
        # the admission owns the day it was refused
        return {"refusal_dates": {admission.id: admission.refuse_date for admission in docs}}
