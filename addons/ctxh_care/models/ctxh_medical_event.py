import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ICD10_RE = re.compile(r"^[A-Z]\d{2}(\.[0-9A-Z]{1,2})?$")


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
            on_date = event.company_id._ctxh_local(event.date).date()
            if not event.emergency and not event.resident_id._ctxh_has_consent("share_hospital", on_date):
                raise ValidationError(self.env._(
                    "%s has not consented to sharing health information with a hospital: record the consent (the "
                    "guardian's, and a child's own from age 7) before a planned referral, or mark the referral as an "
                    "emergency.", event.resident_id.name))
