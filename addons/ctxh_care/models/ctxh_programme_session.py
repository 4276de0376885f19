from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_session_mixin import SESSION_STATES
from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhProgrammeSession(models.Model):
    """One meeting of a programme, with the attendance of the whole group."""

    _name = "ctxh.programme.session"
    _description = "Programme Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.session.mixin"]
    _ctxh_reopen_from = ("done", "cancelled")  # a held class is reopened to correct its attendance
    _ctxh_frozen = {"done": ALL, "cancelled": ALL}
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a session planned and not held"
    _order = "date_start desc, id desc"
    _rec_name = "topic"
    _check_company_auto = True
    # listed again so that its values are this module's: Odoo names a selection value after the module that lists
    # it, and loads a module's translations before the models of the modules depending on it exist
    state = fields.Selection(SESSION_STATES)

    programme_id = fields.Many2one("ctxh.programme", required=True, ondelete="cascade", index=True,
                                   domain="[('state', '!=', 'closed')]")
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    kind = fields.Selection(related="programme_id.kind", store=True)
    topic = fields.Char(tracking=True, index="trigram")
    date_start = fields.Datetime(string="Start", required=True, default=fields.Datetime.now, tracking=True,
                                 index=True)
    hours = fields.Float(compute="_compute_hours", store=True, readonly=False, precompute=True,
                         help="Hours counted for each resident present.")
    date_stop = fields.Datetime(string="End", compute="_compute_date_stop", store=True, readonly=False,
                                precompute=True)
    instructor_id = fields.Many2one("res.users", string="Instructor", check_company=True, tracking=True, index=True,
                                    compute="_compute_instructor_id", store=True, readonly=False, precompute=True)
    location = fields.Char(compute="_compute_location", store=True, readonly=False, precompute=True)
    attendance_ids = fields.One2many("ctxh.programme.attendance", "session_id", string="Attendance", copy=False)
    present_count = fields.Integer(compute="_compute_attendance_counts", string="Present")
    absent_count = fields.Integer(compute="_compute_attendance_counts", string="Absent")
    unmarked_count = fields.Integer(compute="_compute_attendance_counts", string="Not Marked")
    note = fields.Html(string="Notes")

    _sql_constraints = [
        ("dates_check", "CHECK (date_stop IS NULL OR date_stop >= date_start)",
         "A session cannot end before it starts."),
    ]

    @api.depends("programme_id.name", "topic", "date_start")
    def _compute_display_name(self):
        for session in self:
            start = session.date_start and fields.Date.to_string(
                session.company_id._ctxh_local(session.date_start).date())
            label = session.topic or start or ""
            session.display_name = f"{session.programme_id.name} – {label}" if session.programme_id else label

    @api.depends("programme_id")
    def _compute_hours(self):
        for session in self:
            session.hours = session.programme_id.hours_per_session

    @api.depends("date_start", "hours")
    def _compute_date_stop(self):
        for session in self:
            session.date_stop = session.date_start and session.date_start + timedelta(hours=session.hours)

    @api.depends("programme_id")
    def _compute_instructor_id(self):
        for session in self:
            session.instructor_id = session.programme_id.instructor_id

    @api.depends("programme_id")
    def _compute_location(self):
        for session in self:
            session.location = session.programme_id.location

    @api.depends("attendance_ids.status")
    def _compute_attendance_counts(self):
        for session in self:
            statuses = session.attendance_ids.mapped("status")
            session.present_count = statuses.count("present")
            session.absent_count = statuses.count("absent")
            session.unmarked_count = statuses.count(False)

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions.filtered(lambda s: s.state == "planned")._prepare_attendance()
        return sessions

    def _prepare_attendance(self):
        """One attendance line per resident enrolled and not yet listed, for all sessions in one create."""
        enrolments = self.env["ctxh.programme.enrolment"].search(
            [("programme_id", "in", self.programme_id.ids), ("state", "=", "enrolled")])
        vals_list = []
        for session in self:
            listed = session.attendance_ids.resident_id
            for enrolment in enrolments.filtered(lambda e, s=session: e.programme_id == s.programme_id):
                if enrolment.resident_id not in listed:
                    vals_list.append({"session_id": session.id, "resident_id": enrolment.resident_id.id})
        return self.env["ctxh.programme.attendance"].create(vals_list)

    def _ctxh_deletable_records(self):
        return self.filtered(lambda session: session.state == "planned")

    def action_prepare_attendance(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        self._prepare_attendance()
        return True

    def action_all_present(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        self._prepare_attendance()
        self.attendance_ids.write({"status": "present"})
        return True

    def _ctxh_check_can_close(self):
        unmarked = self.attendance_ids.filtered(lambda a: not a.status)
        if unmarked:
            raise UserError(self.env._(
                "Mark the attendance of every resident before closing the session (not marked: %s).",
                ", ".join(unmarked.resident_id.mapped("name"))))
