from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.groups import CARE
from .ctxh_write_guard_mixin import ALL


class CtxhFollowup(models.Model):
    """A visit to a person back in their family or community, with its outcome."""

    _name = "ctxh.followup"
    _description = "Reintegration Follow-up"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "date_done")
    _ctxh_frozen = {"done": ALL}
    _ctxh_free_fields = ("note",)
    _order = "date_planned, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    discharge_id = fields.Many2one("ctxh.discharge", required=True, ondelete="cascade", index=True)
    resident_id = fields.Many2one(related="discharge_id.resident_id", store=True, index=True)
    company_id = fields.Many2one(related="discharge_id.company_id", store=True, index=True, string="Facility")
    user_id = fields.Many2one("res.users", string="Social Worker", tracking=True, index=True)
    date_planned = fields.Date(string="Planned", required=True, tracking=True)
    date_done = fields.Date(string="Visited On", tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned", required=True, tracking=True, index=True,
    )
    outcome = fields.Selection(
        [
            ("stable", "Stable, integrated"),
            ("needs_support", "Needs support"),
            ("relapse", "Relapse or at risk"),
            ("unreachable", "Could not be reached"),
        ],
        tracking=True,
    )
    note = fields.Text()
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    def _compute_is_overdue(self):
        for followup in self:
            today = followup.company_id._ctxh_today()
            followup.is_overdue = followup.state == "planned" and followup.date_planned < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue follow-ups."))
        # a filter in the web client: the day of the facility the user works in
        domain = ["&", *self._ctxh_overdue_domain(self.env.company._ctxh_today())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _ctxh_overdue_domain(self, today):
        """The follow-up visits still planned for a day before ``today``: overdue. Shared with the reminder job
        and the overview, which pass their facility's day."""
        return [("state", "=", "planned"), ("date_planned", "<", today)]

    def action_done(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        for followup in self:
            if not followup.outcome:
                raise UserError(self.env._("Record the outcome of the visit to %s.", followup.resident_id.name))
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "done", "date_done": self.company_id[:1]._ctxh_today()})

    def action_cancel(self):
        """A visit that will not be made (the person moved away, died): kept, marked cancelled."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "cancelled"})

    @api.model
    def _cron_overdue(self):
        """Remind each social worker of the follow-up visits they have not made yet."""
        self.search(self._ctxh_overdue_domain(self.env.company._ctxh_today()))._ctxh_remind(
            self.env._("Follow-up visit overdue"), lambda f: f.user_id)
