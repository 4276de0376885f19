"""Care invoices, deposits and liquidation credit notes become e-invoices through Odoo's own SInvoice flow
(l10n_vn_edi_viettel): queued when confirmed, sent by Odoo's sending job, refused or lost answers kept on the
invoice and sent again without a second e-invoice, nothing confirmed when the law wants an e-invoice the
facility cannot issue. SInvoice is faked at its HTTP boundary (sinvoice_fake)."""

from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CtxhContractCase
from .sinvoice_fake import fake_sinvoice


@tagged("post_install", "-at_install")
class TestEInvoice(CtxhContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's own test runner marks the running test, so that the sending job does not commit the test's
        # transaction; pytest-odoo does not, so the mark is set here as Odoo would
        cls.startClassPatcher(patch("odoo.modules.module.current_test", cls.__name__))
        # the facility issues e-invoices from January 2026: the tests' months are issued
        cls.facility_a.ctxh_einvoice_date_from = date(2026, 1, 1)
        cls.sponsor = cls.env["res.partner"].create({"name": "Công ty TNHH Hạ Long Xanh", "is_company": True,
                                                     "vat": "5700111222"})
        cls.resident, cls.stay, cls.contract = cls._resident_under_contract()
        cls.others = cls.env["ctxh.care.contract"]
        for name, payers in (("Nông Văn Khánh", {cls.son: 60, cls.daughter: 40}),
                             ("Lục Thị Nga", {cls.sponsor: 50, cls.daughter: 50})):
            resident = cls._resident(name=name)
            stay = cls._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
            cls.others |= cls._contract(resident, stay, payers=payers)
        cls.Move = cls.env["account.move"]

    def _send(self):
        """What Odoo's sending job does in the background, every batch until none is queued."""
        for _round in range(5):
            if not self.Move.search_count([("sending_data", "!=", False)]):
                return
            self.Move._cron_account_move_send(job_count=50)
        self.fail("the sending job left invoices queued")

    def _march(self):
        run = self._run(date(2026, 3, 1))
        run.action_post()
        return run

    def test_billing_run_issues_one_einvoice_per_invoice(self):
        """Posting a run of three contracts queues their six invoices; Odoo's job issues them on SInvoice with
        the payer as buyer, each service and month as a line, the amount in words of our documents and the
        facility as seller; number, state and files come back onto each invoice."""
        run = self._march()
        moves = run.move_ids
        self.assertEqual(len(moves), 6)
        self.assertTrue(all(moves.mapped("sending_data")), "confirmed invoices are queued for SInvoice")
        self.assertEqual(set(moves.mapped("l10n_vn_edi_invoice_state")), {"ready_to_send"})
        with fake_sinvoice() as sinvoice:
            self._send()
        self.assertEqual(set(moves.mapped("l10n_vn_edi_invoice_state")), {"sent"})
        self.assertEqual(len(set(moves.mapped("l10n_vn_edi_invoice_number"))), 6)
        self.assertEqual(len(sinvoice.create_calls), 6)
        self.assertTrue(all(moves.mapped("l10n_vn_edi_sinvoice_pdf_file")))
        self.assertTrue(all(moves.mapped("l10n_vn_edi_sinvoice_xml_file")))
        self.assertEqual((run.einvoice_issued_count, run.einvoice_waiting_count, run.einvoice_failed_count),
                         (6, 0, 0))

        invoice = moves.filtered(lambda m: m.ctxh_contract_id == self.contract and m.partner_id == self.son)
        payload = sinvoice.payload_of(invoice)
        self.assertEqual(payload["buyerInfo"]["buyerName"], "Hoàng Văn Hải")
        self.assertEqual(payload["buyerInfo"]["buyerLegalName"], "", "a family member buys as a person")
        self.assertEqual(payload["sellerInfo"]["sellerLegalName"], self.facility_a.name)
        self.assertEqual(payload["sellerInfo"]["sellerTaxCode"], "4900102938")
        self.assertEqual(payload["generalInvoiceInfo"]["invoiceSeries"], "C26TLS")
        self.assertEqual(payload["generalInvoiceInfo"]["templateCode"], self.symbol.invoice_template_id.name)
        self.assertEqual([item["itemName"] for item in payload["itemInfo"]], invoice.invoice_line_ids.mapped("name"))
        self.assertIn("03/2026", payload["itemInfo"][0]["itemName"], "the line says which month it bills")
        self.assertEqual(payload["summarizeInfo"]["totalAmountWithTax"], invoice.amount_total)
        self.assertEqual(payload["summarizeInfo"]["totalAmountWithTaxInWords"], "Bốn triệu năm trăm nghìn đồng")
        sponsor_invoice = moves.filtered(lambda m: m.partner_id == self.sponsor)
        self.assertEqual(sinvoice.payload_of(sponsor_invoice)["buyerInfo"]["buyerLegalName"], self.sponsor.name)
        self.assertEqual(sinvoice.payload_of(sponsor_invoice)["buyerInfo"]["buyerTaxCode"], "5700111222")

    def test_refusal_and_lost_answer_are_sent_again_once(self):
        """SInvoice refuses the sponsor's invoice and loses its answer for another: both wait on the run with
        SInvoice's reason; sent again, the refused one is issued and the lost one is found, not issued twice."""
        run = self._march()
        with fake_sinvoice() as sinvoice:
            sinvoice.refuse[self.sponsor.name] = "Mã số thuế người mua không hợp lệ"
            sinvoice.lose.add(self.daughter.name)
            self._send()
            refused = run.move_ids.filtered(lambda m: m.partner_id == self.sponsor)
            self.assertEqual(refused.l10n_vn_edi_invoice_state, "ready_to_send")
            self.assertIn("Mã số thuế người mua không hợp lệ", refused.ctxh_einvoice_error)
            lost = run.move_ids.filtered(lambda m: m.l10n_vn_edi_invoice_state == "ready_to_send") - refused
            self.assertEqual(len(lost), 1)
            self.assertTrue(lost.ctxh_einvoice_error)
            self.assertEqual(run.einvoice_failed_count, 2)
            self.assertEqual(run.einvoice_issued_count, 4)
            number_given = sinvoice.numbers[lost.l10n_vn_edi_invoice_transaction_id]

            sinvoice.refuse.clear()
            run.with_user(self.accountant_a).action_send_einvoices()
            self._send()
            self.assertEqual(set(run.move_ids.mapped("l10n_vn_edi_invoice_state")), {"sent"})
            self.assertFalse(any(run.move_ids.mapped("ctxh_einvoice_error")))
            self.assertEqual(lost.l10n_vn_edi_invoice_number, number_given)
            self.assertEqual(sinvoice.create_calls.count(lost.l10n_vn_edi_invoice_transaction_id), 1,
                             "the invoice SInvoice had issued is not issued a second time")
            self.assertEqual(len(sinvoice.numbers), 6)
        with self.assertRaisesRegex(UserError, "has its e-invoice"):
            run.with_user(self.accountant_a).action_send_einvoices()

    def test_nothing_is_confirmed_when_the_law_wants_einvoices_the_facility_cannot_issue(self):
        """From 2027 a care invoice must be an e-invoice: a facility without SInvoice gets a clear message in
        Vietnamese and not one invoice of the run is confirmed; before the facility's start date nothing is
        sent."""
        self.facility_a.sudo().ctxh_einvoice_date_from = False
        run = self._run(date(2027, 1, 1))
        self.assertTrue(run.move_ids)
        with self.assertRaisesRegex(UserError, "Nothing was confirmed") as caught:
            run.with_user(self.accountant_a).action_post()
        self.assertIn("01/01/2027", str(caught.exception))
        self.assertEqual(set(run.move_ids.mapped("state")), {"draft"})
        with self.assertRaisesRegex(UserError, "Không có hóa đơn nào được xác nhận"):
            run.move_ids.with_user(self.accountant_a).with_context(lang="vi_VN").action_post()
        self.assertEqual(set(run.move_ids.mapped("state")), {"draft"})

        # a configured facility with a missing symbol is stopped the same way, naming what is missing
        self.facility_a.sudo().ctxh_einvoice_date_from = date(2026, 1, 1)
        self.env["ir.default"].set("res.partner", "l10n_vn_edi_symbol", False, company_id=self.facility_a.id)
        with self.assertRaisesRegex(UserError, "invoice symbol"):
            run.move_ids.with_user(self.accountant_a).action_post()

        # February 2026, before the facility issued e-invoices and before the law required them: paper
        self.facility_a.sudo().ctxh_einvoice_date_from = date(2026, 3, 1)
        february = self._run(date(2026, 2, 1))
        february.action_post()
        self.assertEqual(set(february.move_ids.mapped("state")), {"posted"})
        self.assertFalse(any(february.move_ids.mapped("sending_data")))

    def test_deposit_and_liquidation_credit_notes_adjust_their_einvoices(self):
        """The deposit invoice is an e-invoice; on liquidation the credit notes (days not in care, deposit given
        back) are adjusting e-invoices citing the invoice they correct and the liquidation record."""
        resident = self._resident(name="Chu Thị Bình")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        with fake_sinvoice() as sinvoice:
            contract = self._contract(resident, stay, payers={self.son: 100}, deposit_amount=1_000_000,
                                      date=date(2026, 3, 2), date_start=date(2026, 3, 2))
            self._send()
            deposit = contract.deposit_move_id
            self.assertEqual(deposit.l10n_vn_edi_invoice_state, "sent")
            self._march()
            self._send()
            march = contract.move_ids.filtered(lambda m: m.ctxh_period_start == date(2026, 3, 1))
            self.assertEqual(march.l10n_vn_edi_invoice_state, "sent")
            stay._end(datetime(2026, 3, 20, 3, 0))
            contract.with_user(self.accountant_a).action_terminate()
            refunds = contract.move_ids.filtered(lambda m: m.move_type == "out_refund")
            self.assertEqual(len(refunds), 2)
            self.assertEqual(set(refunds.mapped("reversed_entry_id").ids), {deposit.id, march.id})
            self._send()
            self.assertEqual(set(refunds.mapped("l10n_vn_edi_invoice_state")), {"sent"})
            for refund in refunds:
                info = sinvoice.payload_of(refund)["generalInvoiceInfo"]
                self.assertEqual(info["adjustmentType"], "5")
                self.assertEqual(info["adjustmentInvoiceType"], "1")
                self.assertEqual(info["originalInvoiceId"], refund.reversed_entry_id.l10n_vn_edi_invoice_number)
                self.assertEqual(info["additionalReferenceDesc"], f"Contract liquidation record {contract.name}")
                self.assertLess(sinvoice.payload_of(refund)["itemInfo"][0]["unitPrice"], 0)

    def test_cancellation_follows_the_modules_flow(self):
        """An issued invoice is cancelled through l10n_vn_edi_viettel's wizard: SInvoice first, then Odoo."""
        run = self._march()
        with fake_sinvoice() as sinvoice:
            self._send()
            invoice = run.move_ids[:1]
            action = invoice.button_request_cancel()
            self.assertEqual(action["res_model"], "l10n_vn_edi_viettel.cancellation")
            self.env["l10n_vn_edi_viettel.cancellation"].with_context(action["context"]).create({
                "reason": "Lập sai tháng", "agreement_document_name": "Biên bản hủy hóa đơn 01/2026",
            }).button_request_cancel()
        self.assertEqual(sinvoice.cancelled, [invoice.l10n_vn_edi_invoice_number])
        self.assertEqual((invoice.state, invoice.l10n_vn_edi_invoice_state), ("cancel", "canceled"))

    def test_replacement_follows_the_modules_flow(self):
        """"Reverse and create invoice" on an issued care invoice makes a replacing e-invoice (type 3) citing it."""
        run = self._march()
        with fake_sinvoice() as sinvoice:
            self._send()
            invoice = run.move_ids[:1]
            wizard = self.env["account.move.reversal"].with_user(self.accountant_a).with_context(
                active_model="account.move", active_ids=invoice.ids).create({
                    "journal_id": invoice.journal_id.id, "reason": "Sai số ngày ở tại cơ sở",
                    "l10n_vn_edi_agreement_document_name": "Biên bản thỏa thuận thay thế hóa đơn"})
            action = wizard.reverse_moves(is_modify=True)
            replacement = self.env["account.move"].browse(action["res_id"])
            self.assertEqual(invoice.l10n_vn_edi_invoice_state, "replaced")
            self.assertEqual(replacement.l10n_vn_edi_replacement_origin_id, invoice)
            replacement.action_post()
            self.env["account.move.send"]._generate_and_send_invoices(
                replacement, extra_edis={"vn_sinvoice_send"}, sending_methods={"manual"})
            info = sinvoice.payload_of(replacement)["generalInvoiceInfo"]
        self.assertEqual(replacement.l10n_vn_edi_invoice_state, "sent")
        # the replacement bills the same contract and month, the credit note stays on the contract too
        self.assertEqual((replacement.ctxh_contract_id, replacement.ctxh_period_start),
                         (invoice.ctxh_contract_id, invoice.ctxh_period_start))
        self.assertEqual(invoice.reversal_move_ids.ctxh_contract_id, invoice.ctxh_contract_id)
        self.assertEqual(info["adjustmentType"], "3")
        self.assertEqual(info["originalInvoiceId"], invoice.l10n_vn_edi_invoice_number)
        self.assertEqual(info["additionalReferenceDesc"], "Biên bản thỏa thuận thay thế hóa đơn")

    def test_payment_reference_and_vietqr(self):
        """A care invoice's reference is the facility's code and its number, without separators, short enough
        for a banking app; its VietQR code carries the facility's bank, the amount due and that reference."""
        bank = self.env["res.partner.bank"].create({
            "acc_number": "0091000123456", "partner_id": self.facility_a.partner_id.id,
            "company_id": self.facility_a.id, "bank_id": self.env.ref("ctxh_services.res_bank_vcb").id,
            "allow_out_payment": True, "proxy_type": "bank_acc", "proxy_value": "0091000123456",
            "include_reference": True,
        })
        run = self._march()
        invoice = run.move_ids[:1]
        self.assertEqual(invoice.partner_bank_id, bank)
        self.assertRegex(invoice.payment_reference, r"^TTBTXHLS[A-Z0-9]+$")
        self.assertEqual(invoice.payment_reference, "TTBTXHLS" + "".join(c for c in invoice.name if c.isalnum()))
        self.assertLessEqual(len(invoice.payment_reference), 25)
        payload = bank._get_qr_vals("emv_qr", invoice.amount_residual, invoice.currency_id, invoice.partner_id,
                                    invoice.payment_reference, invoice.payment_reference)
        self.assertIn("970436", payload)
        self.assertIn("0091000123456", payload)
        self.assertIn(invoice.payment_reference, payload)
        self.assertIn("%d" % invoice.amount_residual, payload)
        self.assertTrue(invoice._ctxh_vietqr().startswith("data:image/png;base64,"))
        self._pay(invoice)
        self.assertFalse(invoice._ctxh_vietqr(), "nothing left to pay: no code")

    def test_family_gets_the_invoice_and_the_overdue_reminder_by_email(self):
        """A payer with an e-mail address receives the invoice (Odoo's e-mail, with the SInvoice files) and,
        once it is overdue, one reminder in their language with the transfer message."""
        self.son.write({"email": "hoangvanhai@example.vn", "lang": "vi_VN"})
        run = self._march()
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.contract and m.partner_id == self.son)
        self.assertEqual(invoice.sending_data["sending_methods"], ["email"])
        self.assertEqual(invoice.sending_data["extra_edis"], ["vn_sinvoice_send"])
        with fake_sinvoice():
            self._send()
        self.assertTrue(invoice.is_move_sent, "Odoo's invoice e-mail went to the payer")
        sent = invoice.message_ids.filtered(lambda m: self.son in m.partner_ids)
        self.assertTrue(sent)
        self.assertIn(invoice.l10n_vn_edi_sinvoice_pdf_file_id.name, sent.attachment_ids.mapped("name"),
                      "with SInvoice's PDF of the e-invoice")

        self.Move._cron_ctxh_overdue_reminders()
        self.Move._cron_ctxh_overdue_reminders()
        reminders = invoice.message_ids.filtered(lambda m: "quá hạn" in (m.subject or ""))
        self.assertEqual(len(reminders), 1, "one reminder, however often the job runs")
        self.assertIn(self.son, reminders.partner_ids)
        self.assertIn(invoice.payment_reference, reminders.body)
        self.assertIn("4.500.000", reminders.body)
        self.assertEqual(invoice.ctxh_payer_reminded_on, self.facility_a._ctxh_today())
