from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import TwoConnectionsCase
from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestContract(CtxhContractCase):
    def test_price_in_force_by_date(self):
        """The price of a service is the one of the latest decision in force on the date."""
        self.assertEqual(self.PriceList._get_price(self.facility_a, self.shared_room, date(2025, 6, 1)), 7_000_000)
        self.assertEqual(self.PriceList._get_price(self.facility_a, self.shared_room, date(2026, 1, 1)), 7_500_000)
        self.assertEqual(self.PriceList._get_price(self.facility_b, self.shared_room, date(2026, 3, 1)), 7_000_000,
                         "a facility without a price list falls back to the product's price")

    def test_signed_contract_keeps_its_prices(self):
        """A contract copies the prices in force on its date; a later decision only changes new contracts."""
        resident = self._resident()
        old = self._contract(resident, date=date(2025, 12, 20), date_start=date(2026, 1, 1))
        self.assertEqual(old.line_ids.price_unit, 7_000_000)
        self.assertRegex(old.name, r"^HĐ-2025-\d{4}$", "numbered in the register of the contract's year")
        self._price_list(date(2026, 7, 1), "Quyết định 999/QĐ-UBND", {self.shared_room: 8_000_000})
        old.invalidate_recordset()
        self.assertEqual(old.line_ids.price_unit, 7_000_000)
        new = self._contract(self._resident(name="Phan Văn Lực"), date=date(2026, 7, 2),
                             date_start=date(2026, 7, 2))
        self.assertEqual(new.line_ids.price_unit, 8_000_000)
        self.assertRegex(new.name, r"^HĐ-2026-\d{4}$")

    def test_accountant_writes_a_contract_in_the_form(self):
        """In the form, the stay follows the resident; the price is the one in force on the contract date."""
        resident = self._resident(name="Vi Thị Nhàn")
        stay = self._admit(resident)
        form = Form(self.env["ctxh.care.contract"].with_user(self.accountant_a))
        form.resident_id = resident
        self.assertEqual(form.stay_id, stay)
        form.date = date(2025, 6, 1)
        with form.line_ids.new() as line:
            line.product_id = self.shared_room
            self.assertEqual(line.price_unit, 7_000_000)
        with form.payer_ids.new() as payer:
            payer.partner_id = self.son
            payer.share = 100
        form.deposit_amount = 1_000_000
        contract = form.save()
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.amount_monthly, 7_000_000)
        self.assertEqual(contract.company_id, self.facility_a)
        # the resident form counts the contract for accountants and care staff (who see no money)
        self.assertEqual(resident.with_user(self.accountant_a).ctxh_contract_count, 1)
        self.assertEqual(resident.with_user(self.care_a).ctxh_contract_count, 1)

    def test_payer_shares_must_total_100(self):
        """Shares of 60% and 30% are refused; 60% and 40% are accepted."""
        with self.assertRaisesRegex(ValidationError, "add up to 90"):
            self._contract(self._resident(), payers={self.son: 60, self.daughter: 30}, activate=False)
        contract = self._contract(self._resident(), payers={self.son: 60, self.daughter: 40}, activate=False)
        with self.assertRaises(ValidationError):
            contract.write({"payer_ids": [Command.update(contract.payer_ids[1].id, {"share": 50})]})

    def test_activation_is_for_the_director(self):
        """An accountant cannot sign a contract; the director does, and the signer and date are kept."""
        contract = self._contract(self._resident(), activate=False)
        with self.assertRaises(AccessError):
            contract.with_user(self.accountant_a).action_activate()
        self.assertEqual(contract.state, "draft")
        contract.with_user(self.director_a).action_activate()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.signer_id, self.director_a)
        self.assertTrue(contract.signed_date)
        with self.assertRaises(UserError):
            contract.unlink()

    def test_voluntary_admission_needs_active_contract(self):
        """A voluntary admission is refused until the contract is signed; then the contract follows the stay."""
        resident = self._resident(name="Trịnh Văn Tư")
        admission = self.env["ctxh.admission"].with_user(self.care_a).create({
            "resident_id": resident.id, "company_id": self.facility_a.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_voluntary").id,
        })
        admission.document_line_ids.received = True
        admission.action_submit()
        with self.assertRaisesRegex(UserError, "sign a care contract"):
            admission.with_user(self.director_a).action_approve()
        contract = self._contract(resident, activate=False)
        with self.assertRaisesRegex(UserError, "sign a care contract"):
            admission.with_user(self.director_a).action_approve()
        contract.with_user(self.director_a).action_activate()
        admission.with_user(self.director_a).action_approve()
        admission.with_user(self.care_a).action_admit()
        self.assertEqual(admission.state, "admitted")
        self.assertEqual(contract.stay_id, admission.stay_id)


