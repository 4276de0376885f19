from datetime import date, datetime
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@freeze_time("2026-09-10 03:00:00")
@tagged("post_install", "-at_install")
class TestAllowanceArrears(CtxhResidentsCase):
    """June (30 days) and July (31 days) 2026 approved at 500,000 VND; in September a level of 540,000 from
    1 June 2026 is entered late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.state_id = cls.env.ref("base.state_vn_VN-13")
        elderly = [cls.env.ref("ctxh_residents.category_elderly_no_carer").id]
        cls.full = cls._resident(name="Vi Thị Nhàn", birth_year=1944, category_ids=elderly)
        cls._admit(cls.full, date_start=datetime(2026, 5, 10, 2, 0))
        # admitted on 16 June: 15 of June's 30 days
        cls.half = cls._resident(name="Hoàng Văn Sáu", gender="male", birth_year=1950, category_ids=elderly)
        cls._admit(cls.half, date_start=datetime(2026, 6, 16, 1, 0))
        cls.sheets = cls.env["ctxh.allowance.sheet"].with_user(cls.accountant_a).create([
            {"company_id": cls.facility_a.id, "date_from": date(2026, month, 1)} for month in (6, 7)])
        cls.sheets.with_user(cls.accountant_a).action_compute()
        cls.sheets.with_user(cls.director_a).action_approve()
        cls.Arrears = cls.env["ctxh.allowance.arrears"]

    def _enter_level(self, amount, since=date(2026, 6, 1)):
        return self.env["ctxh.assistance.level"].with_user(self.accountant_a).create({
            "date_from": since, "amount": amount, "legal_basis": "Nghị định thử nghiệm"})

    def _arrears(self, month=date(2026, 9, 1)):
        return self.Arrears.search([("company_id", "=", self.facility_a.id), ("date_from", "=", month)])

    def _by_line(self, arrears):
        return {(line.month, line.resident_id): line.amount for line in arrears.line_ids}

    def test_late_level_creates_arrears_per_approved_line(self):
        """A level entered late computes, for each approved line, days/month x coefficient x the difference."""
        self._enter_level(540_000)
        arrears = self._arrears()
        self.assertEqual(arrears.state, "computed")
        self.assertEqual(arrears.date_since, date(2026, 6, 1))
        june, july = date(2026, 6, 1), date(2026, 7, 1)
        # 30/30 x 4.0 x 40,000; 15/30 x 4.0 x 40,000; July: 31/31 x 4.0 x 40,000 and 31/31 x 4.0 x 40,000
        self.assertEqual(self._by_line(arrears), {
            (june, self.full): 160_000, (june, self.half): 80_000,
            (july, self.full): 160_000, (july, self.half): 160_000})
        for line in arrears.line_ids:
            original = line.original_line_id
            self.assertEqual((line.days, line.coefficient, line.legal_basis),
                             (original.days, original.coefficient, original.legal_basis), "prorated as the original")
            self.assertEqual(line.amount, round(line.days / line.days_in_month * line.coefficient * 40_000))
        self.assertEqual(arrears.amount_total, 560_000)

    def test_approved_sheets_are_unchanged(self):
        """The approved sheets keep the level, lines and totals the director approved."""
        before = [(line.id, line.level, line.amount) for line in self.sheets.line_ids]
        totals = self.sheets.mapped("amount_total")
        self._enter_level(540_000)
        self.env.invalidate_all()
        self.assertEqual([(line.id, line.level, line.amount) for line in self.sheets.line_ids], before)
        self.assertEqual(self.sheets.mapped("amount_total"), totals)
        self.assertEqual(set(self.sheets.mapped("state")), {"approved"})

    def test_a_second_arrears_sheet_does_not_pay_the_same_lines(self):
        """Once September's arrears pay a line, October's arrears since June leave it out."""
        self._enter_level(540_000)
        self._arrears().with_user(self.director_a).action_approve()
        october = self.Arrears.with_user(self.accountant_a).create({
            "company_id": self.facility_a.id, "date_from": date(2026, 10, 1), "date_since": date(2026, 6, 1)})
        october.action_compute()
        self.assertFalse(october.line_ids)

    def test_the_database_pays_each_line_once(self):
        """Even past the code, PostgreSQL refuses a second computed arrears line for the same allowance line."""
        self._enter_level(540_000)
        paid = self._arrears().line_ids[:1]
        october = self.Arrears.create({"company_id": self.facility_a.id, "date_from": date(2026, 10, 1),
                                       "date_since": date(2026, 6, 1)})
        self.env["ctxh.allowance.arrears.line"]._ctxh_as_action().create({
            "arrears_id": october.id, "original_line_id": paid.original_line_id.id, "level": 540_000})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            october._ctxh_action_write({"state": "computed"})
            october.flush_recordset()
            october.line_ids.flush_recordset()

    def test_approval_is_for_the_director(self):
        """The accountant cannot approve arrears; the director can, and then they are frozen."""
        self._enter_level(540_000)
        arrears = self._arrears()
        with self.assertRaises(AccessError):
            arrears.with_user(self.accountant_a).action_approve()
        arrears.with_user(self.director_a).action_approve()
        self.assertEqual((arrears.state, arrears.approved_by_id), ("approved", self.director_a))
        with self.assertRaises(UserError):
            arrears.with_user(self.accountant_a).action_compute()
        with self.assertRaises(UserError):
            arrears.line_ids[:1].with_user(self.director_a).write({"level": 600_000})

    def test_lower_level_is_shown_as_zero_with_a_note(self):
        """A lower level (a correction) is not clawed back: the line shows zero and says why."""
        self._enter_level(450_000)
        line = self._arrears().line_ids.filtered(lambda line: line.month == date(2026, 6, 1)
                                                  and line.resident_id == self.full)
        self.assertEqual((line.difference, line.amount), (-200_000, 0))
        self.assertIn("nothing is reclaimed", line.note)

    def test_a_level_in_force_later_leaves_the_approved_months(self):
        """A level from 1 August reaches no approved sheet: no arrears sheet is opened."""
        self._enter_level(540_000, since=date(2026, 8, 1))
        self.assertFalse(self._arrears())

    def test_a_provincial_level_reaches_its_province(self):
        """Quảng Ninh's own level of 560,000 from June, entered late, is paid as arrears in its facility; another
        province's level is not."""
        Level = self.env["ctxh.assistance.level"].with_user(self.accountant_a)
        Level.create({"state_id": self.env.ref("base.state_vn_VN-HP").id, "date_from": date(2026, 6, 1),
                      "amount": 600_000})
        self.assertFalse(self._arrears())
        Level.create({"state_id": self.facility_a.state_id.id, "date_from": date(2026, 6, 1), "amount": 560_000})
        self.assertEqual(self._by_line(self._arrears())[date(2026, 6, 1), self.full], 240_000)

    def test_same_formula_as_the_sheet(self):
        """The arrears line and the allowance line call one formula: changed there, both follow."""
        Line = self.env.registry["ctxh.allowance.sheet.line"]
        original = Line._ctxh_amount

        def doubled(self, level, coefficient, days, month_days):
            return 2 * original(self, level, coefficient, days, month_days)

        with patch.object(Line, "_ctxh_amount", doubled):
            self._enter_level(540_000)
            self.env.flush_all()
        line = self._arrears().line_ids.filtered(lambda line: line.month == date(2026, 6, 1)
                                                  and line.resident_id == self.full)
        # due at the patched formula (2 x 2,160,000) less what was paid (2,000,000)
        self.assertEqual(line.due_amount, 4_320_000)


