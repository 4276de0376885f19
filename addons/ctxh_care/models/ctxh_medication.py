import re
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows, vn_datetime
from odoo.addons.ctxh_residents.tools.groups import CARE, MEDICAL

FACILITY_TZ = "Asia/Ho_Chi_Minh"
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
# what a carer may change on a dose: recording it, nothing else
DOSE_RECORD_FIELDS = {"state", "given_at", "given_by", "reason"}


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
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today, tracking=True)
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

    def _get_tz(self):
        self.ensure_one()
        return pytz.timezone(self.company_id.partner_id.tz or FACILITY_TZ)

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
        today = fields.Date.context_today(self)
        for order in self:
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
        tz = self._get_tz()
        today = pytz.utc.localize(now).astimezone(tz).date()
        vals_list = []
        for offset in range(days):
            day = today + timedelta(days=offset)
            if day < self.date_start or (self.date_end and day > self.date_end):
                continue
            for hour, minute in self._get_times():
                local = tz.localize(datetime.combine(day, time(hour, minute)))
                scheduled = local.astimezone(pytz.utc).replace(tzinfo=None)
                if scheduled < now or (self.id, scheduled) in existing:
                    continue
                vals_list.append({"medication_id": self.id, "scheduled_at": scheduled})
        return vals_list


