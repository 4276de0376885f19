from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestMedical(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Hoàng Thị Thu", gender="female", birth_year=1945)
        cls.stay = cls._admit(cls.resident, cls.bed1)
        cls.resident_b = cls._resident(company=cls.facility_b, name="Lục Văn Páo", gender="male")
        cls.stay_b = cls._admit(cls.resident_b)
        cls.Check = cls.env["ctxh.health.check"]
        cls.Event = cls.env["ctxh.medical.event"]
        cls.Order = cls.env["ctxh.medication"]
        cls.Dose = cls.env["ctxh.medication.administration"]

    def _check(self, user=None, resident=None, **vals):
        return self.Check.with_user(user or self.medical_a).create({
            "resident_id": (resident or self.resident).id, **vals})

    def _order(self, user=None, resident=None, **vals):
        values = {
            "resident_id": (resident or self.resident).id, "medicine": "Amlodipin 5mg", "dose": "1 viên 5mg",
            "route": "oral", "times_of_day": "07:00,19:00", "date_start": date(2026, 3, 1),
        }
        values.update(vals)
        return self.Order.with_user(user or self.medical_a).create(values)

    def _active_order(self, **vals):
        """An active order, without planning its doses (the tests call the planner themselves)."""
        order = self._order(**vals)
        order.sudo().state = "active"  # the fixture, not the action: the tests plan the doses themselves
        return order

    def _dose(self, order, scheduled_at):
        return self.Dose.create({"medication_id": order.id, "scheduled_at": scheduled_at})

    # ------------------------------------------------------------------
    # Health checks
    # ------------------------------------------------------------------
    def test_bmi_and_out_of_range_flags(self):
        """BMI is weight over height squared, one decimal; values out of range are flagged one by one."""
        check = self._check(height=160, weight=64, blood_pressure_systolic=150, blood_pressure_diastolic=85,
                            pulse=45, temperature=36.8)
        self.assertEqual(check.bmi, 25.0)
        self.assertEqual(check.stay_id, self.stay, "the check belongs to the current stay")
        self.assertEqual(check.company_id, self.facility_a)
        self.assertTrue(check.bmi_abnormal, "BMI 25 is overweight")
        self.assertTrue(check.systolic_abnormal, "150 mmHg is high")
        self.assertFalse(check.diastolic_abnormal, "85 mmHg is below 90")
        self.assertTrue(check.pulse_abnormal, "45 beats per minute is too slow")
        self.assertFalse(check.temperature_abnormal)
        self.assertTrue(check.has_abnormal)

        normal = self._check(height=165, weight=58, blood_pressure_systolic=120, blood_pressure_diastolic=80,
                             pulse=72, temperature=36.6)
        self.assertEqual(normal.bmi, 21.3)
        self.assertFalse(normal.has_abnormal)
        normal.temperature = 38.2
        self.assertTrue(normal.temperature_abnormal)
        self.assertTrue(normal.has_abnormal)
        self.assertEqual(self.Check.with_user(self.medical_a).search(
            [("has_abnormal", "=", True), ("resident_id", "=", self.resident.id)]), check | normal)

        only_weight = self._check(weight=40)
        self.assertEqual(only_weight.bmi, 0.0, "no BMI without a height")
        self.assertFalse(only_weight.has_abnormal, "measures not taken are not flagged")

    def test_thresholds_are_legal_parameters(self):
        """A new systolic limit recorded as data applies to checks from its date, not to earlier ones."""
        self.env["ctxh.legal.parameter"].create({
            "code": "health_systolic_high", "name": "Systolic limit", "value": 130, "date_from": date(2026, 1, 1),
        })
        before = self._check(date=date(2025, 12, 1), blood_pressure_systolic=135)
        after = self._check(date=date(2026, 2, 1), blood_pressure_systolic=135)
        self.assertFalse(before.systolic_abnormal)
        self.assertTrue(after.systolic_abnormal)

    # ------------------------------------------------------------------
    # Medical events
    # ------------------------------------------------------------------
    def test_icd10_code_validation(self):
        """ICD-10 codes are a capital letter, two digits and optionally a dot with one or two characters."""
        for code in ("I10", "E11.9", "S72.00", "J18.9"):
            event = self.Event.with_user(self.medical_a).create({
                "resident_id": self.resident.id, "kind": "chronic_condition", "diagnosis": "Chẩn đoán",
                "icd10_code": code})
            self.assertEqual(event.icd10_code, code)
        for code in ("I1", "110", "i10", "E11.123", "E11.", "E119"):
            with self.assertRaises(ValidationError, msg=code):
                self.Event.with_user(self.medical_a).create({
                    "resident_id": self.resident.id, "kind": "illness", "diagnosis": "Chẩn đoán",
                    "icd10_code": code})

    def test_hospital_referral_names_the_hospital(self):
        """A hospital referral without a hospital is refused; with one it is recorded on the current stay."""
        vals = {"resident_id": self.resident.id, "kind": "hospital_referral", "diagnosis": "Viêm phổi"}
        with self.assertRaises(ValidationError):
            self.Event.with_user(self.medical_a).create(vals)
        vals["hospital"] = "Bệnh viện Đa khoa tỉnh Lạng Sơn"
        # a planned referral shares health data with the hospital: only with the consent to it
        with self.assertRaisesRegex(ValidationError, "consented to sharing health information with a hospital"):
            self.Event.with_user(self.medical_a).create(vals)
        urgent = self.Event.with_user(self.medical_a).create({**vals, "emergency": True})
        self.assertEqual(urgent.stay_id, self.stay)
        hospital = self.env.ref("ctxh_residents.consent_purpose_share_hospital")
        self.env["ctxh.consent"].create({
            "resident_id": self.resident.id, "purpose": hospital.id, "date_given": date(2020, 1, 1)})
        event = self.Event.with_user(self.medical_a).create(vals)
        self.assertEqual(event.stay_id, self.stay)

    def test_health_data_only_for_medical_staff_and_director(self):
        """Care staff and accountants cannot read health checks or medical events; medical staff and the
        director can, and only they see the Health button and count on the resident form."""
        check = self._check(blood_pressure_systolic=160)
        event = self.Event.with_user(self.medical_a).create({
            "resident_id": self.resident.id, "kind": "chronic_condition", "diagnosis": "Tăng huyết áp",
            "icd10_code": "I10"})
        for user in (self.care_a, self.accountant_a):
            for record in (check, event):
                with self.assertRaises(AccessError, msg=f"{user.login} reads {record._name}"):
                    record.with_user(user).read(["resident_id"])
                with self.assertRaises(AccessError):
                    record.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.resident.with_user(user).read(["medical_count"])
            arch = self.resident.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertNotIn("action_view_medical", arch)
            self.assertNotIn("medical_event_ids", arch)
        for user in (self.medical_a, self.director_a):
            self.assertEqual(check.with_user(user).blood_pressure_systolic, 160)
            self.assertEqual(event.with_user(user).icd10_code, "I10")
            self.assertEqual(self.resident.with_user(user).medical_count, 2)
            arch = self.resident.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn("action_view_medical", arch)
        action = self.resident.with_user(self.medical_a).action_view_medical()
        self.assertEqual(self.Check.with_user(self.medical_a).search(action["domain"]), check)
        with self.assertRaises(AccessError):
            self.resident.with_user(self.care_a).action_view_medical()

    # ------------------------------------------------------------------
    # Medication orders and dose planning
    # ------------------------------------------------------------------
    @freeze_time("2026-03-10 02:30:00")
    def test_cron_generates_due_doses_in_utc(self):
        """At 09:30 in Hạ Long, doses at 07:00 and 19:00 over two days are today 19:00, tomorrow 07:00 and
        19:00, stored in UTC (7 hours earlier); a second run plans nothing new."""
        order = self._active_order(times_of_day="07:00,19:00")
        ending = self._active_order(medicine="Metformin 500mg", times_of_day="12:00", date_end=date(2026, 3, 10))
        self.Order._cron_generate_doses()
        self.assertEqual(order.administration_ids.mapped("scheduled_at"), [
            datetime(2026, 3, 10, 12, 0), datetime(2026, 3, 11, 0, 0), datetime(2026, 3, 11, 12, 0)])
        self.assertEqual(set(order.administration_ids.mapped("state")), {"planned"})
        self.assertEqual(order.administration_ids.resident_id, self.resident)
        self.assertEqual(order.administration_ids.company_id, self.facility_a)
        self.assertEqual(ending.administration_ids.mapped("scheduled_at"), [datetime(2026, 3, 10, 5, 0)],
                         "nothing after the last day of the order")
        total = self.Dose.search_count([])
        self.Order._cron_generate_doses()
        self.assertEqual(self.Dose.search_count([]), total, "running the job twice creates nothing new")
        self.assertEqual(len(order.administration_ids), 3)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._dose(order, datetime(2026, 3, 11, 0, 0))

    def test_plan_days_is_a_parameter(self):
        """With three planning days the job plans one more day of doses."""
        self.env["ctxh.legal.parameter"].create({
            "code": "medication_plan_days", "name": "Plan days", "value": 3, "date_from": date(2026, 1, 1)})
        order = self._active_order(times_of_day="08:00")
        with freeze_time("2026-03-10 00:30:00"):  # 07:30 in Vietnam
            self.Order._cron_generate_doses()
        self.assertEqual(order.administration_ids.mapped("scheduled_at"), [
            datetime(2026, 3, 10, 1, 0), datetime(2026, 3, 11, 1, 0), datetime(2026, 3, 12, 1, 0)])

    @freeze_time("2026-03-10 02:30:00")
    def test_stopped_or_draft_order_generates_nothing(self):
        """Stopping an order removes its planned doses to come; stopped and draft orders get no doses."""
        order = self._order()
        draft = self._order(medicine="Calci D")
        order.with_user(self.medical_a).action_activate()
        self.assertEqual(order.state, "active")
        self.assertEqual(len(order.administration_ids), 3, "activation plans the coming doses at once")
        past = self._dose(order, datetime(2026, 3, 10, 0, 0))
        order.with_user(self.medical_a).action_stop()
        self.assertEqual(order.state, "stopped")
        self.assertEqual(order.date_end, date(2026, 3, 10))
        self.assertEqual(order.administration_ids, past, "only the dose already due stays to be recorded")
        self.Order._cron_generate_doses()
        self.assertEqual(order.administration_ids, past)
        self.assertFalse(draft.administration_ids)
        with self.assertRaises(UserError):
            order.with_user(self.medical_a).action_stop()

    def test_times_of_day_are_validated(self):
        """Times of day must be HH:MM separated by commas."""
        order = self._order(times_of_day=" 07:00, 19:30 ")
        self.assertEqual(order._get_times(), [(7, 0), (19, 30)])
        for times in ("7h,19h", "25:00", "07:60", "07:00;19:00", ""):
            with self.assertRaises(ValidationError, msg=times):
                self._order(times_of_day=times)

    def test_order_carries_no_diagnosis(self):
        """Carers see orders and doses, so neither model has a diagnosis field."""
        for model in (self.Order, self.Dose):
            self.assertFalse([name for name in model._fields if "diagnos" in name or "icd" in name])

    # ------------------------------------------------------------------
    # Recording doses
    # ------------------------------------------------------------------
    @freeze_time("2026-03-10 02:30:00")
    def test_refused_or_missed_needs_a_reason(self):
        """A carer records a dose given; refused or missed only with a reason, and only once."""
        order = self._active_order()
        given, refused, missed = (self._dose(order, datetime(2026, 3, 10, hour, 0)) for hour in (0, 1, 2))
        given.with_user(self.care_a).action_given()
        self.assertEqual(given.state, "given")
        self.assertEqual(given.given_by, self.care_a)
        self.assertEqual(given.given_at, datetime(2026, 3, 10, 2, 30))
        with self.assertRaises(UserError):
            given.with_user(self.care_a).action_refused()
        with self.assertRaises(UserError):
            refused.with_user(self.care_a).action_refused()
        self.assertEqual(refused.state, "planned")
        refused.with_user(self.care_a).reason = "Cụ không chịu uống, kêu đắng miệng."
        refused.with_user(self.care_a).action_refused()
        self.assertEqual(refused.state, "refused")
        self.assertEqual(refused.given_by, self.care_a)
        with self.assertRaises(UserError):
            missed.with_user(self.care_a).action_missed()
        with self.assertRaises(UserError, msg="the state of a dose is set by recording it, never written"):
            missed.with_user(self.care_a).write({"state": "missed"})
        missed.with_user(self.care_a).write({"reason": "Đi khám ở bệnh viện tỉnh."})
        missed.with_user(self.care_a).action_missed()
        self.assertEqual(missed.state, "missed")

    def test_recorded_doses_are_never_deleted(self):
        """An order with a dose given cannot be deleted, nor that dose; an order with planned doses only can."""
        order = self._active_order()
        given, planned = (self._dose(order, datetime(2026, 3, 10, hour, 0)) for hour in (0, 12))
        given.with_user(self.care_a).action_given()
        with self.assertRaisesRegex(UserError, "stop it instead"):
            order.with_user(self.medical_a).unlink()
        with self.assertRaises(UserError):
            given.with_user(self.medical_a).unlink()
        planned.with_user(self.medical_a).unlink()
        self.assertTrue(given.exists())
        draft = self._active_order(medicine="Paracetamol 500mg")
        self._dose(draft, datetime(2026, 3, 11, 0, 0))
        draft.with_user(self.medical_a).unlink()
        self.assertFalse(draft.exists())

    def test_overdue_flag_and_search(self):
        """A planned dose is overdue once the grace period (60 minutes, a parameter) has passed."""
        order = self._active_order()
        with freeze_time("2026-03-10 02:30:00"):
            late = self._dose(order, datetime(2026, 3, 10, 1, 0))
            recent = self._dose(order, datetime(2026, 3, 10, 2, 0))
            given = self._dose(order, datetime(2026, 3, 9, 12, 0))
            given.action_given()
            doses = late | recent | given
            self.assertEqual(doses.mapped("is_overdue"), [True, False, False])
            self.assertEqual(self.Dose.search([("id", "in", doses.ids), ("is_overdue", "=", True)]), late)
            self.assertEqual(self.Dose.search([("id", "in", doses.ids), ("is_overdue", "=", False)]), recent | given)
            self.assertEqual(self.Dose.search([("id", "in", doses.ids), ("is_overdue", "!=", True)]), recent | given)
            self.env["ctxh.legal.parameter"].create({
                "code": "medication_grace_minutes", "name": "Grace", "value": 20, "date_from": date(2026, 1, 1)})
            doses.invalidate_recordset(["is_overdue"])
            self.assertEqual(doses.mapped("is_overdue"), [True, True, False])
            self.assertEqual(self.Dose.search([("id", "in", doses.ids), ("is_overdue", "=", True)]), late | recent)
            late.with_user(self.care_a).action_given()
            self.assertFalse(late.is_overdue)

    @freeze_time("2026-03-10 02:30:00")
    def test_care_staff_record_doses_but_do_not_prescribe(self):
        """Care staff read orders and record doses, but cannot create, activate, stop or reschedule."""
        with self.assertRaises(AccessError):
            self._order(user=self.care_a)
        draft = self._order()
        with self.assertRaises(AccessError):
            draft.with_user(self.care_a).action_activate()
        with self.assertRaises(AccessError):
            draft.with_user(self.care_a).write({"dose": "2 viên"})
        draft.with_user(self.medical_a).action_activate()
        dose = draft.administration_ids[:1]
        self.assertEqual(draft.with_user(self.care_a).medicine, "Amlodipin 5mg")
        self.assertEqual(dose.with_user(self.care_a).dose, "1 viên 5mg")
        with self.assertRaises(AccessError):
            dose.with_user(self.care_a).write({"scheduled_at": datetime(2026, 3, 10, 4, 0)})
        with self.assertRaises(AccessError):
            self.Dose.with_user(self.care_a).create({"medication_id": draft.id, "scheduled_at": "2026-03-10 04:00:00"})
        dose.with_user(self.care_a).action_given()
        self.assertEqual(dose.state, "given")
        with self.assertRaises(AccessError):
            draft.with_user(self.care_a).action_stop()
        with self.assertRaises(AccessError):
            dose.with_user(self.accountant_a).write({"scheduled_at": datetime(2026, 3, 10, 4, 0)})
        self.assertEqual(self.resident.with_user(self.care_a).medication_dose_count, 3)

    @freeze_time("2026-03-10 02:30:00")
    def test_facility_isolation(self):
        """Staff of one facility see neither the health records nor the medication of another."""
        check_b = self._check(user=self.env.user, resident=self.resident_b, pulse=70)
        order_a = self._order()
        order_a.with_user(self.medical_a).action_activate()
        order_b = self._active_order(user=self.env.user, resident=self.resident_b)
        order_b._generate_doses()
        self.assertEqual(order_b.company_id, self.facility_b)
        self.assertEqual(order_b.administration_ids.company_id, self.facility_b)
        self.assertFalse(self.Check.with_user(self.medical_a).search([("id", "=", check_b.id)]))
        with self.assertRaises(AccessError):
            check_b.with_user(self.medical_a).read(["pulse"])
        self.assertFalse(self.Order.with_user(self.care_b).search([("id", "=", order_a.id)]))
        self.assertFalse(self.Dose.with_user(self.care_b).search([("medication_id", "=", order_a.id)]))
        with self.assertRaises(AccessError):
            order_a.administration_ids[:1].with_user(self.care_b).action_given()
        with self.assertRaises(AccessError):
            self._order(user=self.medical_a, resident=self.resident_b)
        both = self.Dose.with_user(self.care_ab).with_context(
            allowed_company_ids=(self.facility_a | self.facility_b).ids).search(
            [("medication_id", "in", (order_a | order_b).ids)])
        self.assertEqual(both, order_a.administration_ids | order_b.administration_ids)

    def test_a_recorded_dose_is_corrected_never_rewritten(self):
        """A dose recorded as given by mistake is corrected through the wizard: the wrong record is kept,
        marked corrected with what it said, beside the correction that carries the reason."""
        order = self._active_order()
        dose = self._dose(order, datetime(2026, 3, 10, 0, 0))
        dose.with_user(self.care_a).action_given()
        with self.assertRaisesRegex(UserError, "can no longer be changed|can only be set by its actions"):
            dose.with_user(self.care_a).write({"reason": "Thực ra cụ từ chối."})
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            dose.with_user(self.medical_a).write({"state": "refused", "given_by": self.medical_a.id})
        action = dose.with_user(self.care_a).action_correct()
        wizard = self.env[action["res_model"]].with_user(self.care_a).with_context(action["context"]).create({
            "state": "refused", "reason": "Ghi nhầm: cụ Lụa từ chối uống, người uống là cụ Sáng."})
        wizard.action_confirm()
        correction = dose.corrected_by_id
        self.assertEqual((dose.state, dose.recorded_state), ("corrected", "given"))
        self.assertEqual(dose.given_by, self.care_a, "the wrong record still says who recorded it")
        self.assertEqual((correction.state, correction.correction_of_id), ("refused", dose))
        self.assertEqual(correction.scheduled_at, dose.scheduled_at)
        self.assertIn("Ghi nhầm", correction.correction_reason)
        self.assertEqual(self.Dose.search_count([("medication_id", "=", order.id), ("state", "=", "given")]), 0,
                         "the compliance counts follow the correction")
        with self.assertRaises(UserError, msg="a corrected record is not corrected twice"):
            dose.with_user(self.care_a)._ctxh_correct("missed", False, "Lần nữa")
        with self.assertRaises(UserError, msg="a correction says why"):
            correction.with_user(self.care_a)._ctxh_correct("given", False, " ")
        with self.assertRaises(UserError):
            dose.with_user(self.medical_a).unlink()
