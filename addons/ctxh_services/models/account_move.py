import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR

OVERDUE_BATCH = 200  # invoices reminded per call of the scheduled job


class AccountMove(models.Model):
    _inherit = "account.move"

    ctxh_amount_total_words = fields.Char(
        string="Amount in Words",
        compute="_compute_ctxh_amount_total_words",
        help="Total amount as written on Vietnamese invoices and receipts (bằng chữ).",
    )

    @api.depends("amount_total", "currency_id")
    def _compute_ctxh_amount_total_words(self):
        for move in self:
            currency = move.currency_id
            move.ctxh_amount_total_words = (
                currency.ctxh_amount_to_words(move.amount_total) if currency else False
            )

    def _compute_amount_total_words(self):
        """Odoo's printed invoice states the total in words through num2words ("Bảy Triệu Năm Trăm Nghìn Dong"); in
        đồng it is written as Vietnamese accounting writes it, the words of the form and of the receipts."""
        result = super()._compute_amount_total_words()
        for move in self.filtered(lambda m: m.currency_id.name == "VND"):
            move.amount_total_words = move.currency_id.ctxh_amount_to_words(move.amount_total)
        return result

    @api.model
    def _cron_ctxh_overdue_reminders(self, batch=OVERDUE_BATCH):
        """One reminder per unpaid care invoice past its due date (plus the grace days in force), for the
        accountant who issued it, and one e-mail to its payer; running the job again adds nothing. Each facility's
        invoices are due by its own calendar (its time zone, Vietnam's by default), whatever the scheduler's.

        At most ``batch`` invoices a call: the scheduler commits and calls again while some remain, and lets the
        other jobs run between its rounds. A province's first run can find thousands overdue (the load test's
        did: 14,000 invoices in one transaction held the scheduler for over ten minutes, the billing runs
        waiting behind it)."""
        Parameter = self.env["ctxh.legal.parameter"]
        by_facility = []
        for company in self.env["res.company"].sudo().search([]):
            today = company._ctxh_today()
            grace = int(Parameter._get_value("care_invoice_reminder_days", 0, date=today))
            by_facility.append([("company_id", "=", company.id),
                                ("invoice_date_due", "<", today - timedelta(days=grace))])
        # accountants first, directors (who are accountants too) only when a facility has no accountant
        accountants = self.env.ref(ACCOUNTANT).sudo().users.filtered(lambda u: u.active and not u.share).sorted(
            lambda u: (u.has_group(DIRECTOR), u.id))

        def accountant(move):
            if move.invoice_user_id in accountants:
                return move.invoice_user_id
            return accountants.filtered(lambda u: move.company_id in u.company_ids)[:1]

        summary = self.env._("Care fee overdue: remind the payer")
        # what is left to do: a payer with an address not yet written to, or no open reminder where an accountant
        # works (each invoice picked is then done, so the next call goes on with the next ones)
        todo_domain = [
            ("ctxh_contract_id", "!=", False), ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")), *expression.OR(by_facility or [[(0, "=", 1)]]),
            "|", "&", ("ctxh_payer_reminded_on", "=", False), ("partner_id.email", "!=", False),
            "&", "|", ("invoice_user_id", "in", accountants.ids), ("company_id", "in", accountants.company_ids.ids),
            ("activity_ids", "not any", self._ctxh_open_reminder_domain(summary)),
        ]
        remaining = self.search_count(todo_domain)
        overdue = self.search(todo_domain, order="id", limit=batch)
        overdue._ctxh_remind_payers()
        created = overdue._ctxh_remind(summary, accountant)
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=remaining - len(overdue))
        return created

    ctxh_payer_reminded_on = fields.Date(
        string="Payer Reminded On", readonly=True, copy=False,
        help="When the payer was sent the e-mail reminding them that this care invoice is overdue (once).")

    def _ctxh_remind_payers(self):
        """Each overdue care invoice reminds its payer once, by e-mail in the payer's language: what is still
        due, since when, and how to transfer it (the reference and the facility's account)."""
        for move in self.filtered(lambda m: not m.ctxh_payer_reminded_on and m.partner_id.email):
            partner = move.partner_id
            env = move.with_context(lang=partner.lang or "vi_VN").env
            bank = move.partner_bank_id
            body = env._(
                "Dear %(payer)s, invoice %(invoice)s for the care of %(person)s (contract %(contract)s) was due on "
                "%(due)s and %(amount)s is still to pay. Please transfer it with the message %(reference)s%(bank)s, "
                "or pay at the facility. If you have already paid, please ignore this message.",
                payer=partner.name, invoice=move.name, person=move.ctxh_contract_id.resident_id.name,
                contract=move.ctxh_contract_id.name, due=move.invoice_date_due.strftime("%d/%m/%Y"),
                amount=move.currency_id.ctxh_format(move.amount_residual),
                reference=move.payment_reference or move.name,
                bank=env._(" to account %(account)s (%(bank)s)", account=bank.acc_number, bank=bank.bank_id.name or "")
                if bank else "")
            move.sudo().with_context(no_new_invoice=True).message_post(
                body=body, subject=env._("Care fee overdue: %s", move.name), partner_ids=partner.ids,
                message_type="comment", subtype_xmlid="mail.mt_comment")
            move.sudo().ctxh_payer_reminded_on = move.company_id._ctxh_today()

    # ---- the care invoice: its contract, month and billing run ----
    ctxh_contract_id = fields.Many2one("ctxh.care.contract", string="Care Contract", readonly=True, copy=False,
                                       index="btree_not_null", ondelete="restrict")
    ctxh_period_start = fields.Date(string="Billed Month", readonly=True, copy=False,
                                    help="First day of the month this care invoice bills.")
    ctxh_billing_run_id = fields.Many2one("ctxh.billing.run", string="Billing Run", readonly=True, copy=False,
                                          index="btree_not_null", ondelete="set null")

    def init(self):
        result = super().init()
        # one invoice per contract, payer and month, even under two runs at the same moment; a cancelled
        # invoice does not count, so the month can be billed again after a correction, nor does one reversed in
        # full, so that its replacement ("Reverse and create invoice") keeps the month (NULLs are distinct:
        # ordinary moves and credit notes have no period and are not concerned)
        self.env.cr.execute("ALTER TABLE account_move DROP CONSTRAINT IF EXISTS account_move_ctxh_contract_period_uniq")
        self.env.cr.execute("DROP INDEX IF EXISTS account_move_ctxh_contract_period_uniq_idx")
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_ctxh_month_uniq_idx
                ON account_move (ctxh_contract_id, partner_id, ctxh_period_start)
             WHERE state != 'cancel' AND payment_state IS DISTINCT FROM 'reversed'
        """)
        return result

    def write(self, vals):
        # which contract, month and run an invoice bills is set when the billing creates it, never re-pointed
        links = {"ctxh_contract_id", "ctxh_period_start", "ctxh_billing_run_id"}.intersection(vals)
        if links and not self.env.su and self.filtered(lambda move: any(move[f] for f in links)):
            raise UserError(self.env._(
                "The care contract, month and billing run of an invoice are set by the billing and cannot be "
                "changed: cancel the invoice and bill it again."))
        return super().write(vals)

    # ---- e-invoices through Odoo's SInvoice flow (l10n_vn_edi_viettel) ----
    ctxh_einvoice_error = fields.Text(
        string="SInvoice Error", readonly=True, copy=False,
        help="What SInvoice answered the last time this invoice was sent and refused; empty once it is issued.")

    def _ctxh_care_sales(self):
        """The facility's care documents for payers: month invoices, deposits and liquidation credit notes."""
        return self.filtered(lambda move: move.ctxh_contract_id and move.is_sale_document(include_receipts=False))

    def _ctxh_adjusts_paper(self):
        """A credit note that corrects an invoice issued before the facility's e-invoices (on paper): it is
        settled on paper too, SInvoice having no invoice to adjust."""
        self.ensure_one()
        origin = self.reversed_entry_id
        return self.move_type == "out_refund" and (not origin or (not origin._l10n_vn_edi_is_sent()
                                                   and not origin._ctxh_einvoiced()))

    def _ctxh_einvoiced(self):
        """Whether this care document is issued as an e-invoice: its facility issues them from a date on or
        before the document's."""
        self.ensure_one()
        start = self.company_id.ctxh_einvoice_date_from
        day = self.invoice_date or self.company_id._ctxh_today()
        return bool(self.ctxh_contract_id and self.country_code == "VN" and start and day >= start)

    def _ctxh_einvoice_problems(self):
        """{move: [problems]} of the care documents about to be confirmed: what would make SInvoice refuse them,
        and care invoices the law wants as e-invoices while their facility does not issue them."""
        Parameter = self.env["ctxh.legal.parameter"]
        _ = self.env._
        problems = {}
        company_problems = {}
        for move in self._ctxh_care_sales():
            day = move.invoice_date or move.company_id._ctxh_today()
            if move._ctxh_einvoiced():
                if move.move_type == "out_refund" and move._ctxh_adjusts_paper():
                    continue
                if move.company_id not in company_problems:
                    company_problems[move.company_id] = move.company_id._ctxh_einvoice_problems()
                # the symbol comes from the facility's default (checked with the facility) or the payer's own
                found = [*company_problems[move.company_id]]
                if not move.partner_id.name:
                    found.append(_("the payer has no name"))
            elif Parameter._get_value("care_einvoice_required", 0, date=day):
                found = [_("the law requires an e-invoice from %(date)s and %(facility)s does not issue them yet: "
                           "set its SInvoice account and the date it issues e-invoices from",
                           date=Parameter._get("care_einvoice_required", day).date_from.strftime("%d/%m/%Y"),
                           facility=move.company_id.name)]
            else:
                continue
            if found:
                problems[move] = found
        return problems

    def _post(self, soft=True):
        """Care documents are checked before anything is confirmed, so that a billing run is posted whole or
        not at all; once confirmed, those issued as e-invoices are queued for SInvoice (Odoo's sending job
        sends them, a batch at a time, outside the accountant's click)."""
        problems = self.filtered(lambda m: m.state == "draft")._ctxh_einvoice_problems()
        if problems:
            # each problem once, with the payers whose invoices it stops (a run can hold hundreds)
            payers_by_problem = {}
            for move, found in problems.items():
                for problem in found:
                    payers = payers_by_problem.setdefault(problem, [])
                    if move.partner_id.name not in payers:
                        payers.append(move.partner_id.name)
            raise UserError(self.env._(
                "Nothing was confirmed: these invoices cannot be issued as e-invoices.\n%s",
                "\n".join("- %s (%s)" % (problem, ", ".join(payers[:5]) + (", ..." if len(payers) > 5 else ""))
                           for problem, payers in payers_by_problem.items())))
        posted = super()._post(soft=soft)
        care = posted._ctxh_care_sales()
        einvoiced = care.filtered(
            lambda m: m._ctxh_einvoiced() and not (m.move_type == "out_refund" and m._ctxh_adjusts_paper()))
        einvoiced._ctxh_send_einvoice(email=True)
        (care - einvoiced)._ctxh_queue_sending(einvoice=False, email=True)
        return posted

    def _ctxh_send_einvoice(self, email=False):
        """Queue the documents for SInvoice; sent again, an invoice keeps its transaction, which SInvoice is
        asked about first, so a retry never issues a second e-invoice (nor e-mails the family twice)."""
        return self.filtered(lambda m: m.l10n_vn_edi_invoice_state == "ready_to_send")._ctxh_queue_sending(
            einvoice=True, email=email)

    def _ctxh_queue_sending(self, einvoice, email):
        """Hand the confirmed documents to Odoo's own sending job, which works outside the accountant's click:
        through SInvoice when ``einvoice``, and by e-mail (Odoo's invoice e-mail, in the payer's language, with
        the PDF and the e-invoice files) to the payers who have an address when ``email``."""
        to_send = self.filtered(lambda m: m.state == "posted")
        queued = False
        for by_email, moves in to_send.grouped(lambda m: bool(email and m.partner_id.email)).items():
            if not (einvoice or by_email):
                continue
            moves.sudo().write({"sending_data": {
                "author_user_id": self.env.user.id,
                "author_partner_id": self.env.user.partner_id.id,
                "extra_edis": ["vn_sinvoice_send"] if einvoice else [],
                "sending_methods": ["email"] if by_email else ["manual"],
            }})
            queued = True
        if queued:
            self.env.ref("account.ir_cron_account_move_send")._trigger()
        return queued

    def _l10n_vn_edi_send_invoice(self, invoice_json_data):
        # EXTENDS l10n_vn_edi_viettel: keep SInvoice's answer on the invoice, for the billing run's retry
        errors = super()._l10n_vn_edi_send_invoice(invoice_json_data)
        self.sudo().ctxh_einvoice_error = "\n".join(errors) if errors else False
        return errors

    def _l10n_vn_edi_generate_invoice_json(self):
        # EXTENDS l10n_vn_edi_viettel
        transaction = self.l10n_vn_edi_invoice_transaction_id
        values = super()._l10n_vn_edi_generate_invoice_json()
        if not self.ctxh_contract_id:
            return values
        if transaction:
            # an earlier try may have reached SInvoice: the same transaction lets it say so instead of a new
            # invoice being created beside it
            values["generalInvoiceInfo"]["transactionUuid"] = transaction
        sign = -1 if self.move_type == "out_refund" else 1
        untaxed, tax, total = self.amount_untaxed, self.amount_tax, self.amount_total
        values["summarizeInfo"] = {
            "sumOfTotalLineAmountWithoutTax": sign * untaxed,
            "totalAmountWithoutTax": sign * untaxed,
            "totalTaxAmount": sign * tax,
            "totalAmountWithTax": sign * total,
            # the words of our own documents (Vietnamese accounting style), not SInvoice's own spelling
            "totalAmountWithTaxInWords": self.currency_id.ctxh_amount_to_words(total),
            "discountAmount": 0,
        }
        return values

    def _l10n_vn_edi_add_buyer_information(self, json_values):
        # EXTENDS l10n_vn_edi_viettel: a family member pays as a person; the legal name is for a company buyer
        result = super()._l10n_vn_edi_add_buyer_information(json_values)
        if self.ctxh_contract_id and not self.commercial_partner_id.is_company:
            json_values["buyerInfo"]["buyerLegalName"] = ""
        return result

    def _l10n_vn_edi_add_item_information(self, json_values):
        # EXTENDS l10n_vn_edi_viettel: a care line names its service and month ("Chăm sóc ... tháng 03/2027"),
        # which the product's name alone does not
        result = super()._l10n_vn_edi_add_item_information(json_values)
        if self.ctxh_contract_id:
            lines = self.invoice_line_ids.filtered(lambda ln: ln.display_type == "product")
            for item, line in zip(json_values["itemInfo"], lines, strict=True):
                item["itemName"] = line.name or item["itemName"]
        return result

    # ---- the payment reference a family writes in its transfer ----
    def _get_invoice_computed_reference(self):
        """A care invoice's payment reference is the facility's code and the invoice number without separators,
        e.g. TTBTXHINV202600123: short enough for a banking app's transfer message, free of accents and
        symbols banks strip, and found again in a bank statement line."""
        self.ensure_one()
        if self.ctxh_contract_id and self.move_type == "out_invoice":
            return self._ctxh_payment_reference()
        return super()._get_invoice_computed_reference()

    def _ctxh_payment_reference(self):
        self.ensure_one()
        code = re.sub(r"[^A-Z0-9]", "", (self.company_id.ctxh_code or "").upper())
        return code + re.sub(r"[^A-Z0-9]", "", (self.name or "").upper())

    def _ctxh_vietqr(self):
        """The VietQR (EMV) image of what remains to pay on this invoice, as a data URL for documents, or False
        when the facility's bank account cannot make one."""
        self.ensure_one()
        bank = self.partner_bank_id
        if not bank or self.state != "posted" or self.currency_id.is_zero(self.amount_residual):
            return False
        return bank.build_qr_code_base64(self.amount_residual, self.payment_reference or self.name,
                                         self.payment_reference, self.currency_id, self.partner_id,
                                         qr_method="emv_qr", silent_errors=True) or False

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_care_invoices(self):
        care = self.filtered("ctxh_contract_id")
        if care:
            raise UserError(self.env._(
                "Care invoices are kept for good: cancel %s instead of deleting it.", care[:1].display_name))
