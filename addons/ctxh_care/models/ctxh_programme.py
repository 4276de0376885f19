from odoo import api, fields, models

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR

PROGRAMME_KINDS = [
    ("vocational", "Vocational training"),
    ("labour", "Labour therapy"),
    ("physical", "Physical rehabilitation"),
    ("psychological", "Psychological therapy"),
    ("education", "Education"),
    ("culture_sport", "Culture and sport"),
]


class CtxhProgramme(models.Model):
    """An activity programme of a facility: a class, a therapy group, a workshop, run in sessions."""

    _name = "ctxh.programme"
    _description = "Activity Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _ctxh_frozen = {"closed": ALL}
    _ctxh_free_fields = ("description",)
    _ctxh_deletable = "a programme still in draft, which never met"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(PROGRAMME_KINDS, required=True, default="vocational", tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    instructor_id = fields.Many2one("res.users", string="Instructor", check_company=True, tracking=True,
                                    default=lambda self: self.env.user)
    schedule = fields.Char(help="When the programme meets, e.g. Monday, Wednesday and Friday, 8:00 to 10:00.")
    location = fields.Char()
    capacity = fields.Integer(help="Most residents enrolled at the same time; 0 for no limit.")
    date_start = fields.Date(string="Start", default=lambda self: self.env.company._ctxh_today())
    date_end = fields.Date(string="End")
    hours_per_session = fields.Float(default=2.0, help="Hours a session lasts; counts towards each "
                                     "resident's hours when they attend.")
    description = fields.Html()
    state = fields.Selection([("draft", "Draft"), ("open", "Open"), ("closed", "Closed")], default="draft",
                             required=True, tracking=True, index=True, copy=False)
    enrolment_ids = fields.One2many("ctxh.programme.enrolment", "programme_id", string="Enrolments")
    session_ids = fields.One2many("ctxh.programme.session", "programme_id", string="Sessions")
    enrolled_count = fields.Integer(compute="_compute_counts", string="Enrolled")
    session_count = fields.Integer(compute="_compute_counts", string="Sessions Held")
    seats_left = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
         "A programme cannot end before it starts."),
        ("capacity_check", "CHECK (capacity >= 0)", "The capacity cannot be negative."),
        ("hours_check", "CHECK (hours_per_session >= 0)", "The hours per session cannot be negative."),
    ]

    @api.depends("capacity", "enrolment_ids.state", "session_ids.state")
    def _compute_counts(self):
        enrolled = dict(self.env["ctxh.programme.enrolment"]._read_group(
            [("programme_id", "in", self.ids), ("state", "=", "enrolled")], ["programme_id"], ["__count"]))
        sessions = dict(self.env["ctxh.programme.session"]._read_group(
            [("programme_id", "in", self.ids), ("state", "=", "done")], ["programme_id"], ["__count"]))
        for programme in self:
            programme.enrolled_count = enrolled.get(programme, 0)
            programme.session_count = sessions.get(programme, 0)
            programme.seats_left = max(programme.capacity - programme.enrolled_count, 0) if programme.capacity else 0

    @api.constrains("capacity")
    def _check_capacity(self):
        self.enrolment_ids._check_capacity()

    def _ctxh_deletable_records(self):
        return self.filtered(lambda programme: programme.state == "draft")

    def action_open(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        return self._ctxh_action_write({"state": "open"})

    def action_close(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("open")
        return self._ctxh_action_write({"state": "closed"})

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("closed")
        return self._ctxh_action_write({"state": "draft"})

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_programme_session_action")
        action["domain"] = [("programme_id", "=", self.id)]
        action["context"] = {"default_programme_id": self.id}
        return action
