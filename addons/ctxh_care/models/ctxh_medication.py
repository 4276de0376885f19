import re
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import MEDICAL

TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


class CtxhMedication(models.Model):
    """A medication order: which medicine a resident takes, how and when. It never carries the diagnosis,
    so that carers who give the doses see no health details."""

    _name = "ctxh.medication"
    _description = "Medication Order"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.resident.record.mixin", "ctxh.sensitive.read.mixin"]
    _ctxh_health_record = True
    _ctxh_action_fields = ("state",)
    # a prescription in force is changed by stopping it and prescribing anew, so the doses given stay
    # attached to what was prescribed when they were given
    _PRESCRIBED = ("resident_id", "stay_id", "medicine", "dose", "route", "times_of_day", "date_start",
                   "prescriber_id")
    _ctxh_frozen = {"active": _PRESCRIBED, "stopped": ALL}
    _ctxh_deletable = "an order prescribed by mistake, none of whose doses was recorded"
    _order = "state, date_start desc, id desc"
    _check_company_auto = True

    medicine = fields.Char(required=True, tracking=True, index="trigram")
    dose = fields.Char(required=True, tracking=True, help="Amount per intake, e.g. 1 viên 500mg.")
    route = fields.Selection(
        [
            ("oral", "Oral"),
            ("injection", "Injection"),
            ("topical", "Topical"),
            ("inhalation", "Inhalation"),
            ("other", "Other"),
        ],
        required=True, default="oral", tracking=True,
    )
    times_of_day = fields.Char(required=True, default="07:00", tracking=True,
                               help="Local times of the doses, separated by commas, e.g. 07:00,19:00.")
    date_start = fields.Date(string="From", required=True, default=lambda self: self.env.company._ctxh_today(),
                             tracking=True)
    date_end = fields.Date(string="Until", tracking=True, help="Last day of the treatment; empty if ongoing.")
    prescriber_id = fields.Many2one("res.users", string="Prescriber", default=lambda self: self.env.user,
                                    tracking=True, index=True)
    instructions = fields.Text(help="How to give the medicine, e.g. after a meal, with plenty of water.")
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("stopped", "Stopped")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    administration_ids = fields.One2many("ctxh.medication.administration", "medication_id", string="Doses")
    dose_count = fields.Integer(compute="_compute_dose_count", string="Number of Doses")

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A medication order cannot end before it starts."),
    ]

    @api.depends("resident_id.name", "medicine")
    def _compute_display_name(self):
        for order in self:
            order.display_name = " - ".join(filter(None, [order.medicine, order.resident_id.name]))


    def _compute_dose_count(self):
        counts = dict(self.env["ctxh.medication.administration"]._read_group(
            [("medication_id", "in", self.ids)], ["medication_id"], ["__count"]))
        for order in self:
            order.dose_count = counts.get(order, 0)

    @api.constrains("times_of_day")
    def _check_times_of_day(self):
        for order in self:
            order._get_times()

    def _get_times(self):
        """The dose times as sorted (hour, minute) pairs; raises if the text is not a list of HH:MM."""
        self.ensure_one()
        times = set()
        for part in (self.times_of_day or "").replace(" ", "").split(","):
            match = TIME_RE.match(part)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValidationError(self.env._(
                    "Times of day of %(medicine)s must be hours and minutes separated by commas, "
                    "e.g. 07:00,19:00 (got “%(times)s”).", medicine=self.medicine, times=self.times_of_day))
            times.add((int(match[1]), int(match[2])))
        return sorted(times)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded_doses(self):
        """An order whose doses have been given, refused or missed is part of the resident's history: it is
        stopped, never deleted (its planned doses alone may go)."""
        recorded = self.administration_ids.filtered(lambda dose: dose.state != "planned")
        if recorded:
            order = recorded[0].medication_id
            raise UserError(self.env._(
                "The order of %(medicine)s for %(person)s has doses already recorded: stop it instead of "
                "deleting it, so that the record of what was given stays.",
                medicine=order.medicine, person=order.resident_id.name))

    def action_activate(self):
        """Medical staff start the order; the doses of the coming days are planned at once."""
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        self._ctxh_check_state("draft")
        self._ctxh_action_write({"state": "active"})
        self._generate_doses()
        return True

    def action_stop(self):
        """Medical staff stop the order: doses still planned after now are removed."""
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        self._ctxh_check_state("active")
        now = fields.Datetime.now()
        for order in self:
            today = order.company_id._ctxh_today()
            if not order.date_end or order.date_end > today:
                order.date_end = max(today, order.date_start)
        self.administration_ids.filtered(lambda d: d.state == "planned" and d.scheduled_at > now).unlink()
        return self._ctxh_action_write({"state": "stopped"})

    def action_view_doses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_medication_administration_action")
        action["domain"] = [("medication_id", "=", self.id)]
        action["context"] = {"default_medication_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Dose planning
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate_doses(self):
        """Plan the doses of every active order for the coming days (legal parameter
        ``medication_plan_days``, today included). Running it again adds nothing."""
        self.search([("state", "=", "active")])._generate_doses()

    def _generate_doses(self, now=None):
        """Create, in one batch, the doses of these active orders due between ``now`` and the end of the
        planning window. Times of day are the facility's local times; doses are stored in UTC."""
        now = now or fields.Datetime.now()
        days = max(int(self.env["ctxh.legal.parameter"]._get_value("medication_plan_days", 2)), 1)
        orders = self.filtered(lambda o: o.state == "active")
        Dose = self.env["ctxh.medication.administration"]
        if not orders:
            return Dose
        existing = set(Dose.sudo().search_fetch(
            [("medication_id", "in", orders.ids), ("scheduled_at", ">=", now)],
            ["medication_id", "scheduled_at"],
        ).mapped(lambda d: (d.medication_id.id, d.scheduled_at)))
        vals_list = []
        for order in orders:
            vals_list += order._prepare_dose_vals(now, days, existing)
        return Dose.create(vals_list)

    def _prepare_dose_vals(self, now, days, existing=()):
        """Values of the doses of this order due from ``now`` over ``days`` local days, skipping
        (order id, UTC time) pairs in ``existing``."""
        self.ensure_one()
        facility = self.company_id
        today = facility._ctxh_local(now).date()
        vals_list = []
        for offset in range(days):
            day = today + timedelta(days=offset)
            if day < self.date_start or (self.date_end and day > self.date_end):
                continue
            for hour, minute in self._get_times():
                scheduled = facility._ctxh_utc(datetime.combine(day, time(hour, minute)))
                if scheduled < now or (self.id, scheduled) in existing:
                    continue
                vals_list.append({"medication_id": self.id, "scheduled_at": scheduled})
        return vals_list
