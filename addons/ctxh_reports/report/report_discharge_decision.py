from odoo import models
from odoo.exceptions import UserError


class ReportDischargeDecision(models.AbstractModel):
    """Quyết định thôi chăm sóc, cho rời cơ sở: the director's discharge decision."""

    _name = "report.ctxh_reports.report_discharge_decision"
    _inherit = "ctxh.document.report"
    _description = "Discharge Decision"
    _ctxh_model = "ctxh.discharge"

    def _ctxh_check_printable(self, docs):
        for discharge in docs:
            decided = discharge.decision_number and discharge.decision_date
            if not decided or discharge.state not in ("approved", "done"):
                raise UserError(self.env._(
                    "The discharge of %s has no decision yet: the director approves it before the decision "
                    "is printed.", discharge.resident_id.name))
