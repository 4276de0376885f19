"""Shared fixtures of the care tests."""

from datetime import timedelta

from odoo import fields

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase

# the six domains of a needs assessment (data of the module)
DOMAIN_CODES = {"health", "self_care", "mental", "family", "education", "livelihood"}


class CarePlanCase(CtxhResidentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["ctxh.care.plan"])
        cls.facility_a.ctxh_director_id = cls.director_a
        cls.resident_a = cls._resident(name="Lục Thị Sáng")
        cls.stay_a = cls._admit(cls.resident_a, cls.bed1, case_worker_id=cls.care_ab.id)
        cls.resident_b = cls._resident(company=cls.facility_b, name="Nông Văn Dũng", gender="male")
        cls.stay_b = cls._admit(cls.resident_b)
        cls.domain_self_care = cls.env.ref("ctxh_care.assessment_domain_self_care")
        cls.reminder_type = cls.env.ref("ctxh_residents.mail_activity_type_ctxh_reminder")

    def _plan(self, resident=None, user=None, **vals):
        resident = resident or self.resident_a
        values = {
            "resident_id": resident.id,
            "review_date": self.today + timedelta(days=90),
            "goal_ids": [
                fields.Command.create({"domain_id": self.domain_self_care.id, "objective": "Tự xúc ăn được",
                                       "indicator": "Tự ăn hết suất cơm"}),
                fields.Command.create({"objective": "Tham gia lớp may công nghiệp", "status": "in_progress"}),
            ],
            "intervention_ids": [
                fields.Command.create({"kind": "therapy", "description": "Tập vật lý trị liệu",
                                       "frequency": "3 buổi/tuần"}),
            ],
        }
        values.update(vals)
        return self.env["ctxh.care.plan"].with_user(user or self.care_a).create(values)

    def _approved_plan(self, **vals):
        plan = self._plan(**vals)
        plan.action_submit()
        plan.with_user(self.director_a).action_approve()
        return plan

    def _reminders(self, plans):
        return self.env["mail.activity"].search([
            ("res_model", "=", "ctxh.care.plan"), ("res_id", "in", plans.ids),
            ("activity_type_id", "=", self.reminder_type.id),
        ])