@tagged("post_install", "-at_install")
class TestBillingRun(CtxhContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident, cls.stay, cls.contract = cls._resident_under_contract()

    def test_one_invoice_per_contract_and_payer(self):
        """A full month gives each payer an invoice for their share; posting posts them."""
        run = self._run(date(2026, 3, 1))
        self.assertEqual(run.state, "generated")
        moves = run.move_ids
        self.assertEqual(len(moves), 2)
        by_payer = {m.partner_id: m for m in moves}
        self.assertEqual(by_payer[self.son].amount_total, 4_500_000)
        self.assertEqual(by_payer[self.daughter].amount_total, 3_000_000)
        for move in moves:
            self.assertEqual(move.move_type, "out_invoice")
            self.assertEqual(move.currency_id, self.vnd)
            self.assertEqual(move.company_id, self.facility_a)
            self.assertEqual(move.journal_id.type, "sale")
            self.assertEqual(move.ctxh_contract_id, self.contract)
            self.assertEqual(move.ctxh_period_start, date(2026, 3, 1))
            self.assertEqual(move.invoice_date, date(2026, 3, 1), "billed in advance")
        self.assertEqual(run.amount_total, 7_500_000)
        run.action_post()
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertEqual(run.state, "posted")
        self.assertEqual(by_payer[self.son].ctxh_amount_total_words, "Bốn triệu năm trăm nghìn đồng")
        self.assertEqual(self.contract.move_count, 2)

    def test_reduction_and_rounding_between_payers(self):
        """A 20% reduction for a poor household applies; the thirds add up to the full amount in VND."""
        resident = self._resident(name="Lục Văn Sáng")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        third = self.env["res.partner"].create({"name": "Lục Thị Ba"})
        contract = self._contract(resident, stay, payers={self.son: 33.33, self.daughter: 33.33, third: 33.34},
                                  reduction_percent=20, reduction_reason="Hộ nghèo")
        self._run(date(2026, 3, 1))
        self.assertEqual(sum(contract.move_ids.mapped("amount_total")), 6_000_000)
        self.assertEqual(sorted(contract.move_ids.mapped("amount_total")), [1_999_800, 1_999_800, 2_000_400])

    def test_invoice_lines_are_named_by_their_service(self):
        """A contract line without a description (cleared in the form or sent so by XML-RPC) is billed under its
        service's name: the invoice line never starts with a comma."""
        resident = self._resident(name="Lục Văn Tòng")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay, activate=False, reduction_percent=20, reduction_reason="Hộ nghèo",
                                  line_ids=[Command.create({"product_id": self.shared_room.id, "name": False})])
        self.assertFalse(contract.line_ids.name)
        contract.with_user(self.director_a).action_activate()
        self._run(date(2026, 3, 1))
        names = contract.move_ids.invoice_line_ids.mapped("name")
        self.assertTrue(names)
        for name in names:
            self.assertTrue(name.startswith(self.shared_room.name), name)
            self.assertIn("20%", name)

    def test_printed_invoice_reads_in_dong(self):
        """Odoo's printed invoice states unit prices like its totals, in whole đồng ("7.500.000", never
        "7.500.000,00"), and the total in words as Vietnamese accounting writes it."""
        resident = self._resident(name="Lương Văn Chiến")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay)
        self._run(date(2026, 3, 1))
        invoice = contract.move_ids[:1]
        html, _kind = self.env["ir.actions.report"].with_context(lang="vi_VN")._render_qweb_html(
            "account.report_invoice", invoice.ids)
        text = html.decode()
        self.assertIn("7.500.000", text)
        self.assertNotIn("7.500.000,00", text)
        self.assertIn("Bảy triệu năm trăm nghìn đồng", text)
        self.assertNotIn("Dong", text)

    def test_one_computation_of_a_month_per_payer(self):
        """The monthly fee, the printed contract's amount per payer and a full month's invoices are one computation
        (the contract's): with a reduction and shares that do not divide evenly, they still agree to the đồng."""
        resident = self._resident(name="Tòng Văn Khiêm")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay, payers={self.son: 67, self.daughter: 33},
                                  reduction_percent=15, reduction_reason="Hộ cận nghèo")
        self._run(date(2026, 3, 1))
        invoiced = {move.partner_id: move.amount_total for move in contract.move_ids
                    if move.ctxh_period_start == date(2026, 3, 1)}
        per_payer = {payer.partner_id: amount for payer, amount in contract._ctxh_payer_month_amounts().items()}
        self.assertEqual(per_payer, invoiced)
        self.assertEqual(contract.amount_monthly, sum(invoiced.values()))

    def test_a_contract_without_monthly_services_costs_its_payers_nothing_a_month(self):
        """A contract of extra services only charges no payer a monthly fee (the printed contract names them all)."""
        resident = self._resident(name="Lò Văn Pấu")
        contract = self._contract(resident, products=self.laundry, activate=False,
                                  payers={self.son: 50, self.daughter: 50})
        self.assertEqual(contract.amount_monthly, 0)
        self.assertEqual(contract._ctxh_payer_month_amounts(), dict.fromkeys(contract.payer_ids, 0.0))

    def test_defaults_follow_the_facility_clock(self):
        """At 01:00 on 1 April in Vietnam (18:00 UTC on 31 March) an accountant whose time zone is UTC starts
        April's billing run and a contract dated 1 April."""
        self.accountant_a.tz = "UTC"
        accountant = self.env(user=self.accountant_a, context={"tz": "UTC"})
        with freeze_time(datetime(2026, 3, 31, 18, 0)):
            self.assertEqual(Form(accountant["ctxh.billing.run"]).date_from, date(2026, 4, 1))
            contract = Form(accountant["ctxh.care.contract"])
            self.assertEqual((contract.date, contract.date_start), (date(2026, 4, 1), date(2026, 4, 1)))

    def test_days_in_care_follow_the_facility_clock(self):
        """Admitted at 01:00 on 16 March in Vietnam (18:00 UTC on the 15th): billed 16 of 31 days, also when the
        accountant's own time zone (New York, where it is still the 15th) would say 17."""
        resident = self._resident(name="Vàng Thị Mai")
        stay = self._admit(resident, date_start=datetime(2026, 3, 15, 18, 0))
        contract = self._contract(resident, stay, date_start=date(2026, 3, 15), billing_mode="arrears")
        self.accountant_a.tz = "America/New_York"
        run = self.env["ctxh.billing.run"].with_user(self.accountant_a).with_context(tz="America/New_York").create({
            "company_id": self.facility_a.id, "date_from": date(2026, 3, 1)})
        run.action_generate()
        self.assertEqual(contract.move_ids.amount_total, round(7_500_000 * 16 / 31))
        self.assertIn("16/31", contract.move_ids.invoice_line_ids.name)
        facility = self.facility_a
        self.assertEqual(facility._ctxh_local(stay.date_start).date(), date(2026, 3, 16))
        self.assertEqual(facility._ctxh_day_bounds(date(2026, 3, 16)),
                         (datetime(2026, 3, 15, 17, 0), datetime(2026, 3, 16, 17, 0)))
        self.assertEqual(facility._ctxh_utc(datetime(2026, 3, 16, 1, 0)), stay.date_start)

    def test_mid_month_admission_and_discharge_are_prorated(self):
        """Admitted on 16 March: 16 of 31 days; discharged on 10 April: 10 of 30 days."""
        resident = self._resident(name="Mạc Văn Khải")
        stay = self._admit(resident, date_start=datetime(2026, 3, 16, 3, 0))
        contract = self._contract(resident, stay, date_start=date(2026, 3, 16), billing_mode="arrears")
        self._run(date(2026, 3, 1))
        march = contract.move_ids
        self.assertEqual(march.amount_total, round(7_500_000 * 16 / 31))
        self.assertEqual(march.invoice_date, date(2026, 3, 31), "billed in arrears")
        self.assertIn("16/31", march.invoice_line_ids.name)
        stay._end(datetime(2026, 4, 10, 3, 0))
        self._run(date(2026, 4, 1))
        april = contract.move_ids - march
        self.assertEqual(april.amount_total, 2_500_000)
        self._run(date(2026, 5, 1))
        self.assertEqual(contract.move_ids, march | april, "no invoice after the resident has left")

    def test_extra_services_are_billed_once(self):
        """Laundry used in March is on the March invoices, split between payers, and never billed again."""
        usage = self.env["ctxh.service.usage"].with_user(self.accountant_a).create({
            "contract_id": self.contract.id, "product_id": self.laundry.id,
            "date": date(2026, 3, 12), "quantity": 4,
        })
        self.assertEqual(usage.price_unit, 30_000)
        run = self._run(date(2026, 3, 1))
        self.assertEqual(run.amount_total, 7_500_000 + 120_000)
        son_invoice = run.move_ids.filtered(lambda m: m.partner_id == self.son)
        self.assertEqual(len(son_invoice.invoice_line_ids), 2)
        laundry_line = son_invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.laundry)
        self.assertEqual(laundry_line.price_total, 72_000)
        self.assertEqual(usage.billed_period_start, date(2026, 3, 1))
        with self.assertRaises(UserError):
            usage.quantity = 5
        april = self._run(date(2026, 4, 1))
        self.assertEqual(april.amount_total, 7_500_000)

    def test_running_twice_creates_nothing_new(self):
        """Generating the same month again, in the same run or a new one, creates no invoice."""
        run = self._run(date(2026, 3, 1))
        self.assertEqual(len(run.move_ids), 2)
        run.action_generate()
        self.assertEqual(len(run.move_ids), 2)
        second = self._run(date(2026, 3, 1))
        self.assertFalse(second.move_ids)
        self.assertEqual(len(self.contract.move_ids), 2)

    def test_database_refuses_a_duplicate_invoice(self):
        """A second invoice for the same contract, payer and month is refused by PostgreSQL itself."""
        run = self._run(date(2026, 3, 1))
        move = run.move_ids[:1]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["account.move"].create({
                "move_type": "out_invoice", "partner_id": move.partner_id.id, "company_id": self.facility_a.id,
                "ctxh_contract_id": self.contract.id, "ctxh_period_start": date(2026, 3, 1),
            })
        # a credit note or another month is fine
        refund = move._reverse_moves()
        self.assertEqual(refund.move_type, "out_refund")

    def test_replaced_invoice_keeps_its_month_on_the_contract(self):
        """"Reverse and create invoice" on a care invoice: the credit note and the replacement stay on the contract,
        the replacement on the same month (the unique index leaves the reversed invoice out), the contract owes
        the replacement alone and the month's next run bills nothing more."""
        run = self._run(date(2026, 3, 1))
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.contract)[:1]
        invoice.action_post()
        wizard = self.env["account.move.reversal"].with_user(self.accountant_a).with_context(
            active_model="account.move", active_ids=invoice.ids).create({
                "journal_id": invoice.journal_id.id, "reason": "Sai số ngày ở tại cơ sở"})
        replacement = self.env["account.move"].browse(wizard.reverse_moves(is_modify=True)["res_id"])
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual((replacement.ctxh_contract_id, replacement.ctxh_period_start, replacement.partner_id),
                         (self.contract, date(2026, 3, 1), invoice.partner_id))
        self.assertEqual(invoice.reversal_move_ids.ctxh_contract_id, self.contract)
        replacement.invoice_line_ids[:1].price_unit -= 100_000
        replacement.action_post()
        self.contract.invalidate_recordset(["amount_due"])
        self.assertEqual(self.contract.amount_due, sum(
            (self.contract.move_ids - invoice - invoice.reversal_move_ids).filtered(
                lambda m: m.state == "posted").mapped("amount_residual_signed")))
        self.assertIn(replacement, self.contract.move_ids)
        self.assertFalse(self._run(date(2026, 3, 1)).move_ids.filtered(lambda m: m.ctxh_contract_id == self.contract))
        # the replacement is the month's invoice now: a second one is still refused by PostgreSQL
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["account.move"].create({
                "move_type": "out_invoice", "partner_id": invoice.partner_id.id, "company_id": self.facility_a.id,
                "ctxh_contract_id": self.contract.id, "ctxh_period_start": date(2026, 3, 1),
            })

    def test_termination_bills_the_last_days(self):
        """Terminated on 15 March before any March invoice: a final invoice for 15 of 31 days; no run bills it again."""
        resident = self._resident(name="Đoàn Văn Hậu")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay, date_end=date(2026, 3, 15))
        contract.with_user(self.accountant_a).action_terminate()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(contract.date_end, date(2026, 3, 15))
        final = contract.move_ids
        self.assertEqual(final.amount_total, round(7_500_000 * 15 / 31))
        self.assertEqual(final.ctxh_period_start, date(2026, 3, 1))
        self.assertEqual(contract.liquidation_charged, final.amount_total)
        self.assertFalse(self._run(date(2026, 3, 1)).move_ids.filtered(lambda m: m.ctxh_contract_id == contract))
        self.assertFalse(self._run(date(2026, 4, 1)).move_ids.filtered(lambda m: m.ctxh_contract_id == contract))
        self.assertEqual(final.state, "posted", "the liquidation posts its invoice")
        with self.assertRaisesRegex(UserError, "not settled"):
            contract.with_user(self.accountant_a).action_close()
        self._pay(final)
        contract.with_user(self.accountant_a).action_close()
        self.assertEqual(contract.state, "closed")

    def test_discharge_terminates_the_contract(self):
        """Handing a resident over ends the care contract: terminated, last days billed, accountant closes."""
        resident = self._resident(name="Lã Thị Duyên")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay)
        discharge = self.env["ctxh.discharge"].create({
            "stay_id": stay.id, "reason_id": self.env.ref("ctxh_residents.discharge_reason_family_request").id,
            "destination": "family", "handover_date": datetime(2026, 3, 15, 3, 0)})
        discharge.with_user(self.director_a).action_approve()
        discharge.with_user(self.care_a).action_done()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(contract.date_end, date(2026, 3, 15))
        self.assertEqual(contract.move_ids.amount_total, round(7_500_000 * 15 / 31))
        self._pay(contract.move_ids)
        contract.with_user(self.accountant_a).action_close()
        self.assertEqual(contract.state, "closed")

    def test_deposit_and_liquidation_on_discharge(self):
        """The deposit is invoiced on signature; on discharge the unused days paid in advance and the deposit
        are refunded by credit notes."""
        resident = self._resident(name="Tô Thị Huệ")
        stay = self._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        contract = self._contract(resident, stay, payers={self.son: 60, self.daughter: 40}, deposit_amount=1_000_000)
        deposit = contract.deposit_move_id
        self.assertEqual(deposit.amount_total, 1_000_000)
        self.assertEqual(deposit.partner_id, self.son, "the main payer pays the deposit")
        self.assertEqual(deposit.invoice_line_ids.product_id, self.deposit)
        self._run(date(2026, 3, 1))
        stay._end(datetime(2026, 3, 10, 3, 0))
        contract.with_user(self.accountant_a).action_terminate()
        self.assertEqual(contract.date_end, date(2026, 3, 10))
        refunds = contract.move_ids.filtered(lambda m: m.move_type == "out_refund")
        due = round(7_500_000 * 10 / 31)
        son_due = round(due * 0.6)
        self.assertEqual(
            sorted(refunds.mapped(lambda m: (m.partner_id.name, m.amount_total))),
            sorted([(self.son.name, 4_500_000 - son_due), (self.daughter.name, 3_000_000 - (due - son_due)),
                    (self.son.name, 1_000_000)]))
        self.assertEqual(contract.deposit_refunded, 1_000_000)
        self.assertEqual(contract.liquidation_refunded, 7_500_000 - due)
        self.assertEqual(contract.liquidation_charged, 0)

    def test_run_is_one_calendar_month(self):
        """A run starts on the first of a month and ends on its last day; a posted run cannot be deleted."""
        run = self.env["ctxh.billing.run"].create({"company_id": self.facility_a.id, "date_from": date(2026, 2, 1)})
        self.assertEqual(run.date_to, date(2026, 2, 28))
        with self.assertRaises(ValidationError):
            self.env["ctxh.billing.run"].create({"company_id": self.facility_a.id, "date_from": date(2026, 2, 2)})
        run.action_generate()
        run.action_post()
        with self.assertRaises(UserError):
            run.with_user(self.accountant_a).unlink()

    def test_care_staff_see_no_prices_nor_invoices(self):
        """Care staff read that a contract exists and its state, but no price, payer, deposit or invoice,
        and cannot change it, nor create invoices or runs."""
        as_care = self.contract.with_user(self.care_a)
        self.assertEqual(as_care.read(["name", "state", "resident_id"])[0]["state"], "active")
        self.assertEqual(self.resident.with_user(self.care_a).ctxh_contract_count, 1)
        for field in ("line_ids", "payer_ids", "deposit_amount", "amount_monthly", "move_ids", "amount_due"):
            with self.assertRaises(AccessError, msg=field):
                as_care.read([field])
        with self.assertRaises(AccessError):
            as_care.write({"date_end": date(2026, 12, 31)})
        with self.assertRaises(AccessError):
            as_care.action_terminate()
        form_arch = as_care.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="line_ids"', form_arch)
        self.assertNotIn('name="deposit_amount"', form_arch)
        for record in (self.contract.line_ids, self.contract.payer_ids, self.prices_2026):
            with self.assertRaises(AccessError):
                record.with_user(self.care_a).read(["display_name"])
        with self.assertRaises(AccessError):
            self.env["ctxh.billing.run"].with_user(self.care_a).create({"company_id": self.facility_a.id})
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.care_a).create({
                "move_type": "out_invoice", "partner_id": self.son.id})
        # the accountant reads the money fields
        self.assertEqual(self.contract.with_user(self.accountant_a).amount_monthly, 7_500_000)

    def test_facilities_are_kept_apart(self):
        """Another facility's accountant sees none of these contracts, and its run bills none of them."""
        accountant_b = new_test_user(self.env, login="cb_accountant", groups=ACCOUNTANT,
                                     company_id=self.facility_b.id, company_ids=[self.facility_b.id])
        Contract = self.env["ctxh.care.contract"].with_user(accountant_b)
        self.assertFalse(Contract.search([("id", "=", self.contract.id)]))
        with self.assertRaises(AccessError):
            self.contract.with_user(accountant_b).read(["name"])
        run = self.env["ctxh.billing.run"].with_user(accountant_b).create({
            "company_id": self.facility_b.id, "date_from": date(2026, 3, 1)})
        run.action_generate()
        self.assertFalse(run.move_ids)
        self.assertFalse(self.contract.move_ids)


