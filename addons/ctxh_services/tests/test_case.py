from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.base.controllers.rpc import OdooMarshaller
from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


@tagged("post_install", "-at_install")
class TestCase(CtxhSocialCase):
    """Community case management: from a call to a plan, reviews, closure or admission, each step by its action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._resident(name="Hà Thị Mỷ", birth_year=2014, gender="female")
        cls.child_group = cls.env.ref("ctxh_services.case_group_child")
        cls.goals_met = cls.env.ref("ctxh_services.case_closure_goals_met")
        cls.worker = cls.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_case_office", "company_id": cls.facility_a.id,
            "company_ids": [cls.facility_a.id], "groups_id": [cls.env.ref(OFFICE_WORKER).id],
        })
        Office = cls.env["ctxh.office"]
        cls.ward = Office.create({"name": "VP phường Đông Kinh", "company_id": cls.facility_a.id,
                                  "user_ids": [cls.worker.id]})
        cls.school = Office.create({"name": "Phòng CTXH THCS Chi Lăng", "kind": "school",
                                    "company_id": cls.facility_a.id})

    def _case(self, user=None, **vals):
        return self.env["ctxh.case"].with_user(user or self.care_a).create({
            "resident_id": self.person.id, "title": "Hỗ trợ đi học trở lại", "group_id": self.child_group.id,
            "situation": "Cháu bị bố đánh, bỏ học hai tháng.", **vals})

    def test_open_a_case_from_a_call(self):
        """"Open a Case" on a call prefills the person, office, title, risk and caller; the saved case links the
        call, which shows it; the situation is prefilled only for a reader of sensitive data."""
        call = self._call(user=self.medical_a, resident_id=self.person.id, urgency="urgent",
                          office_id=self.ward.id)
        action = call.with_user(self.medical_a).action_open_case()
        form = Form(self.env["ctxh.case"].with_user(self.medical_a).with_context(action["context"]))
        form.group_id = self.child_group
        case = form.save()
        self.assertEqual((case.resident_id, case.office_id, case.source, case.risk_level, case.hotline_call_id),
                         (self.person, self.ward, "hotline", "high", call))
        self.assertEqual(case.reported_by, "Lý Thị Hiền")
        self.assertIn("bị bố đánh", case.situation)
        self.assertEqual(call.case_count, 1)
        self.assertEqual(self.env["ctxh.case"].search(call.action_view_cases()["domain"]), case)
        context = call.with_user(self.care_a).action_open_case()["context"]
        self.assertNotIn("default_situation", context, "care staff without sensitive data do not get it")

    def test_plan_review_and_closure(self):
        """A plan of goals and interventions, a review moving the next review date, then closure: refused
        without a reason and an outcome, then the closed case and its plan are frozen."""
        case = self._case()
        self.assertEqual(case.next_review_date, case.date_open + timedelta(days=90), "legal parameter: 90 days")
        case.write({
            "goal_ids": [(0, 0, {"name": "Đi học đều đặn"})],
            "intervention_ids": [(0, 0, {"kind": "support_cash", "name": "Hỗ trợ khẩn cấp", "amount": 1_000_000,
                                         "status": "done"})],
        })
        next_date = case.date_open + timedelta(days=30)
        self.env["ctxh.case.review"].with_user(self.care_a).create({
            "case_id": case.id, "progress": "Cháu đã đi học lại.", "next_review_date": next_date})
        self.assertEqual(case.next_review_date, next_date)
        with self.assertRaisesRegex(UserError, "closure reason"):
            case.action_close()
        case.write({"closure_reason_id": self.goals_met.id, "outcome": "Cháu đi học đều, gia đình ổn định."})
        self.assertTrue(case.with_user(self.care_a).action_close())
        self.assertEqual((case.state, case.date_closed), ("closed", self.today))
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            case.with_user(self.care_a).write({"title": "Đổi"})
        with self.assertRaises(UserError):
            case.goal_ids.with_user(self.care_a).write({"result": "not_achieved"})
        with self.assertRaises(UserError):
            self.env["ctxh.case.review"].with_user(self.care_a).create({"case_id": case.id, "progress": "Thêm"})
        with self.assertRaises(AccessError):
            case.with_user(self.care_a).action_reopen()
        case.with_user(self.director_a).action_reopen()
        self.assertEqual((case.state, case.date_closed), ("open", False))

    def test_state_is_set_by_the_actions_only(self):
        """Neither create nor write (any door, the director included) sets the state or the closing date."""
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            self._case(state="closed")
        case = self._case()
        for vals in ({"state": "closed"}, {"date_closed": self.today}):
            with self.assertRaisesRegex(UserError, "can only be set by its actions"):
                case.with_user(self.director_a).write(vals)

    def test_admit_from_the_case(self):
        """"Admit to Facility" opens an admission of the person linked to the case (situation for sensitive
        readers only); the case shows it."""
        case = self._case(user=self.medical_a)
        action = case.with_user(self.medical_a).action_admit()
        self.assertEqual(action["res_model"], "ctxh.admission")
        form = Form(self.env["ctxh.admission"].with_user(self.medical_a).with_context(action["context"]))
        form.admission_type_id = self.emergency_type
        admission = form.save()
        self.assertEqual((admission.resident_id, admission.ctxh_case_id), (self.person, case))
        self.assertIn("bị bố đánh", admission.situation)
        self.assertEqual(case.admission_count, 1)
        self.assertNotIn("default_situation", case.with_user(self.care_a).action_admit()["context"])

    def test_assessment_of_a_person_at_home(self):
        """The needs assessment of ctxh_care serves a person living at home: no stay, linked to the case."""
        case = self._case()
        action = case.with_user(self.care_a).action_new_assessment()
        assessment = Form(self.env["ctxh.assessment"].with_user(self.care_a).with_context(action["context"])).save()
        self.assertEqual((assessment.ctxh_case_id, assessment.resident_id), (case, self.person))
        self.assertFalse(assessment.stay_id)
        self.assertEqual(case.assessment_count, 1)

    def test_sensitive_situation_and_logged_reads(self):
        """Care staff see the case but not its situation, nor can they search or group by it; a medical
        reader's read is logged."""
        case = self._case(user=self.medical_a)
        as_care = case.with_user(self.care_a)
        self.assertEqual(as_care.title, "Hỗ trợ đi học trở lại")
        with self.assertRaises(AccessError):
            as_care.read(["situation"])
        with self.assertRaises(AccessError):
            self.env["ctxh.case"].with_user(self.care_a).search([("situation", "ilike", "đánh")])
        Log = self.env["ctxh.sensitive.access.log"]
        before = Log.search_count([("res_model", "=", "ctxh.case"), ("res_id", "=", case.id)])
        case.with_user(self.medical_a).read(["situation"])
        self.assertGreater(Log.search_count([("res_model", "=", "ctxh.case"), ("res_id", "=", case.id)]), before)

    def test_offices_and_facilities_apart(self):
        """The ward's worker sees the ward's cases (and their plans) only; facility B sees none of A's."""
        own = self._case(office_id=self.ward.id, goal_ids=[(0, 0, {"name": "An toàn"})])
        other = self._case(office_id=self.school.id, goal_ids=[(0, 0, {"name": "Đi học"})])
        self.assertEqual(self.env["ctxh.case"].with_user(self.worker).search([]), own)
        self.assertEqual(self.env["ctxh.case.goal"].with_user(self.worker).search([]), own.goal_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.worker).read(["title"])
        self.assertFalse(self.env["ctxh.case"].with_user(self.care_b).search([]))
        case = self._case(user=self.worker)
        self.assertEqual(case.office_id, self.ward, "a worker's case belongs to their office")

    def test_review_overdue_search_and_reminder(self):
        """An open case past its review date is found by the overdue filter and reminded once to its worker."""
        case = self._case(date_open=self.today - timedelta(days=120))
        closed = self._case(date_open=self.today - timedelta(days=120), closure_reason_id=self.goals_met.id,
                            outcome="Ổn định.")
        closed.action_close()
        self.assertEqual(self.env["ctxh.case"].search([("review_overdue", "=", True),
                                                       ("id", "in", (case | closed).ids)]), case)
        self.assertTrue(case.review_overdue)
        Case = self.env["ctxh.case"]
        Case._cron_review_reminders()
        Case._cron_review_reminders()
        review = self.env.ref("ctxh_services.mail_activity_type_ctxh_case_review")
        activities = case.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.care_a)
        self.assertFalse(closed.activity_ids)

    def test_actions_return_what_xmlrpc_carries(self):
        """Every action of a case returns True or an action dict that Odoo's XML-RPC marshaller can carry."""
        def carry(value):
            return OdooMarshaller(allow_none=False).dumps((value,))

        case = self._case(user=self.medical_a)
        for name in ("action_admit", "action_new_assessment", "action_view_assessments", "action_view_admissions"):
            carry(getattr(case.with_user(self.medical_a), name)())
        case.write({"closure_reason_id": self.goals_met.id, "outcome": "Ổn định."})
        carry(case.with_user(self.care_a).action_close())