@freeze_time("2026-09-10 03:00:00")
@tagged("post_install", "-at_install")
class TestAllowanceArrearsPrivacy(CtxhResidentsCase):
    """A child paid under the HIV category: the arrears line hides the category as the allowance line does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hiv = cls.env.ref("ctxh_residents.category_child_hiv_poor")
        cls.child = cls._resident(name="Lò Văn Khánh", gender="male", birthdate=date(2020, 3, 1),
                                  category_ids=[cls.hiv.id])
        cls._admit(cls.child, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = cls.env["ctxh.allowance.sheet"].with_user(cls.accountant_a).create(
            {"company_id": cls.facility_a.id, "date_from": date(2026, 6, 1)})
        sheet.with_user(cls.accountant_a).action_compute()
        sheet.with_user(cls.director_a).action_approve()
        cls.env["ctxh.assistance.level"].with_user(cls.accountant_a).create(
            {"date_from": date(2026, 6, 1), "amount": 540_000})
        cls.line = cls.env["ctxh.allowance.arrears.line"].search([("resident_id", "=", cls.child.id)])

    def test_accountant_sees_the_article_not_the_category(self):
        """The accountant reads the arrears (4.0 x 40,000) and the article; the category by no door."""
        line = self.line.with_user(self.accountant_a)
        values = line.read([])[0]
        self.assertNotIn("category_id", values)
        self.assertEqual((values["legal_basis"], values["amount"]), (self.hiv.legal_basis, 160_000))
        Line = self.env["ctxh.allowance.arrears.line"].with_user(self.accountant_a)
        for door in (lambda: line.read(["category_id"]),
                     lambda: Line.search([("category_id", "=", self.hiv.id)]),
                     lambda: Line.read_group([], ["amount:sum"], ["category_id"])):
            with self.assertRaises(AccessError):
                door()
        self.env.invalidate_all()
        self.assertEqual(self.line.with_user(self.director_a).category_id, self.hiv)
