from odoo import http
from odoo.http import request

from odoo.addons.ctxh_services.controllers.portal import CtxhCarePortal


class CtxhReceiptPortal(CtxhCarePortal):
    """A payer downloads the receipt (phiếu thu) of a cash payment of their care contract from the portal; the
    document is printed as the system after checking the payment is the user's own on that contract."""

    @http.route(["/my/care-contracts/<int:contract_id>/receipts/<int:payment_id>"], type="http", auth="user",
                website=True)
    def portal_my_care_receipt(self, contract_id, payment_id, **kwargs):
        contract = self._ctxh_payer_contract(contract_id)
        payment = self._ctxh_payer_receipts(self._ctxh_payer_invoices(contract)).filtered(
            lambda p: p.id == payment_id and p.journal_id.type == "cash")
        if not payment:
            raise request.not_found()
        pdf, _kind = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "ctxh_reports.action_report_payment_voucher", payment.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(f"Phiếu thu {payment.ctxh_voucher_number}.pdf")),
        ])
