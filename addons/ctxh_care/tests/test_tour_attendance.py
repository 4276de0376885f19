from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestAttendanceTour(CtxhTourCase):
    def test_social_worker_takes_group_attendance(self):
        """In the browser, a social worker marks the sewing class all present, one resident absent,
        and closes the session."""
        session = self.env.ref("ctxh_care.session_qn_sewing_5")
        absent = self.env.ref("ctxh_residents.resident_qn_18")
        self.assertEqual(session.state, "planned")
        self.assertFalse(session.attendance_ids.filtered("status"))
        self.start_tour("/odoo", "ctxh_attendance_tour", login="congtacxahoi")
        self.env.invalidate_all()
        self.assertEqual(session.state, "done")
        self.assertEqual(len(session.attendance_ids), 5)
        line = session.attendance_ids.filtered(lambda a: a.resident_id == absent)
        self.assertEqual(line.status, "absent")
        self.assertEqual(line.note, "Ốm, nghỉ tại phòng")
        self.assertEqual(set((session.attendance_ids - line).mapped("status")), {"present"})
        enrolment = session.programme_id.enrolment_ids.filtered(lambda e: e.resident_id == absent)
        self.assertEqual(enrolment.hours_attended, 9.0, "three of the four earlier classes, not this one")


@tagged("post_install", "-at_install", "ctxh_tour")
class TestAttendancePhoneTour(CtxhTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_attendance_on_a_phone(self):
        """On a 390 px phone, the social worker marks the sewing class present, one resident absent on her own
        card, and closes the session."""
        session = self.env.ref("ctxh_care.session_qn_sewing_5")
        absent = self.env.ref("ctxh_residents.resident_qn_18")
        self.start_tour("/odoo", "ctxh_attendance_phone_tour", login="congtacxahoi")
        self.env.invalidate_all()
        self.assertEqual(session.state, "done")
        line = session.attendance_ids.filtered(lambda a: a.resident_id == absent)
        self.assertEqual(line.status, "absent")
        self.assertEqual(set((session.attendance_ids - line).mapped("status")), {"present"})
