"""A relative books a visit in Odoo's portal; a forged request for someone else's relative is turned away."""

import re
from datetime import date

from odoo.tests import new_test_user, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestVisitPortalTour(CtxhTourCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls.env.ref("ctxh_residents.resident_qn_01")
        cls.resident.company_id.ctxh_visiting_hours = "8h00–10h30 và 14h00–16h30"
        cls.other_resident = cls.env.ref("ctxh_residents.resident_qn_07")
        cls.user = new_test_user(cls.env, login="chautrai", password="chautrai", groups="base.group_portal",
                                 name="Hồ Văn Hưng", email="hovanhung@example.vn", lang="vi_VN",
                                 company_id=cls.resident.company_id.id)
        cls.env["ctxh.resident.relative"].create({"resident_id": cls.resident.id,
                                                  "partner_id": cls.user.partner_id.id, "relationship": "other"})

    def test_relative_books_a_visit(self):
        self.start_tour("/my", "ctxh_visit_request_tour", login="chautrai")
        request = self.env["ctxh.visit.request"].search([("partner_id", "=", self.user.partner_id.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual((request.resident_id, request.date, request.time_slot, request.state),
                         (self.resident, date(2030, 1, 15), "afternoon", "requested"))

    def test_a_forged_request_is_turned_away(self):
        self.authenticate("chautrai", "chautrai")
        page = self.url_open("/my/visits")
        self.assertIn(self.resident.name, page.text)
        self.assertIn("8h00–10h30 và 14h00–16h30", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.assertNotIn(self.other_resident.name, page.text)
        for resident, day in ((self.other_resident, "2030-01-15"), (self.resident, "2020-01-15"),
                              (self.resident, "not a day")):
            response = self.url_open("/my/visits/request", data={
                "csrf_token": token, "resident_id": resident.id, "date": day, "time_slot": "morning"})
            self.assertIn("error=1", response.url)
        self.assertFalse(self.env["ctxh.visit.request"].search([("partner_id", "=", self.user.partner_id.id)]))
