from odoo import fields, models

from odoo.addons.ctxh_residents.tools.groups import CARE, MEDICAL


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"
    # what care adds to a resident: counts and shortcuts to its care records, one section per kind

    assessment_count = fields.Integer(groups=CARE, compute="_compute_care_plan_counts", string="Assessments")
    care_plan_count = fields.Integer(groups=CARE, compute="_compute_care_plan_counts", string="Care Plans")

    def _compute_care_plan_counts(self):
        domain = [("resident_id", "in", self.ids)]
        assessments = dict(self.env["ctxh.assessment"]._read_group(domain, ["resident_id"], ["__count"]))
        plans = dict(self.env["ctxh.care.plan"]._read_group(domain, ["resident_id"], ["__count"]))
        for resident in self:
            resident.assessment_count = assessments.get(resident, 0)
            resident.care_plan_count = plans.get(resident, 0)

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_assessment_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    def action_view_care_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_care_plan_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action


    # ---- health records (medical staff) ----
    medical_check_ids = fields.One2many("ctxh.health.check", "resident_id", string="Health Checks",
                                        groups=MEDICAL)
    medical_event_ids = fields.One2many("ctxh.medical.event", "resident_id", string="Medical Events",
                                        groups=MEDICAL)
    medical_count = fields.Integer(compute="_compute_medical_count", string="Health Records", groups=MEDICAL)

    def _compute_medical_count(self):
        domain = [("resident_id", "in", self.ids)]
        checks = dict(self.env["ctxh.health.check"]._read_group(domain, ["resident_id"], ["__count"]))
        events = dict(self.env["ctxh.medical.event"]._read_group(domain, ["resident_id"], ["__count"]))
        for resident in self:
            resident.medical_count = checks.get(resident, 0) + events.get(resident, 0)

    def action_view_medical(self):
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_health_check_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    # ---- medication doses ----
    medication_dose_count = fields.Integer(groups=CARE, compute="_compute_medication_dose_count", string="Doses")

    def _compute_medication_dose_count(self):
        counts = dict(self.env["ctxh.medication.administration"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.medication_dose_count = counts.get(resident, 0)

    def action_view_medication_doses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_medication_administration_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"search_default_planned": 1}
        return action

    # ---- activity programmes and the rehabilitation stage ----
    programme_enrolment_ids = fields.One2many("ctxh.programme.enrolment", "resident_id", groups=CARE,
                                              string="Programme Enrolments")
    programme_enrolment_count = fields.Integer(groups=CARE, compute="_compute_programme_stats",
                                               string="Activities Count")
    programme_hours = fields.Float(groups=CARE, compute="_compute_programme_stats", string="Activity Hours",
                                   help="Hours of programme sessions the resident attended.")
    rehab_stage_id = fields.Many2one(groups=CARE, related="current_stay_id.rehab_stage_id", store=True, readonly=False,
                                     index=True, string="Rehabilitation Stage")
    is_rehab_stay = fields.Boolean(related="current_stay_id.is_rehab_stay", string="In Drug Rehabilitation")

    def _compute_programme_stats(self):
        enrolments = dict(self.env["ctxh.programme.enrolment"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        hours = dict(self.env["ctxh.programme.attendance"]._read_group(
            [("resident_id", "in", self.ids), ("status", "=", "present"), ("session_id.state", "=", "done")],
            ["resident_id"], ["hours:sum"]))
        for resident in self:
            resident.programme_enrolment_count = enrolments.get(resident, 0)
            resident.programme_hours = hours.get(resident, 0.0)

    def action_view_programme_enrolments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_programme_enrolment_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    # ---- incidents ----
    incident_count = fields.Integer(groups=CARE, compute="_compute_incident_count")

    def _compute_incident_count(self):
        counts = dict(self.env["ctxh.incident"]._read_group(
            [("resident_ids", "in", self.ids)], ["resident_ids"], ["__count"]))
        for resident in self:
            resident.incident_count = counts.get(resident, 0)

    def action_view_incidents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_incident_action")
        action["domain"] = [("resident_ids", "in", self.ids)]
        action["context"] = {"default_resident_ids": self.ids, "default_company_id": self.company_id.id}
        return action

    # ---- family visits ----
    visit_count = fields.Integer(groups=CARE, compute="_compute_visit_count")

    def _compute_visit_count(self):
        counts = dict(self.env["ctxh.visit"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.visit_count = counts.get(resident, 0)

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_visit_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action
