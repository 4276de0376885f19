from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestActivity(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lan = cls._resident(name="Hà Thị Lan")
        cls.mai = cls._resident(name="Đinh Thị Mai")
        cls.cuc = cls._resident(name="Vi Thị Cúc")
        cls.applicant = cls._resident(name="Lục Thị Nga")
        for resident in cls.lan | cls.mai | cls.cuc:
            cls._admit(resident)
        cls.sewing = cls.env["ctxh.programme"].create({
            "name": "Lớp may công nghiệp", "kind": "vocational", "company_id": cls.facility_a.id,
            "instructor_id": cls.care_a.id, "capacity": 2, "hours_per_session": 2.0, "state": "open",
        })
        cls.start = datetime(2026, 3, 2, 1, 0)

    def _enrol(self, resident, programme=None, user=None, **vals):
        Enrolment = self.env["ctxh.programme.enrolment"].with_user(user or self.care_a)
        return Enrolment.create({"programme_id": (programme or self.sewing).id, "resident_id": resident.id, **vals})

    def _session(self, programme=None, days=0, user=None, **vals):
        Session = self.env["ctxh.programme.session"].with_user(user or self.care_a)
        return Session.create({"programme_id": (programme or self.sewing).id,
                               "date_start": self.start + timedelta(days=days), **vals})

    def _rehab_stay(self, resident, code="rehab_compulsory"):
        admission_type = self.env["ctxh.admission.type"].search([("code", "=", code)], limit=1)
        admission = self.env["ctxh.admission"].create({
            "resident_id": resident.id, "company_id": resident.company_id.id,
            "admission_type_id": admission_type.id,
        })
        return self._admit(resident, admission_id=admission.id)

    # ------------------------------------------------------------------
    # Enrolments
    # ------------------------------------------------------------------
    def test_capacity_limits_enrolled_residents(self):
        """A programme for two takes no third resident until one drops out; a lower capacity is refused."""
        self._enrol(self.lan)
        mai = self._enrol(self.mai)
        self.assertEqual(self.sewing.enrolled_count, 2)
        self.assertEqual(self.sewing.seats_left, 0)
        with self.assertRaises(ValidationError) as caught:
            self._enrol(self.cuc)
        self.assertIn("is full", str(caught.exception))
        mai.action_drop()
        self._enrol(self.cuc)
        self.assertEqual(self.sewing.enrolled_count, 2)
        with self.assertRaisesRegex(ValidationError, "is full"):
            mai.action_reenrol()
        with self.assertRaisesRegex(ValidationError, "is full"):
            self.sewing.capacity = 1

    def test_resident_enrolled_once_per_programme(self):
        """The database refuses a second enrolment of the same resident in the same programme."""
        self.sewing.capacity = 0
        self._enrol(self.lan)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self._enrol(self.lan)

    def test_only_residents_in_care_are_enrolled(self):
        """An applicant not yet admitted cannot be enrolled."""
        with self.assertRaisesRegex(ValidationError, "not in care"):
            self._enrol(self.applicant)

    def test_certificate_only_for_passed_result(self):
        """Completing with a pass records a certificate; a certificate for a failed result is refused."""
        enrolment = self._enrol(self.lan)
        enrolment.action_complete()
        self.assertEqual(enrolment.state, "completed")
        with self.assertRaisesRegex(ValidationError, "passed"):
            enrolment.write({"result": "failed", "certificate_number": "CC-01/2026"})
        enrolment.write({"result": "passed", "certificate_number": "CC-01/2026", "certificate_date": "2026-06-30"})
        self.assertEqual(enrolment.certificate_number, "CC-01/2026")
        with self.assertRaises(UserError):
            enrolment.action_drop()

    # ------------------------------------------------------------------
    # Sessions and attendance
    # ------------------------------------------------------------------
    def test_attendance_lines_for_enrolled_residents_only(self):
        """A new session lists the enrolled residents only; preparing again adds the newcomer once."""
        self._enrol(self.lan)
        self._enrol(self.mai).action_drop()
        session = self._session()
        self.assertEqual(session.attendance_ids.resident_id, self.lan)
        self.assertFalse(session.attendance_ids.status, "nobody is marked before the session")
        self._enrol(self.cuc)
        session.action_prepare_attendance()
        session.action_prepare_attendance()
        self.assertEqual(session.attendance_ids.resident_id, self.lan | self.cuc)
        self.assertEqual(len(session.attendance_ids), 2)

    def test_sessions_created_together_get_their_own_group(self):
        """Sessions of two programmes created in one call each list their own residents."""
        self._enrol(self.lan)
        physio = self.sewing.copy({"name": "Phục hồi chức năng vận động", "kind": "physical"})
        self._enrol(self.mai, programme=physio)
        sessions = self.env["ctxh.programme.session"].with_user(self.care_a).create([
            {"programme_id": self.sewing.id, "date_start": self.start},
            {"programme_id": physio.id, "date_start": self.start},
        ])
        self.assertEqual(sessions[0].attendance_ids.resident_id, self.lan)
        self.assertEqual(sessions[1].attendance_ids.resident_id, self.mai)

    def test_all_present_then_exceptions_then_done(self):
        """Care staff mark the whole group present, note one absence and close the session."""
        self._enrol(self.lan)
        self._enrol(self.mai)
        session = self._session()
        with self.assertRaisesRegex(UserError, "Mark the attendance"):
            session.action_done()
        session.attendance_ids.filtered(lambda a: a.resident_id == self.lan).status = "absent"
        session.action_all_present()
        self.assertEqual(set(session.attendance_ids.mapped("status")), {"present"})
        self.assertEqual(session.present_count, 2)
        session.attendance_ids.filtered(lambda a: a.resident_id == self.mai).write(
            {"status": "absent", "note": "Ốm, sốt nhẹ"})
        session.action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.absent_count, 1)
        with self.assertRaises(UserError):
            session.action_all_present()

    def test_session_defaults_follow_programme(self):
        """A session takes its hours, instructor and end time from the programme."""
        session = self._session()
        self.assertEqual(session.hours, 2.0)
        self.assertEqual(session.instructor_id, self.care_a)
        self.assertEqual(session.date_stop, self.start + timedelta(hours=2))
        self.assertEqual(session.company_id, self.facility_a)

    def test_hours_count_attended_sessions_only(self):
        """Only sessions held and attended count: not absences, excused days, planned or cancelled ones."""
        self._enrol(self.lan)
        enrolment_mai = self._enrol(self.mai)
        held = self._session(days=0)
        held.action_all_present()
        held.attendance_ids.filtered(lambda a: a.resident_id == self.mai).status = "absent"
        held.action_done()
        short = self._session(days=1, hours=1.5)
        short.action_all_present()
        short.attendance_ids.filtered(lambda a: a.resident_id == self.mai).status = "excused"
        short.action_done()
        planned = self._session(days=2)
        planned.action_all_present()
        cancelled = self._session(days=3)
        cancelled.action_all_present()
        cancelled.action_cancel()
        enrolment_lan = self.sewing.enrolment_ids.filtered(lambda e: e.resident_id == self.lan)
        self.assertEqual(enrolment_lan.hours_attended, 3.5)
        self.assertEqual(enrolment_lan.sessions_attended, 2)
        self.assertEqual(enrolment_mai.hours_attended, 0.0)
        self.assertEqual(self.lan.programme_hours, 3.5)
        self.assertEqual(self.mai.programme_hours, 0.0)
        self.assertEqual(self.sewing.session_count, 2)
        # hours of another programme add up on the resident, not on this enrolment
        culture = self.sewing.copy({"name": "Sinh hoạt văn hóa, văn nghệ", "kind": "culture_sport",
                                    "hours_per_session": 1.0})
        self._enrol(self.lan, programme=culture)
        evening = self._session(programme=culture)
        evening.action_all_present()
        evening.action_done()
        self.lan.invalidate_recordset(["programme_hours", "programme_enrolment_count"])
        enrolment_lan.invalidate_recordset(["hours_attended"])
        self.assertEqual(self.lan.programme_hours, 4.5)
        self.assertEqual(self.lan.programme_enrolment_count, 2)
        self.assertEqual(enrolment_lan.hours_attended, 3.5)
        action = self.lan.action_view_programme_enrolments()
        self.assertEqual(self.env["ctxh.programme.enrolment"].search(action["domain"]).programme_id,
                         self.sewing | culture)

    def test_programme_steps(self):
        """A programme opens, closes, and only the director reopens it."""
        programme = self.env["ctxh.programme"].with_user(self.care_a).create({
            "name": "Lớp học chữ nổi Braille", "kind": "education", "company_id": self.facility_a.id})
        self.assertEqual(programme.state, "draft")
        programme.action_open()
        programme.action_close()
        self.assertEqual(programme.state, "closed")
        with self.assertRaises(AccessError):
            programme.action_reset_draft()
        programme.with_user(self.director_a).action_reset_draft()
        self.assertEqual(programme.state, "draft")

    # ------------------------------------------------------------------
    # Drug rehabilitation stages
    # ------------------------------------------------------------------
    def test_five_legal_rehab_stages(self):
        """The five stages of Law 73/2021 Art. 29 exist in order, with their legal basis."""
        stages = self.env["ctxh.rehab.stage"].search([])
        self.assertEqual(stages.mapped("code"), ["intake", "detox", "education", "labour", "reintegration"])
        self.assertTrue(all("Điều 29" in basis for basis in stages.mapped("legal_basis")))
        self.assertEqual(stages.filtered("compulsory_only").mapped("code"), ["labour", "reintegration"])

    def test_rehab_stage_tracked_and_shown_on_resident(self):
        """Moving a rehab resident to the next stage is logged on the stay and shown on the resident."""
        resident = self._resident(company=self.facility_b, name="Trần Văn Lực", gender="male")
        stay = self._rehab_stay(resident)
        self.env.cr.precommit.run()  # the stay was created in an earlier transaction
        self.assertTrue(stay.is_rehab_stay)
        intake = self.env.ref("ctxh_care.rehab_stage_intake")
        detox = self.env.ref("ctxh_care.rehab_stage_detox")
        stay.with_user(self.care_b).rehab_stage_id = intake
        self.env.cr.precommit.run()
        self.assertEqual(resident.rehab_stage_id, intake)
        self.assertTrue(resident.is_rehab_stay)
        stay.with_user(self.care_b).rehab_stage_id = detox
        self.env.cr.precommit.run()
        self.assertEqual(resident.rehab_stage_id, detox)
        tracked = stay.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "rehab_stage_id")
        self.assertEqual(tracked.mapped("new_value_char"), ["Detoxification and treatment",
                                                            "Intake and classification"])
        on_resident = resident.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "rehab_stage_id")
        self.assertEqual(on_resident[:1].new_value_char, "Detoxification and treatment",
                         "the resident's chatter shows the move too")
        groups = dict(self.env["ctxh.resident"]._read_group(
            [("id", "=", resident.id)], ["rehab_stage_id"], ["__count"]))
        self.assertEqual(groups, {detox: 1})
        with Form(resident.with_user(self.care_b)) as form:
            form.rehab_stage_id = self.env.ref("ctxh_care.rehab_stage_education")
        self.assertEqual(stay.rehab_stage_id.code, "education", "set from the resident form, kept on the stay")

    def test_rehab_stage_only_for_rehab_stays(self):
        """A resident of a social protection centre shows no stage and cannot be given one."""
        stay = self._admit(self.applicant)
        self.assertFalse(stay.is_rehab_stay)
        with Form(self.applicant.with_user(self.care_a)) as form, self.assertRaisesRegex(
                AssertionError, "invisible"):
            form.rehab_stage_id = self.env.ref("ctxh_care.rehab_stage_intake")
        with self.assertRaisesRegex(ValidationError, "drug rehabilitation"):
            stay.rehab_stage_id = self.env.ref("ctxh_care.rehab_stage_intake")

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_care_staff_take_attendance_but_do_not_delete(self):
        """Care staff create sessions and mark attendance; only the director deletes a programme."""
        self._enrol(self.lan)
        session = self._session(user=self.care_a)
        session.attendance_ids.with_user(self.care_a).status = "present"
        session.with_user(self.care_a).action_done()
        self.assertEqual(session.state, "done")
        with self.assertRaises(AccessError):
            self.sewing.with_user(self.care_a).unlink()
        with self.assertRaises(AccessError):
            session.attendance_ids.with_user(self.care_a).unlink()
        with self.assertRaises(AccessError):
            self.env.ref("ctxh_care.rehab_stage_intake").with_user(self.care_a).name = "Tiếp nhận"
        self.env.ref("ctxh_care.rehab_stage_intake").with_user(self.director_a).name = "Tiếp nhận, phân loại"
        draft = self.env["ctxh.programme"].create({"name": "Lớp tạm", "company_id": self.facility_a.id})
        draft.with_user(self.director_a).unlink()
        self.assertFalse(draft.exists())

    def test_other_facility_sees_nothing(self):
        """Staff of facility B see no programme, enrolment, session or attendance of facility A."""
        self._enrol(self.lan)
        session = self._session()
        for model in ("ctxh.programme", "ctxh.programme.enrolment", "ctxh.programme.session",
                      "ctxh.programme.attendance"):
            self.assertFalse(self.env[model].with_user(self.care_b).search(
                [("company_id", "=", self.facility_a.id)]), model)
            self.assertTrue(self.env[model].search([("company_id", "=", self.facility_a.id)]), model)
        with self.assertRaises(AccessError):
            self.sewing.with_user(self.care_b).read(["name"])
        with self.assertRaises(AccessError):
            session.attendance_ids.with_user(self.care_b).write({"status": "present"})
        self.assertEqual(self.env["ctxh.programme.session"].with_user(self.care_ab).search(
            [("id", "=", session.id)]), session)
