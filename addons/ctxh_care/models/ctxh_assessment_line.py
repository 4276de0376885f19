from odoo import fields, models

SCORES = [
    ("1", "1 - Independent, no need"),
    ("2", "2 - Low need"),
    ("3", "3 - Moderate need"),
    ("4", "4 - High need"),
    ("5", "5 - Very high need"),
]


class CtxhAssessmentLine(models.Model):
    """The score of one domain in one assessment."""

    _name = "ctxh.assessment.line"
    _description = "Assessment Line"
    _rec_name = "domain_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "assessment_id"
    _order = "sequence, id"
    _check_company_auto = True

    assessment_id = fields.Many2one("ctxh.assessment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True, string="Facility")
    domain_id = fields.Many2one("ctxh.assessment.domain", string="Domain", required=True, ondelete="restrict")
    sequence = fields.Integer(related="domain_id.sequence", store=True)
    score = fields.Selection(SCORES, help="1 = fully independent, no need of support ... 5 = very high need.")
    notes = fields.Text()
