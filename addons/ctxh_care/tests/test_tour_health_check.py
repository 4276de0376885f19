from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestHealthCheckTour(CtxhTourCase):
    def test_nurse_records_a_health_check(self):
        """In the browser, the nurse records a health check from Medical > Health Checks: the measures typed with
        the Vietnamese decimal comma are saved, the BMI is computed and the high systolic pressure is flagged."""
        nurse = self.env.ref("ctxh_residents.user_ctxh_medical")
        resident = self.env["ctxh.resident"].search(
            [("name", "=", "Bùi Văn An"), ("company_id", "=", nurse.company_id.id)])
        Check = self.env["ctxh.health.check"]
        before = Check.search([("resident_id", "=", resident.id)])
        self.start_tour("/odoo", "ctxh_health_check_tour", login=nurse.login)
        check = Check.search([("resident_id", "=", resident.id)]) - before
        self.assertEqual(len(check), 1)
        self.assertEqual((check.examiner_id, check.date), (nurse, check.company_id._ctxh_today()))
        self.assertEqual(check.stay_id, resident.current_stay_id)
        self.assertEqual((check.height, check.weight, check.bmi), (165.0, 58.5, 21.5))
        self.assertEqual((check.blood_pressure_systolic, check.blood_pressure_diastolic), (150, 85))
        self.assertEqual((check.pulse, check.temperature), (78, 36.8))
        self.assertTrue(check.systolic_abnormal)
        self.assertFalse(check.diastolic_abnormal or check.bmi_abnormal or check.temperature_abnormal)
        self.assertTrue(check.findings.startswith("Tỉnh táo"))
