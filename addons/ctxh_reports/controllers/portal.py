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
        partner = request.env.user.partner_id.commercial_partner_id
        invoices = contract.move_ids.filtered(lambda m: m.partner_id.commercial_partner_id == partner)
        payment = invoices._get_reconciled_payments().filtered(
            lambda p: p.id == payment_id and p.ctxh_voucher_number and p.journal_id.type == "cash")
        if not payment:
            raise request.not_found()
        pdf, _kind = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "ctxh_reports.action_report_payment_voucher", payment.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", http.content_disposition(f"Phiếu thu {payment.ctxh_voucher_number}.pdf")),
        ])
