from odoo import fields, models
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
                    date_deadline=incident.company_id._ctxh_today(),
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
