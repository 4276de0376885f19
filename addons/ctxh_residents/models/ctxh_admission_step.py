from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERFORMERS = [
    ("commune", "Commune People's Committee"),
    ("health_department", "Provincial Department of Health"),
    ("facility", "The facility"),
    ("other", "Another body"),
]


class CtxhAdmissionStep(models.Model):
    """A step of an admission type's chain (commune review, the Department of Health's appraisal, the facility
    head's decision...): who performs it, its time limit in working days, the document it produces (which the
    admission decision cites), the dates it applies between. Data: the law changed the chain on 1 July 2025 and
    provinces publish variants; an admission follows the steps in force on its request date."""

    _name = "ctxh.admission.step"
    _description = "Admission Step"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a step entered by mistake (a step the law dropped gets an end date)"
    _order = "admission_type_id, sequence, id"

    admission_type_id = fields.Many2one("ctxh.admission.type", string="Admission Type", required=True,
                                        ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True, translate=True)
    performer = fields.Selection(PERFORMERS, string="Performed By", required=True, default="facility")
    working_days = fields.Integer(
        string="Time Limit (working days)",
        help="0: the step has no limit of its own, only the admission's overall time limit.")
    counted_from = fields.Selection(
        [("previous", "The previous step done"), ("start", "The request (or the reception)")],
        string="Counted From", required=True, default="previous",
        help="A limit the law counts from the reception (an emergency dossier) runs whatever the other steps.")
    document = fields.Char(string="Document Produced", translate=True,
                           help="What the step produces, cited in the admission decision with its number and "
                                "date, e.g. the commune's proposal.")
    category_ids = fields.Many2many("ctxh.resident.category", string="Only for",
                                    help="The step applies only to people of these categories; empty for all.")
    optional = fields.Boolean(help="The case worker may mark the step as not applying to the person (e.g. the "
                                   "public notice, only for an abandoned child).")
    date_from = fields.Date(string="Valid From", required=True, default="2021-07-01")
    date_to = fields.Date(string="Valid Until")
    legal_basis = fields.Char()

    _sql_constraints = [
        ("working_days_check", "CHECK (working_days >= 0 AND working_days <= 365)",
         "A step's time limit is between 0 and 365 working days."),
        ("dates_check", "CHECK (date_to IS NULL OR date_to >= date_from)",
         "A step cannot stop applying before it starts."),
    ]

    @api.depends("name", "admission_type_id.name")
    def _compute_display_name(self):
        for step in self:
            step.display_name = " - ".join(filter(None, [step.admission_type_id.name, step.name]))

    @api.constrains("date_from", "date_to")
    def _check_plausible_dates(self):
        for step in self:
            if not (1900 <= step.date_from.year <= 2100) or (step.date_to and step.date_to.year > 2100):
                raise ValidationError(self.env._("The dates of a step are between 1900 and 2100."))

    def _ctxh_applying(self, on_date, resident):
        """The steps (of ``self``) in force on ``on_date`` that apply to ``resident``, in their order."""
        categories = resident.category_ids
        return self.filtered(lambda step: step.date_from <= on_date and (not step.date_to or step.date_to >= on_date)
                             and (not step.category_ids or step.category_ids & categories)
                             ).sorted(lambda step: (step.sequence, step.id))
