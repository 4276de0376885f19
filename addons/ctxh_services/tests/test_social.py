from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


class CtxhSocialCase(CtxhResidentsCase):
    """Facility A with a director, a topic, a receiving organisation and a community client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.ctxh_director_id = cls.director_a
        cls.topic = cls.env.ref("ctxh_services.call_topic_violence")
        cls.emergency_type = cls.env.ref("ctxh_residents.admission_type_emergency")
        cls.hospital = cls.env["res.partner"].create({"name": "Bệnh viện Đa khoa tỉnh Lạng Sơn", "is_company": True})
        cls.client = cls.env["res.partner"].create({"name": "Hoàng Thị Lụa", "company_id": cls.facility_a.id})
        cls.today = cls.facility_a._ctxh_today()

    def _call(self, user=None, **vals):
        return self.env["ctxh.hotline.call"].with_user(user or self.care_a).create({
            "caller_name": "Lý Thị Hiền", "caller_phone": "0912 345 678", "caller_type": "neighbour",
            "line": "111", "topic_id": self.topic.id,
            "summary": "Cháu bé 8 tuổi ở thôn Nà Lừa bị bố đánh, bỏ đói hai ngày.", **vals,
        })

    def _referral(self, user=None, **vals):
        return self.env["ctxh.referral"].with_user(user or self.care_a).create({
            "partner_id": self.client.id, "service_type": "health", "organisation_id": self.hospital.id,
            "reason": "Khám và điều trị vết thương do bị bạo lực gia đình.", **vals,
        })

    def _director_alerts(self, call):
        emergency = self.env.ref("ctxh_services.mail_activity_type_ctxh_emergency_call")
        return call.sudo().activity_ids.filtered(lambda a: a.activity_type_id == emergency)


@tagged("post_install", "-at_install")
class TestHotlineCall(CtxhSocialCase):
    def test_emergency_call_alerts_director_once(self):
        """An emergency call gives the director one activity at once; later edits add no second one."""
        call = self._call(urgency="emergency")
        alerts = self._director_alerts(call)
        self.assertEqual(len(alerts), 1)
        self.assertEqual(alerts.user_id, self.director_a)
        self.assertEqual(alerts.date_deadline, call.company_id._ctxh_today())
        self.assertTrue(call.director_alerted)
        self.assertRegex(call.name, r"^CG/\d{4}/\d{5}$")
        call.write({"summary": "Đã liên hệ công an xã.", "urgency": "emergency", "outcome": "emergency"})
        self.assertEqual(len(self._director_alerts(call)), 1)

    def test_escalated_call_alerts_director(self):
        """A normal call alerts nobody; once raised to emergency the director gets one activity."""
        call = self._call(urgency="normal")
        self.assertFalse(self._director_alerts(call))
        call.urgency = "urgent"
        self.assertFalse(self._director_alerts(call))
        call.urgency = "emergency"
        self.assertEqual(self._director_alerts(call).user_id, self.director_a)

    def test_emergency_without_director_is_noted(self):
        """With no director set, the emergency is noted on the call instead of lost."""
        call = self._call(user=self.care_b, urgency="emergency")
        self.assertFalse(self._director_alerts(call))
        self.assertFalse(call.director_alerted)
        self.assertIn("no director", call.message_ids[0].body)

    def test_admit_to_facility_prefills_emergency_admission(self):
        """'Admit to facility' opens an emergency admission from the hotline with the situation filled in."""
        call = self._call(urgency="emergency")
        action = call.with_user(self.care_a).action_admit()
        self.assertEqual(action["res_model"], "ctxh.admission")
        self.assertEqual(action["view_mode"], "form")
        context = action["context"]
        self.assertEqual(context["default_admission_type_id"], self.emergency_type.id)
        self.assertEqual(context["default_source"], "hotline")
        self.assertEqual(context["default_company_id"], self.facility_a.id)
        self.assertEqual(context["default_urgency"], "immediate")
        # the situation of an admission is sensitive: care staff find it on the call, medical staff in the admission
        self.assertNotIn("default_situation", context)
        self.assertNotIn("default_resident_id", context)
        situation = call.with_user(self.director_a).action_admit()["context"]["default_situation"]
        self.assertIn("bỏ đói hai ngày", situation)
        self.assertIn("Lý Thị Hiền", situation)

        form = Form(self.env["ctxh.admission"].with_user(self.care_a).with_context(**context))
        form.resident_id = self._resident(name="Vi Văn Tú", gender="male")
        admission = form.save()
        self.assertEqual(admission.source, "hotline")
        self.assertEqual(admission.admission_type_id, self.emergency_type)
        self.assertEqual(admission.company_id, self.facility_a)
        self.assertFalse(admission.sudo().situation)
        self.assertEqual(admission.ctxh_hotline_call_id, call)
        self.assertEqual(call.outcome, "admitted")
        self.assertEqual(call.admission_count, 1)
        # "Admit Now" is then clicked on that form, still under the action's context.
        admission.brought_by = "Công an xã Đình Lập"
        admission.with_user(self.care_a).with_context(**context).action_admit_emergency()
        self.assertEqual(admission.stay_id.resident_id.name, "Vi Văn Tú")
        self.assertEqual(admission.stay_id.admission_type_id, self.emergency_type)

    def test_admit_known_person_prefills_resident(self):
        """A call about a registered person prefills that person on the admission."""
        person = self._resident(name="Vi Thị Hoa")
        call = self._call(resident_id=person.id, urgency="urgent")
        context = call.action_admit()["context"]
        self.assertEqual(context["default_resident_id"], person.id)
        self.assertEqual(context["default_urgency"], "urgent")

    def test_call_cannot_point_to_other_facility_resident(self):
        """A call of facility A cannot be linked to a resident of facility B."""
        other = self._resident(company=self.facility_b, name="Nông Văn Sáu")
        with self.assertRaises(UserError):
            self._call(resident_id=other.id)

    def test_referral_from_call_links_back(self):
        """A referral made from a call is linked to it and marks the call as referred."""
        call = self._call()
        context = call.with_user(self.care_a).action_create_referral()["context"]
        referral = self.env["ctxh.referral"].with_user(self.care_a).with_context(**context).create({
            "partner_id": self.client.id, "organisation_id": self.hospital.id, "service_type": "police",
        })
        self.assertIn("bỏ đói hai ngày", referral.reason)
        self.assertEqual(call.referral_id, referral)
        self.assertEqual(call.outcome, "referred")
        with self.assertRaisesRegex(UserError, "already has a referral"):
            call.action_create_referral()


@tagged("post_install", "-at_install")
class TestReferral(CtxhSocialCase):
    def test_referral_flow_and_wrong_states(self):
        """Draft, sent (due date from the configured delay), accepted, completed; wrong steps are refused."""
        referral = self._referral()
        self.assertEqual(referral.state, "draft")
        self.assertRegex(referral.name, r"^CT/\d{4}/\d{4}$")
        self.assertEqual(referral.user_id, self.care_a)
        for step in (referral.action_accept, referral.action_refuse, referral.action_complete,
                     referral.action_reset_draft):
            with self.assertRaises(UserError):
                step()
        referral.action_send()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.date_sent, self.today)
        self.assertEqual(referral.date_due, self.today + timedelta(days=14))
        with self.assertRaises(UserError):
            referral.action_send()
        with self.assertRaises(UserError):
            referral.action_complete()
        referral.action_accept()
        self.assertEqual(referral.state, "accepted")
        with self.assertRaisesRegex(UserError, "result"):
            referral.action_complete()
        referral.result = "Đã khám, điều trị ngoại trú 7 ngày."
        referral.action_complete()
        self.assertEqual(referral.state, "completed")
        with self.assertRaises(UserError):
            referral.action_accept()

    def test_refused_referral_can_be_redrafted(self):
        """A refusal needs the organisation's answer; a refused referral goes back to draft."""
        referral = self._referral(date_due=self.today + timedelta(days=3))
        referral.action_send()
        self.assertEqual(referral.date_due, self.today + timedelta(days=3), "a set due date is kept")
        with self.assertRaisesRegex(UserError, "result"):
            referral.action_refuse()
        referral.result = "Bệnh viện không có chuyên khoa nhi."
        referral.action_refuse()
        self.assertEqual(referral.state, "refused")
        referral.action_reset_draft()
        self.assertEqual(referral.state, "draft")
        self.assertFalse(referral.date_sent)

    def test_referral_due_days_is_configurable(self):
        """The default due date follows the legal parameter, not a number in code."""
        self.env["ctxh.legal.parameter"].create({
            "code": "referral_response_days", "name": "Referral response", "value": 7,
            "date_from": self.today - timedelta(days=1),
        })
        referral = self._referral()
        referral.action_send()
        self.assertEqual(referral.date_due, self.today + timedelta(days=7))

    def test_referral_needs_a_client(self):
        """A referral names a client partner or a resident."""
        with self.assertRaises(ValidationError):
            self._referral(partner_id=False)
        resident = self._resident(name="Lăng Văn Khánh")
        referral = self._referral(partner_id=False, resident_id=resident.id)
        self.assertEqual(resident.ctxh_referral_count, 1)
        action = resident.action_view_ctxh_referrals()
        self.assertEqual(self.env["ctxh.referral"].search(action["domain"]), referral)

    def test_a_resident_s_health_referral_needs_the_consent(self):
        """A health referral of a resident is sent to the hospital only with the consent to sharing with a
        hospital; a client from the community (no resident record) is referred as before."""
        resident = self._resident(name="Lăng Thị Mến")
        referral = self._referral(partner_id=False, resident_id=resident.id)
        with self.assertRaisesRegex(UserError, "consented to sharing"):
            referral.action_send()
        self.env["ctxh.consent"].create({
            "resident_id": resident.id, "given_by": "resident",
            "purpose": self.env.ref("ctxh_residents.consent_purpose_share_hospital").id})
        referral.action_send()
        self.assertEqual(referral.state, "sent")

    def test_overdue_flag_and_search(self):
        """Sent or accepted referrals past their due date are overdue; drafts and closed ones never are."""
        yesterday = self.today - timedelta(days=1)
        sent_late = self._referral(date_due=yesterday)
        sent_late.action_send()
        accepted_late = self._referral(date_due=yesterday)
        accepted_late.action_send()
        accepted_late.action_accept()
        on_time = self._referral(date_due=self.today)
        on_time.action_send()
        draft_late = self._referral(date_due=yesterday)
        draft_undated = self._referral()
        done_late = self._referral(date_due=yesterday, result="Xong.")
        done_late.action_send()
        done_late.action_accept()
        done_late.action_complete()
        mine = sent_late | accepted_late | on_time | draft_late | draft_undated | done_late

        self.assertEqual(mine.filtered("is_overdue"), sent_late | accepted_late)
        Referral = self.env["ctxh.referral"].with_user(self.care_a)
        self.assertEqual(Referral.search([("id", "in", mine.ids), ("is_overdue", "=", True)]),
                         sent_late | accepted_late)
        self.assertEqual(Referral.search([("id", "in", mine.ids), ("is_overdue", "=", False)]),
                         on_time | draft_late | draft_undated | done_late)
        self.assertEqual(Referral.search([("id", "in", mine.ids), ("is_overdue", "!=", True)]),
                         on_time | draft_late | draft_undated | done_late)

    def test_cron_reminds_referrer_once(self):
        """The daily job reminds the referring worker of an overdue referral once, however often it runs."""
        late = self._referral(date_due=self.today - timedelta(days=2))
        late.action_send()
        on_time = self._referral()
        on_time.action_send()
        summary = "Referral overdue: contact the receiving organisation"
        Referral = self.env["ctxh.referral"]
        Referral._cron_overdue()
        Referral._cron_overdue()
        reminders = late.activity_ids.filtered(lambda a: a.summary == summary)
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.care_a)
        self.assertFalse(on_time.activity_ids)
        late.action_accept()
        late.result = "Đã khám."
        late.action_complete()
        self.assertFalse(late.activity_ids, "completing the referral closes the reminder")

    def test_cron_is_scheduled_daily(self):
        """The overdue-referral job exists, is active and runs every day."""
        cron = self.env.ref("ctxh_services.ir_cron_ctxh_referral_overdue")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.model_id.model, "ctxh.referral")


