from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import DOMAIN_CODES, CarePlanCase


@tagged("post_install", "-at_install")
class TestAssessment(CarePlanCase):
    def test_lines_generated_from_active_domains(self):
        """A new assessment gets one line per active domain, and the resident's current stay."""
        self.env.ref("ctxh_care.assessment_domain_education").active = False
        assessment = self.env["ctxh.assessment"].with_user(self.care_a).create({"resident_id": self.resident_a.id})
        self.assertEqual(set(assessment.line_ids.domain_id.mapped("code")), DOMAIN_CODES - {"education"})
        self.assertEqual(assessment.stay_id, self.stay_a)
        self.assertEqual(assessment.company_id, self.facility_a)
        self.assertEqual(assessment.assessor_id, self.care_a)
        self.assertEqual(assessment.state, "draft")

    def test_assessment_form_shows_the_domains(self):
        """Filling the form for a resident gives the six domains once saved."""
        form = Form(self.env["ctxh.assessment"].with_user(self.care_a))
        form.resident_id = self.resident_a
        form.kind = "periodic"
        assessment = form.save()
        self.assertEqual(set(assessment.line_ids.domain_id.mapped("code")), DOMAIN_CODES)
        self.assertEqual(assessment.stay_id, self.stay_a)

    def test_overall_score_and_risk_level(self):
        """The overall score is the mean of the scores; one very high need makes the risk critical."""
        assessment = self.env["ctxh.assessment"].with_user(self.care_a).create({"resident_id": self.resident_a.id})
        lines = assessment.line_ids.sorted("sequence")
        for line in lines:
            line.score = "1"
        self.assertEqual(assessment.overall_score, 1.0)
        self.assertEqual(assessment.risk_level, "low")
        lines[:3].score = "3"
        self.assertEqual(assessment.overall_score, 2.0)
        self.assertEqual(assessment.risk_level, "medium")
        lines[0].score = "4"
        self.assertEqual(assessment.risk_level, "high")
        lines[1].score = "5"
        self.assertAlmostEqual(assessment.overall_score, (4 + 5 + 3 + 1 + 1 + 1) / 6, places=1)
        self.assertEqual(assessment.risk_level, "critical")
        assessment.risk_level = "high"  # the assessor may overrule the suggestion
        self.assertEqual(assessment.risk_level, "high")

    def test_done_needs_every_domain_scored(self):
        """An assessment is done only once each domain has a score, and only once."""
        assessment = self.env["ctxh.assessment"].with_user(self.care_a).create({"resident_id": self.resident_a.id})
        assessment.line_ids[:-1].score = "2"
        with self.assertRaisesRegex(UserError, "Score every domain"):
            assessment.action_done()
        assessment.line_ids.score = "2"
        assessment.action_done()
        self.assertEqual(assessment.state, "done")
        with self.assertRaises(UserError):
            assessment.action_done()

    def test_domains_readable_by_staff_editable_by_director(self):
        """Care staff read the domains but cannot change them; the director can."""
        domain = self.domain_self_care
        self.assertTrue(domain.with_user(self.care_a).name)
        with self.assertRaises(AccessError):
            domain.with_user(self.care_a).write({"name": "Tự chăm sóc"})
        domain.with_user(self.director_a).write({"name": "Tự chăm sóc"})
        self.assertEqual(domain.name, "Tự chăm sóc")


