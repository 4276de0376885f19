from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CtxhResidentsCase

SENSITIVE_FIELDS = ["hiv_status", "hiv_note", "drug_use_history", "victim_type", "victim_details", "court_record"]


@tagged("post_install", "-at_install")
class TestSensitiveData(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(
            name="Phùng Thị Hạnh", hiv_status="positive", victim_type="trafficking",
            victim_details="Giải cứu tại biên giới.", drug_use_history="Không.", court_record="Không.",
        )

    def test_care_staff_and_accountant_cannot_read_sensitive_fields(self):
        """Care staff and accountants cannot read HIV, drug, victim or court details in any way."""
        for user in (self.care_a, self.accountant_a):
            Resident = self.env["ctxh.resident"].with_user(user)
            record = self.resident.with_user(user)
            for field in SENSITIVE_FIELDS:
                with self.subTest(user=user.login, field=field):
                    self.assertNotIn(field, Resident.fields_get())
                    with self.assertRaises(AccessError):
                        record.read([field])
                    with self.assertRaises(AccessError):
                        Resident.search_read([("id", "=", self.resident.id)], [field])
                    with self.assertRaises(AccessError):
                        Resident.search([(field, "!=", False)])
                    with self.assertRaises(AccessError):
                        Resident.read_group([], [field], [field])
                    with self.assertRaises(AccessError):
                        record.export_data([field])
            # the rest of the record stays readable
            self.assertEqual(record.read(["name"])[0]["name"], "Phùng Thị Hạnh")

    def test_care_staff_cannot_write_sensitive_fields(self):
        """Care staff cannot set an HIV status, even on a record they can edit."""
        with self.assertRaises(AccessError):
            self.resident.with_user(self.care_a).write({"hiv_status": "negative"})

    def test_form_view_hides_sensitive_page_from_care_staff(self):
        """The Sensitive Details tab is not even sent to care staff's browser."""
        care_arch = self.env["ctxh.resident"].with_user(self.care_a).get_view(view_type="form")["arch"]
        medical_arch = self.env["ctxh.resident"].with_user(self.medical_a).get_view(view_type="form")["arch"]
        self.assertNotIn("hiv_status", care_arch)
        self.assertIn("hiv_status", medical_arch)

    def test_medical_staff_and_director_read_and_edit_sensitive_fields(self):
        """Medical staff and the director read and change sensitive details; changes are tracked."""
        for user in (self.medical_a, self.director_a):
            record = self.resident.with_user(user)
            self.assertEqual(record.read(["hiv_status"])[0]["hiv_status"], "positive")
            domain = [("hiv_status", "=", "positive"), ("id", "=", self.resident.id)]
            self.assertEqual(self.env["ctxh.resident"].with_user(user).search_count(domain), 1)
        self.env.cr.precommit.run()  # the resident was created in an earlier transaction
        self.resident.with_user(self.medical_a).write({"hiv_status": "negative"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written just before commit
        self.resident.invalidate_recordset(["message_ids"])
        tracking = self.resident.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "hiv_status")
        self.assertTrue(tracking, "the change of HIV status is recorded in the chatter")
        self.assertFalse(tracking._filter_has_field_access(self.env(user=self.care_a)),
                         "care staff cannot see the tracked HIV values")
        self.assertTrue(tracking._filter_has_field_access(self.env(user=self.medical_a)))


@tagged("post_install", "-at_install")
class TestFacilityIsolation(CtxhResidentsCase):
    def test_user_of_one_facility_sees_nothing_of_another(self):
        """Facility B's staff see no resident, room, bed or relative of facility A."""
        partner = self.env["res.partner"].create({"name": "Bế Văn Đàn"})
        resident = self._resident(relative_ids=[(0, 0, {"partner_id": partner.id, "relationship": "father"})],
                                  document_ids=[(0, 0, {"document_type": "birth_certificate"})])
        self._admit(resident, self.bed1)
        for model in ("ctxh.resident", "ctxh.room", "ctxh.bed", "ctxh.bed.assignment", "ctxh.stay",
                      "ctxh.resident.relative", "ctxh.resident.document"):
            with self.subTest(model=model):
                domain = [("company_id", "=", self.facility_a.id)]
                self.assertFalse(self.env[model].with_user(self.care_b).search(domain))
                self.assertTrue(self.env[model].with_user(self.care_a).search(domain))
        with self.assertRaises(AccessError):
            resident.with_user(self.care_b).read(["name"])

    def test_user_allowed_in_both_sees_both(self):
        """A user allowed in both facilities sees residents of both when both are selected."""
        in_a = self._resident(name="Ma Thị Đào")
        in_b = self._resident(company=self.facility_b, name="Ma Văn Lý", gender="male")
        Resident = self.env["ctxh.resident"].with_user(self.care_ab).with_context(
            allowed_company_ids=[self.facility_a.id, self.facility_b.id])
        self.assertEqual(Resident.search([("id", "in", (in_a | in_b).ids)]), in_a | in_b)

    def test_care_staff_cannot_delete_residents(self):
        """Care staff have no right to delete a resident (and nobody deletes one: see test_history)."""
        resident = self._resident(name="Chu Thị Nụ")
        with self.assertRaises(AccessError):
            resident.with_user(self.care_a).unlink()
        self.assertTrue(resident.exists())

    def test_care_staff_cannot_change_rooms(self):
        """Rooms and beds are set up by the director, read by care staff."""
        with self.assertRaises(AccessError):
            self.room.with_user(self.care_a).write({"name": "P999"})
        self.assertEqual(self.room.with_user(self.care_a).bed_count, 3)


@tagged("post_install", "-at_install")
class TestSensitiveDocuments(CtxhResidentsCase):
    """A resident's medical records and court decisions are sensitive data, like the fields."""

    def test_medical_records_and_court_decisions_are_for_readers_of_sensitive_data(self):
        """Care staff and accountants see the birth certificate, not the medical record nor the court decision;
        medical staff see all three."""
        resident = self._resident(name="Lăng Thị Phượng")
        documents = self.env["ctxh.resident.document"].create([
            {"resident_id": resident.id, "document_type": kind, "number": number}
            for kind, number in (("birth_certificate", "GKS-01"), ("medical", "BA-7781"),
                                 ("court_decision", "05/2025/QĐ-TA"))])
        self.env.invalidate_all()

        def seen(user):
            ids = resident.with_user(user).read(["document_ids"])[0]["document_ids"]
            return self.env["ctxh.resident.document"].browse(ids).mapped("number")

        for user in (self.care_a, self.accountant_a):
            with self.subTest(user=user.login):
                self.assertEqual(seen(user), ["GKS-01"])
                with self.assertRaises(AccessError):
                    documents[1].with_user(user).read(["number"])
        self.assertEqual(len(seen(self.medical_a)), 3)
        self.assertEqual(len(seen(self.director_a)), 3)
