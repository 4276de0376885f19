from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhScreeningBand(models.Model):
    """A range of a scale's score (normal, borderline, abnormal) and whether it calls for a referral."""

    _name = "ctxh.screening.band"
    _description = "Screening Band"
    _inherit = ["ctxh.write.guard.mixin"]
    _order = "scale_id, score_from"
    _check_company_auto = True

    scale_id = fields.Many2one("ctxh.screening.scale", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="scale_id.company_id", store=True, index=True)
    score_from = fields.Integer(string="From", required=True)
    score_to = fields.Integer(string="To", required=True)
    name = fields.Char(string="Label", required=True, translate=True)
    refer = fields.Boolean(string="Refer", help="A child scoring in this band is above the cut-off.")

    @api.constrains("score_from", "score_to", "scale_id")
    def _check_range(self):
        for band in self:
            if band.score_from > band.score_to:
                raise ValidationError(self.env._("A band's 'from' cannot be above its 'to'."))
            if any(other.score_from <= band.score_to and band.score_from <= other.score_to
                   for other in band.scale_id.band_ids - band):
                raise ValidationError(self.env._("The bands of scale %s overlap.", band.scale_id.name))
