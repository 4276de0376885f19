from odoo import api, fields, models
from odoo.exceptions import UserError

# Vietnamese cash and bank vouchers: phiếu thu / phiếu chi for cash, giấy báo Có / báo Nợ for the bank
VOUCHER_PREFIXES = {
    ("cash", "inbound"): "PT",
    ("cash", "outbound"): "PC",
    ("bank", "inbound"): "BC",
    ("bank", "outbound"): "BN",
}


class AccountPayment(models.Model):
    _inherit = "account.payment"

    ctxh_voucher_number = fields.Char(
        string="Voucher Number", readonly=True, copy=False, index="btree_not_null",
        help="Number of the receipt (phiếu thu, PT), cash payment (phiếu chi, PC) or bank advice "
             "(giấy báo Có, BC / báo Nợ, BN), from the facility's yearly register; given on confirmation.")
    ctxh_payer_name = fields.Char(
        string="Paid or Received By", compute="_compute_ctxh_payer_name", store=True, readonly=False,
        help="The person who hands over or receives the money, as written on the voucher.")
    ctxh_amount_words = fields.Char(string="Amount in Words", compute="_compute_ctxh_amount_words")
    ctxh_contract_ids = fields.Many2many("ctxh.care.contract", string="Care Contracts",
                                         compute="_compute_ctxh_contract_ids")

    _sql_constraints = [
        ("ctxh_voucher_number_uniq", "unique(company_id, ctxh_voucher_number)",
         "This voucher number is already used in the facility."),
    ]

    @api.depends("partner_id")
    def _compute_ctxh_payer_name(self):
        for payment in self:
            payment.ctxh_payer_name = payment.partner_id.name or payment.ctxh_payer_name

    @api.depends("amount", "currency_id")
    def _compute_ctxh_amount_words(self):
        for payment in self:
            currency = payment.currency_id
            payment.ctxh_amount_words = currency.ctxh_amount_to_words(payment.amount) if currency else False

    @api.depends("reconciled_invoice_ids")
    def _compute_ctxh_contract_ids(self):
        for payment in self:
            payment.ctxh_contract_ids = payment.reconciled_invoice_ids.ctxh_contract_id

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_vouchers(self):
        """A numbered receipt or payment voucher is in the facility's gapless register: it is cancelled, kept."""
        numbered = self.filtered("ctxh_voucher_number")
        if numbered:
            raise UserError(self.env._(
                "Voucher %s is in the facility's register and is never deleted: cancel it instead.",
                numbered[:1].ctxh_voucher_number))

    def action_post(self):
        result = super().action_post()
        self._ctxh_assign_voucher_number()
        return True if result is None else result  # Odoo's answers None, which XML-RPC cannot carry

    def _ctxh_voucher_prefix(self):
        self.ensure_one()
        if self.partner_type != "customer":
            return False
        return VOUCHER_PREFIXES.get((self.journal_id.type, self.payment_type))

    def _ctxh_assign_voucher_number(self):
        """Number customer payments from the facility's register of their kind (PT-2026-0001)."""
        for payment in self.filtered(lambda p: not p.ctxh_voucher_number).sorted(lambda p: (p.date, p.id)):
            prefix = payment._ctxh_voucher_prefix()
            if prefix:
                sequence = payment._ctxh_voucher_sequence(prefix)
                payment.ctxh_voucher_number = sequence.next_by_id(sequence_date=payment.date)

    def _ctxh_voucher_sequence(self, prefix):
        """The facility's yearly register of ``prefix`` vouchers."""
        company = self.company_id
        return company._ctxh_yearly_sequence(
            "ctxh.voucher.%s" % prefix.lower(),
            self.env._("Vouchers %(prefix)s (%(facility)s)", prefix=prefix, facility=company.name),
            prefix="%s-%%(range_year)s-" % prefix)
