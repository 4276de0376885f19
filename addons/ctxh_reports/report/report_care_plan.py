from odoo import models
from odoo.exceptions import UserError


class ReportCarePlan(models.AbstractModel):
    """Kế hoạch chăm sóc cá nhân: goals, interventions, review date and the director's approval; internal."""

    _name = "report.ctxh_reports.report_care_plan"
    _inherit = "ctxh.internal.document.report"
    _description = "Care Plan"
    _ctxh_model = "ctxh.care.plan"

    def _ctxh_check_printable(self, docs):
        for plan in docs:
            if plan.state == "draft":
                raise UserError(self.env._(
                    "The care plan of %s is a draft: submit it for approval before printing it.",
                    plan.resident_id.name))

    def _ctxh_residents(self, docs):
        return docs.resident_id
