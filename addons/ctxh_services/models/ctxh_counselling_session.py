from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.models.ctxh_session_mixin import SESSION_STATES


class CtxhCounsellingSession(models.Model):
    """A counselling session with a person or family from the community, or a resident."""

    _name = "ctxh.counselling.session"
    _description = "Counselling Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.session.mixin", "ctxh.office.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # listed again so that its values are this module's: Odoo names a selection value after the module that lists
    # it, and loads a module's translations before the models of the modules depending on it exist
    state = fields.Selection(SESSION_STATES)

    name = fields.Char(string="Topic", required=True, tracking=True, index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Client", check_company=True, index=True, tracking=True)
    resident_id = fields.Many2one("ctxh.resident", string="Resident", check_company=True, index=True,
                                  tracking=True)
    topic_id = fields.Many2one("ctxh.call.topic", string="Category")
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    counsellor_id = fields.Many2one("res.users", string="Counsellor", default=lambda self: self.env.user,
                                    tracking=True, index=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("family", "Family"), ("group", "Group")],
        required=True, default="individual", index=True,
    )
    # the centre's report counts counselling by where it happened (Quảng Ninh: 81 at the centre, 1,512 children
    # in the community)
    channel = fields.Selection(
        [("centre", "At the centre"), ("phone", "By telephone"), ("community", "In the community")],
        string="Where", required=True, default="centre", index=True)
    notes = fields.Html()
    next_date = fields.Date(string="Next Session")

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
