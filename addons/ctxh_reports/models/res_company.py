
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, CARE, DIRECTOR, MEDICAL

# figure of the overview card: (group that may open it, action showing its records)
DASHBOARD_ACTIONS = {
    "bed": (CARE, "ctxh_residents.ctxh_bed_action"),
    "bed_free": (CARE, "ctxh_residents.ctxh_bed_action"),
    "bed_free_female": (CARE, "ctxh_residents.ctxh_bed_action"),
    "bed_free_male": (CARE, "ctxh_residents.ctxh_bed_action"),
    "admission_month": (CARE, "ctxh_residents.ctxh_stay_action"),
    "discharge_month": (CARE, "ctxh_residents.ctxh_stay_action"),
    "emergency_near": (CARE, "ctxh_residents.ctxh_stay_action"),
    "emergency_past": (CARE, "ctxh_residents.ctxh_stay_action"),
    "followup_overdue": (CARE, "ctxh_residents.ctxh_followup_action"),
    "review_due": (CARE, "ctxh_care.ctxh_care_plan_action"),
    "dose_overdue": (MEDICAL, "ctxh_care.ctxh_medication_administration_action"),
    "admission_pending": (DIRECTOR, "ctxh_residents.ctxh_admission_action"),
    "plan_pending": (DIRECTOR, "ctxh_care.ctxh_care_plan_action"),
    "discharge_pending": (DIRECTOR, "ctxh_residents.ctxh_discharge_action"),
}


