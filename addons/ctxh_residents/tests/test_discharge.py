from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestDischarge(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.family_request = cls.env.ref("ctxh_residents.discharge_reason_family_request")
        cls.transfer = cls.env.ref("ctxh_residents.discharge_reason_transfer")

    def _discharge(self, reason=None, destination="family"):
        resident = self._resident(name="Sầm Thị Phượng")
        self._consent_to_followup(resident)
        stay = self._admit(resident, self.bed1, case_worker_id=self.care_a.id,
                           date_start=datetime(2025, 1, 10, 8, 0))
        discharge = self.env["ctxh.discharge"].with_user(self.care_a).create({
            "stay_id": stay.id, "reason_id": (reason or self.family_request).id, "destination": destination,
            "requested_by": "family", "requester_name": "Sầm Văn Pò",
            "handover_date": datetime(2026, 2, 15, 9, 0),
        })
        return resident, stay, discharge

    def test_followups_wait_for_the_consent(self):
        """Without the consent to follow-up visits, the handover plans none and asks the case worker to obtain
        it; once recorded, the visits are planned from the discharge."""
        resident = self._resident(name="Sầm Thị Lụa")
        stay = self._admit(resident, case_worker_id=self.care_a.id, date_start=datetime(2025, 1, 10, 8, 0))
        discharge = self.env["ctxh.discharge"].with_user(self.care_a).create({
            "stay_id": stay.id, "reason_id": self.family_request.id, "destination": "family",
            "handover_date": datetime(2026, 2, 15, 9, 0)})
        discharge.with_user(self.director_a).action_approve()
        discharge.with_user(self.care_a).action_done()
        self.assertFalse(discharge.followup_ids)
        self.assertEqual(discharge.activity_ids.user_id, self.care_a)
        self._consent_to_followup(resident)
        self.assertTrue(discharge.with_user(self.care_a).action_plan_followups())
        self.assertEqual(len(discharge.followup_ids), 4)

    def test_grounds_are_data_with_legal_basis(self):
        """Discharge grounds of Decree 20/2021 Art. 30(2) and the practical ones exist as data."""
        codes = set(self.env["ctxh.discharge.reason"].search([]).mapped("code"))
        self.assertTrue({"case_closed", "family_request", "adoption", "age_limit", "death", "contract_end",
                         "transfer", "hospital", "absconded"} <= codes)
        self.assertIn("Nghị định 20/2021", self.family_request.legal_basis)

    def test_director_decides_then_handover_ends_stay_and_plans_followups(self):
        """Decision by the director, handover by staff: stay ends, bed frees, 4 follow-ups planned."""
        resident, stay, discharge = self._discharge()
        with self.assertRaises(AccessError):
            discharge.with_user(self.care_a).action_approve()
        with self.assertRaises(UserError):
            discharge.with_user(self.care_a).action_done()
        discharge.with_user(self.director_a).action_approve()
        self.assertRegex(discharge.decision_number, r"^\d+/QĐ-TTBTXHLS$")
        discharge.with_user(self.care_a).action_done()
        self.assertEqual(discharge.state, "done")
        self.assertEqual((stay.state, stay.date_end), ("discharged", datetime(2026, 2, 15, 9, 0)))
        self.assertEqual(self.bed1.state, "free")
        self.assertEqual(resident.state, "discharged")
        self.assertFalse(resident.bed_id)
        followups = discharge.followup_ids.sorted("date_planned")
        self.assertEqual(followups.mapped("date_planned"),
                         [date(2026, 3, 15), date(2026, 5, 15), date(2026, 8, 15), date(2027, 2, 15)])
        self.assertEqual(followups.user_id, self.care_a)
        self.assertEqual(resident.followup_ids, followups, "the resident's timeline shows them")

    def test_followup_schedule_is_a_legal_parameter(self):
        """Changing the follow-up schedule (a dated parameter) changes the visits planned."""
        self.env["ctxh.legal.parameter"].create({
            "code": "followup_months", "name": "Lịch thăm mới", "value_text": "2, 6", "date_from": date(2026, 1, 1)})
        _resident, _stay, discharge = self._discharge()
        discharge.with_user(self.director_a).action_approve()
        discharge.with_user(self.care_a).action_done()
        self.assertEqual(discharge.followup_ids.mapped("date_planned"), [date(2026, 4, 15), date(2026, 8, 15)])

    def test_no_followup_for_transfer_to_another_facility(self):
        """A transfer to another facility plans no reintegration visit."""
        _resident, _stay, discharge = self._discharge(self.transfer, destination="facility")
        discharge.with_user(self.director_a).action_approve()
        discharge.with_user(self.care_a).action_done()
        self.assertFalse(discharge.followup_ids)

    def test_followup_needs_an_outcome(self):
        """A visit is closed with its outcome."""
        _resident, _stay, discharge = self._discharge()
        discharge.with_user(self.director_a).action_approve()
        discharge.with_user(self.care_a).action_done()
        visit = discharge.followup_ids[0].with_user(self.care_a)
        with self.assertRaisesRegex(UserError, "outcome"):
            visit.action_done()
        visit.outcome = "stable"
        visit.action_done()
        self.assertEqual(visit.state, "done")