@tagged("post_install", "-at_install")
class TestCarePlan(CarePlanCase):
    def test_plan_flow_with_group_checks(self):
        """Draft, submitted, approved by the director only (approver and date tracked), started, closed."""
        plan = self._plan()
        self.assertEqual((plan.state, plan.version, plan.stay_id), ("draft", 1, self.stay_a))
        with self.assertRaises(UserError):
            plan.action_start()
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        with self.assertRaises(AccessError):
            plan.with_user(self.care_a).action_approve()
        with self.assertRaises(AccessError):
            plan.with_user(self.medical_a).action_approve()
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.director_a).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approver_id, self.director_a)
        self.assertEqual(plan.approval_date, self.today)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        tracked = plan.sudo().message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "approver_id")
        self.assertEqual(tracked.new_value_integer, self.director_a.id)
        with self.assertRaises(UserError):
            plan.with_user(self.director_a).action_approve()
        plan.action_start()
        self.assertEqual(plan.state, "in_progress")
        with self.assertRaises(UserError):
            plan.action_submit()
        plan.action_close()
        self.assertEqual(plan.state, "closed")
        with self.assertRaises(UserError):
            plan.action_start()

    def test_submit_needs_goals_and_review_date(self):
        """A plan without a goal or without a review date cannot go to the director."""
        with self.assertRaisesRegex(UserError, "goal"):
            self._plan(goal_ids=[]).action_submit()
        with self.assertRaisesRegex(UserError, "review date"):
            self._plan(review_date=False).action_submit()

    def test_approve_only_submitted(self):
        """The director cannot approve a plan still in draft."""
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.with_user(self.director_a).action_approve()
        self.assertEqual(plan.state, "draft")

    def test_review_closes_version_and_opens_next(self):
        """Reviewing closes version 1 (still readable) and opens draft version 2 with copied goals."""
        plan = self._approved_plan()
        plan.action_start()
        plan.goal_ids[0].status = "achieved"
        action = plan.with_user(self.care_a).action_review()
        new = self.env["ctxh.care.plan"].browse(action["res_id"])
        self.assertEqual(plan.state, "closed")
        self.assertEqual(plan.next_plan_id, new)
        self.assertEqual((new.version, new.state, new.previous_plan_id), (2, "draft", plan))
        self.assertEqual(new.resident_id, self.resident_a)
        self.assertEqual(new.stay_id, self.stay_a)
        self.assertFalse(new.approver_id)
        self.assertEqual(new.goal_ids.mapped("objective"), plan.goal_ids.mapped("objective"))
        self.assertFalse(new.goal_ids & plan.goal_ids, "goals are copies, not moved")
        self.assertEqual(new.intervention_ids.mapped("description"), ["Tập vật lý trị liệu"])
        self.assertEqual(len(plan.goal_ids), 2, "the old version keeps its goals")
        old = plan.with_user(self.care_a)
        self.assertEqual(old.read(["state", "version"])[0]["state"], "closed")
        self.assertEqual(old.goal_ids[0].status, "achieved")
        self.assertEqual(plan.with_user(self.accountant_a).version, 1)
        with self.assertRaises(UserError):
            plan.action_review()
        self.assertEqual(self.resident_a.care_plan_count, 2)

    def test_review_of_a_draft_is_refused(self):
        """Only a plan in force can be reviewed."""
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.action_review()
        self.assertFalse(plan.next_plan_id)

    def test_nobody_deletes_plans_and_assessments(self):
        """Care staff have no right to delete plans and assessments, and the director is refused: they are history."""
        plan = self._plan()
        assessment = self.env["ctxh.assessment"].with_user(self.care_a).create({"resident_id": self.resident_a.id})
        with self.assertRaises(AccessError):
            plan.with_user(self.care_a).unlink()
        with self.assertRaises(AccessError):
            assessment.with_user(self.care_a).unlink()
        with self.assertRaises(AccessError):
            plan.goal_ids[0].with_user(self.care_a).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            plan.with_user(self.director_a).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            assessment.with_user(self.director_a).unlink()
        self.assertTrue(plan.exists() and assessment.exists())


@tagged("post_install", "-at_install")
class TestCarePlanReminders(CarePlanCase):
    def test_cron_reminds_near_and_overdue_reviews_once(self):
        """The daily job reminds plans due within 7 days and overdue ones, once, and no others."""
        near = self._approved_plan(review_date=self.today + timedelta(days=3))
        overdue = self._approved_plan(review_date=self.today - timedelta(days=2))
        overdue.action_start()
        far = self._approved_plan(review_date=self.today + timedelta(days=30))
        draft = self._plan(review_date=self.today + timedelta(days=1))
        closed = self._approved_plan(review_date=self.today - timedelta(days=10))
        closed.action_close()
        Plan = self.env["ctxh.care.plan"]
        Plan._cron_review_reminders()
        Plan._cron_review_reminders()
        self.assertEqual(len(self._reminders(near)), 1)
        self.assertEqual(self._reminders(near).summary, "Care plan review due soon")
        self.assertEqual(self._reminders(near).user_id, self.care_a)
        self.assertEqual(len(self._reminders(overdue)), 1)
        self.assertEqual(self._reminders(overdue).summary, "Care plan review overdue")
        self.assertFalse(self._reminders(far | draft | closed))

    def test_cron_warning_days_is_a_parameter(self):
        """With the warning period set to 40 days, a review in 30 days is reminded too."""
        far = self._approved_plan(review_date=self.today + timedelta(days=30))
        self.env["ctxh.care.plan"]._cron_review_reminders()
        self.assertFalse(self._reminders(far))
        self.env["ctxh.legal.parameter"].create({
            "code": "care_plan_review_warning_days", "name": "Nhắc trước 40 ngày", "value": 40,
            "date_from": self.today,
        })
        self.env["ctxh.care.plan"]._cron_review_reminders()
        self.assertEqual(len(self._reminders(far)), 1)

    def test_cron_falls_back_to_case_worker_then_director(self):
        """Without a responsible user the stay's case worker is reminded, else the facility director."""
        with_case_worker = self._approved_plan(review_date=self.today + timedelta(days=2), user_id=False)
        other = self._resident(name="Hoàng Thị Én")
        self._admit(other, self.bed2)
        with_director = self._approved_plan(resident=other, review_date=self.today, user_id=False)
        self.env["ctxh.care.plan"]._cron_review_reminders()
        self.assertEqual(self._reminders(with_case_worker).user_id, self.care_ab)
        self.assertEqual(self._reminders(with_director).user_id, self.director_a)

    def test_review_marks_reminder_done(self):
        """Reviewing the plan closes its open review reminder."""
        plan = self._approved_plan(review_date=self.today + timedelta(days=1))
        self.env["ctxh.care.plan"]._cron_review_reminders()
        self.assertEqual(len(self._reminders(plan)), 1)
        plan.with_user(self.care_a).action_review()
        self.assertFalse(self._reminders(plan))


