from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.models.ctxh_session_mixin import SESSION_STATES
from odoo.addons.ctxh_residents.tools import vn_datetime

MAX_COUNTED = 100_000  # people counted in one group of one event: a stadium, not a typo
EVENT_KINDS = [
    ("cafe", "Counselling café"),
    ("parent_group", "Parent group"),
    ("communication", "Community communication event"),
    ("training", "Training course"),
    ("other", "Other group work"),
]


class CtxhOutreachEvent(models.Model):
    """Group work and outreach of a social work centre: a counselling café, a parent group, a community
    communication event or a training course; who ran it, who came (named where they are clients, counted where
    not), the materials handed out and the photos. Planned, then held or cancelled by its actions."""

    _name = "ctxh.outreach.event"
    _description = "Group Work and Outreach Event"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.session.mixin", "ctxh.office.mixin"]
    # a held event's attendance may need correcting: it can be planned again
    _ctxh_reopen_from = ("cancelled", "done")
    _order = "date desc, id desc"
    _check_company_auto = True
    # listed again so that its values are this module's (see ctxh_counselling_session.py)
    state = fields.Selection(SESSION_STATES)

    name = fields.Char(string="Topic", required=True, tracking=True, index="trigram")
    kind = fields.Selection(EVENT_KINDS, required=True, default="cafe", tracking=True, index=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    duration = fields.Float(string="Duration (hours)", default=2.0)
    place = fields.Char(help="Where it was held: a school hall, a cultural house of the residential group...")
    facilitator_ids = fields.Many2many("res.users", string="Facilitators", check_company=True,
                                       default=lambda self: self.env.user)
    participant_ids = fields.One2many("ctxh.outreach.participant", "event_id", string="Named Participants")
    count_men = fields.Integer(string="Other Men")
    count_women = fields.Integer(string="Other Women")
    count_children = fields.Integer(string="Other Children")
    participants_total = fields.Integer(compute="_compute_participants_total", store=True, string="Participants",
                                        help="Named participants who attended, and those counted.")
    material_ids = fields.One2many("ctxh.outreach.material", "event_id", string="Materials Distributed")
    photo_ids = fields.Many2many("ir.attachment", "ctxh_outreach_event_photo_rel", "event_id", "attachment_id",
                                 string="Photos")
    note = fields.Html()

    _sql_constraints = [
        ("counts_positive", "CHECK (count_men >= 0 AND count_women >= 0 AND count_children >= 0)",
         "The numbers of participants cannot be negative."),
        ("duration_positive", "CHECK (duration >= 0)", "The duration cannot be negative."),
    ]

    @api.depends("name", "date")
    def _compute_display_name(self):
        for event in self:
            event.display_name = " - ".join(filter(None, [event.name, vn_datetime(event.company_id, event.date)]))

    @api.depends("participant_ids.attended", "count_men", "count_women", "count_children")
    def _compute_participants_total(self):
        for event in self:
            event.participants_total = len(event.participant_ids.filtered("attended")) + event.count_men \
                + event.count_women + event.count_children

    # checked before anything is written: a number beyond any event (a typo, a hostile client) would otherwise
    # overflow the stored total in PostgreSQL
    @api.constrains("count_men", "count_women", "count_children")
    def _check_counts(self):
        # formatted outside the translated call: Babel drops a file's later terms after an f-string among its arguments
        limit = f"{MAX_COUNTED:,}".replace(",", ".")
        for event in self:
            if max(event.count_men, event.count_women, event.count_children) > MAX_COUNTED:
                raise ValidationError(self.env._(
                    "%(event)s: count at most %(max)s people in each group; check the numbers.",
                    event=event.name, max=limit))

    def _ctxh_check_can_close(self):
        for event in self:
            if not event.participants_total:
                raise ValidationError(self.env._(
                    "%s: mark who attended or count the participants before marking it held.", event.name))
