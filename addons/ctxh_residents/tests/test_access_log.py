from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

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


@tagged("post_install", "-at_install")
class TestEveryDoorIsLogged(CtxhResidentsCase):
    """Sensitive fields reach a user through many doors; each one leaves its line in the log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Lò Thị Mai", hiv_status="positive", court_record="Bản án 12/2024/HS-ST")
        cls.stay = cls._admit(cls.resident)
        cls.Log = cls.env["ctxh.sensitive.access.log"]

    def _doors(self):
        """(door, call as the medical user, access type logged): one line per door, generated below."""
        Resident = self.env["ctxh.resident"].with_user(self.medical_a)
        resident = self.resident.with_user(self.medical_a)
        domain = [("id", "=", self.resident.id)]
        return [
            ("read", lambda: resident.read(["hiv_status"]), "read"),
            ("search_read", lambda: Resident.search_read(domain, ["name", "hiv_status"]), "read"),
            ("web_read", lambda: resident.web_read({"court_record": {}}), "read"),
            ("web_search_read", lambda: Resident.web_search_read(domain, {"hiv_status": {}}), "read"),
            ("read_group", lambda: Resident.read_group(domain, ["hiv_status"], ["hiv_status"]), "group"),
            ("web_read_group", lambda: Resident.web_read_group(domain, ["hiv_status"], ["hiv_status"]), "group"),
            ("export_data", lambda: resident.export_data(["name", "hiv_status"]), "export"),
            ("export through a stay", lambda: self.stay.with_user(self.medical_a).export_data(
                ["resident_id/hiv_status"]), "export"),
        ]

    def test_every_door_logs_the_reader(self):
        """Each door that sends the HIV status or the court record to medical staff leaves a line for the resident."""
        for door, call, access_type in self._doors():
            with self.subTest(door=door):
                before = self.Log.search_count([("resident_id", "=", self.resident.id)])
                call()
                logs = self.Log.search([("resident_id", "=", self.resident.id)], order="id desc")
                self.assertEqual(len(logs) - before, 1, f"{door}: one line, not none and not two")
                self.assertEqual((logs[0].user_id, logs[0].access_type), (self.medical_a, access_type))

    def test_groups_without_sensitive_fields_are_not_logged(self):
        """Counting residents by facility says nothing sensitive: no line."""
        self.env["ctxh.resident"].with_user(self.medical_a).read_group([], ["company_id"], ["company_id"])
        self.assertFalse(self.Log.search_count([("resident_id", "=", self.resident.id)]))

    def test_sensitive_changes_are_tracked_for_the_sensitive_group_only(self):
        """A change of the HIV notes or the court record is tracked; care staff reading the chatter get no
        trace of it (Odoo filters tracking values by the field's groups), medical staff do."""
        # a record is tracked from the transaction after its creation (Odoo discards the tracking of new records)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.resident.with_user(self.medical_a).write({"hiv_note": "ARV từ 2023", "court_record": "Đã chấp hành xong"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # the chatter's tracking is written when the transaction commits
        self.env.invalidate_all()
        trackings = self.resident.sudo().message_ids.tracking_value_ids
        tracked = set(trackings.field_id.mapped("name"))
        self.assertTrue({"hiv_note", "court_record"} <= tracked)
        as_care = trackings._filter_has_field_access(self.env(user=self.care_a))
        as_medical = trackings._filter_has_field_access(self.env(user=self.medical_a))
        self.assertFalse({"hiv_note", "court_record"} & set(as_care.field_id.mapped("name")))
        self.assertTrue({"hiv_note", "court_record"} <= set(as_medical.field_id.mapped("name")))


@tagged("post_install", "-at_install")
class TestIdentityAcrossFacilities(CtxhResidentsCase):
    """A citizen ID registered in another facility is refused without saying who holds it, or where."""

    def test_another_facility_is_not_disclosed_and_the_director_can_ask(self):
        """ctxh.hue (care staff, Huế) registers someone with the CCCD of a person in the Đồng Tháp rehabilitation
        centre: the message names nobody; the collision stays in the log although the creation is rolled back;
        Huế's director requests the transfer and Đồng Tháp's director gets an activity. (Demo users and records:
        the log is written on a connection of its own and commits, as it does for a real user.)"""
        hue_care = self.env.ref("ctxh_residents.user_ctxh_hue_social_worker")
        hue = hue_care.company_id
        held = self.env["ctxh.resident"].search([("company_id.ctxh_facility_type", "=", "drug_rehab"),
                                                 ("national_id", "!=", False)], limit=1)
        dong_thap = held.company_id
        self.assertTrue(held and hue != dong_thap, "demo data: a person in the Đồng Tháp rehabilitation centre")
        dong_thap.ctxh_director_id = new_test_user(self.env, login="dt_director", company_id=dong_thap.id,
                                                   groups="ctxh_residents.group_ctxh_director")
        Log = self.env["ctxh.sensitive.access.log"]
        since = Log.search([], order="id desc", limit=1).id or 0
        with self.assertRaises(ValidationError) as caught:
            self.env["ctxh.resident"].with_user(hue_care).create({
                "name": "Người mới đến", "company_id": hue.id, "national_id": held.national_id,
                "gender": held.gender, "birthdate": held.birthdate, "birth_year": held.birth_year})
        message = str(caught.exception)
        self.assertIn("another facility", message)
        for secret in (held.name, held.code, dong_thap.name, dong_thap.ctxh_code):
            self.assertNotIn(secret, message)
        # committed on its own connection: read it from another one (this transaction's snapshot predates it)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT company_id, res_id FROM ctxh_sensitive_access_log
                           WHERE id > %s AND access_type = 'identity_collision' AND user_id = %s""",
                       [since, hue_care.id])
            self.assertEqual(cr.fetchall(), [(hue.id, held.id)])
        collision = Log.sudo()._ctxh_as_action().create({
            "user_id": hue_care.id, "company_id": hue.id, "res_model": "ctxh.resident", "res_id": held.id,
            "access_type": "identity_collision", "field_names": "national_id"})
        director_hue = new_test_user(self.env, login="hue_director", groups="ctxh_residents.group_ctxh_director",
                                     company_id=hue.id, company_ids=[hue.id])
        self.assertFalse(collision.with_user(director_hue).read(["resident_id"])[0]["resident_id"],
                         "the line does not link to the other facility's resident")
        with self.assertRaises(AccessError):
            collision.with_user(hue_care).action_ctxh_request_transfer()
        self.assertIs(collision.with_user(director_hue).action_ctxh_request_transfer(), True)
        activity = held.activity_ids.filtered(lambda a: a.user_id == dong_thap.ctxh_director_id)
        self.assertIn(hue.name, activity[-1:].summary)
        self.assertTrue(Log.search_count([("access_type", "=", "transfer_request"), ("user_id", "=", director_hue.id)]))

    def test_own_facilities_are_named(self):
        """A user who works in both facilities is told which record holds the number (nothing to log)."""
        held = self._resident(name="Lò Thị Dợ", birthdate=date(1990, 4, 2), national_id="020190000124")
        with self.assertRaisesRegex(ValidationError, held.code):
            self._resident(company=self.facility_b, name="Lò Thị Dợ 2").with_user(self.care_ab).write(
                {"national_id": "020190000124", "birthdate": date(1990, 4, 2)})
