from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhBedAssignment(models.Model):
    """Where a resident sleeps during a stay, from when to when. An open assignment has no end.

    PostgreSQL guarantees that a bed holds one stay at a time and a stay one bed at a
    time, whatever the number of users saving at the same moment.
    """

    _name = "ctxh.bed.assignment"
    _description = "Bed Assignment"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["resident_id", "bed_id"]
    _inherit = ["ctxh.write.guard.mixin"]
    # the bed history is written by the admission, the transfer and the discharge, and kept
    _ctxh_create_by_action = True
    _ctxh_action_fields = ("stay_id", "bed_id", "company_id", "date_start", "date_end")
    _order = "date_start desc, id desc"
    _check_company_auto = True

    stay_id = fields.Many2one("ctxh.stay", required=True, ondelete="cascade", index=True, check_company=True)
    resident_id = fields.Many2one(related="stay_id.resident_id", store=True, index=True, string="Resident")
    bed_id = fields.Many2one("ctxh.bed", required=True, ondelete="restrict", index=True, check_company=True)
    room_id = fields.Many2one(related="bed_id.room_id", store=True, string="Room")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date_start = fields.Datetime(string="From", required=True, default=fields.Datetime.now, index=True)
    date_end = fields.Datetime(string="To")

    @api.depends("resident_id.name", "bed_id.display_name")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = " - ".join(filter(None, [assignment.resident_id.name,
                                                               assignment.bed_id.display_name]))

    _sql_constraints = [
        ("bed_no_overlap",
         "EXCLUDE USING gist (bed_id WITH =, tsrange(date_start, date_end, '[)') WITH &&)",
         "This bed is already taken by another resident for that time. Choose another bed or end "
         "the current assignment first."),
        ("stay_no_overlap",
         "EXCLUDE USING gist (stay_id WITH =, tsrange(date_start, date_end, '[)') WITH &&)",
         "This resident already has a bed for that time: transfer them instead of adding a second bed."),
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A bed assignment cannot end before it starts."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # the exclusion constraints are checked at INSERT: pending ends of other
        # assignments (a transfer, a discharge) must reach the database first
        self.flush_model(["date_start", "date_end", "bed_id", "stay_id"])
        return super().create(vals_list)

    def _auto_init(self):
        # the exclusion constraints compare integers with = inside a GiST index
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    @api.constrains("bed_id", "stay_id")
    def _check_room_gender(self):
        for assignment in self:
            room = assignment.bed_id.room_id
            resident = assignment.stay_id.resident_id
            if room.gender and resident.gender and room.gender != resident.gender:
                raise ValidationError(self.env._(
                    "%(resident)s cannot be given a bed in %(room)s: the room is restricted to %(gender)s.",
                    resident=resident.name,
                    room=room.name,
                    gender=dict(room._fields["gender"]._description_selection(self.env))[room.gender],
                ))

    @api.constrains("bed_id", "date_end")
    def _check_bed_in_service(self):
        for assignment in self:
            if not assignment.date_end and assignment.bed_id.out_of_service:
                raise ValidationError(self.env._("%s is out of service.", assignment.bed_id.display_name))
