from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools import vn_date


class CtxhCaseReview(models.Model):
    """A periodic review of a community case: progress, risk now, and the date of the next review."""

    _name = "ctxh.case.review"
    _description = "Case Review"
    _inherit = ["ctxh.case.line.mixin"]
    _order = "date desc, id desc"

    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today())
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", required=True,
                                  default=lambda self: self.env.user)
    progress = fields.Text(required=True)
    risk_level = fields.Selection([("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
                                  string="Risk Now")
    next_review_date = fields.Date(string="Next Review")

    @api.depends("case_id.display_name", "date")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._("Review of %(case)s on %(date)s", case=review.case_id.display_name,
                                             date=vn_date(review.date))