class CtxhMedicationAdministration(models.Model):
    """One planned dose of a medication order, and what happened: given, refused or missed."""

    _name = "ctxh.medication.administration"
    _description = "Medication Dose"
    _inherit = ["ctxh.write.guard.mixin"]
    # who recorded a dose, when and how: only the recording (and a correction) says so
    _ctxh_action_fields = ("state", "given_at", "given_by", "recorded_state", "correction_of_id",
                           "corrected_by_id", "correction_reason")
    _ctxh_frozen = {"given": ALL, "refused": ALL, "missed": ALL, "corrected": ALL}
    _ctxh_deletable = "a planned dose not yet recorded (an order stopped early removes its later doses)"
    _order = "scheduled_at, id"
    _check_company_auto = True

    medication_id = fields.Many2one("ctxh.medication", string="Medication Order", required=True,
                                    ondelete="cascade", index=True)
    resident_id = fields.Many2one(related="medication_id.resident_id", store=True, index=True)
    company_id = fields.Many2one(related="medication_id.company_id", store=True, index=True, string="Facility")
    medicine = fields.Char(related="medication_id.medicine")
    dose = fields.Char(related="medication_id.dose")
    route = fields.Selection(related="medication_id.route")
    instructions = fields.Text(related="medication_id.instructions")
    scheduled_at = fields.Datetime(string="Scheduled At", required=True, index=True)
    given_at = fields.Datetime(string="Recorded At", readonly=True, copy=False)
    given_by = fields.Many2one("res.users", string="Recorded By", readonly=True, copy=False, index=True)
    state = fields.Selection(
        [("planned", "Planned"), ("given", "Given"), ("refused", "Refused"), ("missed", "Missed"),
         ("corrected", "Corrected")],
        default="planned", required=True, index=True, copy=False,
        help="Corrected: the record was wrong; the correction that replaces it is linked below.",
    )
    reason = fields.Text(help="Why the dose was refused or missed.")
    # a correction never rewrites the record: the wrong one is kept, marked corrected, with what it said
    recorded_state = fields.Selection(
        [("given", "Given"), ("refused", "Refused"), ("missed", "Missed")], string="Recorded As",
        readonly=True, copy=False, help="What the corrected record said before it was corrected.")
    correction_of_id = fields.Many2one("ctxh.medication.administration", string="Corrects", readonly=True,
                                       copy=False, index="btree_not_null", check_company=True)
    corrected_by_id = fields.Many2one("ctxh.medication.administration", string="Corrected By", readonly=True,
                                      copy=False, check_company=True)
    correction_reason = fields.Text(readonly=True, copy=False, help="Why the record was corrected.")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    # what the round's card shows on a phone: who (photo, bed), what, when
    resident_image = fields.Image(related="resident_id.image_128", string="Photo")
    resident_bed_id = fields.Many2one(related="resident_id.bed_id", string="Bed")
    scheduled_time = fields.Char(string="Time", compute="_compute_scheduled_time")

    def init(self):
        result = super().init()
        # one record in force per planned dose; a corrected record stays beside its correction
        self.env.cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS ctxh_medication_administration_dose_uniq ON %s "
            "(medication_id, scheduled_at) WHERE state != 'corrected'", SQL.identifier(self._table)))
        # a million doses: a facility's round of the day and its compliance report read one facility's period
        create_index(self.env.cr, "ctxh_medication_administration_company_scheduled_index", self._table,
                     ["company_id", "scheduled_at"])
        return result

    @api.depends("medicine", "resident_id.name", "scheduled_at")
    def _compute_display_name(self):
        for dose in self:
            when = vn_datetime(dose.company_id, dose.scheduled_at)
            dose.display_name = " - ".join(filter(None, [dose.medicine, dose.resident_id.name, when]))

    @api.depends("scheduled_at", "company_id")
    def _compute_scheduled_time(self):
        for dose in self:
            dose.scheduled_time = vn_datetime(dose.company_id, dose.scheduled_at)[-5:]

    @api.model
    def _overdue_limit(self):
        grace = self.env["ctxh.legal.parameter"]._get_value("medication_grace_minutes", 60)
        return fields.Datetime.now() - timedelta(minutes=grace)

    @api.depends("state", "scheduled_at")
    def _compute_is_overdue(self):
        limit = self._overdue_limit()
        for dose in self:
            dose.is_overdue = dose.state == "planned" and bool(dose.scheduled_at) and dose.scheduled_at < limit

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on overdue doses."))
        overdue = [("state", "=", "planned"), ("scheduled_at", "<", self._overdue_limit())]
        if (operator == "=") == bool(value):
            return overdue
        return ["|", ("state", "!=", "planned"), ("scheduled_at", ">=", self._overdue_limit())]

    @api.constrains("state", "reason")
    def _check_reason(self):
        for dose in self:
            if dose.state in ("refused", "missed") and not (dose.reason or "").strip():
                raise ValidationError(self.env._(
                    "Write why %(person)s did not take %(medicine)s.",
                    person=dose.resident_id.name, medicine=dose.medicine))

    def _ctxh_deletable_records(self):
        return self.filtered(lambda dose: dose.state == "planned")

    def write(self, vals):
        if not self._ctxh_in_action() and set(vals) - DOSE_RECORD_FIELDS and not self.env.user.has_group(MEDICAL):
            raise AccessError(self.env._("Only medical staff may change a planned dose; record it instead."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Recording a dose (carers)
    # ------------------------------------------------------------------
    def _record(self, state):
        self.env["res.users"]._ctxh_check_group(CARE)
        for dose in self:
            if dose.state != "planned":
                raise UserError(self.env._("This dose is already recorded: %s.", dose.display_name))
            if state != "given" and not (dose.reason or "").strip():
                raise UserError(self.env._("Write why %(person)s did not take %(medicine)s before recording it.",
                                           person=dose.resident_id.name, medicine=dose.medicine))
        return self._ctxh_action_write({"state": state, "given_at": fields.Datetime.now(),
                                        "given_by": self.env.user.id})

    def action_given(self):
        return self._record("given")

    # ------------------------------------------------------------------
    # The round's buttons: they ask before recording what needs a word
    # ------------------------------------------------------------------
    def _ctxh_round(self, state):
        """What a button of the round does: a refused or missed dose asks its reason, a dose given far from its
        time (legal parameter medication_confirm_minutes) asks for confirmation, in a dialog; otherwise the dose
        is recorded at once."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        warning = False
        if state == "given":
            limit = self.env["ctxh.legal.parameter"]._get_value("medication_confirm_minutes", 120)
            if abs(fields.Datetime.now() - self.scheduled_at) > timedelta(minutes=limit):
                warning = self.env._(
                    "This dose of %(medicine)s was planned for %(time)s. Record that %(person)s took it now?",
                    medicine=self.medicine, time=vn_datetime(self.company_id, self.scheduled_at),
                    person=self.resident_id.name)
        if state == "given" and not warning:
            return self._record(state)
        titles = {"given": self.env._("Confirm the Dose"), "refused": self.env._("Dose Refused"),
                  "missed": self.env._("Dose Missed")}
        return {
            "type": "ir.actions.act_window",
            "name": titles[state],
            "res_model": "ctxh.dose.record",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_dose_id": self.id, "default_state": state, "default_warning": warning,
                        "default_reason": self.reason},
        }

    def action_round_given(self):
        return self._ctxh_round("given")

    def action_round_refused(self):
        return self._ctxh_round("refused")

    def action_round_missed(self):
        return self._ctxh_round("missed")

    def action_refused(self):
        return self._record("refused")

    def action_missed(self):
        return self._record("missed")

    def action_correct(self):
        """Open the correction of a recorded dose (recorded against the wrong outcome or time)."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("given", "refused", "missed")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct a Recorded Dose"),
            "res_model": "ctxh.dose.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dose_id": self.id},
        }

    def _ctxh_correct(self, state, given_at, reason):
        """Replace this recorded dose by a corrected record: this one is kept, marked corrected, and says
        what it recorded; the new one carries the right outcome, who corrected it and why."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        lock_rows(self)
        self._ctxh_check_state("given", "refused", "missed")
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the record of %s is corrected.", self.display_name))
        self._ctxh_action_write({"recorded_state": self.state, "state": "corrected"})
        self.flush_recordset(["state"])  # the record in force changes: the unique index must see it first
        # carers correct what they recorded, though only medical staff plan doses: the correction is the
        # action's own record (the write above checked the carer's right on this dose and its facility)
        correction = self.sudo()._ctxh_as_action().create({
            "medication_id": self.medication_id.id,
            "scheduled_at": self.scheduled_at,
            "state": state,
            "given_at": given_at or fields.Datetime.now(),
            "given_by": self.env.user.id,
            "reason": self.reason if state == "given" else reason,
            "correction_of_id": self.id,
            "correction_reason": reason,
        })
        self._ctxh_action_write({"corrected_by_id": correction.id})
        return correction.sudo(False)


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

    medication_dose_count = fields.Integer(groups=CARE, compute="_compute_medication_dose_count", string="Doses")

    def _compute_medication_dose_count(self):
        counts = dict(self.env["ctxh.medication.administration"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.medication_dose_count = counts.get(resident, 0)

    def action_view_medication_doses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_medication_administration_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"search_default_planned": 1}
        return action
