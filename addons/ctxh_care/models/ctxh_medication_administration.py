from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows, vn_datetime
from odoo.addons.ctxh_residents.tools.groups import CARE, MEDICAL

# what a carer may change on a dose: recording it, nothing else
DOSE_RECORD_FIELDS = {"state", "given_at", "given_by", "reason"}


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
