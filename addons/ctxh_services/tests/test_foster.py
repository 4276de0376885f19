from datetime import date

import psycopg2.errors
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


@tagged("post_install", "-at_install")
class TestFoster(CtxhResidentsCase):
    """Temporary foster care in the community (Decree 20/2021 Arts. 18-23): a family's conditions, home assessment
    and the director's approval; placements approved by the director, emergency ones limited and alerted; visits
    on a schedule; the monthly support sheet; the end of a placement with its reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Family = cls.env["ctxh.foster.family"]
        cls.Placement = cls.env["ctxh.foster.placement"]
        cls.child = cls._resident(name="Lò Văn Tùng", gender="male", birthdate=date(2015, 3, 2))
        cls.baby = cls._resident(name="Lò Thị Hiền", gender="female", birthdate=date(2024, 9, 1))

    def _family(self, approve=True, **vals):
        family = self.Family.with_user(self.care_a).create({
            "name": "Hộ bà Hoàng Thị Nhung", "company_id": self.facility_a.id, "capacity": 2, **vals})
        if approve:
            family.condition_ids.write({"met": True, "evidence": "Xác nhận của UBND phường"})
            family.write({"assessment_date": date(2026, 1, 10), "assessor_id": self.care_a.id,
                          "assessment_result": "suitable"})
            family.with_user(self.director_a).action_approve()
        return family

    def _placement(self, family, resident=None, approve=True, **vals):
        placement = self.Placement.with_user(self.care_a).create({
            "resident_id": (resident or self.child).id, "family_id": family.id, "kind": "emergency",
            "date_start": date(2026, 2, 10), **vals})
        if approve:
            placement.with_user(self.director_a).action_approve()
        return placement

    def test_a_family_starts_with_the_laws_checklist_and_needs_all_of_it(self):
        family = self._family(approve=False)
        self.assertEqual(family.condition_ids.condition_id,
                         self.env["ctxh.foster.condition"].search([]))
        self.assertTrue(family.reference.startswith("GD/"))
        family.condition_ids[1:].write({"met": True})
        family.write({"assessment_date": date(2026, 1, 10), "assessment_result": "suitable"})
        with self.assertRaisesRegex(UserError, "does not meet yet"):
            family.with_user(self.director_a).action_approve()
        family.condition_ids.write({"met": True})
        family.assessment_result = "unsuitable"
        with self.assertRaisesRegex(UserError, "assessed as suitable"):
            family.with_user(self.director_a).action_approve()
        family.assessment_result = "suitable"
        # only the director approves, whatever door: the action checks the group, the state is an action field
        with self.assertRaises(AccessError):
            family.with_user(self.care_a).action_approve()
        with self.assertRaises(UserError):
            family.with_user(self.director_a).write({"state": "approved"})
        family.with_user(self.director_a).action_approve()
        self.assertEqual((family.state, family.approved_by_id), ("approved", self.director_a))
        # decided stays decided: the approved conditions and capacity are frozen
        with self.assertRaises(UserError):
            family.with_user(self.director_a).capacity = 5
        with self.assertRaises(UserError):
            family.condition_ids[0].with_user(self.care_a).met = False

    def test_refusal_keeps_its_reason(self):
        family = self._family(approve=False)
        with self.assertRaisesRegex(UserError, "reason"):
            family.with_user(self.director_a).action_refuse()
        family.note = "Nhà ở tạm, không bảo đảm an toàn cho trẻ"
        family.with_user(self.director_a).action_refuse()
        self.assertEqual(family.state, "refused")
        self.assertEqual(family.refusal_reason, "Nhà ở tạm, không bảo đảm an toàn cho trẻ")

    def test_director_places_with_an_approved_family_with_room(self):
        applied = self._family(approve=False, name="Hộ ông Vi Văn Đông")
        placement = self._placement(applied, approve=False)
        with self.assertRaisesRegex(UserError, "not an approved foster family"):
            placement.with_user(self.director_a).action_approve()
        family = self._family(capacity=1, care_kind="regular")
        placement.family_id = family
        with self.assertRaisesRegex(UserError, "approved for"):
            placement.with_user(self.director_a).action_approve()
        placement.kind = "regular"
        with self.assertRaises(AccessError):
            placement.with_user(self.care_a).action_approve()
        placement.with_user(self.director_a).action_approve()
        self.assertEqual(placement.state, "active")
        self.assertTrue(placement.name.startswith("CS/"))
        # the family is full
        other = self._placement(family, resident=self.baby, approve=False, kind="regular")
        with self.assertRaisesRegex(UserError, "its capacity"):
            other.with_user(self.director_a).action_approve()

    def test_one_family_at_a_time_held_by_the_database(self):
        family = self._family(capacity=3)
        self._placement(family)
        second = self._placement(family, approve=False)
        with self.assertRaisesRegex(UserError, "already in the care of a foster family"):
            second.with_user(self.director_a).action_approve()
        # the unique index holds it whatever the ORM check sees (two transactions at once)
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE ctxh_foster_placement SET state = 'active' WHERE id = %s", [second.id])

    def test_emergency_limit_from_the_dated_parameter_and_its_alert(self):
        family = self._family()
        placement = self._placement(family)
        self.assertEqual(placement.date_limit, date(2026, 5, 9))
        # the law's months are data: a new dated value changes placements that start from its date
        self.env["ctxh.legal.parameter"].create({
            "code": "foster_emergency_months", "name": "x", "value": 2, "date_from": date(2026, 3, 1)})
        later = self._placement(self._family(name="Hộ bà Lương Thị Thu"), resident=self.baby,
                                date_start=date(2026, 3, 1))
        self.assertEqual(later.date_limit, date(2026, 4, 30))
        self.assertEqual(placement.date_limit, date(2026, 5, 9))
        with freeze_time("2026-04-30 05:00:00"):
            self.assertIn(placement, self.Placement.search([("limit_near", "=", True)]))
            self.assertNotIn(placement, self.Placement.search([("limit_near", "=", False)]))
            self.Placement._cron_alerts()
            self.Placement._cron_alerts()
        activities = placement.activity_ids.filtered(lambda a: "ends on 09/05/2026" in a.summary)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.care_a)

    def test_visits_on_a_schedule(self):
        placement = self._placement(self._family())
        self.assertEqual(placement.next_visit_date, date(2026, 3, 12))
        with freeze_time("2026-03-20 05:00:00"):
            self.assertIn(placement, self.Placement.search([("visit_overdue", "=", True)]))
        self.env["ctxh.foster.visit"].with_user(self.care_a).create({
            "placement_id": placement.id, "date": date(2026, 3, 15), "outcome": "well",
            "observations": "Cháu ăn ngủ tốt, đi học đều"})
        self.assertEqual(placement.next_visit_date, date(2026, 4, 14))
        with freeze_time("2026-03-20 05:00:00"):
            self.assertNotIn(placement, self.Placement.search([("visit_overdue", "=", True)]))
        # what the social worker saw is for readers of sensitive data only
        with self.assertRaises(AccessError):
            placement.visit_ids.with_user(self.care_a).read(["observations"])
        self.assertTrue(placement.visit_ids.with_user(self.medical_a).observations)

    def test_end_needs_its_reason_and_freezes(self):
        placement = self._placement(self._family())
        with self.assertRaisesRegex(UserError, "why it ends"):
            placement.with_user(self.care_a).action_end()
        placement.with_user(self.care_a).write({"end_reason": "returned", "end_note": "Mẹ đã ổn định"})
        with freeze_time("2026-04-01 05:00:00"):
            placement.with_user(self.care_a).action_end()
        self.assertEqual((placement.state, placement.date_end), ("ended", date(2026, 4, 1)))
        with self.assertRaises(UserError):
            placement.with_user(self.director_a).end_reason = "other"
        with self.assertRaises(UserError):
            self.env["ctxh.foster.visit"].with_user(self.care_a).create({
                "placement_id": placement.id, "date": date(2026, 4, 2)})

    def test_support_sheet_daily_rate_and_coefficients(self):
        """March 2026: an emergency placement from 10/02, ended 20/03: 20 days x 60,000; a regular one of a child
        under 4 from 16/03: 500,000 x 2.5 x 16/31; a regular one of a child of 11 the whole month: 500,000 x 1.5."""
        family = self._family(capacity=3)
        emergency = self._placement(family)
        emergency.end_reason = "returned"
        with freeze_time("2026-03-20 05:00:00"):
            emergency.with_user(self.care_a).action_end()
        self._placement(family, resident=self.baby, kind="regular", date_start=date(2026, 3, 16))
        older = self._resident(name="Vi Văn Hùng", gender="male", birthdate=date(2014, 6, 1))
        self._placement(family, resident=older, kind="regular", date_start=date(2026, 1, 5))
        Sheet = self.env["ctxh.foster.support.sheet"]
        with self.assertRaises(AccessError):
            Sheet.with_user(self.care_a).create({"company_id": self.facility_a.id, "date_from": date(2026, 3, 1)})
        sheet = Sheet.with_user(self.accountant_a).create({"company_id": self.facility_a.id,
                                                          "date_from": date(2026, 3, 5)})
        self.assertEqual(sheet.date_from, date(2026, 3, 1))
        sheet.action_compute()
        amounts = {line.resident_id: (line.days, line.amount) for line in sheet.line_ids}
        self.assertEqual(amounts, {
            self.child: (20, 1_200_000),
            self.baby: (16, round(500_000 * 2.5 * 16 / 31)),
            older: (31, 750_000),
        })
        self.assertEqual(sheet.amount_total, 1_200_000 + 645_161 + 750_000)
        self.assertEqual(sheet.amount_total_words, "Hai triệu năm trăm chín mươi lăm nghìn một trăm sáu mươi mốt đồng")
        # the accountant computes, the director approves, then it is frozen
        with self.assertRaises(AccessError):
            sheet.with_user(self.accountant_a).action_approve()
        sheet.with_user(self.director_a).action_approve()
        with self.assertRaises(UserError):
            sheet.with_user(self.accountant_a).action_compute()
        with self.assertRaises(UserError):
            sheet.line_ids[0].with_user(self.director_a).amount = 1
        # one per month, said in words
        with self.assertRaisesRegex(ValidationError, "already has a sheet of this kind"):
            Sheet.with_user(self.accountant_a).create({"company_id": self.facility_a.id,
                                                      "date_from": date(2026, 3, 1)})

    def test_office_workers_see_their_offices_families_and_placements(self):
        worker = self.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_foster_office", "company_id": self.facility_a.id,
            "company_ids": [self.facility_a.id], "groups_id": [self.env.ref(OFFICE_WORKER).id]})
        ward = self.env["ctxh.office"].create({"name": "VP phường Đông Kinh", "company_id": self.facility_a.id,
                                               "user_ids": [worker.id]})
        mine = self._family(office_id=ward.id)
        other = self._family(name="Hộ ông Hà Văn Cường")
        placement = self._placement(mine)
        Family = self.Family.with_user(worker)
        self.assertEqual(Family.search([("id", "in", (mine | other).ids)]), mine)
        self.assertEqual(self.Placement.with_user(worker).search([]), placement)
        # a family created by the worker belongs to the worker's office
        self.assertEqual(Family.create({"name": "Hộ bà Đinh Thị Én", "company_id": self.facility_a.id}).office_id,
                         ward)

    def test_other_facility_sees_nothing(self):
        family = self._family()
        self._placement(family)
        self.assertFalse(self.Family.with_user(self.care_b).search([]))
        self.assertFalse(self.Placement.with_user(self.care_b).search([]))
