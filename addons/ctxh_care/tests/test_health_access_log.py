from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestHealthAccessLog(CtxhResidentsCase):
    """Health records are sensitive as a whole: opening one is logged, listing names is not."""

    def test_opening_a_health_check_is_logged(self):
        """The nurse who opens a health check is logged against the resident; reading the name is not."""
        resident = self._resident(name="Sầm Thị Duyên")
        check = self.env["ctxh.health.check"].with_user(self.medical_a).create({"resident_id": resident.id,
                                                                                 "weight": 48.5})
        Log = self.env["ctxh.sensitive.access.log"]
        check.with_user(self.medical_a).read(["display_name", "resident_id"])
        self.assertFalse(Log.search([("res_model", "=", "ctxh.health.check")]))
        check.with_user(self.medical_a).read(["weight"])
        log = Log.search([("res_model", "=", "ctxh.health.check"), ("res_id", "=", check.id)])
        self.assertEqual((log.user_id, log.resident_id, log.field_names), (self.medical_a, resident, "weight"))
