from datetime import timedelta

from odoo import api, fields, models

from ..tools.groups import DIRECTOR
from .ctxh_write_guard_mixin import ALL


class CtxhDataBreach(models.Model):
    """A personal data breach, from its discovery to the notification of the authority within 72 hours
    (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP). Kept for good."""

    _name = "ctxh.data.breach"
    _description = "Personal Data Breach"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "notified_at", "notified_by_id")
    _ctxh_frozen = {"notified": ("discovered_at", "company_id"), "closed": ALL}
    _order = "discovered_at desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Summary", required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    discovered_at = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    notify_deadline = fields.Datetime(string="Notify By", compute="_compute_notify_deadline", store=True,
                                      help="72 hours after the discovery.")
    kind = fields.Selection([("loss", "Loss or theft"), ("disclosure", "Disclosure to someone not entitled"),
                             ("intrusion", "Intrusion into the system"), ("other", "Other")],
                            required=True, default="disclosure", tracking=True)
    description = fields.Text(required=True)
    resident_ids = fields.Many2many("ctxh.resident", string="People Affected", check_company=True)
    measures = fields.Text(string="Measures Taken")
    authority = fields.Char(string="Notified Authority", tracking=True)
    state = fields.Selection([("open", "To notify"), ("notified", "Notified"), ("closed", "Closed")],
                             default="open", required=True, tracking=True, index=True)
    notified_at = fields.Datetime(readonly=True, tracking=True)
    notified_by_id = fields.Many2one("res.users", string="Notified By", readonly=True)
    is_late = fields.Boolean(compute="_compute_is_late", string="Notification Late")

    @api.depends("discovered_at")
    def _compute_notify_deadline(self):
        for breach in self:
            breach.notify_deadline = breach.discovered_at and breach.discovered_at + timedelta(hours=72)

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for breach in self:
            breach.is_late = breach.state == "open" and bool(breach.notify_deadline) and breach.notify_deadline < now

    @api.model_create_multi
    def create(self, vals_list):
        breaches = super().create(vals_list)
        for breach in breaches:
            director = breach.company_id.ctxh_director_id
            if director:
                breach.sudo().activity_schedule(
                    "mail.mail_activity_data_todo", user_id=director.id,
                    date_deadline=breach.company_id._ctxh_local(breach.notify_deadline or fields.Datetime.now()).date(),
                    summary=self.env._("Notify the personal data breach within 72 hours"))
        return breaches

    def action_notified(self):
        """The director records that the authority was notified."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("open")
        self._ctxh_action_write({"state": "notified", "notified_at": fields.Datetime.now(),
                                 "notified_by_id": self.env.uid})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_close(self):
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("notified")
        return self._ctxh_action_write({"state": "closed"})
