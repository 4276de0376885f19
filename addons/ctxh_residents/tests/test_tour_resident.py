from odoo.tests import tagged

from .common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestResidentTour(CtxhTourCase):
    def test_social_worker_registers_resident(self):
        """A social worker creates a resident through the form; it is saved with its facility code."""
        self.start_tour("/odoo", "ctxh_resident_create_tour", login="congtacxahoi")
        resident = self.env["ctxh.resident"].search([("name", "=", "Đinh Thị Mơ")])
        self.assertEqual(len(resident), 1)
        self.assertEqual(resident.national_id, "022150001234")
        self.assertEqual(str(resident.birthdate), "1950-03-15")
        self.assertEqual(resident.company_id, self.env.ref("base.main_company"))
