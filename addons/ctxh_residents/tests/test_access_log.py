from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestSensitiveAccessLog(CtxhResidentsCase):
    """Reading a resident's sensitive details leaves a line the director can read and nobody can change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Lò Thị Mai", hiv_status="positive", drug_use_history="Heroin 2019-2021")
        cls.Log = cls.env["ctxh.sensitive.access.log"]

    def _logs(self):
        return self.Log.search([("resident_id", "=", self.resident.id)])

    def test_reading_sensitive_fields_is_logged(self):
        """A medical reader of the HIV status is logged with the fields read; the form read is logged too."""
        self.resident.with_user(self.medical_a).read(["name", "hiv_status"])
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertEqual((log.user_id, log.access_type, log.field_names), (self.medical_a, "read", "hiv_status"))
        self.assertEqual((log.res_model, log.res_id, log.company_id), ("ctxh.resident", self.resident.id,
                                                                       self.facility_a))
        self.resident.with_user(self.director_a).web_read({"name": {}, "drug_use_history": {}})
        self.assertEqual(len(self._logs()), 2)
        self.assertEqual(self._logs()[0].user_id, self.director_a)

    def test_reading_everything_logs_only_what_was_seen(self):
        """read() of all fields logs the medical reader, not the care worker who gets no sensitive field."""
        self.resident.with_user(self.care_a).read()
        self.assertFalse(self._logs())
        self.resident.with_user(self.medical_a).read()
        self.assertIn("hiv_status", self._logs().field_names.split(","))

    def test_ordinary_reads_and_the_system_are_not_logged(self):
        """Lists without sensitive columns and the system's own reads leave no line."""
        self.env["ctxh.resident"].with_user(self.medical_a).search_read([("id", "=", self.resident.id)],
                                                                        ["name", "birthdate"])
        self.resident.sudo().read(["hiv_status"])
        self.assertFalse(self._logs())

    def test_exports_are_logged(self):
        """Exporting the HIV status is logged as an export."""
        self.resident.with_user(self.medical_a).export_data(["name", "hiv_status"])
        self.assertEqual(self._logs().access_type, "export")

    def test_only_directors_read_the_log_and_nobody_changes_it(self):
        """Medical and care staff cannot read the log; the director reads it but cannot edit or delete it."""
        self.resident.with_user(self.medical_a).read(["hiv_status"])
        for user in (self.medical_a, self.care_a, self.accountant_a):
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])
        log = self.Log.with_user(self.director_a).search([("resident_id", "=", self.resident.id)])
        self.assertEqual(log.user_id, self.medical_a)
        with self.assertRaises(UserError):
            log.write({"user_id": self.director_a.id})
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertTrue(log.exists())
