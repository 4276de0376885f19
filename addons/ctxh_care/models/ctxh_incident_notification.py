from odoo import api, fields, models


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
