from datetime import timedelta

from odoo.tests import tagged

from .common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestEmergencyAdmissionTour(CtxhTourCase):
    def test_social_worker_admits_emergency_case(self):
        """In the browser, a social worker admits an emergency case at once; the stay and the
        director's decision activity follow."""
        self.start_tour("/odoo", "ctxh_emergency_admission_tour", login="congtacxahoi")
        admission = self.env["ctxh.admission"].search([("resident_id.name", "=", "Lò Thị Sương")])
        self.assertEqual(admission.state, "admitted")
        self.assertEqual(admission.stay_id.state, "active")
        self.assertEqual(admission.resident_id.state, "in_care")
        self.assertEqual(admission.stay_id.date_end_planned, admission.received_at.date() + timedelta(days=90))
        self.assertEqual(admission.activity_ids.user_id, self.env.ref("ctxh_residents.user_ctxh_director"))

