from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ctxh_residents.tools.groups import CARE, SENSITIVE

CALLER_TYPES = [
    ("child", "Child"),
    ("parent", "Parent"),
    ("relative", "Relative"),
    ("neighbour", "Neighbour"),
    ("teacher", "Teacher"),
    ("authority", "Authority"),
    ("anonymous", "Anonymous"),
]
URGENCY_TO_ADMISSION = {"emergency": "immediate", "urgent": "urgent"}


class CtxhCallTopic(models.Model):
    """What a hotline call is about (violence, trafficking, neglect...); data, shared by all facilities."""

    _name = "ctxh.call.topic"
    _description = "Hotline Call Topic"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a topic no call uses (the database keeps used ones)"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_uniq", "unique(code)", "A call topic with this code already exists.")]


class CtxhHotlineCall(models.Model):
    """A call to a hotline (national child hotline 111 or the facility's own line) and what came of it."""

    _name = "ctxh.hotline.call"
    _description = "Hotline Call"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("director_alerted",)
    _order = "call_time desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    call_time = fields.Datetime(string="Call Time", required=True, default=fields.Datetime.now, tracking=True)
    line = fields.Selection(
        [
            ("111", "National child protection hotline 111"),
            ("facility", "Facility hotline"),
            ("other", "Other line"),
        ],
        string="Line", required=True, default="facility",
    )
    caller_name = fields.Char(string="Caller Name", tracking=True)
    caller_phone = fields.Char(string="Caller Phone")
    caller_type = fields.Selection(CALLER_TYPES, string="Caller Is", required=True, default="anonymous")
    topic_id = fields.Many2one("ctxh.call.topic", string="Topic", required=True, tracking=True)
    urgency = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("urgent", "Urgent"), ("emergency", "Emergency")],
        required=True, default="normal", tracking=True, index=True,
    )
    summary = fields.Text(help="What the caller reported: who is at risk, where, what happened.")
    outcome = fields.Selection(
        [
            ("advice", "Advice given"),
            ("referred", "Referred"),
            ("emergency", "Emergency intervention"),
            ("admitted", "Admitted to the facility"),
            ("no_action", "No action"),
        ],
        tracking=True,
    )
    resident_id = fields.Many2one("ctxh.resident", string="Person", check_company=True, index=True,
                                  help="The person the call is about, once registered.")
    referral_id = fields.Many2one("ctxh.referral", string="Referral", check_company=True)
    user_id = fields.Many2one("res.users", string="Handled By", default=lambda self: self.env.user, tracking=True)
    duration = fields.Integer(string="Duration (minutes)")
    director_alerted = fields.Boolean(readonly=True, copy=False,
                                      help="The director was sent an activity for this emergency.")
    admission_ids = fields.One2many("ctxh.admission", "ctxh_hotline_call_id", string="Admissions")
    admission_count = fields.Integer(compute="_compute_admission_count")

    _sql_constraints = [
        ("duration_positive", "CHECK (duration >= 0)", "The duration of a call cannot be negative."),
    ]

    def _compute_admission_count(self):
        counts = dict(self.env["ctxh.admission"]._read_group(
            [("ctxh_hotline_call_id", "in", self.ids)], ["ctxh_hotline_call_id"], ["__count"]))
        for call in self:
            call.admission_count = counts.get(call, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.hotline.call") or "/"
        calls = super().create(vals_list)
        calls._alert_director()
        return calls

    def write(self, vals):
        res = super().write(vals)
        if vals.get("urgency") == "emergency":
            self._alert_director()
        return res

    def _alert_director(self):
        """An emergency call goes to the director at once, once per call."""
        for call in self.filtered(lambda c: c.urgency == "emergency" and not c.director_alerted):
            director = call.company_id.ctxh_director_id
            if not director:
                call.message_post(body=self.env._(
                    "Emergency call: no director is set for %s, alert them by phone.", call.company_id.name))
                continue
            call.activity_schedule(
                "ctxh_services.mail_activity_type_ctxh_emergency_call",
                date_deadline=fields.Date.context_today(call),
                summary=self.env._("Emergency call %(ref)s: %(topic)s", ref=call.name, topic=call.topic_id.name),
                note=call.summary or "",
                user_id=director.id,
            )
            call._ctxh_action_write({"director_alerted": True})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _situation_text(self):
        self.ensure_one()
        caller = dict(self._fields["caller_type"]._description_selection(self.env))[self.caller_type]
        header = self.env._("Hotline call %(ref)s on %(time)s, caller: %(name)s (%(caller)s) %(phone)s",
                            ref=self.name, time=fields.Datetime.to_string(self.call_time),
                            name=self.caller_name or "-", caller=caller, phone=self.caller_phone or "")
        return "\n".join(filter(None, [header.strip(), self.topic_id.name, self.summary]))

    def action_admit(self):
        """Open a new emergency admission prefilled from the call."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        context = {
            "default_company_id": self.company_id.id,
            "default_admission_type_id": self.env.ref("ctxh_residents.admission_type_emergency").id,
            "default_source": "hotline",
            "default_urgency": URGENCY_TO_ADMISSION.get(self.urgency, "normal"),
            "default_ctxh_hotline_call_id": self.id,
        }
        if self.resident_id:
            context["default_resident_id"] = self.resident_id.id
        if self.env.user.has_group(SENSITIVE):
            # the situation of an admission is sensitive: others find it on the call the admission links to
            context["default_situation"] = self._situation_text()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Admit to Facility"),
            "res_model": "ctxh.admission",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_create_referral(self):
        """Open a new referral prefilled from the call."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        if self.referral_id:
            raise UserError(self.env._("Call %s already has a referral.", self.name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Referral"),
            "res_model": "ctxh.referral",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_company_id": self.company_id.id,
                "default_resident_id": self.resident_id.id,
                "default_reason": self._situation_text(),
                "default_ctxh_hotline_call_id": self.id,
            },
        }

    def action_view_admissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_admission_action")
        action["domain"] = [("ctxh_hotline_call_id", "=", self.id)]
        action["context"] = {"create": False}
        return action


class CtxhCounsellingSession(models.Model):
    """A counselling session with a person or family from the community, or a resident."""

    _name = "ctxh.counselling.session"
    _description = "Counselling Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Topic", required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Client", check_company=True, index=True, tracking=True)
    resident_id = fields.Many2one("ctxh.resident", string="Resident", check_company=True, index=True,
                                  tracking=True)
    topic_id = fields.Many2one("ctxh.call.topic", string="Category")
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    counsellor_id = fields.Many2one("res.users", string="Counsellor", default=lambda self: self.env.user,
                                    tracking=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("family", "Family"), ("group", "Group")],
        required=True, default="individual",
    )
    notes = fields.Html()
    next_date = fields.Date(string="Next Session")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned", required=True, tracking=True, copy=False, index=True,
    )

    @api.depends("name", "partner_id.name", "resident_id.name")
    def _compute_display_name(self):
        for session in self:
            client = session.resident_id.name or session.partner_id.name
            session.display_name = " - ".join(filter(None, [client, session.name]))

    # company_id always has a value on create, so the check also runs when no client is given
    @api.constrains("partner_id", "resident_id", "company_id")
    def _check_client(self):
        if self.filtered(lambda s: not s.partner_id and not s.resident_id):
            raise ValidationError(self.env._("A counselling session needs a client or a resident."))

    def action_done(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "done"})

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "cancelled"})

    def action_reset_planned(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("cancelled")
        return self._ctxh_action_write({"state": "planned"})


class CtxhReferral(models.Model):
    """A referral of a person to an outside service (hospital, legal aid, police...) and its result."""

    _name = "ctxh.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Client", check_company=True, index=True, tracking=True)
    resident_id = fields.Many2one("ctxh.resident", string="Resident", check_company=True, index=True,
                                  tracking=True)
    service_type = fields.Selection(
        [
            ("health", "Health"),
            ("legal_aid", "Legal aid"),
            ("education", "Education"),
            ("employment", "Employment"),
            ("shelter", "Shelter"),
            ("police", "Police"),
            ("other", "Other"),
        ],
        string="Service", required=True, default="health", tracking=True,
    )
    organisation_id = fields.Many2one("res.partner", string="Receiving Organisation", required=True,
                                      check_company=True, tracking=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Referred By", default=lambda self: self.env.user,
                              tracking=True, index=True)
    date_sent = fields.Date(string="Date Sent", copy=False, tracking=True)
    date_due = fields.Date(string="Due Date", tracking=True,
                           help="Date by which the organisation should answer or deliver the service.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("completed", "Completed"),
        ],
        default="draft", required=True, tracking=True, copy=False, index=True, group_expand=True,
    )
    result = fields.Text(tracking=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    ctxh_hotline_call_id = fields.Many2one("ctxh.hotline.call", string="From Call", check_company=True,
                                           copy=False, readonly=True)

    @api.depends("name", "partner_id.name", "resident_id.name")
    def _compute_display_name(self):
        for referral in self:
            client = referral.resident_id.name or referral.partner_id.name
            referral.display_name = " - ".join(filter(None, [referral.name, client]))

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for referral in self:
            referral.is_overdue = (referral.state in ("sent", "accepted")
                                   and bool(referral.date_due) and referral.date_due < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue referrals."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [("state", "in", ("sent", "accepted")), ("date_due", "<", today)]
        return ["|", "|", ("state", "not in", ("sent", "accepted")), ("date_due", "=", False),
                ("date_due", ">=", today)]

    # company_id always has a value on create, so the check also runs when no client is given
    @api.constrains("partner_id", "resident_id", "company_id")
    def _check_client(self):
        if self.filtered(lambda r: not r.partner_id and not r.resident_id):
            raise ValidationError(self.env._("A referral needs a client or a resident."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.referral") or "/"
        referrals = super().create(vals_list)
        for referral in referrals.filtered("ctxh_hotline_call_id"):
            call = referral.ctxh_hotline_call_id
            call.write({"referral_id": referral.id, "outcome": call.outcome or "referred"})
        return referrals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_result(self):
        for referral in self:
            if not (referral.result or "").strip():
                raise UserError(self.env._("Write the result of referral %s first.", referral.name))

    def action_send(self):
        """Send to the receiving organisation; the due date follows the configured delay if empty."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        today = fields.Date.context_today(self)
        # a resident's health is shared with the receiving health service only with the consent to it
        for referral in self.filtered(lambda r: r.resident_id and r.service_type == "health"):
            if not referral.resident_id._ctxh_has_consent("share_hospital", referral.date_sent or today):
                raise UserError(self.env._(
                    "%s has not consented to sharing their health information with a hospital: record the "
                    "consent before sending the referral.", referral.resident_id.name))
        days = int(self.env["ctxh.legal.parameter"]._get_value("referral_response_days", 14))
        for referral in self:
            referral._ctxh_action_write({
                "state": "sent",
                "date_sent": referral.date_sent or today,
                "date_due": referral.date_due or (referral.date_sent or today) + relativedelta(days=days),
            })
        return True

    def action_accept(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("sent")
        return self._ctxh_action_write({"state": "accepted"})

    def action_refuse(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("sent")
        self._check_result()
        return self._ctxh_action_write({"state": "refused"})

    def action_complete(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("accepted")
        self._check_result()
        self._ctxh_action_write({"state": "completed"})
        self.activity_unlink(["ctxh_residents.mail_activity_type_ctxh_reminder"])
        return True

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("refused")
        return self._ctxh_action_write({"state": "draft", "date_sent": False})

    # ------------------------------------------------------------------
    # Scheduled jobs
    # ------------------------------------------------------------------
    @api.model
    def _cron_overdue(self):
        """Remind the referring social worker of referrals past their due date."""
        self.search([("is_overdue", "=", True)])._ctxh_remind(
            self.env._("Referral overdue: contact the receiving organisation"),
            lambda r: r.user_id or r.company_id.ctxh_director_id,
        )


class CtxhAdmission(models.Model):
    _inherit = "ctxh.admission"

    ctxh_hotline_call_id = fields.Many2one("ctxh.hotline.call", string="Hotline Call", check_company=True,
                                           index="btree_not_null", copy=False, groups=CARE)

    @api.model_create_multi
    def create(self, vals_list):
        admissions = super().create(vals_list)
        calls = admissions.ctxh_hotline_call_id.filtered(lambda c: c.outcome != "admitted")
        if calls:
            calls.outcome = "admitted"
        return admissions


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

    ctxh_referral_count = fields.Integer(groups=CARE, compute="_compute_ctxh_social_counts", string="Referrals")
    ctxh_counselling_count = fields.Integer(groups=CARE, compute="_compute_ctxh_social_counts",
                                            string="Counselling Sessions")

    def _compute_ctxh_social_counts(self):
        referrals = dict(self.env["ctxh.referral"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        sessions = dict(self.env["ctxh.counselling.session"]._read_group(
            [("resident_id", "in", self.ids), ("state", "!=", "cancelled")], ["resident_id"], ["__count"]))
        for resident in self:
            resident.ctxh_referral_count = referrals.get(resident, 0)
            resident.ctxh_counselling_count = sessions.get(resident, 0)

    def action_view_ctxh_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_referral_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id, "default_company_id": self.company_id.id}
        return action

    def action_view_ctxh_counselling(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_counselling_session_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id, "default_company_id": self.company_id.id}
        return action
