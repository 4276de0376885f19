from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
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


class CtxhProgrammeEnrolment(models.Model):
    """A resident taking part in a programme, with the result and certificate at the end."""

    _name = "ctxh.programme.enrolment"
    _description = "Programme Enrolment"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    # who took part in what is history: a resident enrolled by mistake is dropped, not deleted
    _ctxh_frozen = {"completed": ("programme_id", "resident_id", "date"),
                    "dropped": ("programme_id", "resident_id", "date")}
    _order = "programme_id, resident_id"
    _rec_name = "resident_id"
    _check_company_auto = True

    programme_id = fields.Many2one("ctxh.programme", required=True, ondelete="cascade", index=True)
    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="restrict", index=True,
                                  check_company=True, domain="[('state', '=', 'in_care')]")
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    kind = fields.Selection(related="programme_id.kind")
    date = fields.Date(string="Enrolled On", required=True, default=fields.Date.context_today)
    state = fields.Selection([("enrolled", "Enrolled"), ("completed", "Completed"), ("dropped", "Dropped")],
                             default="enrolled", required=True, tracking=True, index=True, copy=False)
    result = fields.Selection([("passed", "Passed"), ("failed", "Failed")], tracking=True)
    result_note = fields.Text(string="Assessment")
    certificate_number = fields.Char(tracking=True, copy=False)
    certificate_date = fields.Date(copy=False)
    hours_attended = fields.Float(compute="_compute_hours_attended", string="Hours Attended")
    sessions_attended = fields.Integer(compute="_compute_hours_attended")

    _sql_constraints = [
        ("resident_programme_uniq", "unique(programme_id, resident_id)",
         "This resident is already enrolled in this programme."),
    ]

    def init(self):
        result = super().init()
        # two users enrolling the last seats at once: each enrolment marks its programme first, so the second
        # waits for the first and Odoo retries it on the new rows; then the count is checked in the database
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION ctxh_programme_capacity() RETURNS trigger AS $$
            DECLARE
                seats integer;
                taken integer;
            BEGIN
                IF NEW.state != 'enrolled' THEN
                    RETURN NULL;
                END IF;
                UPDATE ctxh_programme SET write_date = write_date WHERE id = NEW.programme_id
                    RETURNING capacity INTO seats;
                IF coalesce(seats, 0) = 0 THEN
                    RETURN NULL;
                END IF;
                SELECT count(*) INTO taken FROM ctxh_programme_enrolment
                 WHERE programme_id = NEW.programme_id AND state = 'enrolled';
                IF taken > seats THEN
                    RAISE EXCEPTION 'The programme is full: it takes % residents.', seats
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ctxh_programme_capacity',
                              TABLE = 'ctxh_programme_enrolment';
                END IF;
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS ctxh_programme_capacity ON ctxh_programme_enrolment;
            CREATE CONSTRAINT TRIGGER ctxh_programme_capacity AFTER INSERT OR UPDATE OF state, programme_id
                ON ctxh_programme_enrolment FOR EACH ROW EXECUTE FUNCTION ctxh_programme_capacity();
        """)
        return result

    def _compute_hours_attended(self):
        groups = self.env["ctxh.programme.attendance"]._read_group(
            [("programme_id", "in", self.programme_id.ids), ("resident_id", "in", self.resident_id.ids),
             ("status", "=", "present"), ("session_id.state", "=", "done")],
            ["programme_id", "resident_id"], ["hours:sum", "__count"])
        totals = {(programme, resident): (hours, count) for programme, resident, hours, count in groups}
        for enrolment in self:
            hours, count = totals.get((enrolment.programme_id, enrolment.resident_id), (0.0, 0))
            enrolment.hours_attended = hours
            enrolment.sessions_attended = count

    @api.model_create_multi
    def create(self, vals_list):
        # said before the database refuses it (its trigger holds the seats against two users at once)
        self._ctxh_check_seats([vals["programme_id"] for vals in vals_list if isinstance(vals.get("programme_id"), int)
                                and vals.get("state", "enrolled") == "enrolled"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") == "enrolled" or "programme_id" in vals:
            target = vals.get("programme_id")
            # the enrolments that will newly take a seat, one programme per enrolment
            taking = self.filtered(lambda e: vals.get("state", e.state) == "enrolled" and (
                e.state != "enrolled" or (isinstance(target, int) and e.programme_id.id != target)))
            self._ctxh_check_seats([target if isinstance(target, int) else e.programme_id.id for e in taking])
        return super().write(vals)

    @api.model
    def _ctxh_check_seats(self, programme_ids):
        """Refuse enrolments that would take more seats than a programme has; ``programme_ids`` lists one
        programme per enrolment about to take a seat (a recordset may not repeat a record: ids are counted)."""
        wanted = {}
        for programme_id in programme_ids:
            wanted[programme_id] = wanted.get(programme_id, 0) + 1
        programmes = self.env["ctxh.programme"].browse(list(wanted)).exists().filtered("capacity")
        wanted = {programme: wanted[programme.id] for programme in programmes}
        if not wanted:
            return
        enrolled = dict(self.sudo()._read_group(
            [("programme_id", "in", [p.id for p in wanted]), ("state", "=", "enrolled")], ["programme_id"],
            ["__count"]))
        for programme, count in wanted.items():
            total = enrolled.get(programme, 0) + count
            if total > programme.capacity:
                raise ValidationError(self.env._(
                    "The programme %(programme)s is full: it takes %(capacity)s residents and "
                    "%(count)s would be enrolled.",
                    programme=programme.name, capacity=programme.capacity, count=total))

    @api.constrains("programme_id", "state")
    def _check_capacity(self):
        programmes = self.filtered(lambda e: e.state == "enrolled").programme_id.filtered("capacity")
        if not programmes:
            return
        enrolled = dict(self.env["ctxh.programme.enrolment"].sudo()._read_group(
            [("programme_id", "in", programmes.ids), ("state", "=", "enrolled")], ["programme_id"], ["__count"]))
        for programme in programmes:
            if enrolled.get(programme, 0) > programme.capacity:
                raise ValidationError(self.env._(
                    "The programme %(programme)s is full: it takes %(capacity)s residents and "
                    "%(count)s would be enrolled.",
                    programme=programme.name, capacity=programme.capacity, count=enrolled[programme]))

    @api.constrains("resident_id")
    def _check_resident_in_care(self):
        for enrolment in self:
            if enrolment.resident_id.state != "in_care":
                raise ValidationError(self.env._(
                    "%s is not in care at the facility: only residents in care can be enrolled.",
                    enrolment.resident_id.name))

    @api.constrains("certificate_number", "result")
    def _check_certificate(self):
        for enrolment in self:
            if enrolment.certificate_number and enrolment.result != "passed":
                raise ValidationError(self.env._(
                    "A certificate is only issued to a resident who passed (%s).", enrolment.resident_id.name))

    def action_complete(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("enrolled")
        return self._ctxh_action_write({"state": "completed"})

    def action_drop(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("enrolled")
        return self._ctxh_action_write({"state": "dropped"})

    def action_reenrol(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("dropped", "completed")
        return self._ctxh_action_write({"state": "enrolled"})


class CtxhProgrammeSession(models.Model):
    """One meeting of a programme, with the attendance of the whole group."""

    _name = "ctxh.programme.session"
    _description = "Programme Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _ctxh_frozen = {"done": ALL, "cancelled": ALL}
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a session planned and not held"
    _order = "date_start desc, id desc"
    _rec_name = "topic"
    _check_company_auto = True

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
    state = fields.Selection([("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
                             default="planned", required=True, tracking=True, index=True, copy=False)
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
                fields.Datetime.context_timestamp(session, session.date_start).date())
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

    def action_done(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        unmarked = self.attendance_ids.filtered(lambda a: not a.status)
        if unmarked:
            raise UserError(self.env._(
                "Mark the attendance of every resident before closing the session (not marked: %s).",
                ", ".join(unmarked.resident_id.mapped("name"))))
        return self._ctxh_action_write({"state": "done"})

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "cancelled"})

    def action_reset_planned(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("done", "cancelled")
        return self._ctxh_action_write({"state": "planned"})


class CtxhProgrammeAttendance(models.Model):
    """Whether one resident came to one session."""

    _name = "ctxh.programme.attendance"
    _description = "Session Attendance"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "session_id"
    _ctxh_deletable = "a line of a session not yet held"
    _order = "session_id, resident_name, id"
    _rec_name = "resident_id"
    _check_company_auto = True

    session_id = fields.Many2one("ctxh.programme.session", required=True, ondelete="cascade", index=True)
    programme_id = fields.Many2one(related="session_id.programme_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    date = fields.Datetime(related="session_id.date_start", store=True, index=True)
    hours = fields.Float(related="session_id.hours", store=True)
    session_state = fields.Selection(related="session_id.state")
    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="restrict", index=True,
                                  check_company=True)
    resident_name = fields.Char(related="resident_id.name", store=True, string="Resident Name")
    status = fields.Selection([("present", "Present"), ("absent", "Absent"), ("excused", "Excused")])
    note = fields.Char()

    _sql_constraints = [
        ("session_resident_uniq", "unique(session_id, resident_id)",
         "This resident is already on the attendance list of this session."),
    ]

    # the buttons of a resident's card on a phone: one tap marks the resident (the session's rules still hold)
    def action_mark_present(self):
        return self.write({"status": "present"})

    def action_mark_absent(self):
        return self.write({"status": "absent"})

    def action_mark_excused(self):
        return self.write({"status": "excused"})


class CtxhRehabStage(models.Model):
    """A stage of drug rehabilitation set by law (Law 73/2021/QH14 Art. 29)."""

    _name = "ctxh.rehab.stage"
    _description = "Rehabilitation Stage"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a stage no stay uses (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    legal_basis = fields.Char()
    description = fields.Text(translate=True)
    compulsory_only = fields.Boolean(
        string="Compulsory Rehabilitation Only",
        help="Voluntary rehabilitation must go through the first three stages at least; "
        "compulsory rehabilitation goes through all five.")
    active = fields.Boolean(default=True)


class CtxhStay(models.Model):
    _inherit = "ctxh.stay"
    # the stage moves on during the stay
    _ctxh_free_fields = ("case_worker_id", "extension_ids", "rehab_stage_id")

    is_rehab_stay = fields.Boolean(compute="_compute_is_rehab_stay", string="Drug Rehabilitation Stay")
    rehab_stage_id = fields.Many2one("ctxh.rehab.stage", groups=CARE, string="Rehabilitation Stage", tracking=True,
                                     ondelete="restrict", index=True)

    @api.depends("admission_type_id.code")
    def _compute_is_rehab_stay(self):
        for stay in self:
            stay.is_rehab_stay = (stay.admission_type_id.code or "").startswith("rehab")

    @api.constrains("rehab_stage_id", "admission_id")
    def _check_rehab_stage(self):
        for stay in self:
            if stay.rehab_stage_id and not stay.is_rehab_stay:
                raise ValidationError(self.env._(
                    "Only a drug rehabilitation stay goes through rehabilitation stages (%s).",
                    stay.resident_id.name))


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

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
