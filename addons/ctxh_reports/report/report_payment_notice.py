from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT


class ReportPaymentNotice(models.AbstractModel):
    """Thông báo thu phí: the monthly notice a payer receives with a care invoice: what the month costs, what
    remains to pay, by when, and how to transfer it (the facility's account, the transfer reference that lets
    the statement find the invoice, and the VietQR code a banking app scans)."""

    _name = "report.ctxh_reports.report_payment_notice"
    _inherit = "ctxh.document.report"
    _description = "Payment Notice"
    _ctxh_model = "account.move"

    def _ctxh_check_printable(self, docs):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        for move in docs:
            if move.move_type != "out_invoice" or not move.ctxh_contract_id or move.state != "posted":
                raise UserError(self.env._(
                    "%s is not a confirmed care invoice: a payment notice is sent for confirmed care invoices.",
                    move.display_name))

    def _ctxh_document_values(self, docs):
        return {"vietqr": {move.id: move._ctxh_vietqr() for move in docs}}
