from odoo import api, fields, models
from odoo.exceptions import UserError

BASE_SALARY = "base_salary"  # legal parameter: the base salary (lương cơ sở), VND a month


class CtxhCollaboratorAllowanceSheet(models.Model):
    """The month's allowances of a facility's village collaborators: coefficient (the province's dated rate) x
    the base salary in force on the month's first day, prorated by the days the collaborator worked in the month;
    computed by the accountant, approved by the director, then exported for payment (ctxh.month.sheet.mixin)."""

    _name = "ctxh.collaborator.allowance.sheet"
    _description = "Collaborators' Allowance Sheet"
    _inherit = ["ctxh.month.sheet.mixin"]
    _ctxh_sheet_scope = ("office_id",)

    office_id = fields.Many2one("ctxh.office", string="Office", check_company=True,
                                help="Only this office's collaborators; empty for all of the facility's.")
    line_ids = fields.One2many("ctxh.collaborator.allowance.line", "sheet_id", string="Lines", copy=False)

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

    @api.constrains("office_id")
    def _check_one_per_month_office(self):
        self._check_one_per_month()

    def _ctxh_compute_lines(self):
        """One line per collaborator who worked in the month: the province's rate and the base salary in force
        on the 1st, prorated by days (a collaborator who started on the 16th of a 30-day month gets 15/30)."""
        self.ensure_one()
        first, last, days = self._ctxh_month()
        base = self.env["ctxh.legal.parameter"]._get_value(BASE_SALARY, 0.0, first)
        rate = self.env["ctxh.collaborator.rate"]._ctxh_rate(self.company_id.state_id, first)
        if not base or not rate:
            raise UserError(self.env._(
                "No base salary or collaborator rate is in force on %(date)s for %(province)s: add them under "
                "Configuration first.", date=first.strftime("%d/%m/%Y"),
                province=self.company_id.state_id.name or self.company_id.name))
        domain = [("company_id", "=", self.company_id.id)]
        if self.office_id:
            domain.append(("office_id", "=", self.office_id.id))
        collaborators = self.env["ctxh.collaborator"].with_context(active_test=False).search(domain)
        vals_list = []
        for collaborator in collaborators._ctxh_active_in(first, last):
            start = max(first, collaborator.date_start)
            end = min(last, collaborator.date_end or last)
            worked = (end - start).days + 1
            vals_list.append({
                "sheet_id": self.id, "collaborator_id": collaborator.id, "coefficient": rate.coefficient,
                "base_salary": base, "days": worked, "days_in_month": days,
                "amount": self.currency_id.round(rate.coefficient * base * worked / days),
                "legal_basis": rate.legal_basis,
            })
        return vals_list
