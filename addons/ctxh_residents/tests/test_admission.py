import re
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestAdmission(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.regular = cls.env.ref("ctxh_residents.admission_type_regular")
        cls.emergency = cls.env.ref("ctxh_residents.admission_type_emergency")

    def _request(self, admission_type=None, user=None, **vals):
        resident = self._resident(name=vals.pop("name", "Nông Thị Mến"))
        return self.env["ctxh.admission"].with_user(user or self.care_a).create({
            "resident_id": resident.id, "company_id": self.facility_a.id,
            "admission_type_id": (admission_type or self.regular).id, **vals,
        })

    def test_admission_types_are_editable_data(self):
        """The six admission types exist as data; emergency allows 90 days; a director can change it."""
        codes = set(self.env["ctxh.admission.type"].search([]).mapped("code"))
        self.assertTrue({"regular", "emergency", "voluntary", "rehab_voluntary", "rehab_compulsory",
                         "rehab_temporary"} <= codes)
        self.assertEqual(self.emergency.max_stay_days, 90)
        self.assertTrue(self.env.ref("ctxh_residents.admission_type_rehab_compulsory").requires_court_decision)
        self.assertTrue(self.env.ref("ctxh_residents.admission_type_voluntary").requires_contract)
        self.emergency.with_user(self.director_a).max_stay_days = 92
        self.assertEqual(self.emergency.max_stay_days, 92)

    def test_dossier_checklist_follows_type(self):
        """The checklist is generated from the admission type, in the form and on create."""
        admission = self._request()
        self.assertEqual(admission.document_line_ids.document_type_id, self.regular.document_type_ids)
        self.assertEqual(admission.missing_document_count, len(self.regular.document_type_ids))
        form = Form(self.env["ctxh.admission"].with_user(self.care_a))
        form.resident_id = self._resident(name="Lâm Thị Ngọc")
        form.admission_type_id = self.emergency
        self.assertEqual(len(form.document_line_ids), len(self.emergency.document_type_ids))

    def test_normal_flow_director_decides(self):
        """Draft, submitted, blocked while documents miss, approved with a numbered decision, admitted."""
        admission = self._request(bed_id=self.bed1.id)
        admission.action_submit()
        self.assertEqual(admission.state, "submitted")
        with self.assertRaises(AccessError):
            admission.with_user(self.care_a).action_approve()
        with self.assertRaisesRegex(UserError, "incomplete"):
            admission.with_user(self.director_a).action_approve()
        admission.document_line_ids.received = True
        admission.with_user(self.director_a).action_approve()
        self.assertEqual(admission.state, "approved")
        self.assertRegex(admission.decision_number, r"^\d+/QĐ-TTBTXHLS$")
        self.assertEqual(admission.decision_signer_id, self.director_a)
        self.assertTrue(admission.decision_date)
        admission.action_admit()
        self.assertEqual(admission.state, "admitted")
        self.assertEqual(admission.resident_id.state, "in_care")
        self.assertEqual(admission.stay_id.bed_id, self.bed1)
        self.assertEqual(self.bed1.state, "occupied")
        self.assertFalse(admission.stay_id.date_end_planned, "regular care has no time limit")

    def test_decision_numbers_follow_each_facility_register(self):
        """Decisions are numbered one after the other in the facility's own register."""
        numbers = []
        for name in ("Hà Thị Một", "Hà Thị Hai"):
            admission = self._request(name=name)
            admission.document_line_ids.received = True
            admission.action_submit()
            admission.with_user(self.director_a).action_approve()
            numbers.append(int(re.match(r"(\d+)/", admission.decision_number)[1]))
        self.assertEqual(numbers[1], numbers[0] + 1)

    def test_refusal_needs_a_written_reason(self):
        """Only the director refuses, and only with a written reason; the person stays an applicant."""
        admission = self._request()
        admission.action_submit()
        with self.assertRaises(AccessError):
            admission.with_user(self.care_a).action_refuse()
        with self.assertRaisesRegex(UserError, "reason"):
            admission.with_user(self.director_a).action_refuse()
        admission.refuse_reason = "Không thuộc diện tiếp nhận theo Điều 24 Nghị định 20/2021/NĐ-CP."
        self.assertFalse(admission.refuse_date)
        admission.with_user(self.director_a).action_refuse()
        self.assertEqual(admission.state, "refused")
        # the admission owns the day of its refusal (the refusal letter is dated by it), the facility's today
        self.assertEqual(admission.refuse_date, self.facility_a._ctxh_today())
        self.assertEqual(admission.resident_id.state, "applicant")
        with self.assertRaises(UserError):
            admission.action_admit()

    def test_emergency_admitted_at_once_decision_after(self):
        """Care staff admit an emergency case at once; stay limited to 90 days; the decision follows."""
        self.facility_a.ctxh_director_id = self.director_a
        received = datetime(2026, 11, 1, 22, 30)
        admission = self._request(self.emergency, bed_id=self.bed2.id, received_at=received)
        with self.assertRaisesRegex(UserError, "brought"):
            admission.action_admit_emergency()
        admission.brought_by = "Công an xã Đình Lập, Trung úy Hoàng Văn Sơn"
        admission.with_user(self.care_a).action_admit_emergency()
        stay = admission.stay_id
        self.assertEqual(admission.state, "admitted")
        self.assertEqual(stay.date_start, received)
        self.assertEqual(stay.date_end_planned, (received + timedelta(days=90)).date())
        self.assertEqual(stay.bed_id, self.bed2)
        # 10 working days (Art. 28(2)(b)) after the reception, on Monday 02/11/2026 in Vietnam
        self.assertEqual(admission.dossier_deadline, date(2026, 11, 16))
        activity = admission.activity_ids
        self.assertEqual(activity.user_id, self.director_a)
        self.assertEqual(activity.date_deadline, admission.dossier_deadline)
        admission.document_line_ids.received = True
        admission.with_user(self.director_a).action_approve()
        self.assertEqual(admission.state, "admitted")
        self.assertTrue(admission.decision_number)
        self.assertFalse(admission.activity_ids, "the decision activity is done")

    def test_regular_type_cannot_skip_the_decision(self):
        """A non-emergency admission cannot be admitted before the director's decision."""
        admission = self._request(brought_by="Gia đình")
        with self.assertRaisesRegex(UserError, "decision comes first"):
            admission.action_admit_emergency()
        with self.assertRaises(UserError):
            admission.action_admit()


@tagged("post_install", "-at_install")
class TestAdmitDialog(CtxhResidentsCase):
    """"Admit" asks for the bed among those the person may use, and admits without one only when told so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.men = cls.env["ctxh.room"].create({
            "name": "P102", "building": "Khu A", "company_id": cls.facility_a.id, "gender": "male",
            "bed_ids": [(0, 0, {"name": "N1"})]})
        cls.woman = cls._resident(name="Lường Thị Xuân", gender="female")
        cls.admission = cls.env["ctxh.admission"].create({
            "resident_id": cls.woman.id, "company_id": cls.facility_a.id,
            "admission_type_id": cls.env.ref("ctxh_residents.admission_type_emergency").id,
            "brought_by": "Công an xã Tân Thanh"})

    def _dialog(self):
        action = self.admission.with_user(self.care_a).action_open_admit()
        self.assertEqual((action["res_model"], action["target"]), ("ctxh.admission.bed", "new"))
        return Form(self.env["ctxh.admission.bed"].with_user(self.care_a).with_context(action["context"]))

    def _offered(self, model, fname, record_values):
        domain = safe_eval(self.env[model]._fields[fname].domain, record_values)
        return self.env["ctxh.bed"].with_user(self.care_a).search(domain)

    def test_only_the_beds_she_may_use(self):
        """A woman is offered the free beds of women's and mixed rooms, not a men's room's."""
        values = {"company_id": self.facility_a.id, "resident_gender": "female"}
        for model in ("ctxh.admission.bed", "ctxh.admission", "ctxh.bed.transfer"):
            offered = self._offered(model, "bed_id", values)
            self.assertIn(self.bed1, offered, model)
            self.assertNotIn(self.men.bed_ids, offered, model)

    def test_admit_in_a_bed(self):
        dialog = self._dialog()
        dialog.bed_id = self.bed2
        dialog.save().action_admit()
        self.assertEqual(self.admission.state, "admitted")
        self.assertEqual(self.admission.stay_id.bed_id, self.bed2)

    def test_no_bed_is_a_choice_made_in_words(self):
        wizard = self._dialog().save()
        with self.assertRaisesRegex(UserError, "Choose a bed"):
            wizard.action_admit()
        self.assertEqual(self.admission.state, "draft")
        wizard.action_admit_without_bed()
        self.assertEqual(self.admission.state, "admitted")
        self.assertFalse(self.admission.stay_id.bed_id)

    def test_each_facility_sees_the_admission_types_of_its_kind(self):
        """A drug rehabilitation centre is offered the rehabilitation types; a social protection centre the others."""
        Type = self.env["ctxh.admission.type"]
        domain = self.env["ctxh.admission"]._fields["admission_type_id"].domain
        for facility in (self.facility_a, self.facility_b):
            offered = Type.search(safe_eval(domain, {"facility_type": facility.ctxh_facility_type}))
            codes = set(offered.mapped("code"))
            with self.subTest(facility=facility.name):
                if facility.ctxh_facility_type == "drug_rehab":
                    self.assertEqual(codes, {"rehab_voluntary", "rehab_compulsory", "rehab_temporary"})
                else:
                    self.assertTrue({"regular", "emergency"} <= codes)
                    self.assertFalse({"rehab_voluntary", "rehab_compulsory"} & codes)
