from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR


class CtxhIncident(models.Model):
    """Something that went wrong: reported by staff, reviewed and closed by the director."""

    _name = "ctxh.incident"
    _description = "Incident"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "reported_by_id", "closed_by_id", "closed_at")
    # what was reported stays as reported: what comes later is added (notifications, actions, the review)
    _REPORTED = ("name", "company_id", "date", "place", "incident_type", "description", "resident_ids",
                 "staff_ids")
    _ctxh_frozen = {"reported": _REPORTED, "closed": ALL}
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Summary", required=True, tracking=True, index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Datetime(string="When", required=True, default=fields.Datetime.now, tracking=True)
    place = fields.Char(string="Where")
    incident_type = fields.Selection(
        [
            ("fall", "Fall or injury"),
            ("violence", "Violence between residents"),
            ("abuse", "Abuse allegation"),
            ("self_harm", "Self-harm"),
            ("absconding", "Absconding"),
            ("illness", "Sudden illness or outbreak"),
            ("death", "Death"),
            ("property", "Damage or theft"),
            ("other", "Other"),
        ],
        string="Type", required=True, tracking=True,
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("moderate", "Moderate"), ("serious", "Serious"), ("critical", "Critical")],
        required=True, default="minor", tracking=True, index=True,
    )
    resident_ids = fields.Many2many("ctxh.resident", string="Residents Involved", check_company=True)
    staff_ids = fields.Many2many("res.users", string="Staff Involved")
    description = fields.Text(required=True)
    actions_taken = fields.Text()
    notification_ids = fields.One2many("ctxh.incident.notification", "incident_id", string="Notifications")
    state = fields.Selection(
        [("draft", "Draft"), ("reported", "Reported"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, index=True,
    )
    reported_by_id = fields.Many2one("res.users", string="Reported By", readonly=True)
    review_note = fields.Text(string="Director's Review", tracking=True)
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True)
    closed_at = fields.Datetime(readonly=True)

    def _is_serious(self):
        self.ensure_one()
        return self.severity in ("serious", "critical")

    def action_report(self):
        """Report the incident; a serious one alerts the director at once."""
        self.env["res.users"]._ctxh_check_group(CARE)
        for incident in self:
            if incident.state != "draft":
                raise UserError(self.env._("The incident “%s” has already been reported.", incident.name))
            incident._ctxh_action_write({"state": "reported", "reported_by_id": self.env.user.id})
            director = incident.company_id.ctxh_director_id
            if incident._is_serious() and director:
                incident.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Serious incident: review now"),
                    user_id=director.id,
                    date_deadline=fields.Date.context_today(incident),
                )
                incident.message_post(
                    body=self.env._("Serious incident reported by %(user)s: %(summary)s",
                                    user=self.env.user.name, summary=incident.name),
                    partner_ids=director.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
        return True

    def action_close(self):
        """The director reviews and closes the incident."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        for incident in self:
            if incident.state != "reported":
                raise UserError(self.env._("Only a reported incident can be closed."))
            if not (incident.review_note or "").strip():
                raise UserError(self.env._("Write the review of “%s” before closing it.", incident.name))
        self._ctxh_action_write({"state": "closed", "closed_by_id": self.env.user.id,
                                 "closed_at": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True


class CtxhIncidentNotification(models.Model):
    """Who was told about an incident, when, and by whom."""

    _name = "ctxh.incident.notification"
    _description = "Incident Notification"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["contact"]
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "incident_id"
    _order = "notified_at, id"
    _check_company_auto = True

    incident_id = fields.Many2one("ctxh.incident", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="incident_id.company_id", store=True, index=True, string="Facility")
    party = fields.Selection(
        [
            ("family", "Family or guardian"),
            ("police", "Police"),
            ("authority", "Supervising authority"),
            ("commune", "Commune People's Committee"),
            ("hospital", "Hospital"),
            ("other", "Other"),
        ],
        required=True,
    )
    contact = fields.Char(help="Name, office and phone of the person told.")
    notified_at = fields.Datetime(string="When", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    note = fields.Char()

    @api.depends("party", "contact")
    def _compute_display_name(self):
        parties = dict(self._fields["party"]._description_selection(self.env))
        for notification in self:
            notification.display_name = " - ".join(filter(None, [parties.get(notification.party),
                                                                 notification.contact]))


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

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
