from markupsafe import Markup, escape

from odoo import api, fields, models

BED_STATE_BADGE = {"free": "text-bg-success", "occupied": "text-bg-danger", "out_of_service": "text-bg-secondary"}


class CtxhRoom(models.Model):
    _name = "ctxh.room"
    _description = "Room"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a room whose beds never held anyone (the bed history keeps used ones)"
    _order = "company_id, building, floor, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    building = fields.Char(help="Building or area, e.g. Khu A.")
    floor = fields.Char()
    room_type = fields.Selection(
        [
            ("dormitory", "Dormitory"),
            ("private", "Single or double room"),
            ("nursing", "Nursing care"),
            ("medical", "Medical or isolation"),
            ("mother_child", "Mother and child"),
            ("detox", "Detoxification"),
        ],
        required=True,
        default="dormitory",
    )
    gender = fields.Selection(
        [("male", "Men only"), ("female", "Women only")],
        string="Gender Restriction",
        help="Leave empty for a room open to everyone.",
    )
    bed_ids = fields.One2many("ctxh.bed", "room_id", string="Beds")
    bed_count = fields.Integer(compute="_compute_bed_counts")
    free_bed_count = fields.Integer(string="Free Beds", compute="_compute_bed_counts")
    occupied_bed_count = fields.Integer(string="Occupied Beds", compute="_compute_bed_counts")
    bed_map = fields.Html(compute="_compute_bed_map", sanitize=False, string="Bed Map")
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(company_id, building, name)",
         "A room with this name already exists in this building."),
    ]

    @api.depends("bed_ids.state")
    def _compute_bed_counts(self):
        counts = {
            (room.id, state): count
            for room, state, count in self.env["ctxh.bed"]._read_group(
                [("room_id", "in", self.ids)], ["room_id", "state"], ["__count"]
            )
        }
        for room in self:
            room.free_bed_count = counts.get((room.id, "free"), 0)
            room.occupied_bed_count = counts.get((room.id, "occupied"), 0)
            room.bed_count = room.free_bed_count + room.occupied_bed_count + counts.get((room.id, "out_of_service"), 0)

    @api.depends("bed_ids.state", "bed_ids.name")
    def _compute_bed_map(self):
        labels = dict(self.env["ctxh.bed"]._fields["state"]._description_selection(self.env))
        for room in self:
            room.bed_map = Markup(" ").join(
                Markup('<span class="badge %s me-1" title="%s">%s</span>')
                % (BED_STATE_BADGE[bed.state], labels[bed.state], escape(bed.name))
                for bed in room.bed_ids
            )
