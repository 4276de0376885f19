from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, CARE, MEDICAL

# report kind: (its XLSX report action, the group that may print it; directors hold every group)
REPORTS = {
    "statistics": ("ctxh_reports.ctxh_report_statistics_xlsx", CARE),
    "register": ("ctxh_reports.ctxh_report_register_xlsx", CARE),
    "attendance": ("ctxh_reports.ctxh_report_attendance_xlsx", CARE),
    "medication": ("ctxh_reports.ctxh_report_medication_xlsx", MEDICAL),
    "billing": ("ctxh_reports.ctxh_report_billing_xlsx", ACCOUNTANT),
    "allowance": ("ctxh_reports.ctxh_report_allowance_xlsx", ACCOUNTANT),
    "activity": ("ctxh_reports.ctxh_report_activity_xlsx", CARE),
}
# months covered by each kind of period, and the selector that says which one of the year
PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
MIN_YEAR, MAX_YEAR = 2000, 2100


class CtxhReportWizard(models.TransientModel):
    """Facilities, a period and a statutory report: printed as an XLSX workbook."""

    _name = "ctxh.report.wizard"
    _description = "Statutory Report"

    report_kind = fields.Selection(
        [
            ("statistics", "Facility statistics"),
            ("register", "Resident register"),
            ("attendance", "Activity attendance"),
            ("medication", "Medication administration compliance"),
            ("billing", "Billing and collections"),
            ("allowance", "State allowances"),
            ("activity", "Social work activity"),
        ],
        string="Report", required=True, default="statistics",
    )
    company_ids = fields.Many2many(
        "res.company", string="Facilities", required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    # the activity report is cut by office: none chosen, every office and the centre's own work
    office_ids = fields.Many2many(
        "ctxh.office", string="Offices",
        domain="[('company_id', 'in', company_ids)]",
        help="Only these offices' work; leave empty for every office and the centre's own work.")
    period_kind = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("half", "Half-year"), ("year", "Year"),
         ("custom", "Custom dates")],
        string="Period", required=True, default="month",
    )
    year = fields.Integer(required=True, default=lambda self: self.env.company._ctxh_today().year)
    month = fields.Selection(
        [("1", "January"), ("2", "February"), ("3", "March"), ("4", "April"), ("5", "May"), ("6", "June"),
         ("7", "July"), ("8", "August"), ("9", "September"), ("10", "October"), ("11", "November"),
         ("12", "December")],
        default=lambda self: str(self.env.company._ctxh_today().month),
    )
    quarter = fields.Selection(
        [("1", "Quarter 1"), ("2", "Quarter 2"), ("3", "Quarter 3"), ("4", "Quarter 4")],
        default=lambda self: str((self.env.company._ctxh_today().month - 1) // 3 + 1),
    )
    half = fields.Selection(
        [("1", "First half"), ("2", "Second half")], string="Half-year",
        default=lambda self: "1" if self.env.company._ctxh_today().month <= 6 else "2",
    )
    date_from = fields.Date(string="From", compute="_compute_dates", store=True, readonly=False, precompute=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True, readonly=False, precompute=True)

    @api.depends("period_kind", "year", "month", "quarter", "half")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period_kind == "custom" and wizard.date_from and wizard.date_to:
                continue  # the user's own dates
            if MIN_YEAR <= wizard.year <= MAX_YEAR:
                wizard.date_from, wizard.date_to = wizard._period_bounds()
            else:
                wizard.date_from = wizard.date_to = False  # _check_dates explains

    def _period_bounds(self):
        """First and last day of the chosen month, quarter, half-year or year (a month for custom dates)."""
        self.ensure_one()
        kind = self.period_kind if self.period_kind in PERIOD_MONTHS else "month"
        selector = {"month": self.month, "quarter": self.quarter, "half": self.half, "year": "1"}[kind]
        months = PERIOD_MONTHS[kind]
        start = date(self.year, (int(selector or 1) - 1) * months + 1, 1)
        return start, start + relativedelta(months=months, days=-1)

    @api.constrains("year", "date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if not MIN_YEAR <= wizard.year <= MAX_YEAR:
                raise ValidationError(self.env._("Enter a year between %(min)s and %(max)s.",
                                                 min=MIN_YEAR, max=MAX_YEAR))
            if not (wizard.date_from and wizard.date_to):
                raise ValidationError(self.env._("Enter the first and the last day of the period."))
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._(
                    "The period ends on %(date_to)s, before it starts on %(date_from)s: "
                    "the end date must be on or after the start date.",
                    date_to=wizard.date_to.strftime("%d/%m/%Y"), date_from=wizard.date_from.strftime("%d/%m/%Y")))

    # ------------------------------------------------------------------
    # Printing
    # ------------------------------------------------------------------
    def _ctxh_check_print(self, report_kind=None):
        """Refuse a report that the user's groups do not allow, or a facility the user does not work in.
        Return the facilities to report on, read as the user."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(REPORTS[report_kind or self.report_kind][1])
        # sudo: the company rule would hide from the user exactly the facilities to refuse
        companies = self.sudo().company_ids
        if not companies:
            raise UserError(self.env._("Choose at least one facility."))
        outside = companies - self.env.user.company_ids
        if outside and not self.env.su:
            raise AccessError(self.env._("You do not work in %s: you cannot report on it.",
                                         ", ".join(outside.mapped("name"))))
        return self.env["res.company"].browse(companies.ids)

    def _ctxh_report_filename(self):
        """Name of the downloaded file: the report and its period."""
        self.ensure_one()
        label = dict(self._fields["report_kind"]._description_selection(self.env))[self.report_kind]
        return f"{label} {self.date_from:%d-%m-%Y} - {self.date_to:%d-%m-%Y}"

    def action_print(self):
        self.ensure_one()
        self._ctxh_check_print()
        action = self.env.ref(REPORTS[self.report_kind][0]).report_action(self, config=False)
        return {**action, "close_on_report_download": True}
