from odoo import api, fields, models
from odoo.exceptions import UserError

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


class CtxhHotlineCall(models.Model):
    """A call to a hotline (national child hotline 111 or the facility's own line) and what came of it."""

    _name = "ctxh.hotline.call"
    _description = "Hotline Call"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin", "ctxh.office.mixin"]
    _ctxh_action_fields = ("director_alerted",)
    _order = "call_time desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    call_time = fields.Datetime(string="Call Time", required=True, default=fields.Datetime.now, tracking=True,
                                index=True)
    line = fields.Selection(
        [
            ("111", "National child protection hotline 111"),
            ("facility", "Facility hotline"),
            ("other", "Other line"),
        ],
        string="Line", required=True, default="facility", index=True,
    )
    caller_name = fields.Char(string="Caller Name", tracking=True, index="trigram")
    caller_phone = fields.Char(string="Caller Phone", index="trigram")
    caller_type = fields.Selection(CALLER_TYPES, string="Caller Is", required=True, default="anonymous")
    topic_id = fields.Many2one("ctxh.call.topic", string="Topic", required=True, tracking=True, index=True)
    urgency = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("urgent", "Urgent"), ("emergency", "Emergency")],
        required=True, default="normal", tracking=True, index=True,
    )
    summary = fields.Text(index="trigram", help="What the caller reported: who is at risk, where, what happened.")
    outcome = fields.Selection(
        [
            ("advice", "Advice given"),
            ("referred", "Referred"),
            ("emergency", "Emergency intervention"),
            ("admitted", "Admitted to the facility"),
            ("no_action", "No action"),
        ],
        tracking=True, index=True,
    )
    resident_id = fields.Many2one("ctxh.resident", string="Person", check_company=True, index=True,
                                  help="The person the call is about, once registered.")
    referral_id = fields.Many2one("ctxh.referral", string="Referral", check_company=True)
    user_id = fields.Many2one("res.users", string="Handled By", default=lambda self: self.env.user, tracking=True,
                              index=True)
    duration = fields.Integer(string="Duration (minutes)")
    director_alerted = fields.Boolean(readonly=True, copy=False,
                                      help="The director was sent an activity for this emergency.")
    admission_ids = fields.One2many("ctxh.admission", "ctxh_hotline_call_id", string="Admissions")
    admission_count = fields.Integer(compute="_compute_admission_count")
    case_ids = fields.One2many("ctxh.case", "hotline_call_id", string="Community Cases")
    collaborator_id = fields.Many2one("ctxh.collaborator", string="Reported by Collaborator", check_company=True,
                                      index="btree_not_null", help="The village collaborator who passed the call on.")
    case_count = fields.Integer(compute="_compute_case_count")

    _sql_constraints = [
        ("duration_positive", "CHECK (duration >= 0)", "The duration of a call cannot be negative."),
    ]

    def _compute_admission_count(self):
        counts = dict(self.env["ctxh.admission"]._read_group(
            [("ctxh_hotline_call_id", "in", self.ids)], ["ctxh_hotline_call_id"], ["__count"]))
        for call in self:
            call.admission_count = counts.get(call, 0)

    def _compute_case_count(self):
        counts = dict(self.env["ctxh.case"]._read_group(
            [("hotline_call_id", "in", self.ids)], ["hotline_call_id"], ["__count"]))
        for call in self:
            call.case_count = counts.get(call, 0)

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
                date_deadline=call.company_id._ctxh_today(),
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
                "default_office_id": self.office_id.id,
            },
        }

    def action_open_case(self):
        """Open a new community case prefilled from the call (person, office, title, risk, who called); the case
        worker completes the group and saves it."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        context = {
            "default_hotline_call_id": self.id, "default_source": "hotline", "default_title": self.topic_id.name,
            "default_office_id": self.office_id.id, "default_reported_by": self.caller_name or False,
            "default_collaborator_id": self.collaborator_id.id,
            "default_risk_level": {"emergency": "critical", "urgent": "high", "low": "low"}.get(
                self.urgency, "medium"),
        }
        if self.resident_id:
            context["default_resident_id"] = self.resident_id.id
        if self.env.user.has_group(SENSITIVE):
            # the case's situation is sensitive: others read it on the call
            context["default_situation"] = self._situation_text()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Community Case"),
            "res_model": "ctxh.case",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_case_action")
        action["domain"] = [("hotline_call_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_admissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_admission_action")
        action["domain"] = [("ctxh_hotline_call_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