@tagged("post_install", "-at_install")
class TestCounselling(CtxhSocialCase):
    def test_session_flow(self):
        """A planned session is done or cancelled, a cancelled one planned again; wrong steps fail."""
        session = self.env["ctxh.counselling.session"].with_user(self.care_a).create({
            "name": "Tư vấn tâm lý sau bạo lực", "partner_id": self.client.id, "kind": "family",
            "next_date": self.today + timedelta(days=7),
        })
        self.assertEqual((session.state, session.counsellor_id, session.company_id),
                         ("planned", self.care_a, self.facility_a))
        with self.assertRaises(UserError):
            session.action_reset_planned()
        session.action_cancel()
        self.assertEqual(session.state, "cancelled")
        with self.assertRaises(UserError):
            session.action_done()
        session.action_reset_planned()
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_session_needs_a_client_and_counts_on_resident(self):
        """A session names a client or a resident; the resident form counts the sessions."""
        Session = self.env["ctxh.counselling.session"].with_user(self.care_a)
        with self.assertRaises(ValidationError):
            Session.create({"name": "Không có khách hàng"})
        resident = self._resident(name="Hoàng Văn Lâm")
        Session.create({"name": "Tham vấn cá nhân", "resident_id": resident.id})
        Session.create({"name": "Tham vấn nhóm", "resident_id": resident.id, "kind": "group"})
        self.assertEqual(resident.with_user(self.care_a).ctxh_counselling_count, 2)


