import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import create_index

from odoo.addons.ctxh_residents.tools import vn_date
from odoo.addons.ctxh_residents.tools.groups import MEDICAL

ICD10_RE = re.compile(r"^[A-Z]\d{2}(\.[0-9A-Z]{1,2})?$")

# measure: (legal parameter code of the low limit, default), (code of the high limit, default);
# a value is flagged below the low limit or at or above the high limit.
THRESHOLDS = {
    "bmi": (("health_bmi_low", 18.5), ("health_bmi_high", 25.0)),
    "blood_pressure_systolic": (("health_systolic_low", 90.0), ("health_systolic_high", 140.0)),
    "blood_pressure_diastolic": (None, ("health_diastolic_high", 90.0)),
    "pulse": (("health_pulse_low", 50.0), ("health_pulse_high", 100.0)),
    "temperature": (("health_temperature_low", 35.5), ("health_temperature_high", 37.5)),
}


class CtxhHealthCheck(models.Model):
    """A periodic health check of a resident, with measures flagged when out of range."""

    _name = "ctxh.health.check"
    _description = "Health Check"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.resident.record.mixin", "ctxh.sensitive.read.mixin"]
    _ctxh_health_record = True
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    examiner_id = fields.Many2one("res.users", string="Examiner", default=lambda self: self.env.user,
                                  tracking=True, index=True)
    height = fields.Float(string="Height (cm)", digits=(5, 1))
    weight = fields.Float(string="Weight (kg)", digits=(5, 1))
    bmi = fields.Float(string="BMI", digits=(4, 1), compute="_compute_bmi", store=True,
                       help="Body mass index: weight (kg) divided by the square of height (m).")
    blood_pressure_systolic = fields.Integer(string="Systolic (mmHg)")
    blood_pressure_diastolic = fields.Integer(string="Diastolic (mmHg)")
    pulse = fields.Integer(string="Pulse (/min)")
    temperature = fields.Float(string="Temperature (°C)", digits=(3, 1))
    findings = fields.Text()
    next_check_date = fields.Date(string="Next Check", tracking=True, index=True)

    bmi_abnormal = fields.Boolean(string="BMI Out of Range", compute="_compute_abnormal", store=True)
    systolic_abnormal = fields.Boolean(string="Systolic Out of Range", compute="_compute_abnormal", store=True)
    diastolic_abnormal = fields.Boolean(string="Diastolic Out of Range", compute="_compute_abnormal", store=True)
    pulse_abnormal = fields.Boolean(string="Pulse Out of Range", compute="_compute_abnormal", store=True)
    temperature_abnormal = fields.Boolean(string="Temperature Out of Range", compute="_compute_abnormal",
                                          store=True)
    has_abnormal = fields.Boolean(string="Abnormal Values", compute="_compute_abnormal", store=True, index=True)

    _sql_constraints = [
        ("measures_positive", "CHECK (height >= 0 AND weight >= 0 AND pulse >= 0 AND temperature >= 0 "
         "AND blood_pressure_systolic >= 0 AND blood_pressure_diastolic >= 0)",
         "Measures cannot be negative."),
    ]

    def init(self):
        result = super().init()
        # the filter "Blood Pressure": the few checks with a pressure out of range
        create_index(self.env.cr, "ctxh_health_check_blood_pressure_index", self._table, ["resident_id"],
                     where="systolic_abnormal OR diastolic_abnormal")
        return result

    @api.depends("resident_id.name", "date")
    def _compute_display_name(self):
        for check in self:
            date = vn_date(check.date)
            check.display_name = " - ".join(filter(None, [check.resident_id.name, date]))


    @api.depends("height", "weight")
    def _compute_bmi(self):
        for check in self:
            metres = check.height / 100
            check.bmi = round(check.weight / (metres * metres), 1) if metres and check.weight else 0.0

    @api.depends("bmi", "blood_pressure_systolic", "blood_pressure_diastolic", "pulse", "temperature", "date")
    def _compute_abnormal(self):
        """A measure left empty (0) is not flagged. Limits are legal parameters in force on the check date."""
        limits_by_date = {}
        for check in self:
            limits = limits_by_date.get(check.date)
            if limits is None:
                limits = limits_by_date[check.date] = self._get_limits(check.date)
            flags = {}
            for measure, (low, high) in limits.items():
                value = check[measure]
                flags[measure] = bool(value) and ((low is not None and value < low)
                                                  or (high is not None and value >= high))
            check.bmi_abnormal = flags["bmi"]
            check.systolic_abnormal = flags["blood_pressure_systolic"]
            check.diastolic_abnormal = flags["blood_pressure_diastolic"]
            check.pulse_abnormal = flags["pulse"]
            check.temperature_abnormal = flags["temperature"]
            check.has_abnormal = any(flags.values())

    @api.model
    def _get_limits(self, date=None):
        """{measure: (low, high)} in force on ``date``; None where a measure has no such limit."""
        Parameter = self.env["ctxh.legal.parameter"]

        def value(spec):
            return Parameter._get_value(spec[0], spec[1], date=date) if spec else None

        return {measure: (value(low), value(high)) for measure, (low, high) in THRESHOLDS.items()}


