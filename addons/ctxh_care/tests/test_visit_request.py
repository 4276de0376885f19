"""Visit requests from the portal: care staff accept or refuse them and the family gets the answer by e-mail;
a relative who must not see the resident is refused at once and never told why."""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestVisitRequest(CtxhResidentsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.write({"ctxh_visiting_hours": "8h00–10h30, 14h00–16h30", "phone": "0205 3870 123"})
        cls.resident = cls._resident(name="Lương Thị Nhài")
        cls._admit(cls.resident, date_start=datetime(2026, 1, 5, 3, 0))
        Partner = cls.env["res.partner"]
        cls.son = Partner.create({"name": "Lương Văn Toàn", "email": "toan@example.vn", "lang": "en_US"})
        cls.nephew = Partner.create({"name": "Lương Văn Cường", "email": "cuong@example.vn", "lang": "en_US"})
        Relative = cls.env["ctxh.resident.relative"]
        Relative.create({"resident_id": cls.resident.id, "partner_id": cls.son.id, "relationship": "child"})
        Relative.create({"resident_id": cls.resident.id, "partner_id": cls.nephew.id, "relationship": "other",
                         "visit_permission": "forbidden", "note": "Quyết định cấm tiếp xúc số 12/QĐ-TA"})
        cls.Request = cls.env["ctxh.visit.request"]

    def _request(self, partner, **vals):
        return self.Request.create({"resident_id": self.resident.id, "partner_id": partner.id,
                                    "date": date(2026, 12, 20), "time_slot": "afternoon", **vals})

    def _last_message(self, request):
        return request.message_ids.filtered(lambda m: m.message_type == "comment")[:1]

    def test_staff_accept_and_the_family_is_told(self):
        request = self._request(self.son, visitors=2, note="Mang quần áo ấm cho mẹ")
        self.assertEqual(request.state, "requested")
        self.assertTrue(request.relative_id)
        request.with_user(self.care_a).action_accept()
        self.assertEqual((request.state, request.decided_by_id), ("accepted", self.care_a))
        message = self._last_message(request)
        self.assertIn(self.son, message.partner_ids, "the answer goes to the relative by e-mail")
        self.assertIn("20/12/2026", message.body)
        self.assertIn("8h00–10h30, 14h00–16h30", message.body)
        with self.assertRaises(UserError):
            request.with_user(self.care_a).action_refuse()

    def test_refusal_needs_a_reason_the_family_never_reads(self):
        request = self._request(self.son)
        with self.assertRaisesRegex(UserError, "Write why"):
            request.with_user(self.care_a).action_refuse()
        request.with_user(self.care_a).refusal_reason = "Bà đang cách ly vì cúm"
        request.with_user(self.care_a).action_refuse()
        self.assertEqual(request.state, "refused")
        message = self._last_message(request)
        self.assertIn("cannot be accepted", message.body)
        self.assertNotIn("cúm", message.body)
        # the decision is the action's: nobody writes it
        with self.assertRaises(UserError):
            request.with_user(self.care_a).write({"state": "accepted"})

    def test_a_relative_who_must_not_visit_is_refused_without_a_reason(self):
        request = self._request(self.nephew)
        self.assertEqual(request.state, "refused")
        self.assertIn("12/QĐ-TA", request.refusal_reason)
        message = self._last_message(request)
        self.assertIn(self.nephew, message.partner_ids)
        self.assertNotIn("12/QĐ-TA", message.body)
        self.assertNotIn("must not", message.body)

    def test_other_facilities_and_roles(self):
        request = self._request(self.son)
        with self.assertRaises(AccessError):
            request.with_user(self.care_b).read(["state"])
        with self.assertRaises(AccessError):
            request.with_user(self.accountant_a).read(["state"])
