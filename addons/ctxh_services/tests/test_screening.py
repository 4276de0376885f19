from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


class CtxhScreeningCase(CtxhSocialCase):
    """Facility A screening a school's children with the SDQ shipped as data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sdq = cls.env.ref("ctxh_services.screening_instrument_sdq_parent")
        cls.school_partner = cls.env["res.partner"].create({"name": "Trường THCS Chi Lăng", "is_company": True})
        cls.children = [cls._resident(name=name) for name in ("Lường Văn An", "Hà Thị Bình", "Nông Minh Châu")]
        cls.campaign = cls.env["ctxh.screening.campaign"].with_user(cls.care_a).create({
            "name": "Sàng lọc SDQ khối 6", "school_id": cls.school_partner.id, "instrument_id": cls.sdq.id,
            "company_id": cls.facility_a.id,
        })

    def _result(self, child, answers=None, user=None):
        result = self.env["ctxh.screening.result"].with_user(user or self.care_a).create({
            "campaign_id": self.campaign.id, "resident_id": child.id, "school_class": "6A"})
        if answers:
            for line in result.sudo().answer_ids:
                if line.item_id.number in answers:
                    line.with_user(self.medical_a).write({"value": answers[line.item_id.number], "answered": True})
        return result.with_user(self.medical_a)

    def _score(self, result, code):
        return result.score_ids.filtered(lambda s: s.scale_id.code == code)


@tagged("post_install", "-at_install")
class TestScreening(CtxhScreeningCase):
    def test_sdq_data_is_complete(self):
        """The SDQ ships 25 items, five of them reverse scored, five subscales of five and a total."""
        self.assertEqual(len(self.sdq.item_ids), 25)
        self.assertEqual(sorted(self.sdq.item_ids.filtered("reverse").mapped("number")), [7, 11, 14, 21, 25])
        for scale in self.sdq.scale_ids.filtered(lambda s: s.kind == "subscale"):
            self.assertEqual(len(scale.item_ids), 5, scale.name)
        self.assertEqual(len(self.sdq.scale_ids.filtered("in_total")), 4)

    def test_scores_with_reverse_items_and_bands(self):
        """Answers sum per subscale, reverse items count backwards, the total sums the four difficulty scales."""
        # emotional 3+8+13+16+24 all 'certainly true' = 10; conduct: 7 (reverse) 'not true' = 2, 5 = 1;
        # peer: 11 and 14 (reverse) 'certainly true' = 0; prosocial items count nowhere in the total
        result = self._result(self.children[0], {3: 2, 8: 2, 13: 2, 16: 2, 24: 2, 7: 0, 5: 1, 11: 2, 14: 2,
                                                 1: 2, 4: 2})
        self.assertEqual(self._score(result, "emo").score, 10)
        self.assertEqual(self._score(result, "emo").band_id.name, "Abnormal")
        self.assertEqual(self._score(result, "con").score, 3)
        self.assertEqual(self._score(result, "con").band_id.name, "Borderline")
        self.assertEqual(self._score(result, "peer").score, 0)
        self.assertEqual(self._score(result, "pro").score, 4)
        self.assertEqual(result.total_score, 13)
        self.assertEqual(result.band_id.name, "Normal")
        self.assertFalse(result.above_cutoff)

    def test_changing_a_cutoff_in_data_changes_the_band(self):
        """An administrator lowering the total's abnormal cut-off moves a child of 13 above it."""
        result = self._result(self.children[0], {3: 2, 8: 2, 13: 2, 16: 2, 24: 2, 7: 0, 5: 1})
        self.assertEqual(result.total_score, 13)
        self.assertFalse(result.above_cutoff)
        normal = self.env.ref("ctxh_services.screening_band_sdq_total_normal")
        borderline = self.env.ref("ctxh_services.screening_band_sdq_total_borderline")
        abnormal = self.env.ref("ctxh_services.screening_band_sdq_total_abnormal")
        normal.score_to = 9
        borderline.write({"score_from": 10, "score_to": 12})
        abnormal.score_from = 13
        self.assertEqual(result.band_id, abnormal)
        self.assertTrue(result.above_cutoff)

    def test_scale_scores_entered_directly(self):
        """A form scored by hand: the subscale scores are typed, the total and band follow."""
        result = self._result(self.children[1])
        for code, value in (("emo", 6), ("con", 4), ("hyp", 7), ("peer", 2)):
            self._score(result, code).manual_score = value
        self.assertEqual(result.total_score, 19)
        self.assertTrue(result.above_cutoff)

    def test_refer_above_cutoff_once(self):
        """'Refer those above the cut-off' opens one course per child above it; running it again adds none."""
        above = self._result(self.children[0])
        for code, value in (("emo", 8), ("hyp", 9)):
            self._score(above, code).manual_score = value
        below = self._result(self.children[1])
        self._score(below, "emo").manual_score = 2
        campaign = self.campaign.with_user(self.medical_a)
        self.assertEqual(campaign.above_count, 1)
        campaign.action_refer_above_cutoff()
        course = above.therapy_course_id
        self.assertEqual(course.resident_id, self.children[0])
        self.assertEqual(course.screening_result_id, above)
        self.assertFalse(below.therapy_course_id)
        campaign.action_refer_above_cutoff()
        self.assertEqual(self.env["ctxh.therapy.course"].search_count(
            [("resident_id", "in", [c.id for c in self.children])]), 1)
        self.assertEqual(campaign.referred_count, 1)
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.care_a).action_refer_above_cutoff()

    def test_scores_hidden_from_care_staff(self):
        """Care staff list the children screened and the campaign's counts, never a score or band."""
        result = self._result(self.children[0])
        self._score(result, "emo").manual_score = 9
        Result = self.env["ctxh.screening.result"].with_user(self.care_a)
        self.assertEqual(Result.search([]).resident_id, self.children[0])
        self.assertEqual(self.campaign.with_user(self.care_a).above_count, 0)  # 9 alone: total normal
        for fname in ("total_score", "band_id", "above_cutoff", "score_ids", "answer_ids"):
            with self.assertRaises(AccessError):
                Result.browse(result.id).read([fname])
        for fname in ("total_score", "band_id", "above_cutoff", "score_ids.score", "answer_ids.value"):
            with self.assertRaises(AccessError, msg=fname):
                Result.search([(fname, ">", 3)])
        for fname in ("total_score", "band_id", "above_cutoff"):
            with self.assertRaises(AccessError):
                Result.read_group([], ["resident_id:count"], [fname])
        with self.assertRaises(AccessError):
            self.env["ctxh.screening.score"].with_user(self.care_a).search([]).read(["score"])
        with self.assertRaises(AccessError):
            self.env["ctxh.screening.answer"].with_user(self.care_a).search([]).read(["value"])
        self.assertEqual(result.total_score, 9, "the medical staff see it")

    def test_states_only_by_actions(self):
        """The campaign's and course's states move by their actions only."""
        with self.assertRaises(UserError):
            self.campaign.with_user(self.care_a).write({"state": "done"})
        self.campaign.with_user(self.care_a).action_start()
        self.assertEqual(self.campaign.state, "in_progress")
        self.campaign.with_user(self.care_a).action_done()
        self.assertEqual(self.campaign.state, "done")
        course = self.env["ctxh.therapy.course"].with_user(self.medical_a).create({
            "resident_id": self.children[2].id, "company_id": self.facility_a.id})
        with self.assertRaises(UserError):
            course.write({"state": "completed"})
        session = self.env["ctxh.therapy.session"].with_user(self.medical_a).create({
            "course_id": course.id, "note": "Trẻ hợp tác, ít lo âu hơn.", "progress_score": 6})
        session.action_done()
        self.assertEqual(course.sessions_held, 1)
        with self.assertRaises(AccessError):
            course.with_user(self.care_a).action_complete()
        course.action_complete()
        self.assertEqual(course.state, "completed")
        self.assertEqual(course.date_end, self.today)
        with self.assertRaises(AccessError):
            session.with_user(self.care_a).read(["note"])

    def test_company_and_office_isolation(self):
        """Another facility sees none of the campaigns or results; an office worker sees their office's only."""
        self._result(self.children[0])
        self.assertFalse(self.env["ctxh.screening.campaign"].with_user(self.care_b).search([]))
        self.assertFalse(self.env["ctxh.screening.result"].with_user(self.care_b).search([]))
        worker = self.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_screen_office", "company_id": self.facility_a.id,
            "company_ids": [self.facility_a.id],
            "groups_id": [self.env.ref(OFFICE_WORKER).id, self.env.ref("ctxh_residents.group_ctxh_care_staff").id]})
        office = self.env["ctxh.office"].create({"name": "Phòng CTXH Trường THCS Chi Lăng", "kind": "school",
                                                 "company_id": self.facility_a.id, "user_ids": [worker.id]})
        self.assertFalse(self.env["ctxh.screening.campaign"].with_user(worker).search([]))
        self.campaign.office_id = office
        self.assertEqual(self.env["ctxh.screening.campaign"].with_user(worker).search([]), self.campaign)
        self.assertEqual(len(self.env["ctxh.screening.result"].with_user(worker).search([])), 1)
