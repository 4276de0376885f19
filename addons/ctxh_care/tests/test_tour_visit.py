from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestVisitTour(CtxhTourCase):
    def test_social_worker_records_a_visit(self):
        """In the browser, a social worker records a family visit from the Care menu: the resident and the
        registered relative are offered by their names, and the saved visit is named after who came."""
        resident = self.env["ctxh.resident"].search([("name", "=", "Bùi Văn An")])
        self.start_tour("/odoo", "ctxh_visit_tour", login="congtacxahoi")
        visit = self.env["ctxh.visit"].search([("resident_id", "=", resident.id)], order="id desc", limit=1)
        self.assertEqual(visit.visitor_partner_id.name, "Đỗ Xuân Tuấn")
        self.assertEqual(visit.items_brought, "Sữa, bánh, áo ấm")
