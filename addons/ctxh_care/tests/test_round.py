from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestRound(CtxhResidentsCase):
    """The round's buttons as a carer uses them: a dose on time is recorded at once; a refusal asks its reason in a
    dialog; a dose recorded far from its time asks for confirmation; on a phone the round is one card per dose."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Hoàng Thị Thu", gender="female", birth_year=1945)
        cls._admit(cls.resident, cls.bed1)
        order = cls.env["ctxh.medication"].create({
            "resident_id": cls.resident.id, "medicine": "Amlodipin 5mg", "dose": "1 viên 5mg", "route": "oral",
            "times_of_day": "07:00", "date_start": fields.Date.today()})
        order.state = "active"  # the fixture, not the action: the test plans its own doses
        now = fields.Datetime.now().replace(microsecond=0)
        Dose = cls.env["ctxh.medication.administration"]
        cls.on_time = Dose.create({"medication_id": order.id, "scheduled_at": now - timedelta(minutes=10)})
        cls.early = Dose.create({"medication_id": order.id, "scheduled_at": now + timedelta(hours=7)})

    def _dialog(self, action):
        self.assertEqual(action["res_model"], "ctxh.dose.record")
        self.assertEqual(action["target"], "new")
        return Form(self.env["ctxh.dose.record"].with_user(self.care_a).with_context(action["context"]))

    def test_on_time_is_recorded_at_once(self):
        self.assertIs(self.on_time.with_user(self.care_a).action_round_given(), True)
        self.assertEqual((self.on_time.state, self.on_time.given_by), ("given", self.care_a))

    def test_far_from_its_time_asks_for_confirmation(self):
        """A dose planned for seven hours from now (a 07:00 dose marked at 00:18) is not recorded without a word."""
        action = self.early.with_user(self.care_a).action_round_given()
        self.assertEqual(self.early.state, "planned")
        dialog = self._dialog(action)
        self.assertIn("Record that", dialog.warning)
        self.assertIn(self.resident.name, dialog.warning)
        dialog.save().action_confirm()
        self.assertEqual(self.early.state, "given")

    def test_refusal_asks_its_reason(self):
        """Refusing opens the dialog; without a reason nothing is recorded; with one the dose is refused."""
        action = self.on_time.with_user(self.care_a).action_round_refused()
        self.assertEqual(self.on_time.state, "planned")
        dialog = self._dialog(action)
        with self.assertRaises(AssertionError):
            dialog.save()  # the reason is required in the dialog
        wizard = self.env["ctxh.dose.record"].with_user(self.care_a).create(
            {"dose_id": self.on_time.id, "state": "refused"})
        with self.assertRaisesRegex(UserError, "Write why"):
            wizard.action_confirm()
        self.assertEqual(self.on_time.state, "planned")
        dialog.reason = "Bà nhổ thuốc ra, không chịu uống."
        dialog.save().action_confirm()
        self.assertEqual((self.on_time.state, self.on_time.reason), ("refused", "Bà nhổ thuốc ra, không chịu uống."))

    def test_missed_asks_its_reason_too(self):
        dialog = self._dialog(self.on_time.with_user(self.care_a).action_round_missed())
        dialog.reason = "Đang ngủ, sẽ cho uống lúc 08:00."
        dialog.save().action_confirm()
        self.assertEqual(self.on_time.state, "missed")

    def test_a_recorded_dose_is_not_recorded_again(self):
        self.on_time.with_user(self.care_a).action_round_given()
        with self.assertRaises(UserError):
            self.on_time.with_user(self.care_a).action_round_refused()

    def test_phone_cards(self):
        """The round opens as cards on a phone: each with the resident's photo, bed, medicine, dose, time and the
        three actions together."""
        action = self.env.ref("ctxh_care.ctxh_medication_administration_action")
        self.assertIn("kanban", action.view_mode.split(","))
        Dose = self.env["ctxh.medication.administration"].with_user(self.care_a)
        arch = etree.fromstring(Dose.get_views([(False, "kanban")])["views"]["kanban"]["arch"])
        names = {node.get("name") for node in arch.iter("field")}
        self.assertTrue({"resident_image", "resident_id", "resident_bed_id", "medicine", "dose",
                         "scheduled_time"} <= names)
        buttons = [node.get("name") for node in arch.iter("button")]
        self.assertEqual(buttons, ["action_round_given", "action_round_refused", "action_round_missed"])
        self.assertEqual(self.on_time.with_user(self.care_a).resident_bed_id, self.bed1)
        self.assertRegex(self.on_time.scheduled_time, r"^\d{2}:\d{2}$")
