from datetime import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestMedicationOrderTour(CtxhTourCase):
    def test_nurse_prescribes_for_a_new_resident(self):
        """In the browser, the nurse opens Medication Orders from the menu, creates an order with "Mới" for a
        resident admitted today (the resident list offers her), and activates it: its doses are planned."""
        nurse = self.env.ref("ctxh_residents.user_ctxh_medical")
        resident = self.env["ctxh.resident"].create({
            "name": "Sùng Thị Mỷ", "gender": "female", "company_id": nurse.company_id.id})
        admission = self.env["ctxh.admission"].create({
            "resident_id": resident.id, "company_id": nurse.company_id.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_emergency").id,
            "brought_by": "Công an phường Hồng Gai", "received_at": datetime.now().replace(microsecond=0)})
        admission.with_user(self.env.ref("ctxh_residents.user_ctxh_social_worker")).action_admit_emergency()
        self.start_tour("/odoo", "ctxh_medication_order_tour", login=nurse.login)
        order = self.env["ctxh.medication"].search([("resident_id", "=", resident.id)])
        self.assertEqual((order.medicine, order.state), ("Paracetamol 500mg", "active"))
        self.assertEqual(order.stay_id, admission.stay_id)
        self.assertTrue(order.administration_ids.filtered(lambda d: d.scheduled_at >= fields.Datetime.now()))
