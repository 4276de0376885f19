from odoo import models
from odoo.exceptions import UserError


class ReportDischargeHandover(models.AbstractModel):
    """Biên bản bàn giao: the person handed over to the family, the commune or another facility."""

    _name = "report.ctxh_reports.report_discharge_handover"
    _inherit = "ctxh.document.report"
    _description = "Handover Record"
    _ctxh_model = "ctxh.discharge"

    def _ctxh_check_printable(self, docs):
        for discharge in docs:
            if discharge.state not in ("approved", "done") or not discharge.decision_number:
                raise UserError(self.env._(
                    "The discharge of %s is not decided: the handover record follows the director's decision.",
                    discharge.resident_id.name))
            if not discharge.receiving_partner_id:
                raise UserError(self.env._(
                    "Record who receives %s before printing the handover record.", discharge.resident_id.name))