class CtxhMedicalEvent(models.Model):
    """An illness, injury, first aid, chronic condition or hospital referral of a resident."""

    _name = "ctxh.medical.event"
    _description = "Medical Event"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.resident.record.mixin", "ctxh.sensitive.read.mixin"]
    _ctxh_health_record = True
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(string="Date and Time", required=True, default=fields.Datetime.now, tracking=True,
                           index=True)
    kind = fields.Selection(
        [
            ("illness", "Illness"),
            ("injury", "Injury"),
            ("first_aid", "First aid"),
            ("chronic_condition", "Chronic condition"),
            ("hospital_referral", "Hospital referral"),
        ],
        required=True, default="illness", tracking=True, index=True,
    )
    diagnosis = fields.Text(required=True, index="trigram")
    icd10_code = fields.Char(string="ICD-10 Code", size=7, tracking=True, index="trigram",
                             help="International Classification of Diseases code, e.g. I10 or E11.9.")
    treatment = fields.Text()
    hospital = fields.Char(help="Hospital the resident was referred to.", tracking=True)
    emergency = fields.Boolean(
        tracking=True,
        help="The resident's life or health was at risk: the referral shares their health data with the hospital "
             "without their consent (Law 91/2025/QH15 Art. 19(1)). A planned referral needs the consent to sharing "
             "with a hospital.")
    outcome = fields.Selection(
        [
            ("recovered", "Recovered"),
            ("under_treatment", "Under treatment"),
            ("chronic", "Chronic"),
            ("transferred", "Transferred"),
            ("deceased", "Deceased"),
        ],
        default="under_treatment", tracking=True, index=True,
    )
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)

    @api.depends("resident_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for event in self:
            event.display_name = " - ".join(filter(None, [event.resident_id.name, kinds.get(event.kind)]))


    @api.constrains("icd10_code")
    def _check_icd10_code(self):
        for event in self.filtered("icd10_code"):
            if not ICD10_RE.match(event.icd10_code):
                raise ValidationError(self.env._(
                    "“%s” is not an ICD-10 code: write a capital letter, two digits and optionally a dot "
                    "with one or two characters, e.g. I10, E11.9 or S72.00.", event.icd10_code))

    @api.constrains("kind", "hospital", "emergency", "resident_id")
    def _check_hospital(self):
        for event in self.filtered(lambda e: e.kind == "hospital_referral"):
            if not (event.hospital or "").strip():
                raise ValidationError(self.env._("Name the hospital %s was referred to.", event.resident_id.name))
            on_date = fields.Date.context_today(event, event.date)
            if not event.emergency and not event.resident_id._ctxh_has_consent("share_hospital", on_date):
                raise ValidationError(self.env._(
                    "%s has not consented to sharing health information with a hospital: record the consent (the "
                    "guardian's, and a child's own from age 7) before a planned referral, or mark the referral as an "
                    "emergency.", event.resident_id.name))


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

    medical_check_ids = fields.One2many("ctxh.health.check", "resident_id", string="Health Checks",
                                        groups=MEDICAL)
    medical_event_ids = fields.One2many("ctxh.medical.event", "resident_id", string="Medical Events",
                                        groups=MEDICAL)
    medical_count = fields.Integer(compute="_compute_medical_count", string="Health Records", groups=MEDICAL)

    def _compute_medical_count(self):
        domain = [("resident_id", "in", self.ids)]
        checks = dict(self.env["ctxh.health.check"]._read_group(domain, ["resident_id"], ["__count"]))
        events = dict(self.env["ctxh.medical.event"]._read_group(domain, ["resident_id"], ["__count"]))
        for resident in self:
            resident.medical_count = checks.get(resident, 0) + events.get(resident, 0)

    def action_view_medical(self):
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_health_check_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action
