from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestCarePlanTour(CtxhTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.social_worker = cls.env.ref("ctxh_residents.user_ctxh_social_worker")
        cls.director = cls.env.ref("ctxh_residents.user_ctxh_director")
        # the demo residents the tours pick: in care, with no plan at all (so none in force either)
        cls.yen, cls.loc = (
            cls.env["ctxh.resident"].search([("name", "=", name), ("company_id", "=", cls.social_worker.company_id.id)])
            for name in ("Huỳnh Ngọc Yến", "Bùi Quang Lộc")
        )

    def _assert_in_care_without_plan(self, resident):
        self.assertEqual(resident.state, "in_care")
        self.assertFalse(self.env["ctxh.care.plan"].search_count([("resident_id", "=", resident.id)]))

    def test_social_worker_submits_a_care_plan(self):
        """In the browser, a social worker drafts a resident's first care plan from Care > Care Plans, with a goal
        and an intervention, and submits it to the director."""
        self._assert_in_care_without_plan(self.yen)
        self.start_tour("/odoo", "ctxh_care_plan_tour", login=self.social_worker.login)
        plan = self.env["ctxh.care.plan"].search([("resident_id", "=", self.yen.id)])
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.state, "submitted")
        self.assertEqual((plan.version, plan.user_id), (1, self.social_worker))
        self.assertEqual(plan.stay_id, self.yen.current_stay_id)
        self.assertFalse(plan.approver_id)
        today = plan.company_id._ctxh_today()
        self.assertTrue(today + timedelta(days=85) <= plan.review_date <= today + timedelta(days=95))
        self.assertEqual(plan.goal_ids.mapped("objective"), ["Tự đi lại trong khu nhà với khung tập đi"])
        self.assertEqual(plan.goal_ids.indicator, "Đi được 30 m không cần người dìu")
        self.assertEqual(
            [(i.kind, i.description, i.frequency) for i in plan.intervention_ids],
            [("therapy", "Tập vật lý trị liệu với khung tập đi", "3 buổi/tuần")])

    def test_director_approves_a_submitted_plan(self):
        """In the browser, the director finds the plans waiting for approval with the filter of Care > Care Plans
        and approves the one a social worker submitted: it is in force, approved by the director today."""
        self._assert_in_care_without_plan(self.loc)
        plan = self.env["ctxh.care.plan"].with_user(self.social_worker).create({
            "resident_id": self.loc.id,
            "review_date": self.social_worker.company_id._ctxh_today() + timedelta(days=90),
            "goal_ids": [fields.Command.create({"objective": "Tham gia câu lạc bộ dưỡng sinh",
                                                "indicator": "Dự ít nhất 2 buổi/tuần"})],
        })
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        self.start_tour("/odoo", "ctxh_care_plan_approve_tour", login=self.director.login)
        self.env.invalidate_all()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approver_id, self.director)
        self.assertEqual(plan.approval_date, plan.company_id._ctxh_today())
        # the demo plan also waiting for approval was left alone
        self.assertEqual(self.env.ref("ctxh_care.care_plan_qn_06").state, "submitted")
