from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import MEDICAL, SENSITIVE

COURSE_STATES = [("active", "Active"), ("completed", "Completed"), ("dropped", "Dropped")]


class CtxhTherapyCourse(models.Model):
    """A course of psychological therapy for a child, often referred by a screening above the cut-off."""

    _name = "ctxh.therapy.course"
    _description = "Therapy Course"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin", "ctxh.office.mixin", "ctxh.sensitive.read.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _ctxh_action_fields = ("state",)

    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    resident_id = fields.Many2one("ctxh.resident", string="Child", required=True, check_company=True, index=True,
                                  tracking=True)
    therapist_id = fields.Many2one("res.users", string="Therapist", default=lambda self: self.env.user, index=True,
                                   tracking=True)
    screening_result_id = fields.Many2one("ctxh.screening.result", string="Referred by Screening",
                                          check_company=True, readonly=True)
    date_start = fields.Date(string="Start", required=True, default=lambda self: self.env.company._ctxh_today())
    date_end = fields.Date(string="End", readonly=True, copy=False)
    planned_sessions = fields.Integer(default=8)
    goals = fields.Text(groups=SENSITIVE)
    state = fields.Selection(COURSE_STATES, default="active", required=True, tracking=True, copy=False, index=True)
    progress_rating = fields.Selection(
        [("none", "No change"), ("some", "Some progress"), ("good", "Good progress"), ("worse", "Worse")],
        groups=SENSITIVE)
    session_ids = fields.One2many("ctxh.therapy.session", "course_id", string="Sessions")
    sessions_held = fields.Integer(compute="_compute_sessions_held", store=True)

    @api.depends("session_ids.state")
    def _compute_sessions_held(self):
        for course in self:
            course.sessions_held = len(course.session_ids.filtered(lambda s: s.state == "done"))

    @api.depends("resident_id.name")
    def _compute_display_name(self):
        # "therapy" next to a name is enough: no diagnosis in the name
        for course in self:
            course.display_name = self.env._("Therapy - %s", course.resident_id.name or "")

    def action_complete(self):
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        self._ctxh_check_state("active")
        return self._ctxh_action_write({"state": "completed", "date_end": self.env.company._ctxh_today()})

    def action_drop(self):
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        self._ctxh_check_state("active")
        return self._ctxh_action_write({"state": "dropped", "date_end": self.env.company._ctxh_today()})
