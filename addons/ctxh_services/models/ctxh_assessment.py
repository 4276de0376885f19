from odoo import fields, models


class CtxhAssessment(models.Model):
    _inherit = "ctxh.assessment"

    # a community case's assessments are ctxh_care's needs assessments of the person at home (no stay)
    ctxh_case_id = fields.Many2one("ctxh.case", string="Community Case", index="btree_not_null", copy=False,
                                   domain="[('resident_id', '=', resident_id)]")
