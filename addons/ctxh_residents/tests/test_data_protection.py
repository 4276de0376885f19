import base64
from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import file_open

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestDataProtection(CtxhResidentsCase):
    """Consent per purpose, checked where the purpose is used; the register of breaches (Law 91/2025/QH15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Lò Thị Ảnh")
        cls.photo = cls.env.ref("ctxh_residents.consent_purpose_photo")
        with file_open("base/static/img/avatar.png", "rb") as image:
            cls.image = base64.b64encode(image.read())

    def test_a_photo_needs_the_photo_consent(self):
        """Care staff cannot add a photo before the consent; after it they can; once withdrawn, no new photo."""
        resident = self.resident.with_user(self.care_a)
        with self.assertRaisesRegex(UserError, "consented to photos"):
            resident.write({"image_1920": self.image})
        consent = self.env["ctxh.consent"].with_user(self.care_a).create({
            "resident_id": self.resident.id, "purpose": self.photo.id, "given_by": "resident",
            "date_given": fields.Date.context_today(self.care_a) - timedelta(days=10)})
        self.assertTrue(self.resident._ctxh_has_consent("photo"))
        resident.write({"image_1920": self.image})
        self.assertTrue(self.resident.image_128)
        with self.assertRaisesRegex(UserError, "withdrew"):
            consent.with_user(self.care_a).action_withdraw()
        consent.with_user(self.care_a).withdraw_reason = "Bà rút lại bằng văn bản ngày 02/12."
        self.assertIs(consent.with_user(self.care_a).action_withdraw(), True)
        self.assertEqual(consent.state, "withdrawn")
        self.assertFalse(self.resident._ctxh_has_consent("photo"))
        self.assertTrue(self.resident._ctxh_has_consent("photo", on_date=consent.date_given),
                        "the consent was in force until it was withdrawn")
        with self.assertRaisesRegex(UserError, "consented to photos"):
            resident.write({"image_1920": self.image})

    def test_a_consent_given_is_kept_as_given(self):
        """Its purpose and date cannot be rewritten, nor its state written; nobody deletes it."""
        consent = self.env["ctxh.consent"].with_user(self.care_a).create({
            "resident_id": self.resident.id, "purpose": self.photo.id})
        followup = self.env.ref("ctxh_residents.consent_purpose_followup")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            consent.with_user(self.director_a).write({"purpose": followup.id})
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            consent.with_user(self.director_a).write({"state": "withdrawn"})
        for user in (self.care_a, self.director_a):
            with self.assertRaises(AccessError):
                consent.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            consent.sudo().unlink()

    def test_a_breach_reminds_the_director_to_notify_within_72_hours(self):
        """Recording a breach leaves one activity for the facility's director, due by the 72-hour deadline; only
        the director records the notification."""
        self.facility_a.ctxh_director_id = self.director_a
        found = datetime(2026, 12, 1, 2, 0)
        breach = self.env["ctxh.data.breach"].with_user(self.care_a).create({
            "name": "Gửi nhầm danh sách đối tượng", "company_id": self.facility_a.id, "discovered_at": found,
            "description": "Danh sách có tình trạng HIV gửi nhầm cho phụ huynh.",
            "resident_ids": [(6, 0, self.resident.ids)]})
        self.assertEqual(breach.notify_deadline, found + timedelta(hours=72))
        activity = breach.activity_ids
        self.assertEqual((len(activity), activity.user_id), (1, self.director_a))
        self.assertEqual(activity.date_deadline, (found + timedelta(hours=72 + 7)).date())
        with self.assertRaises(AccessError):
            breach.with_user(self.care_a).action_notified()
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            breach.with_user(self.care_a).write({"state": "notified"})
        breach.with_user(self.director_a).action_notified()
        self.assertEqual((breach.state, breach.notified_by_id), ("notified", self.director_a))
        self.assertFalse(breach.activity_ids)


@tagged("post_install", "-at_install")
class TestChildConsent(CtxhResidentsCase):
    """A child's consent: the guardian's always; from age 7 the child's own as well (Law 91/2025/QH15 Art. 24(2));
    from 16 the person's own alone. Both ages are dated legal parameters."""

    def _consent(self, resident, given_by, on=date(2026, 1, 5)):
        return self.env["ctxh.consent"].create({
            "resident_id": resident.id, "purpose": self.env.ref("ctxh_residents.consent_purpose_photo").id,
            "given_by": given_by, "date_given": on})

    def test_ages(self):
        on = date(2026, 6, 1)
        small = self._resident(name="Lò Văn Bé", birthdate=date(2022, 3, 1))  # 4
        pupil = self._resident(name="Lò Thị Hoa", birthdate=date(2016, 3, 1))  # 10
        adult = self._resident(name="Lò Văn Lớn", birthdate=date(1990, 3, 1))
        self._consent(small, "resident")
        self.assertFalse(small._ctxh_has_consent("photo", on), "a 4-year-old does not consent alone")
        self._consent(small, "guardian")
        self.assertTrue(small._ctxh_has_consent("photo", on))
        self._consent(pupil, "guardian")
        self.assertFalse(pupil._ctxh_has_consent("photo", on), "from 7, the child's own consent is needed too")
        own = self._consent(pupil, "resident")
        self.assertTrue(pupil._ctxh_has_consent("photo", on))
        own.withdraw_reason = "Em không muốn chụp ảnh nữa."
        own.action_withdraw()
        self.assertFalse(pupil._ctxh_has_consent("photo"), "the child's withdrawal is enough")
        self._consent(adult, "resident")
        self.assertTrue(adult._ctxh_has_consent("photo", on))
        # the law's age is data: from a new date, the child's own consent counts from 12
        self.env["ctxh.legal.parameter"].create({
            "code": "consent_child_own_age", "name": "Tuổi", "value": 12, "date_from": date(2026, 5, 1)})
        self.assertFalse(self._resident(name="Lò Thị Mây", birthdate=date(2016, 3, 1))._ctxh_has_consent("photo", on))
        pupil2 = self._resident(name="Lò Thị Sương", birthdate=date(2016, 3, 1))
        self._consent(pupil2, "guardian")
        self.assertTrue(pupil2._ctxh_has_consent("photo", on), "at 10, under the new age, the guardian's is enough")
