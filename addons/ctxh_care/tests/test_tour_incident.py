from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestIncidentTour(CtxhTourCase):
    def test_social_worker_reports_a_serious_fall(self):
        """In the browser, a social worker records a fall from Care > Incidents with the resident, type, time and
        description, and reports it: being serious, it is put before the director at once."""
        social_worker = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        self.assertEqual(social_worker.company_id.ctxh_director_id, director, "the demo facility has its director")
        resident = self.env["ctxh.resident"].search(
            [("name", "=", "Bùi Quang Lộc"), ("company_id", "=", social_worker.company_id.id)])
        started = fields.Datetime.now()
        self.start_tour("/odoo", "ctxh_incident_tour", login=social_worker.login)
        incident = self.env["ctxh.incident"].search([("name", "=", "Cụ Lộc trượt ngã trong nhà tắm")])
        self.assertEqual(len(incident), 1)
        self.assertEqual((incident.incident_type, incident.severity), ("fall", "serious"))
        self.assertEqual(incident.resident_ids, resident)
        self.assertEqual(incident.place, "Nhà tắm khu B, phòng B202")
        self.assertTrue(incident.description.startswith("Cụ trượt chân trên sàn ướt"))
        # typed in the browser's own time: two hours before the tour, whatever the time zone
        self.assertLessEqual(abs(incident.date - (started - timedelta(hours=2))), timedelta(minutes=5))
        self.assertEqual((incident.state, incident.reported_by_id), ("reported", social_worker))
        self.assertEqual(incident.company_id, social_worker.company_id)
        self.assertEqual(incident.activity_ids.user_id, director)
