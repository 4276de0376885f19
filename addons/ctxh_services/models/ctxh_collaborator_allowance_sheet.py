import calendar

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR

BASE_SALARY = "base_salary"  # legal parameter: the base salary (lương cơ sở), VND a month


class CtxhCollaboratorAllowanceSheet(models.Model):
    """The month's allowances of a facility's village collaborators: coefficient (the province's dated rate) x
    the base salary in force on the month's first day, prorated by the days the collaborator worked in the month;
    computed by the accountant, approved by the director, then exported for payment."""

    _name = "ctxh.collaborator.allowance.sheet"
    _description = "Collaborators' Allowance Sheet"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "approved_by_id", "approved_date")
    _ctxh_frozen = {"approved": ALL}
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a sheet not yet approved"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Month", required=True, tracking=True,
                            default=lambda self: self.env.company._ctxh_today().replace(day=1))
    office_id = fields.Many2one("ctxh.office", string="Office", check_company=True,
                                help="Only this office's collaborators; empty for all of the facility's.")
    state = fields.Selection([("draft", "Draft"), ("computed", "Computed"), ("approved", "Approved")],
                             default="draft", required=True, tracking=True, copy=False, index=True)
    line_ids = fields.One2many("ctxh.collaborator.allowance.line", "sheet_id", string="Lines", copy=False)
    amount_total = fields.Monetary(compute="_compute_total", string="Total", currency_field="currency_id")
    amount_total_words = fields.Char(compute="_compute_total", string="In Words")
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved On", readonly=True, copy=False)
    note = fields.Text()

    # one sheet per month and office (NULLs distinct in PostgreSQL: the facility-wide sheet has its own index)
    _sql_constraints = [
        ("month_office_uniq", "unique(company_id, date_from, office_id)",
         "This office already has a collaborators' sheet for this month."),
    ]

    def init(self):
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS ctxh_collaborator_allowance_sheet_month_all_uniq
                ON ctxh_collaborator_allowance_sheet (company_id, date_from) WHERE office_id IS NULL
        """)

    @api.depends("date_from", "office_id.name")
    def _compute_display_name(self):
        for sheet in self:
            month = sheet.date_from.strftime("%m/%Y") if sheet.date_from else ""
            sheet.display_name = " - ".join(filter(None, [
                self.env._("Collaborators' allowances %(month)s", month=month), sheet.office_id.name]))

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for sheet in self:
            total = sum(sheet.line_ids.mapped("amount"))
            sheet.amount_total = total
            sheet.amount_total_words = sheet.currency_id.ctxh_amount_to_words(total) \
                if sheet.line_ids and sheet.currency_id else False

    @api.constrains("company_id", "date_from", "office_id")
    def _check_one_per_month(self):
        for sheet in self:
            sheet._ctxh_check_month_free(sheet.company_id, sheet.date_from, sheet.office_id, sheet.id)

    @api.model
    def _ctxh_check_month_free(self, company, month, office, own_id=None):
        """Said in words, before PostgreSQL's unique indexes (which hold it when two users save at once) would
        answer with an SQL error."""
        if self.sudo().search_count([("id", "!=", own_id), ("company_id", "=", company.id),
                                     ("date_from", "=", month), ("office_id", "=", office.id)]):
            # no f-string in the call: Babel's extractor loses the rest of the file's terms after one
            where = " - ".join(filter(None, [company.name, office.name]))
            raise ValidationError(self.env._("%(where)s already has a collaborators' sheet for %(month)s.",
                                             where=where, month=month.strftime("%m/%Y")))

    @api.constrains("date_from")
    def _check_date_from(self):
        if any(sheet.date_from.day != 1 for sheet in self):
            raise ValidationError(self.env._("A collaborators' sheet covers a calendar month: start it on the 1st."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                self._ctxh_check_month_free(company, vals["date_from"],
                                            self.env["ctxh.office"].browse(vals.get("office_id")))
        return super().create(vals_list)

    def _ctxh_deletable_records(self):
        return self.filtered(lambda sheet: sheet.state != "approved")

    def _ctxh_month(self):
        self.ensure_one()
        last = self.date_from + relativedelta(months=1, days=-1)
        return self.date_from, last, calendar.monthrange(self.date_from.year, self.date_from.month)[1]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """One line per collaborator who worked in the month: the province's rate and the base salary in force
        on the 1st, prorated by days (a collaborator who started on the 16th of a 30-day month gets 15/30).
        Running it again rebuilds the lines of a sheet not yet approved."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("draft", "computed")
        Parameter = self.env["ctxh.legal.parameter"]
        for sheet in self:
            first, last, days = sheet._ctxh_month()
            base = Parameter._get_value(BASE_SALARY, 0.0, first)
            rate = self.env["ctxh.collaborator.rate"]._ctxh_rate(sheet.company_id.state_id, first)
            if not base or not rate:
                raise UserError(self.env._(
                    "No base salary or collaborator rate is in force on %(date)s for %(province)s: add them under "
                    "Configuration first.", date=first.strftime("%d/%m/%Y"),
                    province=sheet.company_id.state_id.name or sheet.company_id.name))
            domain = [("company_id", "=", sheet.company_id.id)]
            if sheet.office_id:
                domain.append(("office_id", "=", sheet.office_id.id))
            collaborators = self.env["ctxh.collaborator"].with_context(active_test=False).search(domain)
            vals_list = []
            for collaborator in collaborators._ctxh_active_in(first, last):
                start = max(first, collaborator.date_start)
                end = min(last, collaborator.date_end or last)
                worked = (end - start).days + 1
                vals_list.append({
                    "sheet_id": sheet.id, "collaborator_id": collaborator.id, "coefficient": rate.coefficient,
                    "base_salary": base, "days": worked, "days_in_month": days,
                    "amount": sheet.currency_id.round(rate.coefficient * base * worked / days),
                    "legal_basis": rate.legal_basis,
                })
            sheet._ctxh_as_action().line_ids.unlink()
            self.env["ctxh.collaborator.allowance.line"]._ctxh_as_action().create(vals_list)
        return self._ctxh_action_write({"state": "computed"})

    def action_approve(self):
        """The director approves the sheet; it is then paid as it stands."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("computed")
        for sheet in self:
            sheet._ctxh_action_write({"state": "approved", "approved_by_id": self.env.uid,
                                      "approved_date": sheet.company_id._ctxh_today()})
        return True

    def action_reset_draft(self):
        """Back to draft before the approval; an approved sheet stays approved."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("computed")
        return self._ctxh_action_write({"state": "draft"})
