from datetime import date, datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CtxhContractCase

SETTLED = ("paid", "in_payment", "reversed")


@tagged("post_install", "-at_install")
class TestPayments(CtxhContractCase):
    """Deposits, receipts, overdue reminders and the liquidation of a contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident, cls.stay, cls.contract = cls._resident_under_contract(deposit_amount=2_000_000)

    def _posted_month(self, month_start):
        run = self._run(month_start)
        run.action_post()
        return run.move_ids

    def test_deposit_is_held_as_a_liability(self):
        """Signing posts the deposit invoice on account 344 (a liability), never on income."""
        deposit = self.contract.deposit_move_id
        self.assertEqual(deposit.state, "posted")
        self.assertEqual(deposit.amount_total, 2_000_000)
        line = deposit.invoice_line_ids
        self.assertEqual(line.account_id.with_company(self.facility_a).code, "3440")
        self.assertEqual(line.account_id.account_type, "liability_current")
        self.assertFalse(deposit.line_ids.filtered(lambda x: x.account_id.internal_group == "income"))

    def test_a_configured_deposit_account_wins(self):
        """The facility's own deposit account, when set, holds the deposit."""
        account = self.env["account.account"].with_company(self.facility_a).create({
            "name": "Ký quỹ của người nhà", "code": "3449", "account_type": "liability_current",
            "company_ids": [self.facility_a.id]})
        self.facility_a.ctxh_deposit_account_id = account
        resident = self._resident(name="Đinh Văn Tài")
        contract = self._contract(resident, self._admit(resident, date_start=datetime(2026, 1, 2, 3, 0)),
                                  deposit_amount=500_000)
        self.assertEqual(contract.deposit_move_id.invoice_line_ids.account_id, account)

    def test_invoices_fall_due_by_the_contract_terms(self):
        """The monthly invoices fall due 10 days after their date (the default terms of a contract)."""
        self.assertEqual(self.contract.payment_term_id,
                         self.env.ref("ctxh_services.account_payment_term_ctxh_10_days"))
        moves = self._posted_month(date(2026, 3, 1))
        self.assertEqual(set(moves.mapped("invoice_date_due")), {date(2026, 3, 11)})
        self.assertEqual(moves.invoice_user_id, self.accountant_a, "issued in the name of who ran the month")

    def test_cash_receipts_and_bank_advices_are_numbered_with_amount_in_words(self):
        """Cash gives receipts PT-2026-0001, 0002 in date order; a transfer a credit advice BC-2026-0001."""
        moves = self._posted_month(date(2026, 3, 1))
        son_invoice = moves.filtered(lambda m: m.partner_id == self.son)
        daughter_invoice = moves - son_invoice
        first = self._pay(son_invoice, day=date(2026, 3, 5), amount=2_000_015)
        second = self._pay(son_invoice, day=date(2026, 3, 8))
        bank = self._pay(daughter_invoice, journal_type="bank", day=date(2026, 3, 9))
        self.assertEqual(first.ctxh_voucher_number, "PT-2026-0001")
        self.assertEqual(second.ctxh_voucher_number, "PT-2026-0002")
        self.assertEqual(bank.ctxh_voucher_number, "BC-2026-0001")
        self.assertEqual(first.ctxh_amount_words, "Hai triệu không trăm mười lăm đồng")
        self.assertEqual(second.amount, 4_500_000 - 2_000_015)
        self.assertEqual(first.ctxh_payer_name, self.son.name)
        self.assertEqual(first.ctxh_contract_ids, self.contract)
        self.assertIn(son_invoice.payment_state, SETTLED)
        self.assertIn(daughter_invoice.payment_state, SETTLED)
        self.assertEqual(self.contract.with_user(self.accountant_a).amount_due, 2_000_000, "the deposit is owed")

    def test_voucher_numbers_are_unique_per_facility(self):
        """The database refuses a voucher number used twice in a facility."""
        invoice = self._posted_month(date(2026, 3, 1))[:1]
        payment = self._pay(invoice)
        other = self._pay(self.contract.deposit_move_id)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            other.ctxh_voucher_number = payment.ctxh_voucher_number
            other.flush_recordset()

    def test_overdue_invoices_remind_the_accountant_once(self):
        """An unpaid invoice past its due date leaves one reminder for the accountant; a paid one none."""
        moves = self._posted_month(date(2026, 3, 1))
        son_invoice = moves.filtered(lambda m: m.partner_id == self.son)
        self._pay(son_invoice)
        self._pay(self.contract.deposit_move_id)  # signed today: due today or, by Vietnamese time, yesterday
        Move = self.env["account.move"]
        Move._cron_ctxh_overdue_reminders()
        Move._cron_ctxh_overdue_reminders()
        reminded = self.env["mail.activity"].search([
            ("res_model", "=", "account.move"), ("res_id", "in", (moves | self.contract.deposit_move_id).ids)])
        self.assertEqual(reminded.mapped("res_id"), (moves - son_invoice).ids)
        self.assertEqual(reminded.user_id, self.accountant_a)
        self.assertEqual(self.contract.with_user(self.accountant_a).amount_overdue, 3_000_000)

    def test_overdue_reminders_go_in_batches(self):
        """The job reminds a batch of invoices a call and tells the scheduler how many remain: the next call goes on
        with the next ones (each invoice once, its payer once), the last one finds nothing left."""
        moves = self._posted_month(date(2026, 3, 1)) | self._posted_month(date(2026, 4, 1))
        moves |= self.contract.deposit_move_id
        self.son.email = "son@example.vn"
        cron = self.env.ref("ctxh_services.ir_cron_ctxh_overdue_care_invoices")
        Move = self.env["account.move"]
        remaining, done, rounds = [], [], 0
        reminded = self.env["mail.activity"]
        while rounds < 10:
            progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "remaining": 0, "done": 0})
            created = Move.with_context(ir_cron_progress_id=progress.id)._cron_ctxh_overdue_reminders(batch=2)
            rounds += 1
            remaining.append(progress.remaining)
            done.append(progress.done)
            reminded |= created
            if not progress.remaining:
                break
        # the demo's overdue invoices are reminded too: the rounds count what the first call found
        total = remaining[0] + done[0]
        overdue = moves.filtered(lambda m: m.invoice_date_due < fields.Date.today())
        self.assertGreater(len(overdue), 2, "more invoices than a batch")
        self.assertEqual(done, [2] * (rounds - 1) + [total - 2 * (rounds - 1)], "a batch a call")
        self.assertEqual(remaining, [total - sum(done[:n + 1]) for n in range(rounds)], "each call leaves fewer")
        self.assertEqual(rounds, -(-total // 2))
        res_ids = reminded.mapped("res_id")
        self.assertEqual(len(res_ids), len(set(res_ids)), "each overdue invoice once")
        self.assertLessEqual(set(overdue.ids), set(res_ids))
        son_invoices = overdue.filtered(lambda m: m.partner_id == self.son)
        self.assertTrue(all(son_invoices.mapped("ctxh_payer_reminded_on")), "the payer with an address written to")
        self.assertFalse(Move._cron_ctxh_overdue_reminders(batch=2), "nothing left: a new call adds nothing")

    def test_overdue_by_the_facility_calendar(self):
        """At 00:30 in Vietnam (17:30 UTC the day before) an invoice due the day before is overdue, even for a
        scheduler that counts days in UTC."""
        invoice = self._posted_month(date(2026, 3, 1))[:1]
        due = invoice.invoice_date_due
        Move = self.env["account.move"].with_context(tz="UTC")
        with freeze_time(datetime.combine(due, datetime.min.time()) + timedelta(hours=17, minutes=30)):
            self.assertEqual(fields.Date.context_today(Move), due, "in UTC it is still the due date")
            Move._cron_ctxh_overdue_reminders()
        self.assertTrue(self.env["mail.activity"].search([
            ("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]))
        with freeze_time(datetime.combine(due, datetime.min.time()) + timedelta(hours=16, minutes=30)):
            self.env["mail.activity"].search([("res_model", "=", "account.move")]).unlink()
            Move._cron_ctxh_overdue_reminders()  # 23:30 in Vietnam on the due date: not overdue yet
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]))

    def test_grace_days_are_data(self):
        """With 400 days of grace in force, nothing from March 2026 is overdue yet."""
        self.env["ctxh.legal.parameter"].create({
            "code": "care_invoice_reminder_days", "name": "Grace", "value": 400, "date_from": date(2026, 1, 1)})
        moves = self._posted_month(date(2026, 3, 1))
        self.env["account.move"]._cron_ctxh_overdue_reminders()
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "account.move"), ("res_id", "in", moves.ids)]))

    def test_liquidation_offsets_the_deposit_and_closes_when_settled(self):
        """Discharged on 10 March after a paid March invoice: days not in care and the deposit are credited,
        the deposit credit first pays what is still owed, and the rest is paid back with a payment voucher;
        only then does the contract close."""
        moves = self._posted_month(date(2026, 3, 1))
        self._pay(moves)
        self._pay(self.contract.deposit_move_id, day=date(2026, 1, 5))
        usage = self.env["ctxh.service.usage"].create({
            "contract_id": self.contract.id, "product_id": self.laundry.id, "date": date(2026, 3, 6), "quantity": 10})
        self.stay._end(datetime(2026, 3, 10, 3, 0))
        contract = self.contract.with_user(self.accountant_a)
        contract.action_terminate()
        self.assertEqual(contract.liquidation_date, self.facility_a._ctxh_today())
        self.assertEqual(usage.billed_period_start, date(2026, 3, 1))
        due = round(7_500_000 * 10 / 31)
        son_days = 4_500_000 - round(due * 0.6)
        daughter_days = 3_000_000 - (due - round(due * 0.6))
        self.assertEqual(contract.liquidation_charged, 300_000, "the laundry of March")
        self.assertEqual(contract.deposit_refunded, 2_000_000)
        # the son's laundry share (180,000) is paid from his credit notes; the rest goes back
        self.assertEqual(contract.amount_due, -(son_days + daughter_days + 2_000_000 - 300_000))
        laundry = contract.move_ids.filtered(lambda m: m.move_type == "out_invoice" and not m.ctxh_period_start
                                             and m != contract.deposit_move_id)
        self.assertEqual(len(laundry), 2)
        self.assertTrue(all(m.state == "posted" and m.payment_state in SETTLED for m in laundry),
                        "offset against the credit notes")
        self.assertTrue(any("Liquidation on" in message.body for message in contract.message_ids))
        with self.assertRaisesRegex(UserError, "not settled"):
            contract.action_close()
        open_credits = self.env["account.move"].search(contract._ctxh_open_moves_domain())
        self.assertEqual(set(open_credits.mapped("move_type")), {"out_refund"})
        action = contract.action_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")
        payments = self._pay(open_credits)
        self.assertEqual(set(payments.mapped("payment_type")), {"outbound"})
        self.assertTrue(all(p.ctxh_voucher_number.startswith("PC-2026-") for p in payments))
        self.assertEqual(contract.amount_due, 0)
        contract.action_close()
        self.assertEqual(contract.state, "closed")

    def test_unpaid_deposit_is_offset_not_refunded(self):
        """A deposit never paid is cancelled out by its credit note: nothing to pay back."""
        self.stay._end(datetime(2026, 1, 31, 3, 0))
        contract = self.contract.with_user(self.accountant_a)
        contract.action_terminate()
        self.assertIn(contract.deposit_move_id.payment_state, SETTLED)
        january = contract.move_ids.filtered(lambda m: m.ctxh_period_start == date(2026, 1, 1))
        self.assertTrue(january, "the last month is billed on liquidation")
        self.assertEqual(contract.amount_due, sum(january.mapped("amount_total")))
        self._pay(january)
        contract.action_close()
        self.assertEqual(contract.state, "closed")

    def test_settled_liquidation_closes_the_contract(self):
        """Leaving on 31 March with March and the deposit paid: nothing to bill or give back but the deposit,
        which pays nothing owed, so the contract stays open until it is paid back, then closes."""
        self._pay(self.contract.deposit_move_id, day=date(2026, 1, 5))
        self._pay(self._posted_month(date(2026, 3, 1)))
        self.stay._end(datetime(2026, 3, 31, 15, 0))
        contract = self.contract.with_user(self.accountant_a)
        contract.action_terminate()
        self.assertEqual(contract.state, "terminated", "the deposit is still to be paid back")
        self.assertEqual(contract.amount_due, -2_000_000)

    def test_liquidation_with_nothing_owed_closes_at_once(self):
        """Without a deposit, a month paid in full and a last day at the end of it, the liquidation closes."""
        resident = self._resident(name="Khổng Văn Tư")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay).with_user(self.accountant_a)
        run = self._run(date(2026, 3, 1))
        run.action_post()
        self._pay(run.move_ids.filtered(lambda m: m.ctxh_contract_id == contract))
        stay._end(datetime(2026, 3, 31, 3, 0))
        contract.action_terminate()
        self.assertEqual(contract.move_count, 1, "nothing billed or refunded on liquidation")
        self.assertEqual(contract.state, "closed")

    def test_payments_are_for_accountants(self):
        """Care staff cannot collect money on a contract nor read receipts."""
        moves = self._posted_month(date(2026, 3, 1))
        payment = self._pay(moves[:1])
        with self.assertRaises(AccessError):
            self.contract.with_user(self.care_a).action_register_payment()
        with self.assertRaises(AccessError):
            payment.with_user(self.care_a).read(["ctxh_voucher_number"])
        self.assertTrue(payment.with_user(self.accountant_a).ctxh_voucher_number)

    def test_nothing_to_collect_says_so(self):
        """Once everything is paid the payment button explains there is nothing to do."""
        self._pay(self.contract.deposit_move_id)
        with self.assertRaisesRegex(UserError, "nothing to collect"):
            self.contract.with_user(self.accountant_a).action_register_payment()


