from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestIncident(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.ctxh_director_id = cls.director_a
        cls.resident = cls._resident(name="Mông Thị Ly")

    def _incident(self, severity="minor", user=None):
        return self.env["ctxh.incident"].with_user(user or self.care_a).create({
            "name": "Va chạm giữa hai đối tượng trong giờ ăn", "incident_type": "violence", "severity": severity,
            "company_id": self.facility_a.id, "resident_ids": [(6, 0, self.resident.ids)],
            "description": "Hai đối tượng xô xát, một người bị trầy tay.",
            "notification_ids": [(0, 0, {"party": "family", "contact": "Mẹ, 0988 123 456"})],
        })

    def test_serious_incident_alerts_director_at_once(self):
        """Reporting a serious incident gives the director an activity and a notification."""
        incident = self._incident("serious")
        incident.action_report()
        self.assertEqual(incident.state, "reported")
        self.assertEqual(incident.reported_by_id, self.care_a)
        self.assertEqual(incident.activity_ids.user_id, self.director_a)
        notified = incident.message_ids.filtered(lambda m: self.director_a.partner_id in m.partner_ids)
        self.assertTrue(notified, "the director is notified in the chatter")

    def test_minor_incident_does_not_alert(self):
        """A minor incident is reported without disturbing the director."""
        incident = self._incident("minor")
        incident.action_report()
        self.assertFalse(incident.activity_ids)

    def test_director_reviews_and_closes(self):
        """Only the director closes, and only with a written review."""
        incident = self._incident("serious")
        incident.action_report()
        with self.assertRaises(AccessError):
            incident.with_user(self.care_a).action_close()
        with self.assertRaisesRegex(UserError, "review"):
            incident.with_user(self.director_a).action_close()
        incident.review_note = "Đã họp rút kinh nghiệm, tách hai đối tượng sang hai phòng."
        incident.with_user(self.director_a).action_close()
        self.assertEqual((incident.state, incident.closed_by_id), ("closed", self.director_a))
        self.assertFalse(incident.activity_ids, "the alert is done once the incident is closed")

    def test_resident_counts_incidents_and_facility_isolation(self):
        """The resident form counts incidents; another facility's staff cannot see them."""
        incident = self._incident()
        self.assertEqual(self.resident.incident_count, 1)
        self.assertFalse(self.env["ctxh.incident"].with_user(self.care_b).search([("id", "=", incident.id)]))
        with self.assertRaises(AccessError):
            incident.with_user(self.care_b).read(["name"])


@tagged("post_install", "-at_install")
class TestFamilyVisit(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mother = cls.env["res.partner"].create({"name": "Hà Thị Xuân"})
        cls.abuser = cls.env["res.partner"].create({"name": "Dương Văn Hổ"})
        cls.resident = cls._resident(name="Dương Thị Na", relative_ids=[
            (0, 0, {"partner_id": cls.mother.id, "relationship": "mother", "is_guardian": True}),
            (0, 0, {"partner_id": cls.abuser.id, "relationship": "father", "visit_permission": "forbidden",
                    "note": "Quyết định cấm tiếp xúc của Tòa án."}),
        ])

    def test_visit_of_allowed_relative(self):
        """A visit from the mother is registered with items and times; the resident counts it."""
        form = Form(self.env["ctxh.visit"].with_user(self.care_a))
        form.resident_id = self.resident
        form.relative_id = self.resident.relative_ids.filtered(lambda r: r.partner_id == self.mother)
        form.items_brought = "Sữa, quần áo"
        form.supervised = True
        visit = form.save()
        self.assertEqual(visit.visitor_partner_id, self.mother)
        self.assertEqual(visit.relationship, "mother")
        visit.action_leave()
        self.assertTrue(visit.time_out)
        self.assertEqual(self.resident.visit_count, 1)

    def test_forbidden_visitor_is_blocked(self):
        """The form warns, and saving is refused, for a person the resident must not see."""
        form = Form(self.env["ctxh.visit"].with_user(self.care_a))
        form.resident_id = self.resident
        form.visitor_partner_id = self.abuser
        self.assertIn("Dương Văn Hổ", form.forbidden_warning)
        with self.assertRaisesRegex(ValidationError, "cannot be registered"):
            form.save()

    def test_visit_times_and_isolation(self):
        """A visit cannot end before it starts; another facility's staff cannot see it."""
        with self.assertRaises(ValidationError):
            self.env["ctxh.visit"].create({
                "resident_id": self.resident.id, "visitor_partner_id": self.mother.id,
                "time_in": datetime(2026, 5, 1, 9, 0), "time_out": datetime(2026, 5, 1, 8, 0)})
        visit = self.env["ctxh.visit"].create({"resident_id": self.resident.id, "visitor_partner_id": self.mother.id})
        self.assertFalse(self.env["ctxh.visit"].with_user(self.care_b).search([("id", "=", visit.id)]))
