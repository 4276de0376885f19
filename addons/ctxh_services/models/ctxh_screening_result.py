from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import MEDICAL, SENSITIVE


class CtxhScreeningResult(models.Model):
    """One child's screening: answers per item (or scale scores entered directly), the scores and bands that
    follow from the instrument's data. Scores are mental-health data: sensitive."""

    _name = "ctxh.screening.result"
    _description = "Screening Result"
    _inherit = ["ctxh.write.guard.mixin", "ctxh.sensitive.read.mixin"]
    _order = "campaign_id, resident_id"
    _check_company_auto = True

    campaign_id = fields.Many2one("ctxh.screening.campaign", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    office_id = fields.Many2one(related="campaign_id.office_id", store=True, index=True)
    instrument_id = fields.Many2one(related="campaign_id.instrument_id", store=True)
    resident_id = fields.Many2one("ctxh.resident", string="Child", required=True, check_company=True, index=True)
    school_class = fields.Char(string="Class")
    answer_ids = fields.One2many("ctxh.screening.answer", "result_id", string="Answers", groups=SENSITIVE)
    score_ids = fields.One2many("ctxh.screening.score", "result_id", string="Scores", groups=SENSITIVE)
    total_score = fields.Integer(compute="_compute_total", store=True, groups=SENSITIVE)
    band_id = fields.Many2one("ctxh.screening.band", string="Band", compute="_compute_total", store=True,
                              groups=SENSITIVE)
    # whether a child is above the cut-off says as much as the score: sensitive too
    above_cutoff = fields.Boolean(string="Above Cut-off", compute="_compute_total", store=True, groups=SENSITIVE)
    therapy_course_ids = fields.One2many("ctxh.therapy.course", "screening_result_id", string="Therapy Courses")
    # the course the referral opened: whether the child is referred follows from the courses themselves
    therapy_course_id = fields.Many2one("ctxh.therapy.course", string="Therapy Course",
                                        compute="_compute_therapy_course_id", store=True, compute_sudo=True)

    _sql_constraints = [("child_uniq", "unique(campaign_id, resident_id)",
                         "A child is screened once per campaign.")]

    @api.depends("score_ids.score", "score_ids.band_id.refer", "score_ids.scale_id.kind")
    def _compute_total(self):
        for result in self:
            total = result.score_ids.filtered(lambda s: s.scale_id.kind == "total")[:1]
            result.total_score = total.score
            result.band_id = total.band_id
            result.above_cutoff = bool(total.band_id.refer)

    @api.depends("therapy_course_ids")
    def _compute_therapy_course_id(self):
        for result in self:
            result.therapy_course_id = result.therapy_course_ids[:1]

    @api.depends("resident_id.name", "campaign_id.name")
    def _compute_display_name(self):
        # the child and the campaign, never the score
        for result in self:
            result.display_name = " - ".join(filter(None, [result.resident_id.name, result.campaign_id.name]))

    @api.model_create_multi
    def create(self, vals_list):
        results = super().create(vals_list)
        results._ctxh_prepare_lines()
        return results

    def _ctxh_prepare_lines(self):
        """An answer line per item and a score line per scale, so the form has them ready to fill in."""
        for result in self.sudo():
            instrument = result.instrument_id
            answered = result.answer_ids.item_id
            scored = result.score_ids.scale_id
            result.write({
                "answer_ids": [Command.create({"item_id": item.id}) for item in instrument.item_ids - answered],
                "score_ids": [Command.create({"scale_id": scale.id}) for scale in instrument.scale_ids - scored],
            })

    def action_refer(self):
        """Open a therapy course for each result above the cut-off without one."""
        self.env["res.users"]._ctxh_check_group(MEDICAL)
        to_refer = self.sudo().filtered(lambda r: r.above_cutoff and not r.therapy_course_id)
        if not to_refer and not self.sudo().filtered("above_cutoff"):
            raise UserError(self.env._("No child is above the cut-off."))
        today = self.env.company._ctxh_today()
        self.env["ctxh.therapy.course"].create([{
            "resident_id": result.resident_id.id,
            "company_id": result.company_id.id,
            "office_id": result.office_id.id,
            "screening_result_id": result.id,
            "date_start": today,
        } for result in to_refer])
        return True
