from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import create_index

from ..tools import vn_date
from ..tools.groups import DIRECTOR
from .ctxh_write_guard_mixin import ALL


class CtxhStay(models.Model):
    """One episode of a resident in a facility: everything in care hangs off a stay."""

    _name = "ctxh.stay"
    _description = "Stay"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.write.guard.mixin"]
    # a stay is started by an admission, extended by the superior body's decision, ended by a discharge:
    # nothing else creates, moves or ends one
    _ctxh_create_by_action = True
    _ctxh_frozen = {"active": ALL, "discharged": ALL}
    _ctxh_free_fields = ("case_worker_id", "extension_ids")
    _order = "date_start desc, id desc"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="restrict", index=True,
                                  check_company=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    admission_id = fields.Many2one("ctxh.admission", readonly=True, index=True)
    admission_type_id = fields.Many2one(related="admission_id.admission_type_id", store=True, index=True)
    is_emergency = fields.Boolean(related="admission_type_id.is_emergency", store=True)
    date_start = fields.Datetime(string="Start", required=True, default=fields.Datetime.now, tracking=True,
                                 index=True)
    date_end_planned = fields.Date(string="Planned End", tracking=True,
                                   help="For a limited stay (emergency protection: 3 months).")
    # the law's limit: the admission type's maximum from the start, moved only by the superior body's decision
    date_end_limit = fields.Date(string="Legal Limit", readonly=True, copy=False, tracking=True,
                                 help="The planned end cannot pass it: the type's maximum stay, or the date an "
                                      "extension decided by the superior body set (Decree 20/2021/NĐ-CP Art. 24(4)).")
    extension_ids = fields.One2many("ctxh.stay.extension", "stay_id", string="Extensions")
    date_end = fields.Datetime(string="End", readonly=True, copy=False, tracking=True, index=True)
    state = fields.Selection([("active", "Active"), ("discharged", "Discharged")], default="active",
                             required=True, tracking=True, index=True, copy=False)
    case_worker_id = fields.Many2one("res.users", string="Case Worker", tracking=True)
    bed_assignment_ids = fields.One2many("ctxh.bed.assignment", "stay_id", string="Bed History")
    bed_id = fields.Many2one("ctxh.bed", string="Current Bed", compute="_compute_bed_id", store=True)
    room_id = fields.Many2one(related="bed_id.room_id", store=True, index=True, string="Room")
    discharge_ids = fields.One2many("ctxh.discharge", "stay_id", string="Discharges")
    days_left = fields.Integer(compute="_compute_days_left", string="Days Left")

    _sql_constraints = [
        ("one_active_stay", "EXCLUDE (resident_id WITH =) WHERE (state = 'active')",
         "This person already has an active stay: discharge it before admitting again."),
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A stay cannot end before it starts."),
        ("planned_end_check", "CHECK (date_end_planned IS NULL OR date_end_planned >= date_start::date)",
         "A stay cannot be planned to end before it starts."),
        ("planned_end_limit_check",
         "CHECK (date_end_limit IS NULL OR date_end_planned IS NULL OR date_end_planned <= date_end_limit)",
         "An emergency stay cannot be planned past its legal limit without an extension decided by the superior "
         "body."),
    ]

    def init(self):
        result = super().init()
        # the emergency stays, few among all: their deadline job and the "Emergency" filter
        create_index(self.env.cr, "ctxh_stay_emergency_index", self._table, ["date_end_planned"], where="is_emergency")
        return result

    @api.model_create_multi
    def create(self, vals_list):
        # a discharge ending the previous stay must reach the database before the
        # exclusion constraint checks the new one
        self.flush_model(["state", "resident_id"])
        return super().create(vals_list)

    def _ctxh_keep_history_message(self):
        return self.env._(
            "A stay is part of the resident's history and is never deleted; end it with a discharge.")

    @api.depends("resident_id.name", "date_start")
    def _compute_display_name(self):
        for stay in self:
            # the day of arrival at the facility, as its staff write it
            start = vn_date(stay.company_id._ctxh_local(stay.date_start).date()) if stay.date_start else ""
            stay.display_name = f"{stay.resident_id.name} ({start})" if start else stay.resident_id.name

    @api.depends("bed_assignment_ids.date_end", "bed_assignment_ids.bed_id")
    def _compute_bed_id(self):
        for stay in self:
            stay.bed_id = stay.bed_assignment_ids.filtered(lambda a: not a.date_end)[:1].bed_id

    @api.depends("date_end_planned", "state")
    def _compute_days_left(self):
        for stay in self:
            active = stay.state == "active" and stay.date_end_planned
            stay.days_left = (stay.date_end_planned - stay.company_id._ctxh_today()).days if active else 0

    def _assign_bed(self, bed, when=None):
        """Move the resident to ``bed`` at ``when``: the current assignment ends, a new one starts."""
        self.ensure_one()
        when = when or fields.Datetime.now()
        if self.state != "active":
            raise UserError(self.env._("%s is no longer in the facility: no bed can be assigned.",
                                       self.resident_id.name))
        current = self.bed_assignment_ids.filtered(lambda a: not a.date_end)
        if current.bed_id == bed:
            return current
        current._ctxh_action_write({"date_end": when})
        return self.env["ctxh.bed.assignment"]._ctxh_as_action().create({
            "stay_id": self.id, "bed_id": bed.id, "date_start": when, "company_id": self.company_id.id,
        })

    def _end(self, when):
        """End the stay and free its bed."""
        for stay in self:
            stay.bed_assignment_ids.filtered(lambda a: not a.date_end)._ctxh_action_write({"date_end": when})
            stay._ctxh_action_write({"state": "discharged", "date_end": when})

    def action_transfer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to Another Bed"),
            "res_model": "ctxh.bed.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_stay_id": self.id},
        }

    def action_extend(self):
        """Record the superior body's decision to keep the person past the limit (director)."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("active")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend the Stay"),
            "res_model": "ctxh.stay.extension",
            "view_mode": "form",
            "target": "new",
            "context": {"default_stay_id": self.id},
        }

    def action_discharge(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Discharge"),
            "res_model": "ctxh.discharge",
            "view_mode": "form",
            "context": {"default_stay_id": self.id},
        }

    @api.model
    def _ctxh_emergency_domains(self, today):
        """(near its limit, past its limit): the active emergency stays whose planned end is today or within the
        warning days of the legal parameter, and those still open after it. The reminder job and the overview
        count the same stays; a stay six days late is past its limit, not "ending soon"."""
        warning_days = int(self.env["ctxh.legal.parameter"]._get_value("emergency_warning_days", 14))
        active = [("state", "=", "active"), ("is_emergency", "=", True)]
        return ([*active, ("date_end_planned", ">=", today),
                 ("date_end_planned", "<=", today + relativedelta(days=warning_days))],
                [*active, ("date_end_planned", "<", today)])

    @api.model
    def _cron_emergency_deadlines(self):
        """Warn the director of emergency stays reaching their legal limit, and of those past it."""
        near_domain, past_domain = self._ctxh_emergency_domains(self.env.company._ctxh_today())
        near, overdue = self.search(near_domain), self.search(past_domain)

        def responsible(stay):
            return stay.company_id.ctxh_director_id or stay.case_worker_id

        near._ctxh_remind(self.env._("Emergency stay ends soon: decide to keep or return the person"), responsible)
        overdue._ctxh_remind(self.env._("Emergency stay is past its legal limit"), responsible)