class ResCompany(models.Model):
    """The overview screen: one card per facility with what needs attention today."""

    _inherit = "res.company"

    ctxh_bed_count = fields.Integer(string="Beds", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_bed_free_count = fields.Integer(string="Free Beds", compute="_compute_ctxh_dashboard_care", groups=CARE)
    # a free bed in a men's room is no bed for a woman: the free beds each may use (rooms for all count for both)
    ctxh_bed_free_female_count = fields.Integer(
        string="Free Beds for Women", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_bed_free_male_count = fields.Integer(
        string="Free Beds for Men", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_admission_month_count = fields.Integer(
        string="Admitted This Month", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_discharge_month_count = fields.Integer(
        string="Left This Month", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_emergency_near_count = fields.Integer(
        string="Emergency Stays Near Their Limit", compute="_compute_ctxh_dashboard_care", groups=CARE,
        help="Emergency stays whose planned end is today or within the warning days of the legal parameter.")
    ctxh_emergency_past_count = fields.Integer(
        string="Emergency Stays Past Their Limit", compute="_compute_ctxh_dashboard_care", groups=CARE,
        help="Emergency stays still open after their planned end: a discharge or an extension is due.")
    ctxh_followup_overdue_count = fields.Integer(
        string="Overdue Follow-up Visits", compute="_compute_ctxh_dashboard_care", groups=CARE)
    ctxh_review_due_count = fields.Integer(
        string="Care Plan Reviews Due", compute="_compute_ctxh_dashboard_care", groups=CARE,
        help="Care plans in force whose review date is within the warning days, or past.")
    ctxh_dose_overdue_count = fields.Integer(
        string="Overdue Doses", compute="_compute_ctxh_dashboard_medical", groups=MEDICAL)
    # what waits for the director's signature: the first thing a director looks for in the morning
    ctxh_admission_pending_count = fields.Integer(
        string="Admissions Awaiting a Decision", compute="_compute_ctxh_dashboard_director", groups=DIRECTOR)
    ctxh_plan_pending_count = fields.Integer(
        string="Care Plans Awaiting Approval", compute="_compute_ctxh_dashboard_director", groups=DIRECTOR)
    ctxh_discharge_pending_count = fields.Integer(
        string="Discharges Awaiting Approval", compute="_compute_ctxh_dashboard_director", groups=DIRECTOR)
    ctxh_receivable_overdue = fields.Monetary(
        string="Overdue Care Fees", compute="_compute_ctxh_dashboard_money", groups=ACCOUNTANT,
        currency_field="currency_id")
    ctxh_receivable_total = fields.Monetary(
        string="Care Fees Outstanding", compute="_compute_ctxh_dashboard_money", groups=ACCOUNTANT,
        currency_field="currency_id")

    # ------------------------------------------------------------------
    # Figures: one grouped query per figure for all the facilities shown
    # ------------------------------------------------------------------
    def _ctxh_count_by_company(self, model, domain):
        return dict(self.env[model]._read_group([*domain, ("company_id", "in", self.ids)],
                                                ["company_id"], ["__count"]))

    def _ctxh_dashboard_domains(self):
        """Domains of the care figures, shared with the actions that open their records."""
        today = (self[:1] or self.env.company)._ctxh_today()
        month_start = fields.Datetime.to_datetime(today.replace(day=1))
        # the owners' rules, shared with their reminder jobs
        emergency_near, emergency_past = self.env["ctxh.stay"]._ctxh_emergency_domains(today)
        review_due = self.env["ctxh.care.plan"]._ctxh_review_due_domain(today)
        return {
            "bed": ("ctxh.bed", []),
            "bed_free": ("ctxh.bed", [("state", "=", "free")]),
            "bed_free_female": ("ctxh.bed", [("state", "=", "free"), ("room_id.gender", "in", [False, "female"])]),
            "bed_free_male": ("ctxh.bed", [("state", "=", "free"), ("room_id.gender", "in", [False, "male"])]),
            "admission_month": ("ctxh.stay", [("date_start", ">=", month_start)]),
            "discharge_month": ("ctxh.stay", [("date_end", ">=", month_start)]),
            "emergency_near": ("ctxh.stay", emergency_near),
            "emergency_past": ("ctxh.stay", emergency_past),
            "followup_overdue": ("ctxh.followup", self.env["ctxh.followup"]._ctxh_overdue_domain(today)),
            "review_due": ("ctxh.care.plan", review_due),
            "dose_overdue": ("ctxh.medication.administration", [("is_overdue", "=", True)]),
            "admission_pending": ("ctxh.admission", [("state", "=", "submitted")]),
            "plan_pending": ("ctxh.care.plan", [("state", "=", "submitted")]),
            # a discharge is prepared as a draft and goes nowhere until the director approves it
            "discharge_pending": ("ctxh.discharge", [("state", "=", "draft")]),
        }

    def _compute_ctxh_dashboard_care(self):
        domains = self._ctxh_dashboard_domains()
        counts = {key: self._ctxh_count_by_company(*domains[key]) for key in (
            "bed", "bed_free", "bed_free_female", "bed_free_male", "admission_month", "discharge_month",
            "emergency_near", "emergency_past",
            "followup_overdue", "review_due")}
        for company in self:
            company.ctxh_bed_count = counts["bed"].get(company, 0)
            company.ctxh_bed_free_count = counts["bed_free"].get(company, 0)
            company.ctxh_bed_free_female_count = counts["bed_free_female"].get(company, 0)
            company.ctxh_bed_free_male_count = counts["bed_free_male"].get(company, 0)
            company.ctxh_admission_month_count = counts["admission_month"].get(company, 0)
            company.ctxh_discharge_month_count = counts["discharge_month"].get(company, 0)
            company.ctxh_emergency_near_count = counts["emergency_near"].get(company, 0)
            company.ctxh_emergency_past_count = counts["emergency_past"].get(company, 0)
            company.ctxh_followup_overdue_count = counts["followup_overdue"].get(company, 0)
            company.ctxh_review_due_count = counts["review_due"].get(company, 0)

    def _compute_ctxh_dashboard_medical(self):
        counts = self._ctxh_count_by_company(*self._ctxh_dashboard_domains()["dose_overdue"])
        for company in self:
            company.ctxh_dose_overdue_count = counts.get(company, 0)

    def _compute_ctxh_dashboard_director(self):
        domains = self._ctxh_dashboard_domains()
        counts = {key: self._ctxh_count_by_company(*domains[key])
                  for key in ("admission_pending", "plan_pending", "discharge_pending")}
        for company in self:
            company.ctxh_admission_pending_count = counts["admission_pending"].get(company, 0)
            company.ctxh_plan_pending_count = counts["plan_pending"].get(company, 0)
            company.ctxh_discharge_pending_count = counts["discharge_pending"].get(company, 0)

    def _compute_ctxh_dashboard_money(self):
        Report = self.env["ctxh.receivable.report"]
        domain = [("company_id", "in", self.ids)]
        total = dict(Report._read_group(domain, ["company_id"], ["amount_residual:sum"]))
        overdue = dict(Report._read_group([*domain, ("age_bucket", "!=", "not_due")], ["company_id"],
                                          ["amount_residual:sum"]))
        for company in self:
            company.ctxh_receivable_total = total.get(company, 0.0)
            company.ctxh_receivable_overdue = overdue.get(company, 0.0)

    # ------------------------------------------------------------------
    # Actions: open the records behind a figure
    # ------------------------------------------------------------------

    # it builds the list to open from the figures' domains and writes nothing: served by a read-only replica
    @api.readonly
    def action_ctxh_dashboard_open(self):
        """Open the records counted by a figure of the card; the figure is the button's context key."""
        self.ensure_one()
        key = self.env.context.get("ctxh_figure")
        if key == "receivable":
            return self._ctxh_open_receivables()
        if key not in DASHBOARD_ACTIONS:
            raise UserError(self.env._("Unknown figure of the overview: %s.", key))
        group, xmlid = DASHBOARD_ACTIONS[key]
        self.env["res.users"]._ctxh_check_group(group)
        _model, domain = self._ctxh_dashboard_domains()[key]
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update({
            "domain": [*domain, ("company_id", "=", self.id)],
            "context": {"allowed_company_ids": self._ctxh_allowed_ids()},
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
        })
        return action

    def _ctxh_open_receivables(self):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_reports.ctxh_receivable_report_action")
        action["domain"] = [("company_id", "=", self.id)]
        action["context"] = {"allowed_company_ids": self._ctxh_allowed_ids()}
        return action

    def _ctxh_allowed_ids(self):
        """The companies the user works in, with this one: the records open under their rules."""
        return list(dict.fromkeys([self.id, *self.env.companies.ids]))
