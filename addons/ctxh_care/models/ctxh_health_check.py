from odoo import api, fields, models
from odoo.tools import create_index

from odoo.addons.ctxh_residents.tools import vn_date

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

    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), tracking=True, index=True)
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