@tagged("post_install", "-at_install")
class TestCarePlanAccess(CarePlanCase):
    def test_facility_isolation(self):
        """Staff of facility B see none of facility A's plans, goals or assessments; staff of both see both."""
        plan_a = self._approved_plan()
        assessment_a = self.env["ctxh.assessment"].with_user(self.care_a).create({"resident_id": self.resident_a.id})
        plan_b = self._plan(resident=self.resident_b, user=self.care_b)
        Plan = self.env["ctxh.care.plan"].with_user(self.care_b)
        self.assertEqual(Plan.search([("resident_id", "in", [self.resident_a.id, self.resident_b.id])]), plan_b)
        self.assertFalse(self.env["ctxh.assessment"].with_user(self.care_b).search(
            [("resident_id", "=", self.resident_a.id)]))
        self.assertFalse(self.env["ctxh.care.plan.goal"].with_user(self.care_b).search(
            [("plan_id", "=", plan_a.id)]))
        self.assertFalse(self.env["ctxh.assessment.line"].with_user(self.care_b).search(
            [("assessment_id", "=", assessment_a.id)]))
        with self.assertRaises(AccessError):
            plan_a.with_user(self.care_b).read(["review_date"])
        with self.assertRaises(AccessError):
            plan_a.with_user(self.care_b).write({"review_date": self.today})
        both = self.env["ctxh.care.plan"].with_user(self.care_ab).with_context(
            allowed_company_ids=(self.facility_a | self.facility_b).ids)
        self.assertEqual(both.search([("resident_id", "in", [self.resident_a.id, self.resident_b.id])]),
                         plan_a | plan_b)

    def test_counts_on_resident(self):
        """The resident form counts the resident's assessments and care plans."""
        Assessment = self.env["ctxh.assessment"].with_user(self.care_a)
        Assessment.create([{"resident_id": self.resident_a.id}, {"resident_id": self.resident_a.id,
                                                                 "kind": "periodic"}])
        self._plan()
        self._plan(resident=self.resident_b, user=self.care_b)
        residents = (self.resident_a | self.resident_b)
        residents.invalidate_recordset(["assessment_count", "care_plan_count"])
        self.assertEqual(self.resident_a.assessment_count, 2)
        self.assertEqual(self.resident_a.care_plan_count, 1)
        self.assertEqual(self.resident_b.assessment_count, 0)
        self.assertEqual(self.resident_b.care_plan_count, 1)
        action = self.resident_a.with_user(self.care_a).action_view_care_plans()
        self.assertEqual(self.env["ctxh.care.plan"].search(action["domain"]).resident_id, self.resident_a)

    def test_views_open_for_care_staff(self):
        """Care staff open the plan kanban, list and form, the assessment form and the resident form."""
        views = self.env["ctxh.care.plan"].with_user(self.care_a).get_views(
            [(False, "kanban"), (False, "list"), (False, "form"), (False, "search")])
        self.assertIn('default_group_by="state"', views["views"]["kanban"]["arch"])
        self.assertIn("goal_ids", views["views"]["form"]["arch"])
        resident_form = self.env["ctxh.resident"].with_user(self.care_a).get_views([(False, "form")])
        self.assertIn("care_plan_count", resident_form["views"]["form"]["arch"])
        self.assertIn("assessment_count", resident_form["views"]["form"]["arch"])
        form = Form(self.env["ctxh.care.plan"].with_user(self.care_a))
        form.resident_id = self.resident_a
        with form.goal_ids.new() as goal:
            goal.objective = "Tự xúc ăn được"
        form.review_date = self.today + timedelta(days=60)
        plan = form.save()
        self.assertEqual((plan.stay_id, plan.user_id, len(plan.goal_ids)), (self.stay_a, self.care_a, 1))
