from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase

CARE_MODELS = [
    "ctxh.assessment", "ctxh.care.plan", "ctxh.health.check", "ctxh.medical.event", "ctxh.medication",
    "ctxh.medication.administration", "ctxh.programme", "ctxh.programme.session", "ctxh.incident", "ctxh.visit",
]


@tagged("post_install", "-at_install")
class TestAccountantPrivacy(CtxhResidentsCase):
    """Accountants bill families: they see residents and stays, never care or health records."""

    def test_accountant_reads_no_care_record(self):
        """Assessments, plans, health, medication, activities, incidents and visits are closed to accountants."""
        for model in CARE_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.accountant_a).search([], limit=1)

    def test_accountant_opens_the_resident_form(self):
        """The resident form works for an accountant and carries none of the care counters."""
        resident = self._resident(name="Kha Thị Mận")
        self._admit(resident)
        Resident = self.env["ctxh.resident"].with_user(self.accountant_a)
        view = Resident.get_view(view_type="form")
        for fname in ("care_plan_count", "medication_dose_count", "incident_count", "visit_count",
                      "programme_hours", "rehab_stage_id", "medical_count"):
            self.assertNotIn(f'name="{fname}"', view["arch"])
        form = Form(resident.with_user(self.accountant_a))  # reads what the web client reads
        self.assertEqual(form.name, "Kha Thị Mận")
        self.assertEqual(form.state, "in_care")

    def test_care_staff_still_see_their_counters(self):
        """Care staff keep the care counters on the resident form."""
        arch = self.env["ctxh.resident"].with_user(self.care_a).get_view(view_type="form")["arch"]
        for fname in ("care_plan_count", "incident_count", "visit_count", "programme_hours"):
            self.assertIn(f'name="{fname}"', arch)
