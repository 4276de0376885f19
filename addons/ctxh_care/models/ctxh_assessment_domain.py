from odoo import fields, models


class CtxhAssessmentDomain(models.Model):
    """An area of life assessed at intake and reviews (Circular 02/2020/TT-BLĐTBXH)."""

    _name = "ctxh.assessment.domain"
    _description = "Assessment Domain"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a domain no assessment scored (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="What the assessor looks at in this domain.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "An assessment domain with this code already exists."),
    ]
