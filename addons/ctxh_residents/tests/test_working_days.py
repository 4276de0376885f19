import importlib.util
import pathlib
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestWorkingDays(CtxhResidentsCase):
    """Time limits the law counts in working days: on the facility's working calendar (Odoo's resource.calendar)
    less Vietnam's public holidays (dated data), and the admission chain since 1 July 2025 (issue 18)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regular = cls.env.ref("ctxh_residents.admission_type_regular")
        cls.emergency = cls.env.ref("ctxh_residents.admission_type_emergency")
        cls.Holiday = cls.env["resource.calendar.leaves"]

    def test_weekends_and_public_holidays_are_not_working_days(self):
        """From Friday 13/02/2026, 10 working days end on 06/03/2026: Tết (16-20/02/2026, shipped data) is skipped
        like the weekends; without it they would end on 27/02/2026."""
        facility = self.facility_a
        self.assertEqual(facility._ctxh_add_working_days(date(2026, 2, 13), 10), date(2026, 3, 6))
        self.assertEqual(facility._ctxh_working_days_between(date(2026, 2, 13), date(2026, 2, 27)), 5)
        tet = self.env.ref("ctxh_residents.public_holiday_2026_tet")
        tet.unlink()
        self.assertEqual(facility._ctxh_add_working_days(date(2026, 2, 13), 10), date(2026, 2, 27))

    def test_an_administrator_adds_the_years_holidays(self):
        """Tết 2027 is announced late: once the director records it, a time limit that runs over it is longer."""
        before = self.facility_a._ctxh_add_working_days(date(2027, 2, 5), 5)
        self.assertEqual(before, date(2027, 2, 12))
        self.Holiday.with_user(self.director_a).create({
            "name": "Tết Nguyên đán Đinh Mùi 2027", "calendar_id": False,
            "date_from": datetime(2027, 2, 7, 17, 0), "date_to": datetime(2027, 2, 12, 16, 59, 59)})
        self.assertEqual(self.facility_a._ctxh_add_working_days(date(2027, 2, 5), 5), date(2027, 2, 19))
        with self.assertRaises(AccessError):
            self.Holiday.with_user(self.care_a).create({
                "name": "Nghỉ thử", "calendar_id": False,
                "date_from": datetime(2027, 3, 1, 17, 0), "date_to": datetime(2027, 3, 2, 16, 59, 59)})

    def _admission(self, admission_type, request_date, **vals):
        return self.env["ctxh.admission"].with_user(self.care_a).create({
            "resident_id": self._resident(name="Hoàng Văn Sình", gender="male").id,
            "company_id": self.facility_a.id, "admission_type_id": admission_type.id,
            "request_date": request_date, **vals})

    def test_the_chain_since_july_2025_with_its_time_limits(self):
        """A normal admission requested on Friday 24/04/2026 goes commune (10 working days: 12/05/2026, 30/04 and
        01/05 are holidays) -> Department of Health -> the facility head, 25 working days in all (02/06/2026)."""
        admission = self._admission(self.regular, date(2026, 4, 24))
        self.assertEqual(admission.dossier_deadline, date(2026, 6, 2))
        lines = admission.step_line_ids
        self.assertEqual(lines.mapped("performer"), ["commune", "health_department", "facility"])
        self.assertEqual(lines.mapped("state"), ["current", "pending", "pending"])
        commune, health, decision = lines
        self.assertEqual((commune.date_start, commune.date_due), (date(2026, 4, 24), date(2026, 5, 12)))
        # the Department's appraisal has no limit of its own: the overall one
        self.assertEqual(health.date_due, date(2026, 6, 2))
        self.assertEqual(admission.current_step_line_id, commune)
        # late: flagged, found by the search, reminded once by the daily job
        with freeze_time("2026-05-13 03:00:00"):
            self.assertTrue(admission.step_late)
            self.assertIn(admission, self.env["ctxh.admission"].search([("step_late", "=", True)]))
            self.env["ctxh.admission"]._cron_dossier_deadlines()
            self.env["ctxh.admission"]._cron_dossier_deadlines()
        self.assertEqual(len(admission.activity_ids.filtered(lambda a: "chain is late" in a.summary)), 1)
        # done with the commune's document (its number first); the next step starts on the document's date
        with self.assertRaisesRegex(UserError, "record the number"):
            commune.with_user(self.care_a).action_done()
        commune.with_user(self.care_a).write({"document_ref": "15/UBND-VX", "document_date": date(2026, 5, 8)})
        with self.assertRaises(AccessError):
            commune.with_user(self.accountant_a).action_done()
        with self.assertRaises(UserError, msg="the chain moves by its action only"):
            commune.with_user(self.director_a).write({"state": "done"})
        commune.with_user(self.care_a).action_done()
        self.assertEqual((commune.state, commune.date_done), ("done", date(2026, 5, 8)))
        self.assertEqual((health.state, health.date_start), ("current", date(2026, 5, 8)))
        with self.assertRaisesRegex(UserError, "required by the law"):
            health.with_user(self.care_a).action_skip()
        health.with_user(self.care_a).write({"document_ref": "102/SYT-BTXH", "document_date": date(2026, 5, 20)})
        health.with_user(self.care_a).action_done()
        # the director's decision closes the last step
        admission.document_line_ids.write({"received": True})
        admission.with_user(self.care_a).action_submit()
        admission.with_user(self.director_a).action_approve()
        self.assertEqual(decision.state, "done")

    def test_the_chain_before_july_2025(self):
        """A request of 2025 before the reform follows the chain in force then: review and posting by the commune,
        then the facility head."""
        admission = self._admission(self.regular, date(2025, 3, 3))
        self.assertEqual(admission.step_line_ids.step_id, self.env.ref(
            "ctxh_residents.admission_step_regular_2021_commune") | self.env.ref(
            "ctxh_residents.admission_step_regular_2021_posting") | self.env.ref(
            "ctxh_residents.admission_step_regular_2021_decision"))

    def test_emergency_dossier_in_ten_working_days_from_the_reception(self):
        """Received on Friday 13/02/2026: the dossier is due on 06/03/2026 (10 working days, Tết skipped); the
        abandoned child's public notice (25 working days) is optional and counted from the reception too."""
        admission = self._admission(self.emergency, date(2026, 2, 13),
                                    received_at=datetime(2026, 2, 13, 2, 0), brought_by="Công an phường")
        self.assertEqual(admission.dossier_deadline, date(2026, 3, 6))
        dossier, notice, _decision = admission.step_line_ids
        self.assertEqual(dossier.date_due, date(2026, 3, 6))
        self.assertEqual(notice.date_due, self.facility_a._ctxh_add_working_days(date(2026, 2, 13), 25))
        with freeze_time("2026-03-02 03:00:00"):
            dossier.with_user(self.care_a).action_done()
        self.assertEqual(admission.current_step_line_id, notice)
        notice.with_user(self.care_a).action_skip()
        self.assertEqual(notice.state, "skipped")

    def test_changing_the_type_before_the_decision_rebuilds_the_chain(self):
        admission = self._admission(self.emergency, date(2026, 3, 2))
        admission.admission_type_id = self.regular
        self.assertEqual(admission.step_line_ids.mapped("performer"), ["commune", "health_department", "facility"])

    def test_discharge_decision_within_seven_working_days(self):
        """A request of Tuesday 28/04/2026 is decided by 11/05/2026 (30/04 and 01/05 are holidays)."""
        resident = self._resident(name="Lý Thị Pằn")
        stay = self._admit(resident, date_start=datetime(2025, 1, 6, 2, 0))
        discharge = self.env["ctxh.discharge"].create({
            "stay_id": stay.id, "reason_id": self.env.ref("ctxh_residents.discharge_reason_family_request").id,
            "request_date": date(2026, 4, 28)})
        self.assertEqual(discharge.decision_deadline, date(2026, 5, 11))

    def test_migration_corrects_the_shipped_limits_and_builds_open_chains(self):
        """The 18.0.1.4.0 migration: the emergency dossier 25 -> 10 working days, the normal admission 34 -> 25,
        the temporary rehabilitation stay in calendar days, unless an administrator changed them; an undecided
        admission without a chain gets one."""
        temporary = self.env.ref("ctxh_residents.admission_type_rehab_temporary")
        self.emergency.dossier_days, self.regular.dossier_days = 25, 34
        temporary.dossier_calendar_days = False
        admission = self._admission(self.regular, date(2026, 3, 2))
        admission.step_line_ids.sudo()._ctxh_as_action().unlink()
        path = pathlib.Path(__file__).parent.parent / "migrations" / "18.0.1.4.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("ctxh_residents_post_migrate_1_4", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual((self.emergency.dossier_days, self.regular.dossier_days), (10, 25))
        self.assertTrue(temporary.dossier_calendar_days)
        self.assertEqual(len(admission.step_line_ids), 3)
