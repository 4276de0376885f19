from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestExtendedCareAfter16(CtxhResidentsCase):
    """Hầu A Páo, born 1 March 2010, has left school and cannot yet live independently (Decree 20/2021 Art. 26(5)
    as issue 18 cites it: up to 24 months more of the allowance, a dated parameter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.ctxh_director_id = cls.director_a
        cls.reminder = cls.env.ref("ctxh_residents.mail_activity_type_ctxh_reminder")
        child = cls.env.ref("ctxh_residents.category_child_no_carer")
        cls.pao = cls._resident(name="Hầu A Páo", gender="male", birthdate=date(2010, 3, 1),
                                category_ids=[child.id])
        cls._admit(cls.pao, case_worker_id=cls.care_a.id)

    def _summaries(self, resident):
        return self.env["mail.activity"].search([
            ("res_model", "=", "ctxh.resident"), ("res_id", "=", resident.id),
            ("activity_type_id", "=", self.reminder.id)]).mapped("summary")

    @freeze_time("2026-11-22 09:00:00")
    def test_director_extends_for_24_months(self):
        """The director's decision: from today, 24 months (the parameter), the end computed."""
        for user in (self.care_a, self.accountant_a):
            with self.assertRaises(AccessError):
                self.pao.with_user(user).action_extend_after_16()
        self.assertTrue(self.pao.with_user(self.director_a).action_extend_after_16())
        self.assertEqual((self.pao.after_16_start, self.pao.after_16_months, self.pao.after_16_end),
                         (date(2026, 11, 22), 24, date(2028, 11, 22)))

    @freeze_time("2026-11-22 09:00:00")
    def test_decided_stays_decided(self):
        """Once decided, the extension is neither decided again nor written directly, by anyone."""
        self.pao.with_user(self.director_a).action_extend_after_16()
        with self.assertRaises(UserError):
            self.pao.with_user(self.director_a).action_extend_after_16()
        for user in (self.care_a, self.director_a):
            with self.assertRaises(UserError):
                self.pao.with_user(user).write({"after_16_start": date(2026, 1, 1)})
            with self.assertRaises(UserError):
                self.pao.with_user(user).write({"after_16_months": 36})
        self.assertEqual(self.pao.after_16_end, date(2028, 11, 22))

    @freeze_time("2026-11-22 09:00:00")
    def test_only_at_16_and_out_of_school(self):
        """A child of 15, one still studying, or an elderly resident (no age limit) is not extended after 16."""
        child = self.env.ref("ctxh_residents.category_child_no_carer")
        young = self._resident(name="Hầu Thị Mai", birthdate=date(2011, 3, 1), category_ids=[child.id])
        studying = self._resident(name="Hầu Thị Dua", birthdate=date(2008, 3, 1), is_studying=True,
                                  category_ids=[child.id])
        elderly = self._resident(name="Vi Thị Nhàn", birth_year=1944, category_ids=[self.category.id])
        for resident in young | studying | elderly:
            self._admit(resident)
            with self.assertRaises(UserError):
                resident.with_user(self.director_a).action_extend_after_16()
            self.assertFalse(resident.after_16_start)

    @freeze_time("2026-11-22 09:00:00")
    def test_months_follow_the_dated_parameter(self):
        """A later law with another number of months applies to extensions decided from its date."""
        self.env["ctxh.legal.parameter"].create({
            "code": "after_16_months", "name": "Months of extended care after 16", "value": 12,
            "date_from": date(2026, 10, 1), "legal_basis": "Nghị định thử nghiệm"})
        self.pao.with_user(self.director_a).action_extend_after_16()
        self.assertEqual(self.pao.after_16_end, date(2027, 11, 22))

    def test_reminder_offers_the_path_then_waits_for_its_end(self):
        """At 16 the reminder offers extended care; while it runs, no reminder; at its end, one reminder."""
        Resident = self.env["ctxh.resident"]
        with freeze_time("2026-11-22 09:00:00"):
            Resident._cron_age_limit()
            [summary] = self._summaries(self.pao)
            self.assertIn("extended care after 16", summary)
            self.assertIn("24 months", summary)
            self.pao.with_user(self.director_a).action_extend_after_16()
            self.env["mail.activity"].search([("res_model", "=", "ctxh.resident"),
                                              ("res_id", "=", self.pao.id)]).action_feedback()
        with freeze_time("2028-06-01 09:00:00"):
            Resident._cron_age_limit()
            self.assertFalse(self._summaries(self.pao), "no reminder while the extension runs")
        with freeze_time("2028-11-22 09:00:00"):
            Resident._cron_age_limit()
            Resident._cron_age_limit()
            self.assertEqual(self._summaries(self.pao), ["Extended care after 16 has ended: prepare the discharge"])

    def test_discharge_grounds_cover_both(self):
        """Reaching the age limit and the end of extended care after 16 are both grounds for leaving."""
        codes = set(self.env["ctxh.discharge.reason"].search([]).mapped("code"))
        self.assertLessEqual({"age_limit", "after_16_end"}, codes)
        ground = self.env.ref("ctxh_residents.discharge_reason_after_16_end")
        self.assertIn("Điều 26 khoản 5", ground.legal_basis)
