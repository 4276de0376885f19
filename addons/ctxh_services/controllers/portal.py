from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CtxhCarePortal(CustomerPortal):
    """A payer's care contracts in Odoo's portal. Portal users have no access right on any ctxh model: the
    controller reads, as the system, only the contracts the user's partner (or its company) pays for, and only
    what a payer is told: the resident's name, the facility, the services, the payer's share and invoices.
    Invoices and their PDFs stay Odoo's own portal pages (/my/invoices), under Odoo's rules."""

    def _ctxh_payer_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("payer_ids.partner_id", "child_of", partner.id), ("state", "!=", "draft")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ctxh_contract_count" in counters:
            values["ctxh_contract_count"] = request.env["ctxh.care.contract"].sudo().search_count(
                self._ctxh_payer_domain())
        return values

    def _ctxh_payer_contract(self, contract_id):
        contract = request.env["ctxh.care.contract"].sudo().search(
            [("id", "=", contract_id), *self._ctxh_payer_domain()], limit=1)
        if not contract:
            raise request.not_found()
        return contract

    def _ctxh_payer_invoices(self, contract):
        """The confirmed invoices of ``contract`` the user's partner pays, newest first."""
        partner = request.env.user.partner_id.commercial_partner_id
        return contract.move_ids.filtered(
            lambda m: m.state == "posted" and m.partner_id.commercial_partner_id == partner
        ).sorted(lambda m: (m.invoice_date or m.date, m.id), reverse=True)

    def _ctxh_payer_receipts(self, invoices):
        """The receipts and bank advices paying ``invoices``, as the facility's register numbers them."""
        return invoices._get_reconciled_payments().filtered(
            lambda p: p.state in ("in_process", "paid") and p.ctxh_voucher_number and p.payment_type == "inbound"
        ).sorted(lambda p: (p.date, p.id), reverse=True)

    @http.route(["/my/care-contracts"], type="http", auth="user", website=True)
    def portal_my_care_contracts(self, **kwargs):
        contracts = request.env["ctxh.care.contract"].sudo().search(self._ctxh_payer_domain(),
                                                                    order="date_start desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update({"contracts": contracts, "page_name": "ctxh_care_contracts"})
        return request.render("ctxh_services.portal_my_care_contracts", values)

    @http.route(["/my/care-contracts/<int:contract_id>"], type="http", auth="user", website=True)
    def portal_my_care_contract(self, contract_id, **kwargs):
        contract = self._ctxh_payer_contract(contract_id)
        partner = request.env.user.partner_id.commercial_partner_id
        payer = contract.payer_ids.filtered(lambda p: p.partner_id.commercial_partner_id == partner)[:1]
        invoices = self._ctxh_payer_invoices(contract)
        values = self._prepare_portal_layout_values()
        values.update({
            "contract": contract, "payer": payer, "invoices": invoices, "page_name": "ctxh_care_contract",
            "receipts": self._ctxh_payer_receipts(invoices),
            "month_amount": contract._ctxh_payer_month_amounts().get(payer, 0.0),
            "vietqr": {move.id: move._ctxh_vietqr() for move in invoices},
            # Odoo's invoice page opens with the invoice's own token, the portal user being its follower or not
            "invoice_urls": {move.id: move.get_portal_url() for move in invoices},
        })
        return request.render("ctxh_services.portal_my_care_contract", values)
