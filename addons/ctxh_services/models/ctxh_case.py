from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import flag_domain, vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR, SENSITIVE

SOURCES = [
    ("hotline", "Hotline call"),
    ("office", "Office"),
    ("collaborator", "Village collaborator"),
    ("school", "School"),
    ("referral", "Referral from another service"),
    ("self", "The person or family"),
]
RISK_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
REVIEW_DAYS = "case_review_days"  # legal parameter: days between reviews of a community case


class CtxhCase(models.Model):
    """Community case management (quản lý trường hợp) for a person living at home: intake from a call, an office,
    a collaborator, a school or a referral; assessment (ctxh_care's needs assessment); a plan of goals and
    interventions; reviews on a schedule; closure (đóng ca) with its reason and outcome; or admission to the
    facility in one action. The person is in the same registry as residents, so a case can become a stay."""

    _name = "ctxh.case"
    _description = "Community Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin", "ctxh.office.mixin",
                "ctxh.sensitive.read.mixin"]
    _ctxh_action_fields = ("state", "date_closed")
    # a closed case is history; the director reopens it (action_reopen) when the person needs help again
    _ctxh_frozen = {"closed": ALL}
    _order = "date_open desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    title = fields.Char(required=True, tracking=True, index="trigram",
                        help="A short, non-sensitive title shown in lists, e.g. 'Hỗ trợ đi học trở lại'. "
                             "What happened goes in the situation, which only sensitive-data readers see.")
    resident_id = fields.Many2one("ctxh.resident", string="Person", required=True, index=True, tracking=True,
                                  ondelete="restrict")
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    group_id = fields.Many2one("ctxh.case.group", string="Group", required=True, tracking=True, index=True)
    source = fields.Selection(SOURCES, string="Came From", required=True, default="office", tracking=True)
    hotline_call_id = fields.Many2one("ctxh.hotline.call", string="Hotline Call", check_company=True,
                                      index="btree_not_null", copy=False)
    referral_id = fields.Many2one("ctxh.referral", string="Referral", check_company=True, copy=False)
    collaborator_id = fields.Many2one("ctxh.collaborator", string="Reported by Collaborator", check_company=True,
                                      index="btree_not_null")
    reported_by = fields.Char(string="Reported By", help="Who brought the case: a teacher, a neighbour...")
    user_id = fields.Many2one("res.users", string="Case Worker", required=True, tracking=True, index=True,
                              default=lambda self: self.env.user, check_company=True)
    risk_level = fields.Selection(RISK_LEVELS, required=True, default="medium", tracking=True, index=True)
    situation = fields.Text(groups=SENSITIVE,
                            help="What happened and who is at risk: seen only by readers of sensitive data.")
    date_open = fields.Date(string="Opened On", required=True, tracking=True, index=True,
                            default=lambda self: self.env.company._ctxh_today())
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, tracking=True, index=True)
    state = fields.Selection([("open", "Open"), ("closed", "Closed")], default="open", required=True,
                             tracking=True, copy=False, index=True, group_expand=True)
    closure_reason_id = fields.Many2one("ctxh.case.closure.reason", string="Closure Reason", tracking=True,
                                        copy=False)
    outcome = fields.Text(copy=False, help="What changed for the person, at closure.")
    goal_ids = fields.One2many("ctxh.case.goal", "case_id", string="Goals")
    intervention_ids = fields.One2many("ctxh.case.intervention", "case_id", string="Interventions")
    review_ids = fields.One2many("ctxh.case.review", "case_id", string="Reviews")
    next_review_date = fields.Date(string="Next Review", compute="_compute_next_review_date", store=True,
                                   index=True, help="From the last review, or the case's opening and the days "
                                   "between reviews set as a legal parameter.")
    review_overdue = fields.Boolean(compute="_compute_review_overdue", search="_search_review_overdue")
    assessment_ids = fields.One2many("ctxh.assessment", "ctxh_case_id", string="Assessments")
    assessment_count = fields.Integer(compute="_compute_counts")
    admission_ids = fields.One2many("ctxh.admission", "ctxh_case_id", string="Admissions")
    admission_count = fields.Integer(compute="_compute_counts")

    @api.depends("name", "title")
    def _compute_display_name(self):
        for case in self:
            case.display_name = " - ".join(filter(None, [case.name if case.name != "/" else "", case.title]))

    @api.depends("date_open", "review_ids.next_review_date", "review_ids.date")
    def _compute_next_review_date(self):
        Parameter = self.env["ctxh.legal.parameter"]
        for case in self:
            last = case.review_ids.sorted(lambda r: (r.date, r.id))[-1:]
            if last.next_review_date:
                case.next_review_date = last.next_review_date
            elif case.date_open:
                start = last.date or case.date_open
                case.next_review_date = start + timedelta(days=int(Parameter._get_value(REVIEW_DAYS, 90, start)))
            else:
                case.next_review_date = False

    def _ctxh_review_overdue_domain(self, today):
        """Open cases whose review date has passed: the search, the cron and the office card share it."""
        return [("state", "=", "open"), ("next_review_date", "<", today)]

    def _compute_review_overdue(self):
        for case in self:
            today = case.company_id._ctxh_today()
            case.review_overdue = case.state == "open" and bool(case.next_review_date) \
                and case.next_review_date < today

    def _search_review_overdue(self, operator, value):
        return flag_domain(self._ctxh_review_overdue_domain(self.env.company._ctxh_today()), operator, value,
                           self.env._("Search overdue reviews with 'is set' or 'is not set'."))

    def _compute_counts(self):
        assessments = dict(self.env["ctxh.assessment"]._read_group(
            [("ctxh_case_id", "in", self.ids)], ["ctxh_case_id"], ["__count"]))
        admissions = dict(self.env["ctxh.admission"]._read_group(
            [("ctxh_case_id", "in", self.ids)], ["ctxh_case_id"], ["__count"]))
        for case in self:
            case.assessment_count = assessments.get(case, 0)
            case.admission_count = admissions.get(case, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.case") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_close(self):
        """Close the case (đóng ca): its reason and outcome must be written first; the plan is frozen with it."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("open")
        for case in self:
            if not case.closure_reason_id or not (case.outcome or "").strip():
                raise UserError(self.env._(
                    "Case %s: choose the closure reason and write the outcome before closing it.",
                    case.display_name))
            case._ctxh_action_write({"state": "closed", "date_closed": case.company_id._ctxh_today()})
            case.activity_unlink(["ctxh_services.mail_activity_type_ctxh_case_review"])
        return True

    def action_reopen(self):
        """The director reopens a closed case when the person needs help again; the closure is kept in the
        chatter."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("closed")
        return self._ctxh_action_write({"state": "open", "date_closed": False})

    def action_admit(self):
        """Open a new admission of the person to the facility, prefilled from the case and linked to it."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("open")
        context = {
            "default_company_id": self.company_id.id,
            "default_resident_id": self.resident_id.id,
            "default_ctxh_case_id": self.id,
            "default_source": "hotline" if self.source == "hotline" else "other",
        }
        if self.hotline_call_id:
            context["default_ctxh_hotline_call_id"] = self.hotline_call_id.id
        if self.env.user.has_group(SENSITIVE):
            # the situation of an admission is sensitive like the case's
            context["default_situation"] = self.situation
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Admit to Facility"),
            "res_model": "ctxh.admission",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_new_assessment(self):
        """Assess the person's needs with ctxh_care's needs assessment, linked to the case."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("open")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Needs Assessment"),
            "res_model": "ctxh.assessment",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_resident_id": self.resident_id.id, "default_ctxh_case_id": self.id},
        }

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_care.ctxh_assessment_action")
        action["domain"] = [("ctxh_case_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.resident_id.id, "default_ctxh_case_id": self.id}
        return action

    def action_view_admissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_admission_action")
        action["domain"] = [("ctxh_case_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_review_reminders(self):
        """An activity for the case worker on each open case whose review is due, once per case."""
        activity_type = self.env.ref("ctxh_services.mail_activity_type_ctxh_case_review")
        cases = self.sudo().search(self._ctxh_review_overdue_domain(self.env["res.company"]._ctxh_today()))
        reminded = set(self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", cases.ids),
            ("activity_type_id", "=", activity_type.id)]).mapped("res_id"))
        for case in cases.filtered(lambda c: c.id not in reminded):
            case.activity_schedule(
                "ctxh_services.mail_activity_type_ctxh_case_review", date_deadline=case.next_review_date,
                summary=self.env._("Review of case %(case)s due on %(date)s", case=case.display_name,
                                   date=vn_date(case.next_review_date)),
                user_id=case.user_id.id)
        return True
