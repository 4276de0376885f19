from odoo import models


class ReportResidentProfile(models.AbstractModel):
    """Sơ yếu lý lịch đối tượng: identity, categories, relatives and stays; internal."""

    _name = "report.ctxh_reports.report_resident_profile"
    _inherit = "ctxh.internal.document.report"
    _description = "Resident Profile"
    _ctxh_model = "ctxh.resident"

    def _ctxh_check_printable(self, docs):
        """A profile makes sense for anyone on the registry, applicant, in care or discharged."""

    def _ctxh_residents(self, docs):
        return docs

    def _ctxh_document_values(self, docs):
        return {
            **super()._ctxh_document_values(docs),
            "categories": self._ctxh_printable_categories(docs),
        }
