from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestHistoryIsKept(CtxhResidentsCase):
    """Residents, stays and admissions carry history: they are archived or cancelled, never deleted."""

    def test_residents_are_archived_not_deleted(self):
        """Even the director cannot delete a resident; archiving hides it and keeps it."""
        resident = self._resident(name="Chu Thị Nụ")
        with self.assertRaisesRegex(UserError, "archive"):
            resident.with_user(self.director_a).unlink()
        resident.with_user(self.director_a).action_archive()
        self.assertTrue(resident.exists())
        self.assertFalse(resident.active)

    def test_stays_are_never_deleted(self):
        """A stay is ended by a discharge, not deleted."""
        stay = self._admit(self._resident(name="Bế Văn Hải", gender="male"))
        with self.assertRaisesRegex(UserError, "never deleted"):
            stay.unlink()
        self.assertTrue(stay.exists())

    def test_admissions_are_cancelled_not_deleted(self):
        """An admission request is cancelled, not deleted."""
        admission = self.env["ctxh.admission"].create({
            "resident_id": self._resident(name="Nông Thị Hà").id, "company_id": self.facility_a.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_regular").id})
        with self.assertRaisesRegex(UserError, "cancel"):
            admission.with_user(self.director_a).unlink()
        admission.with_user(self.care_a).action_cancel()
        self.assertEqual(admission.state, "cancelled")
