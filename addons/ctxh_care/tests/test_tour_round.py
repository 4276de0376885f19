from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestRoundPhoneTour(CtxhTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_round_on_a_phone(self):
        """On a 390 px phone, a carer records the round from the menu: given, refused with its reason, and given far
        from its time after confirming."""
        user = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        resident = self.env["ctxh.resident"].search(
            [("company_id", "=", user.company_id.id), ("state", "=", "in_care"), ("bed_id", "!=", False)], limit=1)
        self.assertTrue(resident, "the demo facility has a resident in a bed")
        resident.name = "Vàng Thị Dua"
        # every dose today (local time), whatever the hour the test runs: "far" is 45 minutes when the confirmation
        # is asked from 30 minutes on
        self.env["ctxh.legal.parameter"].create({"code": "medication_confirm_minutes", "name": "Xác nhận",
                                                 "value": 30, "date_from": "2020-01-01"})
        now = fields.Datetime.now().replace(microsecond=0)
        local_hour = resident.company_id._ctxh_local(now).hour
        far = now - timedelta(minutes=45) if local_hour >= 1 else now + timedelta(minutes=45)
        doses = {}
        for medicine, when in (("Vitamin B1 250mg", now), ("Calci D 500mg", now), ("Metformin 500mg", far)):
            order = self.env["ctxh.medication"].create({
                "resident_id": resident.id, "medicine": medicine, "dose": "1 viên", "route": "oral",
                "times_of_day": "07:00", "date_start": fields.Date.today()})
            order.state = "active"  # the fixture: the doses below are the round's
            doses[medicine] = self.env["ctxh.medication.administration"].create(
                {"medication_id": order.id, "scheduled_at": when})
        self.start_tour("/odoo", "ctxh_round_phone_tour", login=user.login)
        self.env.invalidate_all()
        self.assertEqual(doses["Vitamin B1 250mg"].state, "given")
        self.assertEqual(doses["Calci D 500mg"].state, "refused")
        self.assertEqual(doses["Calci D 500mg"].reason, "Bà nhổ thuốc ra, không chịu uống.")
        self.assertEqual(doses["Metformin 500mg"].state, "given")
        self.assertEqual(doses["Metformin 500mg"].given_by, user)
