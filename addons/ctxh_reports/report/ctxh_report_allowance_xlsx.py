from collections import defaultdict

from odoo import models


class ReportCtxhAllowance(models.AbstractModel):
    """The monthly state allowance sheets of the period: every line, then the totals by category, then the arrears
    (truy lĩnh) paid in the period's months, apart: the month's allowances and the arrears of a late level are two
    sums the finance office pays and accounts for separately."""

    _name = "report.ctxh_reports.ctxh_report_allowance_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "State Allowances (XLSX)"
    _ctxh_report_kind = "allowance"

    def _ctxh_generate(self, workbook, wizard, companies):
        # the sheets of the months that overlap the period
        lines = self.env["ctxh.allowance.sheet.line"].search([
            ("company_id", "in", companies.ids), ("date_from", "<=", wizard.date_to),
            ("sheet_id.date_to", ">=", wizard.date_from),
        ], order="company_id, date_from, legal_basis, resident_id, id")
        formats = self._ctxh_formats(workbook)
        self._ctxh_write_lines(workbook, formats, wizard, companies, lines)
        self._ctxh_write_categories(workbook, formats, wizard, companies, lines)
        arrears = self.env["ctxh.allowance.arrears.line"].search([
            ("company_id", "in", companies.ids), ("date_paid", "<=", wizard.date_to),
            ("date_paid", ">=", wizard.date_from.replace(day=1)),
        ], order="company_id, date_paid, month, legal_basis, resident_id, id")
        self._ctxh_write_arrears(workbook, formats, wizard, companies, arrears)

    def _ctxh_write_lines(self, workbook, formats, wizard, companies, lines):
        states = dict(self.env["ctxh.allowance.sheet"]._fields["state"]._description_selection(self.env))
        columns = [
            (self.env._("Facility"), 28, "text"), (self.env._("Month"), 9, "text"),
            (self.env._("Resident Code"), 16, "text"), (self.env._("Resident"), 26, "text"),
            (self.env._("Category"), 30, "text"), (self.env._("Age"), 6, "int"),
            (self.env._("Standard Level"), 12, "money"), (self.env._("Coefficient"), 11, "coefficient"),
            (self.env._("Days in Care"), 9, "int"), (self.env._("Days in Month"), 9, "int"),
            (self.env._("Amount"), 15, "money"), (self.env._("Sheet Status"), 12, "text"),
        ]
        rows = [(
            line.company_id.name, line.date_from.strftime("%m/%Y"), line.resident_id.code, line.resident_id.name,
            self._ctxh_category_label(line), line.age, line.level, line.coefficient, line.days, line.days_in_month,
            line.amount, states.get(line.sheet_state),
        ) for line in lines]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Allowance lines"),
                                     title=self.env._("State allowances"), columns=columns, freeze_columns=4)
        # the standard level is a rate, not an amount to add up
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"), totals={6: None})

    def _ctxh_write_arrears(self, workbook, formats, wizard, companies, lines):
        states = dict(self.env["ctxh.allowance.arrears"]._fields["state"]._description_selection(self.env))
        columns = [
            (self.env._("Facility"), 28, "text"), (self.env._("Paid In"), 9, "text"),
            (self.env._("Month"), 9, "text"), (self.env._("Resident Code"), 16, "text"),
            (self.env._("Resident"), 26, "text"), (self.env._("Category"), 30, "text"),
            (self.env._("Coefficient"), 11, "coefficient"), (self.env._("Days in Care"), 9, "int"),
            (self.env._("Days in Month"), 9, "int"), (self.env._("Level Paid"), 12, "money"),
            (self.env._("Level in Force"), 12, "money"), (self.env._("Amount Paid"), 15, "money"),
            (self.env._("Amount Due"), 15, "money"), (self.env._("Arrears"), 15, "money"),
            (self.env._("Note"), 30, "text"), (self.env._("Sheet Status"), 12, "text"),
        ]
        rows = [(
            line.company_id.name, line.date_paid.strftime("%m/%Y"), line.month.strftime("%m/%Y"),
            line.resident_code, line.resident_id.name, self._ctxh_category_label(line), line.coefficient, line.days,
            line.days_in_month, line.paid_level, line.level, line.paid_amount, line.due_amount, line.amount,
            line.note or "", states.get(line.state),
        ) for line in lines]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Arrears"),
                                     title=self.env._("Arrears of state allowances paid in the period"),
                                     columns=columns, freeze_columns=5)
        # levels are rates, not amounts to add up
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"), totals={9: None, 10: None})

    def _ctxh_category_label(self, line):
        """The line's category as the reader may see it: a sensitive category (HIV, abuse, ...) is, for a reader
        without the Sensitive Data group, only the legal article it is paid under."""
        category = line.sudo().category_id
        if category.sensitive and not self.env["ctxh.resident.category"]._ctxh_sees_sensitive():
            return line.legal_basis or self.env._("Other categories (protected)")
        return category.with_env(self.env).name or self.env._("No category")

    def _ctxh_write_categories(self, workbook, formats, wizard, companies, lines):
        # for a reader without the Sensitive Data group, the sensitive categories are one unnamed line
        sees = self.env["ctxh.resident.category"]._ctxh_sees_sensitive()
        protected = (1, 0, 0, self.env._("Other categories (protected)"))
        totals = defaultdict(lambda: [set(), 0.0])
        for line in lines:
            category = line.sudo().category_id
            key = protected if category.sensitive and not sees else \
                (0, category.sequence, category.id, category.with_env(self.env).name or self.env._("No category"))
            total = totals[line.company_id.name, key]
            total[0].add(line.resident_id.id)
            total[1] += line.amount
        columns = [(self.env._("Facility"), 28, "text"), (self.env._("Category"), 40, "text"),
                   (self.env._("Residents"), 11, "sum"), (self.env._("Amount"), 16, "money")]
        rows = [(company, key[-1], len(residents), amount)
                for (company, key), (residents, amount) in sorted(totals.items())]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("By category"),
                                     title=self.env._("State allowances by category"), columns=columns,
                                     freeze_columns=2)
        # a resident whose category changed during the period is one person in the total
        row = self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"),
                               totals={2: len(lines.resident_id)})
        sheet.write(row + 1, 0, self.env._("Residents: people with at least one allowance line in the period."),
                    formats["note"])
