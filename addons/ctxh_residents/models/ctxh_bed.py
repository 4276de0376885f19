from odoo import api, fields, models


class CtxhBed(models.Model):
    _name = "ctxh.bed"
    _description = "Bed"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a bed that never held anyone (the bed history keeps used ones)"
    _order = "room_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    room_id = fields.Many2one("ctxh.room", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="room_id.company_id", store=True, index=True, string="Facility")
    out_of_service = fields.Boolean(help="Bed cannot be used (repair, isolation, ...).")
    state = fields.Selection(
        [("free", "Free"), ("occupied", "Occupied"), ("out_of_service", "Out of service")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    assignment_ids = fields.One2many("ctxh.bed.assignment", "bed_id", string="Assignments")
    resident_id = fields.Many2one("ctxh.resident", string="Current Resident", compute="_compute_state", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_room_uniq", "unique(room_id, name)", "A bed with this name already exists in this room."),
    ]

    @api.depends("out_of_service", "assignment_ids.date_end", "assignment_ids.resident_id")
    def _compute_state(self):
        for bed in self:
            current = bed.assignment_ids.filtered(lambda a: not a.date_end)[:1]
            bed.resident_id = current.resident_id
            if current:
                bed.state = "occupied"
            elif bed.out_of_service:
                bed.state = "out_of_service"
            else:
                bed.state = "free"

    @api.depends("room_id.name")
    def _compute_display_name(self):
        for bed in self:
            bed.display_name = f"{bed.room_id.name} / {bed.name}" if bed.room_id else bed.name
