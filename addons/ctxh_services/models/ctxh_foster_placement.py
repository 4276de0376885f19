from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import flag_domain, lock_rows, vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR, SENSITIVE

# legal parameters (dated data)
EMERGENCY_MONTHS = "foster_emergency_months"  # longest emergency placement
EMERGENCY_WARNING_DAYS = "foster_emergency_warning_days"  # alert this many days before its end
VISIT_DAYS = "foster_visit_days"  # days between two monitoring visits

END_REASONS = [
    ("returned", "Returned to the family"),
    ("regular", "Moved to regular care in the community"),
    ("admitted", "Admitted to a facility"),
    ("adopted", "Adopted"),
    ("independent", "Lives independently"),
    ("family_stopped", "The foster family stopped"),
    ("unsafe", "Not safe with the family"),
    ("died", "Died"),
    ("other", "Other"),
]


class CtxhFosterPlacement(models.Model):
    """A child or person placed with an approved foster family (nhận chăm sóc, nuôi dưỡng tại cộng đồng), decided
    by the director: an emergency placement lasts at most the months the law allows (dated data), with alerts
    before its end; monitoring visits on a schedule; the monthly support on the foster support sheet; the end
    with its reason."""

    _name = "ctxh.foster.placement"
    _description = "Foster Placement"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin", "ctxh.office.mixin",
                "ctxh.sensitive.read.mixin"]
    _ctxh_action_fields = ("state", "approved_by_id", "approved_date", "date_end")
    _ctxh_frozen = {
        "active": ("resident_id", "family_id", "kind", "date_start", "company_id"),
        "ended": ALL, "cancelled": ALL,
    }
    _ctxh_free_fields = ("note",)
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    resident_id = fields.Many2one("ctxh.resident", string="Person", required=True, index=True, tracking=True,
                                  ondelete="restrict")
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    family_id = fields.Many2one("ctxh.foster.family", string="Foster Family", required=True, index=True,
                                tracking=True, check_company=True, ondelete="restrict",
                                domain="[('state', '=', 'approved')]")
    case_id = fields.Many2one("ctxh.case", string="Community Case", check_company=True, index="btree_not_null",
                              domain="[('resident_id', '=', resident_id)]")
    user_id = fields.Many2one("res.users", string="Social Worker", required=True, tracking=True, index=True,
                              default=lambda self: self.env.user, check_company=True,
                              help="Visits the family and is reminded of visits and of the end of the placement.")
    kind = fields.Selection([("emergency", "Emergency"), ("regular", "Regular")], required=True,
                            default="emergency", tracking=True, index=True)
    reason = fields.Text(string="Why the Person Needs Care", groups=SENSITIVE,
                         help="Seen only by readers of sensitive data.")
    date_start = fields.Date(string="Start", required=True, tracking=True, index=True,
                             default=lambda self: self.env.company._ctxh_today())
    date_limit = fields.Date(string="Emergency Limit", compute="_compute_date_limit", store=True, index=True,
                             help="Last day of an emergency placement: the start plus the months the law allows "
                                  "(a dated legal parameter).")
    date_end = fields.Date(string="Ended On", readonly=True, copy=False, tracking=True, index=True)
    end_reason = fields.Selection(END_REASONS, tracking=True, copy=False)
    end_note = fields.Text(string="Outcome", copy=False)
    state = fields.Selection([("draft", "Proposed"), ("active", "In Care"), ("ended", "Ended"),
                              ("cancelled", "Cancelled")], default="draft", required=True, tracking=True,
                             copy=False, index=True, group_expand=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved On", readonly=True, copy=False)
    visit_ids = fields.One2many("ctxh.foster.visit", "placement_id", string="Monitoring Visits")
    next_visit_date = fields.Date(string="Next Visit", compute="_compute_next_visit_date", store=True, index=True)
    limit_near = fields.Boolean(compute="_compute_alerts", search="_search_limit_near",
                                string="Emergency Limit Near")
    visit_overdue = fields.Boolean(compute="_compute_alerts", search="_search_visit_overdue")
    note = fields.Text()

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A placement cannot end before it starts."),
    ]

    def init(self):
        # a person is in the care of one family at a time, whatever door or transaction places them
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS ctxh_foster_placement_one_active
                ON ctxh_foster_placement (resident_id) WHERE state = 'active'
        """)

    @api.depends("name", "resident_id.name", "family_id.name")
    def _compute_display_name(self):
        for placement in self:
            placement.display_name = " - ".join(filter(None, [
                placement.name if placement.name != "/" else "", placement.resident_id.name,
                placement.family_id.name]))

    @api.depends("kind", "date_start")
    def _compute_date_limit(self):
        Parameter = self.env["ctxh.legal.parameter"]
        for placement in self:
            if placement.kind == "emergency" and placement.date_start:
                months = int(Parameter._get_value(EMERGENCY_MONTHS, 3, placement.date_start))
                placement.date_limit = placement.date_start + relativedelta(months=months, days=-1)
            else:
                placement.date_limit = False

    @api.depends("date_start", "visit_ids.date", "visit_ids.next_visit_date")
    def _compute_next_visit_date(self):
        Parameter = self.env["ctxh.legal.parameter"]
        for placement in self:
            last = placement.visit_ids.sorted(lambda v: (v.date, v.id))[-1:]
            if last.next_visit_date:
                placement.next_visit_date = last.next_visit_date
            elif placement.date_start:
                start = last.date or placement.date_start
                placement.next_visit_date = start + timedelta(days=int(Parameter._get_value(VISIT_DAYS, 30, start)))
            else:
                placement.next_visit_date = False

    # the alerts: one domain each, shared by the searches, the computes and the daily job
    @api.model
    def _ctxh_limit_near_domain(self, today):
        days = int(self.env["ctxh.legal.parameter"]._get_value(EMERGENCY_WARNING_DAYS, 10, today))
        return [("state", "=", "active"), ("kind", "=", "emergency"),
                ("date_limit", "<=", today + timedelta(days=days))]

    @api.model
    def _ctxh_visit_overdue_domain(self, today):
        return [("state", "=", "active"), ("next_visit_date", "<", today)]

    def _compute_alerts(self):
        today = self.env["res.company"]._ctxh_today()
        near = self.filtered_domain(self._ctxh_limit_near_domain(today))
        overdue = self.filtered_domain(self._ctxh_visit_overdue_domain(today))
        for placement in self:
            placement.limit_near = placement in near
            placement.visit_overdue = placement in overdue

    def _ctxh_alert_search(self, domain, operator, value):
        return flag_domain(domain, operator, value, self.env._("Search this alert with 'is set' or 'is not set'."))

    def _search_limit_near(self, operator, value):
        return self._ctxh_alert_search(self._ctxh_limit_near_domain(self.env["res.company"]._ctxh_today()),
                                       operator, value)

    def _search_visit_overdue(self, operator, value):
        return self._ctxh_alert_search(self._ctxh_visit_overdue_domain(self.env["res.company"]._ctxh_today()),
                                       operator, value)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.foster.placement") or "/"
            # the family's office follows its placements, unless one is chosen
            if "office_id" not in vals and vals.get("family_id"):
                vals["office_id"] = self.env["ctxh.foster.family"].browse(vals["family_id"]).office_id.id
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        """The director places the person: the family is approved for this kind of care and has room."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        # two placements with one family decided at once wait for each other here, so the room is counted once
        lock_rows(self.family_id)
        self._ctxh_check_state("draft")
        for placement in self:
            family = placement.family_id
            if family.state != "approved":
                raise UserError(self.env._("%s is not an approved foster family.", family.display_name))
            if family.care_kind not in ("both", placement.kind):
                raise UserError(self.env._("%(family)s is approved for %(care)s care only.", family=family.name,
                                           care=dict(self.env["ctxh.foster.family"]._fields["care_kind"]
                                                     ._description_selection(self.env))[family.care_kind]))
            # said in words before the unique index answers (it holds when two decisions meet)
            if self.search_count([("resident_id", "=", placement.resident_id.id), ("state", "=", "active")]):
                raise UserError(self.env._("%s is already in the care of a foster family.",
                                           placement.resident_id.name))
            in_care = self.search_count([("family_id", "=", family.id), ("state", "=", "active")])
            if in_care >= family.capacity:
                raise UserError(self.env._("%(family)s already cares for %(count)s people, its capacity.",
                                           family=family.name, count=in_care))
            placement._ctxh_action_write({"state": "active", "approved_by_id": self.env.uid,
                                          "approved_date": placement.company_id._ctxh_today()})
        return True

    def action_end(self):
        """End the placement with its reason and outcome, on the day it is recorded."""
        self.env["res.users"]._ctxh_check_group(CARE)
        lock_rows(self)
        self._ctxh_check_state("active")
        for placement in self:
            if not placement.end_reason:
                raise UserError(self.env._("Placement %s: choose why it ends first.", placement.display_name))
            placement._ctxh_action_write({"state": "ended", "date_end": max(
                placement.date_start, placement.company_id._ctxh_today())})
            placement.activity_unlink(["ctxh_services.mail_activity_type_ctxh_foster_alert"])
        return True

    def action_cancel(self):
        """A proposal the director did not take up."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        return self._ctxh_action_write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_alerts(self):
        """An activity for the social worker on each placement whose emergency limit is near and on each whose
        visit is overdue, once per placement and alert."""
        today = self.env["res.company"]._ctxh_today()
        activity_type = self.env.ref("ctxh_services.mail_activity_type_ctxh_foster_alert")
        existing = {(a.res_id, a.summary) for a in self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)])}
        alerts = [
            (self._ctxh_limit_near_domain(today), "date_limit",
             lambda p: self.env._("Emergency placement %(ref)s ends on %(date)s", ref=p.name,
                                  date=vn_date(p.date_limit))),
            (self._ctxh_visit_overdue_domain(today), "next_visit_date",
             lambda p: self.env._("Visit of placement %(ref)s due on %(date)s", ref=p.name,
                                  date=vn_date(p.next_visit_date))),
        ]
        for domain, deadline, summary_of in alerts:
            for placement in self.sudo().search(domain):
                summary = summary_of(placement)
                if (placement.id, summary) not in existing:
                    placement.activity_schedule("ctxh_services.mail_activity_type_ctxh_foster_alert",
                                                date_deadline=placement[deadline], summary=summary,
                                                user_id=placement.user_id.id)
        return True
