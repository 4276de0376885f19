from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhOutreachParticipant(models.Model):
    """A named participant of an event: a client of the centre (a person of the registry or a contact)."""

    _name = "ctxh.outreach.participant"
    _description = "Event Participant"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "event_id"
    _ctxh_deletable = "a participant listed by mistake"
    _order = "event_id, id"
    _check_company_auto = True

    event_id = fields.Many2one("ctxh.outreach.event", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True, string="Facility")
    resident_id = fields.Many2one("ctxh.resident", string="Person", check_company=True, index="btree_not_null")
    partner_id = fields.Many2one("res.partner", string="Contact", check_company=True)
    attended = fields.Boolean(default=True)
    note = fields.Char()

    @api.depends("resident_id.name", "partner_id.name")
    def _compute_display_name(self):
        for participant in self:
            participant.display_name = participant.resident_id.name or participant.partner_id.name or ""

    # event_id always has a value on create, so the check also runs when nobody is named
    @api.constrains("event_id", "resident_id", "partner_id")
    def _check_someone(self):
        if self.filtered(lambda p: not p.resident_id and not p.partner_id):
            raise ValidationError(self.env._("A named participant is a person of the registry or a contact."))
