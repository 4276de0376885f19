import importlib.util
import pathlib
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestAllowance(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Level = cls.env["ctxh.assistance.level"]
        cls.Coefficient = cls.env["ctxh.allowance.coefficient"]
        cls.quang_ninh = cls.env.ref("base.state_vn_VN-13")
        cls.facility_a.state_id = cls.quang_ninh
        cls.child_category = cls.env.ref("ctxh_residents.category_child_no_carer")
        cls.elderly_category = cls.env.ref("ctxh_residents.category_elderly_no_carer")
        cls.voluntary_category = cls.env.ref("ctxh_residents.category_voluntary_elderly")
        cls.elderly = cls._resident(name="Vi Thị Nhàn", birth_year=1944, category_ids=[cls.elderly_category.id])
        # June 2026 has 30 days; the national level is 500,000 VND
        cls.june = date(2026, 6, 1)

    def _sheet(self, month=None, company=None, user=None):
        return self.env["ctxh.allowance.sheet"].with_user(user or self.accountant_a).create({
            "company_id": (company or self.facility_a).id, "date_from": month or self.june,
        })

    def _line(self, sheet, resident):
        return sheet.line_ids.filtered(lambda line: line.resident_id == resident)

    # ------------------------------------------------------------------
    # Levels and coefficients
    # ------------------------------------------------------------------
    def test_national_level_follows_the_decrees(self):
        """The national level is 270,000 before July 2021, 360,000 from then, 500,000 from July 2024."""
        self.assertEqual(self.Level._get_level(date(2020, 1, 15)), 270000)
        self.assertEqual(self.Level._get_level(date(2021, 6, 30)), 270000)
        self.assertEqual(self.Level._get_level(date(2021, 7, 1)), 360000)
        self.assertEqual(self.Level._get_level(date(2024, 6, 30)), 360000)
        self.assertEqual(self.Level._get_level(date(2024, 7, 1)), 500000)
        self.assertEqual(self.Level._get_level(date(2026, 6, 1), self.quang_ninh), 500000,
                         "a province without its own level uses the national one")

    def test_province_override_applies_from_its_date(self):
        """A province's own higher level applies from its date, only there; a lower one is ignored."""
        hai_phong = self.env.ref("base.state_vn_VN-HP")
        self.Level.create({"state_id": hai_phong.id, "date_from": date(2025, 1, 1), "amount": 600000,
                           "legal_basis": "Nghị quyết HĐND thành phố Hải Phòng"})
        self.assertEqual(self.Level._get_level(date(2024, 12, 31), hai_phong), 500000)
        self.assertEqual(self.Level._get_level(date(2025, 1, 1), hai_phong), 600000)
        self.assertEqual(self.Level._get_level(date(2025, 1, 1), self.quang_ninh), 500000)
        lai_chau = self.env.ref("base.state_vn_VN-01")
        self.Level.create({"state_id": lai_chau.id, "date_from": date(2025, 1, 1), "amount": 400000})
        self.assertEqual(self.Level._get_level(date(2025, 3, 1), lai_chau), 500000,
                         "a province may not pay less than the national level")

    def test_coefficient_by_category_and_age(self):
        """Children with no carer: 5.0 under 4 years old, 4.0 from 4; elderly 4.0; paying residents none."""
        on = date(2026, 6, 1)
        self.assertEqual(self.Coefficient._get_coefficient(self.child_category, 3, on).coefficient, 5.0)
        self.assertEqual(self.Coefficient._get_coefficient(self.child_category, 4, on).coefficient, 4.0)
        self.assertEqual(self.Coefficient._get_coefficient(self.child_category, 12, on).coefficient, 4.0)
        self.assertEqual(self.Coefficient._get_coefficient(self.elderly_category, 80, on).coefficient, 4.0)
        hiv = self.env.ref("ctxh_residents.category_child_hiv_poor")
        self.assertEqual(self.Coefficient._get_coefficient(hiv, 2, on).coefficient, 5.0)
        self.assertFalse(self.Coefficient._get_coefficient(self.voluntary_category, 80, on))

    # ------------------------------------------------------------------
    # Monthly sheet
    # ------------------------------------------------------------------
    def test_full_month_amount(self):
        """An elderly resident in care all June: 500,000 x 4.0 = 2,000,000 VND, on one line."""
        self._admit(self.elderly, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        self.assertEqual(sheet.state, "computed")
        line = self._line(sheet, self.elderly)
        self.assertEqual((line.level, line.coefficient, line.days), (500000, 4.0, 30))
        self.assertEqual(line.category_id, self.elderly_category)
        self.assertEqual(line.amount, 2000000)
        self.assertEqual(sheet.amount_total, 2000000)
        self.assertEqual(sheet.amount_total_words, "Hai triệu đồng")

    def test_admitted_on_the_16th_gets_half(self):
        """A resident admitted on 16 June (30 days) gets 15/30 of 2,000,000 = 1,000,000 VND."""
        self._admit(self.elderly, date_start=datetime(2026, 6, 16, 1, 0))
        sheet = self._sheet()
        sheet.action_compute()
        line = self._line(sheet, self.elderly)
        self.assertEqual((line.days, line.amount), (15, 1000000))

    def test_extended_care_after_16_is_paid_until_its_end(self):
        """Extended after 16 on 16 June 2024 for 24 months: June 2026 pays 1 to 15 June (1,000,000 VND), July
        nothing, though the young man is still in care."""
        young = self._resident(name="Hầu A Páo", gender="male", birthdate=date(2008, 4, 1),
                               category_ids=[self.child_category.id])
        self._admit(young, date_start=datetime(2024, 1, 5, 2, 0))
        self.facility_a.ctxh_director_id = self.director_a
        with freeze_time("2024-06-16 03:00:00"):
            young.with_user(self.director_a).action_extend_after_16()
        self.assertEqual(young.after_16_end, date(2026, 6, 16))
        june = self._sheet()
        june.action_compute()
        self.assertEqual([(line.days, line.amount) for line in self._line(june, young)], [(15, 1000000)])
        july = self._sheet(month=date(2026, 7, 1))
        july.action_compute()
        self.assertFalse(self._line(july, young))
        may = self._sheet(month=date(2026, 5, 1))
        may.action_compute()
        self.assertEqual([(line.days, line.amount) for line in self._line(may, young)], [(31, 2000000)])

    def test_child_coefficient_follows_age_at_start_of_month(self):
        """A 3-year-old gets 5.0 (2,500,000 VND); a child who turned 4 on 31 May gets 4.0 all June."""
        children = [self.child_category.id]
        baby = self._resident(name="Hoàng Minh An", birthdate=date(2023, 2, 10), category_ids=children)
        child = self._resident(name="Hoàng Minh Khôi", birthdate=date(2022, 5, 31), category_ids=children)
        self._admit(baby, date_start=datetime(2026, 1, 5, 1, 0))
        self._admit(child, date_start=datetime(2026, 1, 5, 1, 0))
        sheet = self._sheet()
        sheet.action_compute()
        self.assertEqual([(line.age, line.coefficient, line.amount) for line in self._line(sheet, baby)],
                         [(3, 5.0, 2500000)])
        self.assertEqual([(line.age, line.coefficient, line.amount) for line in self._line(sheet, child)],
                         [(4, 4.0, 2000000)])

    def test_discharged_mid_month_is_prorated(self):
        """A resident who leaves on 10 June is paid for 1 to 9 June: 9/30 of 2,000,000 = 600,000 VND."""
        stay = self._admit(self.elderly, date_start=datetime(2026, 4, 1, 2, 0))
        stay._end(datetime(2026, 6, 10, 3, 0))
        sheet = self._sheet()
        sheet.action_compute()
        line = self._line(sheet, self.elderly)
        self.assertEqual(line.days, 9)
        self.assertEqual(line.amount, 600000)

    def test_only_state_funded_residents_of_the_facility(self):
        """Paying residents, residents gone before the month and other facilities' residents get no line."""
        paying = self._resident(name="Lò Thị Xuân", birth_year=1950, category_ids=[self.voluntary_category.id])
        self._admit(paying, date_start=datetime(2026, 1, 1, 2, 0))
        gone = self._resident(name="Bế Văn Tám", birth_year=1948, category_ids=[self.elderly_category.id])
        self._admit(gone, date_start=datetime(2026, 1, 1, 2, 0))._end(datetime(2026, 5, 20, 2, 0))
        elsewhere = self._resident(company=self.facility_b, name="Nông Văn Chín", birth_year=1947,
                                   category_ids=[self.elderly_category.id])
        self._admit(elsewhere, date_start=datetime(2026, 1, 1, 2, 0))
        self._admit(self.elderly, date_start=datetime(2026, 1, 1, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        self.assertEqual(sheet.line_ids.resident_id, self.elderly)

    def test_compute_twice_does_not_duplicate(self):
        """Computing again keeps one line per resident and follows a discharge recorded meanwhile."""
        stay = self._admit(self.elderly, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        first_line = sheet.line_ids
        self.assertEqual(len(first_line), 1)
        stay._end(datetime(2026, 6, 16, 2, 0))
        sheet.action_compute()
        self.assertEqual(sheet.line_ids, first_line)
        self.assertEqual((first_line.days, first_line.amount), (15, 1000000))

    def test_accountant_corrects_days_in_the_form(self):
        """In the sheet form the accountant corrects a line's days; amount and total follow."""
        self._admit(self.elderly, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        with Form(sheet.with_user(self.accountant_a)) as form:
            with form.line_ids.edit(0) as line:
                line.days = 6
            self.assertEqual(form.amount_total, 400000)
        self.assertEqual(sheet.line_ids.amount, 400000)
        self.assertEqual(sheet.amount_total_words, "Bốn trăm nghìn đồng")

    def test_residents_without_coefficient_are_reported(self):
        """A state-funded resident whose category has no coefficient gets no line but is named in the chatter."""
        rehab = self.env.ref("ctxh_residents.category_rehab_compulsory_adult")
        person = self._resident(name="Triệu Văn Sáng", birth_year=1990, category_ids=[rehab.id])
        self._admit(person, date_start=datetime(2026, 1, 5, 1, 0))
        sheet = self._sheet()
        sheet.action_compute()
        self.assertFalse(sheet.line_ids)
        self.assertIn("Triệu Văn Sáng", sheet.message_ids[0].body)

    def test_totals_by_category(self):
        """The summary gives one total per category, matching the lines."""
        child = self._resident(name="Hoàng Minh An", birthdate=date(2023, 2, 10), category_ids=[self.child_category.id])
        self._admit(child, date_start=datetime(2026, 1, 5, 1, 0))
        self._admit(self.elderly, date_start=datetime(2026, 1, 5, 1, 0))
        sheet = self._sheet()
        sheet.action_compute()
        self.assertEqual(sheet.amount_total, 2500000 + 2000000)
        self.assertIn(self.child_category.name, sheet.summary_html)
        self.assertIn("2.500.000", sheet.summary_html)
        self.assertIn("4.500.000", sheet.summary_html)

    def test_approval_is_for_the_director(self):
        """The accountant cannot approve; the director can; an approved sheet is locked for good."""
        self._admit(self.elderly, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = self._sheet()
        with self.assertRaises(UserError, msg="a sheet is computed before it is approved"):
            sheet.with_user(self.director_a).action_approve()
        sheet.action_compute()
        with self.assertRaises(AccessError):
            sheet.with_user(self.accountant_a).action_approve()
        sheet.with_user(self.director_a).action_approve()
        self.assertEqual(sheet.state, "approved")
        self.assertEqual(sheet.approved_by_id, self.director_a)
        with self.assertRaises(UserError):
            sheet.with_user(self.accountant_a).action_compute()
        with self.assertRaises(UserError):
            sheet.line_ids.with_user(self.accountant_a).write({"days": 3})
        for user in (self.accountant_a, self.director_a):
            with self.assertRaises(UserError, msg="an approved sheet stays approved"):
                sheet.with_user(user).action_reset_draft()

    # ------------------------------------------------------------------
    # Burial support
    # ------------------------------------------------------------------
    def test_burial_support_is_fifty_times_the_level(self):
        """Burial support of a resident who dies in the facility is 50 x the level in force on the date of death
        (Decree 20/2021 Art. 25(3)): 25,000,000 in 2026, 18,000,000 in 2023; a new dated multiplier applies to
        deaths from its date."""
        support = self.env["ctxh.burial.support"].with_user(self.accountant_a).create({
            "resident_id": self.elderly.id, "date_of_death": date(2026, 6, 20),
        })
        self.assertEqual((support.level, support.multiplier, support.amount), (500000, 50, 25_000_000))
        support.date_of_death = date(2023, 3, 1)
        self.assertEqual(support.amount, 50 * 360000)
        self.env["ctxh.legal.parameter"].create({"code": "burial_support_multiplier", "name": "x", "value": 60,
                                                 "date_from": date(2026, 1, 1)})
        support.date_of_death = date(2026, 6, 20)
        self.assertEqual((support.multiplier, support.amount), (60, 30_000_000))
        support.date_of_death = date(2025, 12, 31)
        self.assertEqual(support.multiplier, 50)
        with self.assertRaises(AccessError):
            support.with_user(self.accountant_a).action_approve()
        support.with_user(self.director_a).action_approve()
        self.assertEqual(support.state, "approved")

    def test_burial_support_from_the_sheet(self):
        """A resident who died during the month gets one burial support from the sheet, paid to the
        person who received the body."""
        stay = self._admit(self.elderly, date_start=datetime(2026, 1, 5, 1, 0))
        nephew = self.env["res.partner"].create({"name": "Vi Văn Lực"})
        self.env["ctxh.discharge"].create({
            "stay_id": stay.id, "reason_id": self.env.ref("ctxh_residents.discharge_reason_death").id,
            "request_date": date(2026, 6, 12), "receiving_partner_id": nephew.id,
            "handover_date": datetime(2026, 6, 12, 2, 0),
        })
        stay._end(datetime(2026, 6, 12, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        sheet.with_user(self.accountant_a).action_create_burial_supports()
        sheet.with_user(self.accountant_a).action_create_burial_supports()
        support = sheet.burial_support_ids
        self.assertEqual(len(support), 1)
        self.assertEqual((support.resident_id, support.partner_id), (self.elderly, nephew))
        self.assertEqual((support.date_of_death, support.amount), (date(2026, 6, 12), 25_000_000))

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_care_staff_and_other_facilities_cannot_read(self):
        """Care staff see no allowance or burial support; other facilities' sheets stay hidden."""
        self._admit(self.elderly, date_start=datetime(2026, 5, 10, 2, 0))
        sheet = self._sheet()
        sheet.action_compute()
        support = self.env["ctxh.burial.support"].create({"resident_id": self.elderly.id,
                                                          "date_of_death": date(2026, 6, 20)})
        for model, record in (("ctxh.allowance.sheet", sheet), ("ctxh.allowance.sheet.line", sheet.line_ids),
                              ("ctxh.burial.support", support)):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.care_a).search([])
            with self.assertRaises(AccessError):
                record.with_user(self.care_a).read(["company_id"])
        other = self.env["ctxh.allowance.sheet"].create({"company_id": self.facility_b.id, "date_from": self.june})
        Sheet = self.env["ctxh.allowance.sheet"].with_user(self.accountant_a)
        self.assertEqual(Sheet.search([("date_from", "=", self.june)]), sheet)
        with self.assertRaises(AccessError):
            other.with_user(self.accountant_a).read(["name"])
        self.assertFalse(self.env["ctxh.allowance.sheet.line"].with_user(self.accountant_a).search(
            [("company_id", "=", self.facility_b.id)]))


@tagged("post_install", "-at_install")
class TestAllowanceSensitiveCategory(CtxhResidentsCase):
    """An HIV child's allowance: computed by the accountant from the category they do not see, paid at its
    coefficient; on the lines, in the summary and in the workbook the accountant sees the legal article and an
    unnamed row, never the category; the director sees it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.state_id = cls.env.ref("base.state_vn_VN-13")
        cls.hiv = cls.env.ref("ctxh_residents.category_child_hiv_poor")
        cls.elderly_category = cls.env.ref("ctxh_residents.category_elderly_no_carer")
        # two years old in June 2026: coefficient 5.0 for an HIV child under 4
        cls.child = cls._resident(name="Lò Văn Pản", gender="male", birthdate=date(2024, 3, 1),
                                  category_ids=[cls.hiv.id])
        cls.elderly = cls._resident(name="Vi Thị Nhàn", birth_year=1944, category_ids=[cls.elderly_category.id])
        for resident in (cls.child, cls.elderly):
            cls._admit(resident, date_start=datetime(2026, 5, 10, 2, 0))
        cls.sheet = cls.env["ctxh.allowance.sheet"].with_user(cls.accountant_a).create(
            {"company_id": cls.facility_a.id, "date_from": date(2026, 6, 1)})
        cls.sheet.with_user(cls.accountant_a).action_compute()
        cls.line = cls.sheet.line_ids.filtered(lambda line: line.resident_id == cls.child)

    def test_computed_from_the_hidden_category(self):
        """The accountant's computation pays the child under the HIV category (2,500,000 VND = 500,000 x 5.0)."""
        line = self.line.sudo()
        self.assertEqual(line.category_id, self.hiv)
        self.assertEqual((line.coefficient, line.amount), (5.0, 2500000))
        self.assertEqual(line.legal_basis, self.hiv.legal_basis)

    def test_accountant_sees_the_article(self):
        """The accountant reads the line's article and coefficient; not its category, by no door."""
        line = self.line.with_user(self.accountant_a)
        self.assertEqual(line.read(["legal_basis", "coefficient"])[0]["legal_basis"], self.hiv.legal_basis)
        self.assertNotIn("category_id", line.read([])[0])
        Line = self.env["ctxh.allowance.sheet.line"].with_user(self.accountant_a)
        for door in (lambda: line.read(["category_id"]),
                     lambda: Line.search([("category_id", "=", self.hiv.id)]),
                     lambda: Line.search([("category_id.code", "=", "child_hiv_poor")]),
                     lambda: Line.read_group([], ["amount:sum"], ["category_id"]),
                     lambda: line.export_data(["category_id/name"])):
            with self.assertRaises(AccessError):
                door()
        groups = Line.read_group([("sheet_id", "=", self.sheet.id)], ["amount:sum"], ["legal_basis"])
        self.assertEqual(len(groups), 2)
        self.env.invalidate_all()
        self.assertEqual(self.line.with_user(self.director_a).category_id, self.hiv)

    def test_summary_merges_the_sensitive_category(self):
        """The sheet's totals by category: an unnamed row for the accountant, the category for the director."""
        summary = self.sheet.with_user(self.accountant_a).summary_html
        self.assertNotIn("HIV", summary)
        self.assertIn("Other categories (protected)", summary)
        self.assertIn(self.elderly_category.name, summary)
        self.env.invalidate_all()
        self.assertIn("HIV", self.sheet.with_user(self.director_a).summary_html)

    def test_lines_action_groups_by_article(self):
        """The sheet's lines open grouped by legal article, which the accountant may group by."""
        action = self.sheet.with_user(self.accountant_a).action_view_lines()
        self.assertEqual(action["context"]["group_by"], "legal_basis")

    def test_migration_gives_drafts_the_fifty_times(self):
        """The 18.0.1.3.0 migration recomputes supports not yet approved with the corrected multiplier and leaves
        approved ones as approved."""
        Support = self.env["ctxh.burial.support"]
        draft = Support.create({"resident_id": self.elderly.id, "date_of_death": date(2026, 6, 20)})
        approved = Support.create({"resident_id": self._resident(name="Lương Văn Cầu").id,
                                   "date_of_death": date(2026, 5, 2)})
        approved.action_approve()
        # as an installation of 18.0.1.2.0 left them: the parameter and both supports at 20 times
        parameter = self.env.ref("ctxh_services.legal_parameter_burial_support_multiplier")
        self.env.cr.execute("UPDATE ctxh_legal_parameter SET value = 20 WHERE id = %s", [parameter.id])
        self.env.cr.execute("UPDATE ctxh_burial_support SET multiplier = 20 WHERE id IN %s",
                            [(draft.id, approved.id)])
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        path = pathlib.Path(__file__).parent.parent / "migrations" / "18.0.1.3.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("ctxh_services_post_migrate_1_3", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.2.0")
        self.env.flush_all()
        self.assertEqual(parameter.value, 50)
        self.assertEqual((draft.multiplier, draft.amount), (50, 25_000_000))
        self.assertEqual(approved.multiplier, 20)
