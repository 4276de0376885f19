from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestScheduledJobs(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.ctxh_director_id = cls.director_a
        cls.reminder = cls.env.ref("ctxh_residents.mail_activity_type_ctxh_reminder")

    def _reminders(self, records):
        return self.env["mail.activity"].search([
            ("res_model", "=", records._name), ("res_id", "in", records.ids),
            ("activity_type_id", "=", self.reminder.id)])

    def _emergency_stay(self, name, start):
        admission = self.env["ctxh.admission"].create({
            "resident_id": self._resident(name=name).id, "company_id": self.facility_a.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_emergency").id,
            "received_at": start, "brought_by": "Công an xã",
        })
        admission.action_admit_emergency()
        return admission

    @freeze_time("2026-11-22 09:00:00")
    def test_emergency_stays_near_and_past_limit(self):
        """Stays within 14 days of the 90-day limit and stays past it each get one reminder."""
        near = self._emergency_stay("Lộc Thị Gần", datetime(2026, 8, 30, 10, 0)).stay_id   # ends 2026-11-28
        past = self._emergency_stay("Lộc Thị Quá", datetime(2026, 8, 1, 10, 0)).stay_id    # ended 2026-10-30
        fresh = self._emergency_stay("Lộc Thị Mới", datetime(2026, 11, 1, 10, 0)).stay_id  # ends 2027-01-30
        Stay = self.env["ctxh.stay"]
        Stay._cron_emergency_deadlines()
        Stay._cron_emergency_deadlines()
        self.assertEqual(len(self._reminders(near)), 1, "run twice, reminded once")
        self.assertEqual(self._reminders(near).user_id, self.director_a)
        self.assertIn("ends soon", self._reminders(near).summary)
        self.assertIn("past its legal limit", self._reminders(past).summary)
        self.assertFalse(self._reminders(fresh))

    @freeze_time("2026-11-22 09:00:00")
    def test_age_limit_16_or_22_when_studying(self):
        """A child in state care is flagged at 16, or at 22 while still studying."""
        child_category = self.env.ref("ctxh_residents.category_child_no_carer")
        sixteen = self._resident(name="Hầu A Páo", gender="male", birthdate=date(2010, 3, 1),
                                 category_ids=[(6, 0, child_category.ids)])
        studying = self._resident(name="Hầu Thị Dua", birthdate=date(2008, 3, 1), is_studying=True,
                                  category_ids=[(6, 0, child_category.ids)])
        for resident in sixteen | studying:
            self._admit(resident, case_worker_id=self.care_a.id)
        Resident = self.env["ctxh.resident"]
        Resident._cron_age_limit()
        Resident._cron_age_limit()
        self.assertEqual(len(self._reminders(sixteen)), 1)
        self.assertEqual(self._reminders(sixteen).user_id, self.care_a)
        self.assertFalse(self._reminders(studying), "18 and still studying: may stay until 22")

    @freeze_time("2026-11-22 09:00:00")
    def test_incomplete_emergency_dossier_past_deadline(self):
        """An emergency dossier still without decision 25 days after arrival gets one reminder."""
        late = self._emergency_stay("Giàng Thị Chậm", datetime(2026, 10, 1, 10, 0))
        on_time = self._emergency_stay("Giàng Thị Kịp", datetime(2026, 11, 10, 10, 0))
        Admission = self.env["ctxh.admission"]
        Admission._cron_dossier_deadlines()
        Admission._cron_dossier_deadlines()
        self.assertEqual(len(self._reminders(late)), 1)
        self.assertFalse(self._reminders(on_time))

    @freeze_time("2026-11-22 09:00:00")
    def test_overdue_followups(self):
        """A planned visit whose date has passed reminds its social worker once."""
        resident = self._resident(name="Sùng Thị Mỷ")
        self._consent_to_followup(resident)
        stay = self._admit(resident, case_worker_id=self.care_a.id)
        discharge = self.env["ctxh.discharge"].create({
            "stay_id": stay.id, "reason_id": self.env.ref("ctxh_residents.discharge_reason_own_request").id,
            "destination": "community", "handover_date": datetime(2026, 6, 1, 9, 0)})
        discharge.action_approve()
        discharge.action_done()
        overdue = discharge.followup_ids.filtered("is_overdue")
        self.assertEqual(len(overdue), 2, "the visits at 1 and 3 months are overdue")
        Visits = self.env["ctxh.followup"].with_context(active_test=False)
        scope = [("discharge_id", "=", discharge.id)]
        self.assertEqual(Visits.search([*scope, ("is_overdue", "=", True)]), overdue)
        self.assertEqual(Visits.search([*scope, ("is_overdue", "=", False)]), discharge.followup_ids - overdue)
        Followup = self.env["ctxh.followup"]
        Followup._cron_overdue()
        Followup._cron_overdue()
        self.assertEqual(len(self._reminders(discharge.followup_ids)), 2)
        self.assertEqual(self._reminders(overdue).user_id, self.care_a)
