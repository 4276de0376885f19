from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhScreeningScore(models.Model):
    """A result's score on one scale: the sum of its answered items, or the score entered when no item is
    answered (a paper form scored by hand); a total sums the scales counted in it. The band follows the data."""

    _name = "ctxh.screening.score"
    _description = "Screening Score"
    _inherit = ["ctxh.write.guard.mixin", "ctxh.sensitive.read.mixin"]
    _order = "result_id, scale_sequence, id"
    _check_company_auto = True

    result_id = fields.Many2one("ctxh.screening.result", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="result_id.company_id", store=True, index=True)
    resident_id = fields.Many2one(related="result_id.resident_id")
    scale_id = fields.Many2one("ctxh.screening.scale", required=True, ondelete="restrict")
    scale_sequence = fields.Integer(related="scale_id.sequence", store=True)
    manual_score = fields.Integer(string="Score Entered", groups=SENSITIVE)
    score = fields.Integer(compute="_compute_score", store=True, groups=SENSITIVE)
    band_id = fields.Many2one("ctxh.screening.band", string="Band", compute="_compute_score", store=True,
                              groups=SENSITIVE)
    refer = fields.Boolean(related="band_id.refer", groups=SENSITIVE)

    @api.depends("scale_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.scale_id.name

    @api.depends("manual_score", "scale_id.kind", "scale_id.in_total", "result_id.answer_ids.points",
                 "result_id.answer_ids.answered", "result_id.score_ids.manual_score",
                 "scale_id.band_ids.score_from", "scale_id.band_ids.score_to", "scale_id.band_ids.refer")
    def _compute_score(self):
        for line in self:
            line.score = line._ctxh_scale_score(line.scale_id)
            line.band_id = line.scale_id._band_for(line.score)

    def _ctxh_scale_score(self, scale):
        result = self.result_id
        if scale.kind == "total":
            subscales = result.instrument_id.scale_ids.filtered("in_total")
            return sum(self._ctxh_scale_score(sub) for sub in subscales)
        answers = result.answer_ids.filtered(lambda a: a.scale_id == scale and a.answered)
        if answers:
            return sum(answers.mapped("points"))
        return result.score_ids.filtered(lambda s: s.scale_id == scale)[:1].manual_score