@tagged("post_install", "-at_install")
class TestLargeBillingRun(CtxhContractCase):
    """A run with more contracts than one batch goes on in the background and shows its progress."""

    def test_large_run_goes_on_batch_after_batch(self):
        """Five contracts, batches of two: three scheduler calls, progress 40, 80, 100%, then nothing new."""
        self.env["ir.config_parameter"].sudo().set_param("ctxh_services.billing_chunk_size", "2")
        contracts = self.env["ctxh.care.contract"]
        for index in range(5):
            resident = self._resident(name=f"Người cao tuổi {index}")
            stay = self._admit(resident, date_start=datetime(2026, 1, 2, 3, 0))
            contracts |= self._contract(resident, stay)
        cron = self.env.ref("ctxh_services.ir_cron_ctxh_billing_run")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        run = self._run(date(2026, 3, 1))
        self.assertEqual(run.state, "running")
        self.assertEqual((run.progress_total, run.progress_done, run.move_count), (5, 0, 0))
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1)
        with self.assertRaisesRegex(UserError, "being created"):
            run.action_generate()
        Run = self.env["ctxh.billing.run"]
        progress = []
        for _call in range(3):
            Run._cron_generate()
            progress.append((run.progress, run.move_count))
        self.assertEqual(progress, [(40.0, 2), (80.0, 4), (100.0, 5)])
        self.assertEqual(run.state, "generated")
        self.assertEqual(run.move_ids.ctxh_contract_id, contracts)
        Run._cron_generate()
        self.assertEqual(run.state, "generated", "nothing left to do")
        # "Generate missing invoices" goes through every contract again, in the background, and adds nothing
        run.action_generate()
        self.assertEqual(run.state, "running")
        for _call in range(3):
            Run._cron_generate()
        self.assertEqual((run.state, run.move_count), ("generated", 5))

    def test_small_run_is_immediate(self):
        """A run that fits in one batch is generated at once, progress complete."""
        resident = self._resident(name="Bùi Thị Nụ")
        self._contract(resident, self._admit(resident, date_start=datetime(2026, 1, 2, 3, 0)))
        run = self._run(date(2026, 3, 1))
        self.assertEqual((run.state, run.progress, run.move_count), ("generated", 100.0, 1))
        self.assertTrue(run.move_ids.invoice_date_due > run.move_ids.invoice_date)
        self.assertEqual(run.move_ids.invoice_date_due - run.move_ids.invoice_date, timedelta(days=10))