@tagged("post_install", "-at_install")
class TestBillingConcurrency(TwoConnectionsCase):
    """Two runs save the same invoice at the same moment."""

    def test_two_connections_cannot_save_the_same_invoice(self):
        """The second transaction waits for the first, then fails: one invoice per contract, payer, month."""
        ids = self._setup_committed()
        insert = """INSERT INTO account_move (move_type, state, date, journal_id, company_id, currency_id,
                                              partner_id, ctxh_contract_id, ctxh_period_start, auto_post)
                    VALUES ('out_invoice', 'draft', '2026-03-01', %(journal)s, %(company)s, %(currency)s,
                            %(partner)s, %(contract)s, '2026-03-01', 'no')"""
        try:
            self.assertEqual(self._race(insert, ids, insert, ids), "UniqueViolation")
        finally:
            self._cleanup(ids)

    def _setup_committed(self):
        company = self.env.ref("base.main_company")
        journal = self.env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "sale")],
                                                     limit=1)
        if not journal:
            self.skipTest("the main facility has no chart of accounts")
        cr = self._cursor()
        try:
            cr.execute("INSERT INTO ctxh_resident (name, company_id, active, state) "
                       "VALUES ('Người ở thử', %s, true, 'in_care') RETURNING id", [company.id])
            resident_id = cr.fetchone()[0]
            cr.execute("INSERT INTO ctxh_care_contract (name, resident_id, company_id, date, date_start, "
                       "billing_mode, state) VALUES ('HĐ-THỬ', %s, %s, '2026-01-01', '2026-01-01', 'advance', "
                       "'active') RETURNING id", [resident_id, company.id])
            contract_id = cr.fetchone()[0]
            # two independent connections must see these rows
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()
        return {"journal": journal.id, "company": company.id, "currency": company.currency_id.id,
                "partner": company.partner_id.id, "contract": contract_id, "resident": resident_id}

    def _cleanup(self, ids):
        cr = self._cursor()
        try:
            cr.execute("DELETE FROM account_move WHERE ctxh_contract_id = %s", [ids["contract"]])
            cr.execute("DELETE FROM ctxh_care_contract WHERE id = %s", [ids["contract"]])
            cr.execute("DELETE FROM ctxh_resident WHERE id = %s", [ids["resident"]])
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()

