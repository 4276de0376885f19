from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE

RISK_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]


class CtxhAssessment(models.Model):
    """A needs assessment of a resident: at intake, periodically, and before discharge."""

    _name = "ctxh.assessment"
    _description = "Needs Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.resident.record.mixin"]
    _ctxh_action_fields = ("state",)
    _ctxh_frozen = {"done": ALL}
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), tracking=True, index=True)
    kind = fields.Selection(
        [("initial", "Initial"), ("periodic", "Periodic"), ("discharge", "Before discharge")],
        string="Kind", required=True, default="initial", tracking=True,
    )
    assessor_id = fields.Many2one("res.users", string="Assessor", required=True, index=True,
                                  default=lambda self: self.env.user, tracking=True)
    line_ids = fields.One2many("ctxh.assessment.line", "assessment_id", string="Domains", copy=True)
    identified_needs = fields.Text(help="Needs found, in the words of the assessor: they feed the care plan.")
    overall_score = fields.Float(compute="_compute_overall_score", store=True, digits=(16, 1),
                                 help="Average of the scored domains, from 1 (no need) to 5 (very high need).")
    risk_level = fields.Selection(
        RISK_LEVELS, compute="_compute_risk_level", store=True, readonly=False, tracking=True, index=True,
        help="Suggested from the scores; the assessor may change it.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True,
                             tracking=True, copy=False, index=True)

    @api.depends("resident_id.name", "date", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for assessment in self:
            date = vn_date(assessment.date)
            assessment.display_name = " - ".join(filter(None, [
                assessment.resident_id.name, kinds.get(assessment.kind), date]))


    @api.depends("line_ids.score")
    def _compute_overall_score(self):
        for assessment in self:
            scores = [int(line.score) for line in assessment.line_ids if line.score]
            assessment.overall_score = sum(scores) / len(scores) if scores else 0.0

    @api.depends("line_ids.score")
    def _compute_risk_level(self):
        """Critical when any domain needs very high support, otherwise from the average."""
        for assessment in self:
            scores = [int(line.score) for line in assessment.line_ids if line.score]
            if not scores:
                assessment.risk_level = assessment.risk_level or False
                continue
            average = sum(scores) / len(scores)
            if max(scores) == 5 or average >= 4:
                assessment.risk_level = "critical"
            elif average >= 3 or max(scores) == 4:
                assessment.risk_level = "high"
            elif average >= 2:
                assessment.risk_level = "medium"
            else:
                assessment.risk_level = "low"

    @api.model
    def _prepare_line_vals(self):
        """One line per active domain."""
        return [fields.Command.create({"domain_id": domain.id})
                for domain in self.env["ctxh.assessment.domain"].search([])]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("line_ids"):
                vals["line_ids"] = self._prepare_line_vals()
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """Close the assessment once every domain is scored."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        for assessment in self:
            missing = assessment.line_ids.filtered(lambda line: not line.score)
            if missing:
                raise UserError(self.env._(
                    "Score every domain of the assessment of %(person)s first. Not scored: %(domains)s.",
                    person=assessment.resident_id.name, domains=", ".join(missing.domain_id.mapped("name"))))
        return self._ctxh_action_write({"state": "done"})

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("done")
        return self._ctxh_action_write({"state": "draft"})

    def action_create_care_plan(self):
        """Open a new care plan drafted from this assessment."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Care Plan"),
            "res_model": "ctxh.care.plan",
            "view_mode": "form",
            "context": {
                "default_resident_id": self.resident_id.id,
                "default_stay_id": self.stay_id.id,
                "default_assessment_id": self.id,
            },
        }
