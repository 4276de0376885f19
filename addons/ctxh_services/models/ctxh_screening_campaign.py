from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import CARE

CAMPAIGN_STATES = [("planned", "Planned"), ("in_progress", "In Progress"), ("done", "Done")]


class CtxhScreeningCampaign(models.Model):
    """Screening of a school's or a ward's children with one instrument on a date. Its counts are not sensitive;
    the scores of its results are."""

    _name = "ctxh.screening.campaign"
    _description = "Screening Campaign"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin", "ctxh.office.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _ctxh_action_fields = ("state",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    school_id = fields.Many2one("res.partner", string="School", tracking=True)
    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), tracking=True)
    instrument_id = fields.Many2one("ctxh.screening.instrument", required=True, check_company=True,
                                    ondelete="restrict")
    informant = fields.Selection(related="instrument_id.informant")
    state = fields.Selection(CAMPAIGN_STATES, default="planned", required=True, tracking=True, copy=False,
                             index=True)
    result_ids = fields.One2many("ctxh.screening.result", "campaign_id", string="Results")
    result_count = fields.Integer(string="Children Screened", compute="_compute_counts", store=True)
    above_count = fields.Integer(string="Above Cut-off", compute="_compute_counts", store=True,
                                 compute_sudo=True)
    referred_count = fields.Integer(string="Referred", compute="_compute_counts", store=True, compute_sudo=True)
    note = fields.Text()

    @api.depends("result_ids", "result_ids.above_cutoff", "result_ids.therapy_course_id")
    def _compute_counts(self):
        # counted as superuser: how many children are above the cut-off is not a child's score
        for campaign in self:
            results = campaign.sudo().result_ids
            campaign.result_count = len(results)
            campaign.above_count = len(results.filtered("above_cutoff"))
            campaign.referred_count = len(results.filtered("therapy_course_id"))

    def action_start(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "in_progress"})

    def action_done(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("in_progress")
        return self._ctxh_action_write({"state": "done"})

    def action_refer_above_cutoff(self):
        """Open a therapy course for each child above the cut-off that has none yet (running it again creates
        nothing new)."""
        return self.result_ids.action_refer()
