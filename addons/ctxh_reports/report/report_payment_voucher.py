from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT


class ReportPaymentVoucher(models.AbstractModel):
    """Phiếu thu / phiếu chi: the voucher of cash received from or paid back to a payer. A bank transfer
    has the bank's advice (giấy báo Có / Nợ) as its voucher, not a receipt."""

    _name = "report.ctxh_reports.report_payment_voucher"
    _inherit = "ctxh.document.report"
    _description = "Receipt or Payment Voucher"
    _ctxh_model = "account.payment"

    def _ctxh_check_printable(self, docs):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        for payment in docs:
            if payment.state not in ("in_process", "paid") or not payment.ctxh_voucher_number:
                raise UserError(self.env._(
                    "Payment %s has no voucher number: confirm a customer payment before printing its receipt.",
                    payment.name))
            if payment.journal_id.type != "cash":
                raise UserError(self.env._(
                    "Payment %(voucher)s went through the bank: its voucher is the bank's advice, not a cash "
                    "receipt.", voucher=payment.ctxh_voucher_number))

    def _ctxh_document_values(self, docs):
        return {"voucher_accounts": {payment.id: self._ctxh_voucher_accounts(payment) for payment in docs}}

    def _ctxh_voucher_accounts(self, payment):
        """(Nợ, Có) codes as the voucher states them: the cash account of the journal against the payer's
        account (131), whatever outstanding account the entry goes through until the cash is counted."""
        payment = payment.with_company(payment.company_id)
        cash = payment.journal_id.default_account_id.code or ""
        counterpart = payment.destination_account_id.code or ""
        return (cash, counterpart) if payment.payment_type == "inbound" else (counterpart, cash)
