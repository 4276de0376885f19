from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhBedAssignment(models.Model):
    """Where a resident sleeps, from when to when. An open assignment has no end."""

    _name = "ctxh.bed.assignment"
    _description = "Bed Assignment"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="cascade", index=True, check_company=True)
    bed_id = fields.Many2one("ctxh.bed", required=True, ondelete="restrict", index=True, check_company=True)
    room_id = fields.Many2one(related="bed_id.room_id", store=True, string="Room")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date_start = fields.Datetime(string="From", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime(string="To")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for assignment in self:
            if assignment.date_end and assignment.date_end < assignment.date_start:
                raise ValidationError(self.env._("A bed assignment cannot end before it starts."))

    @api.constrains("bed_id", "resident_id")
    def _check_room_gender(self):
        for assignment in self:
            room = assignment.bed_id.room_id
            resident = assignment.resident_id
            if room.gender and resident.gender and room.gender != resident.gender:
                raise ValidationError(self.env._(
                    "%(resident)s cannot be given a bed in %(room)s: the room is restricted to %(gender)s.",
                    resident=resident.name,
                    room=room.name,
                    gender=dict(room._fields["gender"]._description_selection(self.env))[room.gender],
                ))
