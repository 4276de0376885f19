from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR


class CtxhCarePlan(models.Model):
    """The individual care plan of a resident (Circular 02/2020/TT-BLĐTBXH, steps 2 to 5).

    Each review closes the version in force and opens the next one, so the history of
    plans stays readable.
    """

    _name = "ctxh.care.plan"
    _description = "Care Plan"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.resident.record.mixin"]
    _ctxh_action_fields = ("state", "approver_id", "approval_date", "version", "previous_plan_id", "next_plan_id")
    # what the director approved: changed only by a new version (action_review)
    _APPROVED = ("resident_id", "stay_id", "assessment_id", "date_start", "goal_ids", "intervention_ids")
    _ctxh_frozen = {
        "submitted": ("goal_ids", "intervention_ids"),  # sent back to draft to be changed
        "approved": _APPROVED,
        "in_progress": _APPROVED,
        "closed": ALL,
    }
    _ctxh_free_fields = ("note",)
    _order = "resident_id, version desc, id desc"
    _check_company_auto = True

    assessment_id = fields.Many2one("ctxh.assessment", string="Assessment", check_company=True,
                                    domain="[('resident_id', '=', resident_id)]")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, index=True,
                              tracking=True, help="Case worker in charge of the plan.")
    date_start = fields.Date(string="Start", default=lambda self: self.env.company._ctxh_today())
    review_date = fields.Date(tracking=True, help="Date by which the team reviews the plan.")
    goal_ids = fields.One2many("ctxh.care.plan.goal", "plan_id", string="Goals", copy=True)
    intervention_ids = fields.One2many("ctxh.care.plan.intervention", "plan_id", string="Interventions",
                                       copy=True)
    goal_count = fields.Integer(compute="_compute_goal_progress")
    goal_achieved_count = fields.Integer(compute="_compute_goal_progress", string="Goals Achieved")
    note = fields.Html(string="Notes")
    version = fields.Integer(default=1, required=True, readonly=True, copy=False)
    previous_plan_id = fields.Many2one("ctxh.care.plan", string="Previous Version", readonly=True, copy=False,
                                       index=True, check_company=True)
    next_plan_id = fields.Many2one("ctxh.care.plan", string="Next Version", readonly=True, copy=False,
                                   check_company=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("in_progress", "In progress"),
            ("closed", "Closed"),
        ],
        default="draft", required=True, tracking=True, copy=False, index=True,
        group_expand=True,
    )
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False, tracking=True)
    approval_date = fields.Date(readonly=True, copy=False, tracking=True)
    review_overdue = fields.Boolean(compute="_compute_review_overdue")

    _sql_constraints = [
        ("version_positive", "CHECK (version > 0)", "A care plan version starts at 1."),
    ]

    @api.depends("resident_id.name", "version")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._("%(person)s - v%(version)s", person=plan.resident_id.name or "",
                                           version=plan.version)


    @api.depends("goal_ids.status")
    def _compute_goal_progress(self):
        for plan in self:
            plan.goal_count = len(plan.goal_ids)
            plan.goal_achieved_count = len(plan.goal_ids.filtered(lambda g: g.status == "achieved"))

    @api.depends("review_date", "state")
    def _compute_review_overdue(self):
        for plan in self:
            plan.review_overdue = bool(plan.state in self._review_states() and plan.review_date
                                       and plan.review_date < plan.company_id._ctxh_today())

    @api.model
    def _review_states(self):
        """States in which a plan is in force and due for review."""
        return ("approved", "in_progress")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        for plan in self:
            if not plan.goal_ids:
                raise UserError(self.env._("Set at least one goal in the care plan of %s.", plan.resident_id.name))
            if not plan.review_date:
                raise UserError(self.env._("Set the review date of the care plan of %s.", plan.resident_id.name))
        return self._ctxh_action_write({"state": "submitted"})

    def action_approve(self):
        """The facility head approves the plan (Circular 02/2020, step 2)."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("submitted")
        return self._ctxh_action_write({
            "state": "approved",
            "approver_id": self.env.user.id,
            "approval_date": self.company_id[:1]._ctxh_today(),
        })

    def action_reset_draft(self):
        """Send a submitted plan back to its author for changes."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("submitted")
        return self._ctxh_action_write({"state": "draft"})

    def action_start(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("approved")
        return self._ctxh_action_write({"state": "in_progress"})

    def action_close(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("approved", "in_progress")
        return self._ctxh_action_write({"state": "closed"})

    def action_review(self):
        """Close this version and open the next one as a draft with the same goals and interventions."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state(*self._review_states())
        today = self.company_id._ctxh_today()
        months = int(self.env["ctxh.legal.parameter"]._get_value("care_plan_review_months", 3))
        next_plans = self.browse()
        for plan in self:
            next_plan = plan._ctxh_as_action().copy(plan._prepare_next_version_vals(today, months))
            plan._ctxh_action_write({"state": "closed", "next_plan_id": next_plan.id})
            plan.message_post(body=self.env._("Reviewed: version %s opened.", next_plan.version))
            plan.activity_feedback(["ctxh_residents.mail_activity_type_ctxh_reminder"])
            next_plans |= next_plan
        if len(next_plans) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "ctxh.care.plan",
                "res_id": next_plans.id,
                "view_mode": "form",
            }
        return True

    def _prepare_next_version_vals(self, today, months):
        self.ensure_one()
        return {
            "version": self.version + 1,
            "previous_plan_id": self.id,
            "stay_id": self.stay_id.id,
            "date_start": today,
            "review_date": today + relativedelta(months=months),
        }

    def action_view_previous(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ctxh.care.plan",
            "res_id": self.previous_plan_id.id,
            "view_mode": "form",
        }

    def action_view_next(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ctxh.care.plan",
            "res_id": self.next_plan_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduled jobs
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_review_due_domain(self, today):
        """Plans in force whose review date is within the warning days of the legal parameter, or past: the
        reminder job and the overview count the same plans."""
        warning_days = int(self.env["ctxh.legal.parameter"]._get_value("care_plan_review_warning_days", 7))
        return [("state", "in", self._review_states()), ("review_date", "!=", False),
                ("review_date", "<=", today + relativedelta(days=warning_days))]

    @api.model
    def _cron_review_reminders(self):
        """Remind the responsible case worker of reviews coming soon and of reviews overdue."""
        today = self.env.company._ctxh_today()
        plans = self.search(self._ctxh_review_due_domain(today))
        overdue = plans.filtered(lambda p: p.review_date < today)

        def responsible(plan):
            return plan.user_id or plan.stay_id.case_worker_id or plan.company_id.ctxh_director_id

        (plans - overdue)._ctxh_remind(self.env._("Care plan review due soon"), responsible)
        overdue._ctxh_remind(self.env._("Care plan review overdue"), responsible)
