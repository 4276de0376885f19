from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import flag_domain, lock_rows
from ..tools.groups import CARE, DIRECTOR, SENSITIVE
from .ctxh_write_guard_mixin import ALL


class CtxhAdmission(models.Model):
    """A request to admit a person, from reception to the director's decision."""

    _name = "ctxh.admission"
    _description = "Admission Request"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.sensitive.read.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = (
        "state", "decision_number", "decision_date", "decision_signer_id", "stay_id", "refuse_date")
    # the director decided on this person, this type of admission, this request
    _DECIDED = ("resident_id", "admission_type_id", "company_id", "request_date", "refuse_reason")
    _ctxh_frozen = {
        "approved": _DECIDED,
        # the stay has started: the bed and the reception record are the stay's now
        "admitted": (*_DECIDED, "bed_id", "received_at", "brought_by", "source", "referrer_id"),
        "refused": ALL,
        "cancelled": ALL,
    }
    _order = "request_date desc, id desc"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", string="Person", required=True, tracking=True,
                                  index=True, check_company=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    # a drug rehabilitation centre offers its types, the other facilities theirs
    facility_type = fields.Selection(related="company_id.ctxh_facility_type")
    admission_type_id = fields.Many2one("ctxh.admission.type", string="Admission Type", required=True, tracking=True,
                                        index=True, domain="[('drug_rehab', '=', facility_type == 'drug_rehab')]")
    is_emergency = fields.Boolean(related="admission_type_id.is_emergency")
    request_date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), tracking=True,
                               index=True)
    source = fields.Selection(
        [
            ("hotline", "Hotline"),
            ("walk_in", "Walk-in"),
            ("commune", "Commune People's Committee"),
            ("police", "Police"),
            ("hospital", "Hospital"),
            ("court", "Court"),
            ("facility", "Another facility"),
            ("other", "Other"),
        ],
        string="Came From", required=True, default="walk_in",
    )
    referrer_id = fields.Many2one("res.partner", string="Referred By",
                                  help="Person or body that referred or brought the person.")
    # the narrative of what happened to the person is protected like the resident's Sensitive Details: seen,
    # written, logged and tracked for the Sensitive Data group only
    situation = fields.Text(help="The person's situation as reported at reception.", groups=SENSITIVE, tracking=True)
    urgency = fields.Selection(
        [("normal", "Normal"), ("urgent", "Urgent"), ("immediate", "Immediate (within 12 hours)")],
        default="normal", required=True, tracking=True,
    )
    assessment_summary = fields.Text(string="Initial Assessment", groups=SENSITIVE, tracking=True)
    case_worker_id = fields.Many2one("res.users", string="Case Worker", default=lambda self: self.env.user, index=True,
                                     tracking=True)
    # the beds offered are those the person may use: free, here, in a room open to their sex (the bed assignment's
    # own check, _check_room_gender, refuses any other)
    resident_gender = fields.Selection(related="resident_id.gender", string="Sex of the Person")
    bed_id = fields.Many2one("ctxh.bed", string="Bed", check_company=True,
                             domain="[('state', '=', 'free'), ('company_id', '=', company_id), "
                                    "('room_id.gender', 'in', [False, resident_gender])]")
    document_line_ids = fields.One2many("ctxh.admission.document", "admission_id", string="Dossier")
    # counted over every line, a court decision too (a number says nothing of its content)
    missing_document_count = fields.Integer(compute="_compute_missing_documents", string="Missing Documents",
                                            compute_sudo=True)
    dossier_deadline = fields.Date(compute="_compute_dossier_deadline", store=True,
                                   help="Date by which the dossier must be complete: the admission type's time "
                                        "limit in working days on the facility's calendar.")
    # the admission chain (commune, Department of Health, the facility head...): where the file is
    step_line_ids = fields.One2many("ctxh.admission.step.line", "admission_id", string="Steps")
    current_step_line_id = fields.Many2one("ctxh.admission.step.line", string="Current Step",
                                           compute="_compute_current_step", store=True, index="btree_not_null")
    current_step_due = fields.Date(related="current_step_line_id.date_due", string="Step Due")
    step_late = fields.Boolean(compute="_compute_step_late", search="_search_step_late", string="Step Late")

    # Emergency reception record (biên bản tiếp nhận)
    received_at = fields.Datetime(string="Received At")
    brought_by = fields.Char(help="Who brought the person: name, office, phone.")
    circumstances = fields.Text(groups=SENSITIVE, tracking=True)
    arrival_condition = fields.Text(string="Condition on Arrival", groups=SENSITIVE, tracking=True)

    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("admitted", "Admitted"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    decision_number = fields.Char(readonly=True, copy=False, tracking=True, index="trigram")
    decision_date = fields.Date(readonly=True, copy=False)
    decision_signer_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    refuse_reason = fields.Text(string="Reason for Refusal", tracking=True, copy=False)
    # the date of the written answer to the applicant: set by the refusal, at the facility's today
    refuse_date = fields.Date(string="Refused On", readonly=True, copy=False, tracking=True)
    stay_id = fields.Many2one("ctxh.stay", readonly=True, copy=False, string="Stay")

    def _ctxh_keep_history_message(self):
        return self.env._(
            "An admission request is kept for good: cancel %s instead of deleting it.", self.display_name)

    def _ctxh_frozen_fields(self):
        frozen = super()._ctxh_frozen_fields()
        if self.decision_number:
            # the decision was signed on this dossier (an emergency one is completed after the admission)
            frozen.add("document_line_ids")
        return frozen

    @api.depends("resident_id.name", "admission_type_id.name")
    def _compute_display_name(self):
        for admission in self:
            admission.display_name = " - ".join(filter(None, [admission.resident_id.name,
                                                              admission.admission_type_id.name]))

    @api.depends("document_line_ids.required", "document_line_ids.received")
    def _compute_missing_documents(self):
        for admission in self:
            admission.missing_document_count = len(admission.document_line_ids.filtered(
                lambda line: line.required and not line.received))

    def _ctxh_chain_start(self):
        """The day the time limits run from: the reception of an immediate admission, else the request."""
        self.ensure_one()
        if self.received_at:
            return self.company_id._ctxh_local(self.received_at).date()
        return self.request_date

    @api.depends("request_date", "received_at", "admission_type_id.dossier_days",
                 "admission_type_id.dossier_calendar_days", "company_id")
    def _compute_dossier_deadline(self):
        for admission in self:
            days = admission.admission_type_id.dossier_days
            start = admission._ctxh_chain_start()
            if not days or not start or not (1900 <= start.year <= 2100):
                admission.dossier_deadline = False  # an implausible date is refused below
                continue
            if admission.admission_type_id.dossier_calendar_days:
                admission.dossier_deadline = start + relativedelta(days=days)
            else:
                facility = admission.company_id or self.env.company
                admission.dossier_deadline = facility._ctxh_add_working_days(start, days)

    @api.depends("step_line_ids.state")
    def _compute_current_step(self):
        for admission in self:
            admission.current_step_line_id = admission.step_line_ids.filtered(
                lambda line: line.state == "current")[:1]

    def _compute_step_late(self):
        late = self.env["ctxh.admission.step.line"].search([
            ("admission_id", "in", self.ids),
            *self.env["ctxh.admission.step.line"]._ctxh_late_domain(self.env["res.company"]._ctxh_today())])
        for admission in self:
            admission.step_late = admission.current_step_line_id in late

    def _search_step_late(self, operator, value):
        # one home for "late": the step line's own domain, through the current step
        Line = self.env["ctxh.admission.step.line"]
        late = [("current_step_line_id", "any", Line._ctxh_late_domain(self.env["res.company"]._ctxh_today()))]
        return flag_domain(late, operator, value, self.env._("Search late steps with 'is set' or 'is not set'."))

    def _ctxh_build_steps(self):
        """The chain of each admission: the steps of its type in force on its request date that apply to the
        person, the first under way from the request date. Rebuilt while no step is done (the type or date
        changed)."""
        Line = self.env["ctxh.admission.step.line"]._ctxh_as_action()
        vals_list = []
        for admission in self:
            if admission.step_line_ids.filtered(lambda line: line.state == "done"):
                continue
            # the chain is the code's, not a user's: its lines are rebuilt as the system
            admission.step_line_ids.sudo()._ctxh_as_action().unlink()
            steps = self.env["ctxh.admission.step"].search([
                ("admission_type_id", "=", admission.admission_type_id.id)])._ctxh_applying(
                admission.request_date, admission.resident_id)
            for index, step in enumerate(steps):
                vals_list.append({"admission_id": admission.id, "step_id": step.id,
                                  "state": "current" if index == 0 else "pending",
                                  "date_start": admission.request_date if index == 0 else False})
        Line.create(vals_list)

    @api.constrains("request_date", "received_at")
    def _check_dates_plausible(self):
        for admission in self:
            when = admission.received_at.date() if admission.received_at else admission.request_date
            if when and not (1900 <= when.year <= 2100):
                raise ValidationError(self.env._(
                    "The date of the request or of the reception (%s) is not a plausible date.",
                    when.strftime("%d/%m/%Y")))

    @api.onchange("admission_type_id")
    def _onchange_admission_type_id(self):
        """The dossier checklist follows from the admission type."""
        lines = self.document_line_ids.filtered(lambda line: line.received or line.attachment_ids)
        for doc_type in self.admission_type_id.document_type_ids - lines.document_type_id:
            lines |= lines.new({"document_type_id": doc_type.id, "sequence": doc_type.sequence})
        self.document_line_ids = lines

    def write(self, vals):
        result = super().write(vals)
        if {"admission_type_id", "request_date", "resident_id"} & set(vals):
            self.filtered(lambda a: a.state in ("draft", "submitted"))._ctxh_build_steps()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        admissions = super().create(vals_list)
        admissions._ctxh_build_steps()
        # the dossier checklist of the admission type, in one batch for all the requests
        self.env["ctxh.admission.document"].create([
            {"admission_id": admission.id, "document_type_id": doc_type.id, "sequence": doc_type.sequence}
            for admission in admissions.filtered(lambda a: not a.document_line_ids)
            for doc_type in admission.admission_type_id.document_type_ids
        ])
        return admissions

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        return self._ctxh_action_write({"state": "submitted"})

    def action_approve(self):
        """The director's admission decision: numbered, dated, signed."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        for admission in self:
            if admission.decision_number:
                raise UserError(self.env._("%s already has an admission decision.", admission.display_name))
            if not (admission.state == "submitted" or (admission.state == "admitted" and admission.is_emergency)):
                admission._ctxh_check_state("submitted")
            missing = admission.document_line_ids.filtered(lambda line: line.required and not line.received)
            if missing:
                raise UserError(self.env._(
                    "The dossier of %(person)s is incomplete. Missing: %(documents)s.",
                    person=admission.resident_id.name,
                    documents=", ".join(missing.document_type_id.mapped("name"))))
            today = admission.company_id._ctxh_today()
            admission._ctxh_action_write({
                "decision_number": admission.company_id._ctxh_next_decision_number(today),
                "decision_date": today,
                "decision_signer_id": self.env.user.id,
                "state": "admitted" if admission.state == "admitted" else "approved",
            })
            # the decision is the chain's last step, performed by the facility head: done on its date
            last = admission.step_line_ids.sorted(lambda line: (line.sequence, line.id))[-1:]
            if last.state in ("pending", "current") and last.performer == "facility" and not last.document:
                last._ctxh_action_write({"state": "done", "date_done": today,
                                         "date_start": last.date_start or today})
            admission.activity_feedback(["ctxh_residents.mail_activity_type_ctxh_decision"])
        return True

    def action_refuse(self):
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("submitted")
        for admission in self:
            if not (admission.refuse_reason or "").strip():
                raise UserError(self.env._(
                    "Write the reason for refusing %s: the applicant is answered in writing.",
                    admission.resident_id.name))
        for admission in self:
            admission._ctxh_action_write({"state": "refused", "refuse_date": admission.company_id._ctxh_today()})
        return True

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft", "submitted")
        return self._ctxh_action_write({"state": "cancelled"})

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("refused", "cancelled")
        return self._ctxh_action_write({"state": "draft"})

    def action_open_admit(self):
        """The "Admit" button: a dialog to choose the bed among those the person may use, or to admit without
        one in so many words (action_admit and action_admit_emergency admit at once, for the External API)."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state(*(("draft", "submitted") if self.is_emergency and self.state != "approved"
                                 else ("approved",)))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Admit %s", self.resident_id.name),
            "res_model": "ctxh.admission.bed",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_admission_id": self.id, "default_bed_id": self.bed_id.id},
        }

    def action_admit(self):
        """Admit after the director's approval: the stay starts and the bed is assigned."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("approved")
        for admission in self:
            admission._start_stay(fields.Datetime.now())
        return True

    def action_admit_emergency(self):
        """Admit at once (emergency protection): the dossier and the decision follow."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft", "submitted")
        for admission in self:
            if not admission.is_emergency:
                raise UserError(self.env._(
                    "%s is not an immediate admission type: the director's decision comes first.",
                    admission.admission_type_id.name))
            if not admission.brought_by:
                raise UserError(self.env._("Record who brought %s in the reception record.",
                                           admission.resident_id.name))
            received = admission.received_at or fields.Datetime.now()
            admission.received_at = received
            admission._start_stay(received)
            director = admission.company_id.ctxh_director_id
            if director:
                admission.activity_schedule(
                    "ctxh_residents.mail_activity_type_ctxh_decision",
                    date_deadline=admission.dossier_deadline or admission.company_id._ctxh_today(),
                    summary=self.env._("Sign the admission decision"),
                    user_id=director.id,
                )
        return True

    def _start_stay(self, start):
        self.ensure_one()
        max_days = self.admission_type_id.max_stay_days
        stay = self.env["ctxh.stay"]._ctxh_as_action().create({
            "resident_id": self.resident_id.id,
            "company_id": self.company_id.id,
            "admission_id": self.id,
            "date_start": start,
            "date_end_planned": (start + relativedelta(days=max_days)).date() if max_days else False,
            "date_end_limit": (start + relativedelta(days=max_days)).date() if max_days else False,
            "case_worker_id": self.case_worker_id.id,
        })
        if self.bed_id:
            stay._assign_bed(self.bed_id, start)
        self._ctxh_action_write({"state": "admitted", "stay_id": stay.id})
        return stay

    def action_view_stay(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ctxh.stay",
            "res_id": self.stay_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduled jobs
    # ------------------------------------------------------------------
    @api.model
    def _cron_dossier_deadlines(self):
        """Remind the case worker of emergency dossiers still incomplete past their deadline."""
        today = self.env.company._ctxh_today()
        late = self.search([
            ("state", "=", "admitted"), ("dossier_deadline", "<", today), ("decision_number", "=", False),
        ])
        late._ctxh_remind(
            self.env._("Dossier overdue: complete it and obtain the decision"),
            lambda a: a.case_worker_id or a.company_id.ctxh_director_id,
        )
        # a step of the admission chain past its time limit (an overdue dossier is reminded above already)
        steps_late = self.search([("state", "in", ("draft", "submitted", "admitted")), ("step_late", "=", True)])
        (steps_late - late)._ctxh_remind(
            self.env._("A step of the admission chain is late"),
            lambda a: a.case_worker_id or a.company_id.ctxh_director_id,
        )
