from odoo import models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT
from odoo.addons.ctxh_services.models.ctxh_care_contract import MONTHLY_KINDS


class ReportCareContract(models.AbstractModel):
    """Hợp đồng dịch vụ chăm sóc: the facility and the payers, services, prices, deposit and terms.
    Money is for accountants and directors: the document is theirs to print."""

    _name = "report.ctxh_reports.report_care_contract"
    _inherit = "ctxh.document.report"
    _description = "Care Contract"
    _ctxh_model = "ctxh.care.contract"

    def _ctxh_check_printable(self, docs):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        for contract in docs:
            if not contract.line_ids:
                raise UserError(self.env._("Add the services of contract %s before printing it.", contract.name))
            if not contract.payer_ids:
                raise UserError(self.env._("Add the payers of contract %s before printing it.", contract.name))

    def _ctxh_document_values(self, docs):
        return {
            "monthly_lines": {c.id: c.line_ids.filtered(lambda line: line.service_kind in MONTHLY_KINDS)
                              for c in docs},
            "payer_amounts": {c.id: self._ctxh_payer_amounts(c) for c in docs},
            "price_decisions": {c.id: self._ctxh_price_decision(c) for c in docs},
            "bank_accounts": {c.id: self._ctxh_bank_account(c) for c in docs},
            # the deposit is due on signature: its VietQR code is on the contract the payer signs
            "deposit_qr": {c.id: c.deposit_move_id._ctxh_vietqr() if c.deposit_move_id else False for c in docs},
        }

    def _ctxh_bank_account(self, contract):
        """The account the payers transfer to: the one Odoo puts on the facility's invoices."""
        return contract.deposit_move_id.partner_bank_id or contract.company_id.partner_id.bank_ids.filtered(
            lambda bank: not bank.company_id or bank.company_id == contract.company_id
        ).sorted(lambda bank: not bank.allow_out_payment)[:1]

    def _ctxh_payer_amounts(self, contract):
        """{payer line id: monthly amount} for a full month, as the monthly invoices split it (the contract's own
        computation)."""
        return {payer.id: amount for payer, amount in contract._ctxh_payer_month_amounts().items()}

    def _ctxh_price_decision(self, contract):
        """The province's price decision in force on the contract date, if the facility recorded one."""
        price_list = self.env["ctxh.price.list"].search([
            ("company_id", "=", contract.company_id.id), ("date_from", "<=", contract.date),
            ("decision_ref", "!=", False),
        ], order="date_from desc, id desc", limit=1)
        return price_list.decision_ref or ""
