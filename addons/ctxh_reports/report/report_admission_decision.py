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