@tagged("post_install", "-at_install")
class TestSocialAccess(CtxhSocialCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call = cls.env["ctxh.hotline.call"].with_user(cls.care_a).create({
            "caller_type": "anonymous", "topic_id": cls.topic.id, "summary": "Nghi ngờ mua bán trẻ em.",
        })
        cls.session = cls.env["ctxh.counselling.session"].with_user(cls.care_a).create({
            "name": "Tham vấn", "partner_id": cls.client.id,
        })
        cls.referral = cls.env["ctxh.referral"].with_user(cls.care_a).create({
            "partner_id": cls.client.id, "organisation_id": cls.hospital.id, "reason": "Khám sức khỏe.",
        })
        cls.records = [cls.call, cls.session, cls.referral]

    def test_accountant_has_no_access(self):
        """Accountants cannot list or read hotline calls, counselling sessions or referrals."""
        for record in self.records:
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    self.env[record._name].with_user(self.accountant_a).search([])
                with self.assertRaises(AccessError):
                    record.with_user(self.accountant_a).read(["company_id"])

    def test_other_facility_cannot_read(self):
        """Staff of facility B neither find nor read facility A's records; staff of both see them."""
        for record in self.records:
            with self.subTest(model=record._name):
                self.assertFalse(self.env[record._name].with_user(self.care_b).search([("id", "=", record.id)]))
                with self.assertRaises(AccessError):
                    record.with_user(self.care_b).read(["company_id"])
                self.assertEqual(self.env[record._name].with_user(self.care_ab).search([("id", "=", record.id)]),
                                 record)

    def test_nobody_deletes_calls_sessions_referrals(self):
        """Care staff edit but have no right to delete; the director is refused too: what happened is kept."""
        for record in self.records:
            with self.subTest(model=record._name):
                record.with_user(self.care_a).write({"company_id": self.facility_a.id})
                with self.assertRaises(AccessError):
                    record.with_user(self.care_a).unlink()
                with self.assertRaisesRegex(UserError, "never deleted"):
                    record.with_user(self.director_a).unlink()
                self.assertTrue(record.exists())

    def test_topics_are_director_data(self):
        """Care staff read call topics; only the director adds one."""
        Topic = self.env["ctxh.call.topic"]
        self.assertIn(self.topic, Topic.with_user(self.care_a).search([]))
        with self.assertRaises(AccessError):
            Topic.with_user(self.care_a).create({"name": "Xâm hại trực tuyến", "code": "online"})
        topic = Topic.with_user(self.director_a).create({"name": "Xâm hại trực tuyến", "code": "online"})
        self.assertTrue(topic)

    def test_actions_check_the_group(self):
        """Actions refuse a user outside care staff even when called directly over RPC."""
        portalish = self.accountant_a
        with self.assertRaises(AccessError):
            self.call.with_user(portalish).action_admit()
        with self.assertRaises(AccessError):
            self.referral.with_user(portalish).action_send()
