from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestDaycare(CtxhContractCase):
    """Facility A runs day care: Mr Khải pays per day attended (and home visits), Mrs Nhung by the month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]

        def service(name, kind, price):
            return Product.create({"name": name, "type": "service", "ctxh_service_kind": kind,
                                   "list_price": price, "taxes_id": [Command.clear()]})

        cls.day = service("Chăm sóc ban ngày (ngày)", "day_care_day", 100_000)
        cls.day_month = service("Chăm sóc ban ngày (tháng)", "day_care", 3_000_000)
        cls.visit_service = service("Chăm sóc tại nhà (lượt)", "home_visit", 180_000)
        # the decision in force prices them (not the products' list prices)
        cls.prices_2026.line_ids = [Command.create({"product_id": cls.day.id, "price": 150_000}),
                                    Command.create({"product_id": cls.day_month.id, "price": 3_000_000}),
                                    Command.create({"product_id": cls.visit_service.id, "price": 200_000})]
        cls.khai = cls._resident(name="Vũ Văn Khải", gender="male")
        cls.nhung = cls._resident(name="Phạm Thị Nhung")
        cls.lan = cls._resident(name="Đỗ Thị Lan")
        cls.later = cls._resident(name="Ngô Văn Sáu", gender="male")
        start = {"date": date(2026, 3, 1), "date_start": date(2026, 3, 1)}
        cls.khai_contract = cls._contract(cls.khai, products=cls.day | cls.visit_service, **start)
        cls.nhung_contract = cls._contract(cls.nhung, products=cls.day_month, payers={cls.daughter: 100}, **start)
        cls.lan_contract = cls._contract(cls.lan, **start)  # residential care: not on the day-care sheet
        cls.later_contract = cls._contract(cls.later, products=cls.day, date=date(2026, 3, 1),
                                           date_start=date(2026, 3, 20))
        cls.Sheet = cls.env["ctxh.daycare.attendance"]

    def _sheet(self, day, present=(), user=None, confirm=True):
        """The sheet of ``day`` made by care staff, the contracts ``present`` marked present, confirmed."""
        sheet = self.Sheet.with_user(user or self.care_a).create({"date": day, "company_id": self.facility_a.id})
        sheet.line_ids.filtered(lambda line: line.contract_id in present).write({"present": True})
        if confirm:
            sheet.action_confirm()
        return sheet

    def _usages(self, sheet):
        return self.env["ctxh.service.usage"].search([("daycare_line_id.attendance_id", "=", sheet.id)])

    # ------------------------------------------------------------------
    # The sheet
    # ------------------------------------------------------------------
    def test_sheet_lists_the_people_under_day_care_contracts_that_day(self):
        """The sheet of 10 March lists the two day-care contracts in force, not residential care nor a later one."""
        sheet = self._sheet(date(2026, 3, 10), confirm=False)
        self.assertEqual(sheet.line_ids.resident_id, self.khai | self.nhung)
        self.assertFalse(any(sheet.line_ids.mapped("present")))
        self.assertEqual(sheet.staff_ids, self.care_a, "the one who opens the sheet is on duty by default")
        later = self._sheet(date(2026, 3, 20), confirm=False)
        self.assertEqual(later.line_ids.resident_id, self.khai | self.nhung | self.later)

    def test_confirming_bills_each_present_day_at_the_contract_price(self):
        """Confirming creates one day at 150,000 for Mr Khải present, delivered by the staff on duty; the monthly
        contract gets no usage; the sheet is then frozen."""
        sheet = self.Sheet.with_user(self.care_a).create({
            "date": date(2026, 3, 10), "company_id": self.facility_a.id,
            "staff_ids": [Command.set((self.care_a | self.medical_a).ids)]})
        sheet.line_ids.write({"present": True})
        sheet.action_confirm()
        self.assertEqual(sheet.state, "confirmed")
        usage = self._usages(sheet)
        self.assertEqual(len(usage), 1)
        self.assertEqual(usage.contract_id, self.khai_contract)
        self.assertEqual(usage.product_id, self.day)
        self.assertEqual((usage.quantity, usage.price_unit), (1.0, 150_000))
        self.assertEqual(usage.staff_ids, self.care_a | self.medical_a)
        self.assertEqual(usage.date, date(2026, 3, 10))
        with self.assertRaises(UserError):
            sheet.line_ids[:1].with_user(self.care_a).present = False
        with self.assertRaises(UserError):
            sheet.with_user(self.care_a).date = date(2026, 3, 11)
        with self.assertRaises(UserError):
            sheet.with_user(self.care_a).unlink()

    def test_reopening_removes_the_days_not_yet_billed(self):
        """A confirmed sheet not yet invoiced goes back to draft and its days are no longer to bill."""
        sheet = self._sheet(date(2026, 3, 10), present=self.khai_contract)
        self.assertEqual(len(self._usages(sheet)), 1)
        sheet.with_user(self.care_a).action_reset_draft()
        self.assertEqual(sheet.state, "draft")
        self.assertFalse(self._usages(sheet))
        sheet.line_ids.with_user(self.care_a).write({"present": False})
        sheet.with_user(self.care_a).unlink()

    def test_one_sheet_per_facility_and_day_said_in_words(self):
        """A second sheet of the same day is refused with a message, not an SQL error; another facility may."""
        self._sheet(date(2026, 3, 10), confirm=False)
        with self.assertRaisesRegex(ValidationError, "already has a day-care sheet for 10/03/2026"):
            self._sheet(date(2026, 3, 10), confirm=False)
        other = self._sheet(date(2026, 3, 11), confirm=False)
        with self.assertRaisesRegex(ValidationError, "already has a day-care sheet"):
            other.with_user(self.care_a).date = date(2026, 3, 10)
        self.Sheet.with_user(self.care_b).create({"date": date(2026, 3, 10), "company_id": self.facility_b.id})

    # ------------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------------
    def test_month_bills_exactly_the_days_present(self):
        """Mr Khải came 2 of 3 days in March: his March invoice is 2 x 150,000 and the days are marked billed."""
        sheets = (self._sheet(date(2026, 3, 9), present=self.khai_contract)
                  | self._sheet(date(2026, 3, 10))
                  | self._sheet(date(2026, 3, 11), present=self.khai_contract))
        run = self._run(date(2026, 3, 1))
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.khai_contract)
        self.assertEqual(invoice.amount_total, 2 * 150_000)
        self.assertEqual(invoice.invoice_line_ids.product_id, self.day)
        usages = self.env["ctxh.service.usage"].search([("daycare_line_id.attendance_id", "in", sheets.ids)])
        self.assertEqual(len(usages), 2)
        self.assertEqual(set(usages.mapped("billed_period_start")), {date(2026, 3, 1)})
        self.assertNotIn(self.care_a.name, " ".join(invoice.invoice_line_ids.mapped("name")),
                         "the family's invoice names no staff")
        april = self._run(date(2026, 4, 1))
        self.assertFalse(april.move_ids.filtered(lambda m: m.ctxh_contract_id == self.khai_contract))

    def test_billed_sheet_cannot_be_reopened(self):
        """Once its days are invoiced, the sheet stays confirmed."""
        sheet = self._sheet(date(2026, 3, 10), present=self.khai_contract)
        self._run(date(2026, 3, 1))
        with self.assertRaisesRegex(UserError, "already invoiced"):
            sheet.with_user(self.care_a).action_reset_draft()
        self.assertEqual(sheet.state, "confirmed")
        self.assertEqual(len(self._usages(sheet)), 1)

    def test_monthly_day_care_is_prorated_on_attendance(self):
        """Mrs Nhung came 10 of the 20 days day care was held in April: she pays half the month."""
        for index in range(20):
            self._sheet(date(2026, 4, 1) + timedelta(days=index),
                        present=self.nhung_contract if index % 2 else ())
        run = self._run(date(2026, 4, 1))
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.nhung_contract)
        self.assertEqual(invoice.amount_total, 1_500_000)
        self.assertIn("10/20", invoice.invoice_line_ids.name)

    def test_monthly_day_care_without_sheets_is_the_month_in_care(self):
        """A month the facility kept no sheet, the monthly day care is billed on the days in care, as before."""
        run = self._run(date(2026, 5, 1))
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.nhung_contract)
        self.assertEqual(invoice.amount_total, 3_000_000)

    def test_liquidation_prorates_the_last_month_on_attendance(self):
        """Mrs Nhung's contract ends on 15 April after 4 of the 10 days held: its liquidation bills 4/10 of April."""
        for index in range(10):
            self._sheet(date(2026, 4, 1) + timedelta(days=index),
                        present=self.nhung_contract if index < 4 else ())
        self.nhung_contract._ctxh_terminate(date(2026, 4, 15))
        invoice = self.nhung_contract.move_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.ctxh_period_start == date(2026, 4, 1))
        self.assertEqual(invoice.amount_total, 1_200_000)
        self.assertIn("4/10", invoice.invoice_line_ids.name)

    def test_attendance_is_counted_in_one_query_for_the_run(self):
        """The billing run counts the days of all its contracts at once, not once per contract."""
        self._sheet(date(2026, 4, 1), present=self.nhung_contract)
        contracts = self.khai_contract | self.nhung_contract | self.lan_contract | self.later_contract
        with self.assertQueryCount(1):
            counted = contracts._ctxh_day_care_attendance(date(2026, 4, 1), date(2026, 4, 30))
        self.assertEqual(counted, {self.khai_contract: (0, 1), self.nhung_contract: (1, 1),
                                   self.later_contract: (0, 1)})

    # ------------------------------------------------------------------
    # Home visits
    # ------------------------------------------------------------------
    def _visit(self, day=date(2026, 3, 12), user=None):
        return self.env["ctxh.home.visit"].with_user(user or self.care_a).create({
            "contract_id": self.khai_contract.id, "date": day, "duration": 1.5,
            "note": "Thay băng vết loét gót chân"})

    def test_home_visit_done_is_billed_once(self):
        """A visit done is one usage at the contract's visit price, on the month's invoice and never again."""
        visit = self._visit()
        self.assertEqual(visit.product_id, self.visit_service, "the contract's home-visit service")
        self.assertEqual(visit.resident_id, self.khai)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        usage = visit.sudo().usage_id
        self.assertEqual((usage.quantity, usage.price_unit, usage.staff_ids), (1.0, 200_000, self.care_a))
        self.assertEqual(usage.home_visit_id, visit)
        with self.assertRaises(UserError):
            visit.duration = 3
        run = self._run(date(2026, 3, 1))
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == self.khai_contract)
        self.assertEqual(invoice.amount_total, 200_000)
        self.assertEqual(usage.billed_period_start, date(2026, 3, 1))
        with self.assertRaisesRegex(UserError, "already invoiced"):
            visit.action_cancel()
        with self.assertRaises(UserError):
            visit.action_done()
        self.assertFalse(self._run(date(2026, 4, 1)).move_ids.filtered(
            lambda m: m.ctxh_contract_id == self.khai_contract))

    def test_cancelling_a_visit_not_billed_removes_its_usage(self):
        """A visit done by mistake is cancelled while not invoiced: nothing is left to bill."""
        visit = self._visit()
        visit.action_done()
        usage = visit.sudo().usage_id
        visit.action_cancel()
        self.assertEqual(visit.state, "cancelled")
        self.assertFalse(usage.exists())
        self.assertFalse(self._run(date(2026, 3, 1)).move_ids.filtered(
            lambda m: m.ctxh_contract_id == self.khai_contract))

    def test_home_visit_notes_are_for_care_staff_and_logged(self):
        """The accountant cannot read a visit's notes; a care worker's reading of them is logged."""
        visit = self._visit()
        with self.assertRaises(AccessError):
            visit.with_user(self.accountant_a).read(["note"])
        self.assertEqual(visit.with_user(self.accountant_a).read(["duration"])[0]["duration"], 1.5)
        Log = self.env["ctxh.sensitive.access.log"].sudo()
        before = Log.search_count([("res_model", "=", "ctxh.home.visit"), ("res_id", "=", visit.id)])
        visit.with_user(self.care_a).read(["note"])
        self.assertEqual(Log.search_count([("res_model", "=", "ctxh.home.visit"), ("res_id", "=", visit.id)]),
                         before + 1)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_care_staff_bill_only_through_the_actions(self):
        """Care staff cannot create or change a usage directly, nor set its link to a sheet."""
        sheet = self._sheet(date(2026, 3, 10), present=self.khai_contract)
        usage = self._usages(sheet)
        Usage = self.env["ctxh.service.usage"].with_user(self.care_a)
        with self.assertRaises(AccessError):
            Usage.create({"contract_id": self.khai_contract.id, "product_id": self.day.id, "quantity": 1})
        with self.assertRaises(AccessError):
            usage.with_user(self.care_a).write({"quantity": 2})
        with self.assertRaises(AccessError):
            usage.with_user(self.care_a).read(["price_unit"])
        # the accountant may record extras, but not forge what a sheet billed, nor delete it
        with self.assertRaises(UserError):
            self.env["ctxh.service.usage"].with_user(self.accountant_a).create({
                "contract_id": self.khai_contract.id, "product_id": self.day.id,
                "daycare_line_id": sheet.line_ids[:1].id})
        with self.assertRaises(UserError):
            usage.with_user(self.accountant_a).unlink()

    def test_accountant_reads_but_does_not_confirm(self):
        """The accountant sees the sheets but only care staff confirm them."""
        sheet = self._sheet(date(2026, 3, 10), present=self.khai_contract, confirm=False)
        self.assertEqual(sheet.with_user(self.accountant_a).present_count, 1)
        with self.assertRaises(AccessError):
            sheet.with_user(self.accountant_a).action_confirm()
        with self.assertRaises(AccessError):
            self.Sheet.with_user(self.accountant_a).create({"date": date(2026, 3, 12)})

    def test_sheets_and_visits_stay_in_their_facility(self):
        """Care staff of facility B do not see facility A's sheets or visits."""
        sheet = self._sheet(date(2026, 3, 10), confirm=False)
        visit = self._visit()
        self.assertFalse(self.Sheet.with_user(self.care_b).search([("id", "=", sheet.id)]))
        self.assertFalse(self.env["ctxh.daycare.attendance.line"].with_user(self.care_b).search(
            [("id", "in", sheet.line_ids.ids)]))
        self.assertFalse(self.env["ctxh.home.visit"].with_user(self.care_b).search([("id", "=", visit.id)]))
        with self.assertRaises(AccessError):
            sheet.with_user(self.care_b).action_confirm()
