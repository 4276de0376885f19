import re
import unicodedata

from odoo import fields, models
from odoo.fields import Command

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT


def _plain(text):
    """``text`` as a bank keeps a transfer message: upper case, without accents or separators."""
    text = unicodedata.normalize("NFKD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^A-Z0-9]", "", text.encode("ascii", "ignore").decode().upper())


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    ctxh_match_note = fields.Char(
        string="Matching", readonly=True, copy=False,
        help="What the import found for this line: the invoices its transfer message names and what was paid, "
             "or, for a line left to the accountant, the open care invoices it may pay.")

    def _ctxh_reconcile_by_reference(self):
        """Pay the care invoices whose transfer reference a line's message carries: one bank advice (giấy báo
        Có, numbered in the facility's register) per invoice paid, matched with the line; what the line does not
        cover stays open on the invoice, what it pays beyond stays on the line for the accountant. Lines naming
        no invoice are left with a suggestion. Returns the lines matched."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        lines = self.filtered(
            lambda line: not line.is_reconciled and line.currency_id.compare_amounts(line.amount, 0) > 0)
        if not lines:
            return self.browse()
        Move = self.env["account.move"]
        # one read of every open care invoice of the facilities concerned, not one search per line
        open_invoices = Move.search([
            ("company_id", "in", lines.company_id.ids), ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
            ("ctxh_contract_id", "!=", False), ("payment_state", "in", ("not_paid", "partial")),
            ("payment_reference", "!=", False),
        ], order="invoice_date_due, id")
        by_reference = {_plain(move.payment_reference): move for move in open_invoices}
        # the payers' names as a bank message writes them, once for all the lines left without a reference
        payer_names = {move: _plain(move.partner_id.name) for move in open_invoices}
        matched = self.browse()
        for line in lines:
            message = _plain(" ".join(filter(None, [line.payment_ref, line.ref,
                                                    line.narration and str(line.narration)])))
            found = [ref for ref in by_reference if ref in message]
            # a reference inside a longer one found too is not a second invoice
            found = [ref for ref in found if not any(ref != other and ref in other for other in found)]
            invoices = Move.browse([by_reference[ref].id for ref in found]).filtered(
                lambda m, line=line: m.company_id == line.company_id and m.amount_residual > 0)
            if not invoices:
                line.ctxh_match_note = line._ctxh_suggestion(payer_names)
                continue
            line._ctxh_pay(invoices.sorted(lambda m: (m.invoice_date_due or m.date, m.id)))
            matched |= line
        return matched

    def _ctxh_pay(self, invoices):
        """Register this line's money on ``invoices`` in order, and match the bank advices with the line."""
        self.ensure_one()
        currency = self.currency_id
        remaining = self.amount
        payments = self.env["account.payment"]
        notes = []
        for invoice in invoices:
            if not currency.compare_amounts(remaining, 0) > 0:
                break
            amount = min(remaining, invoice.amount_residual)
            wizard = self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids).create({
                    "journal_id": self.journal_id.id, "payment_date": self.date, "amount": amount,
                    "communication": invoice.payment_reference, "payment_difference_handling": "open",
                })
            payments |= wizard._create_payments()
            remaining = currency.round(remaining - amount)
            notes.append(self.env._("%(invoice)s: %(amount)s", invoice=invoice.name,
                                    amount=currency.ctxh_format(amount)))
        _liquidity, suspense, _other = self._seek_for_lines()
        commands = []
        for payment in payments:
            values = {"account_id": payment.outstanding_account_id.id, "partner_id": payment.partner_id.id,
                      "balance": -payment.amount, "amount_currency": -payment.amount,
                      "name": payment.memo or self.payment_ref}
            commands.append(Command.update(suspense.id, values) if not commands else Command.create(values))
        if currency.compare_amounts(remaining, 0) > 0:
            # paid beyond the invoices named: the rest waits on the suspense account for the accountant
            commands.append(Command.create({
                "account_id": suspense.account_id.id, "partner_id": invoices[:1].partner_id.id,
                "balance": -remaining, "amount_currency": -remaining, "name": self.payment_ref,
            }))
            notes.append(self.env._("%s more than the invoices named: left to the accountant",
                                    currency.ctxh_format(remaining)))
        self.move_id.with_context(skip_readonly_check=True).write({"line_ids": commands})
        for payment in payments:
            pair = (self.move_id.line_ids | payment.move_id.line_ids).filtered(
                lambda ln, p=payment: ln.account_id == p.outstanding_account_id and not ln.reconciled
                and ln.partner_id == p.partner_id and ln.currency_id.compare_amounts(abs(ln.balance), p.amount) == 0)
            pair.reconcile()
        self.ctxh_match_note = "; ".join(notes)
        return payments

    def _ctxh_suggestion(self, payer_names):
        """The open care invoices an unmatched line may pay (``payer_names``: {open invoice: payer's name as
        banks write it}): the payer's name in the message, else the amount still due."""
        self.ensure_one()
        message = _plain(" ".join(filter(None, [self.payment_ref, self.partner_name])))
        still_open = [move for move in payer_names
                      if move.company_id == self.company_id and move.currency_id.compare_amounts(
                          move.amount_residual, 0) > 0]
        candidates = [move for move in still_open if len(payer_names[move]) > 5 and payer_names[move] in message] \
            or [move for move in still_open if move.currency_id.compare_amounts(move.amount_residual, self.amount) == 0]
        if not candidates:
            return self.env._("No transfer reference and no open care invoice of this payer or amount")
        return self.env._("No transfer reference; perhaps: %s", ", ".join(
            "%s (%s, %s)" % (m.name, m.partner_id.name, m.currency_id.ctxh_format(m.amount_residual))
            for m in candidates[:3]))
