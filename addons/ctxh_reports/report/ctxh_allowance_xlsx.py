from collections import defaultdict

from odoo import models


class ReportCtxhAllowance(models.AbstractModel):
    """The monthly state allowance sheets of the period: every line, then the totals by category."""

    _name = "report.ctxh_reports.ctxh_report_allowance_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "State Allowances (XLSX)"
    _ctxh_report_kind = "allowance"

    def _ctxh_generate(self, workbook, wizard, companies):
        # the sheets of the months that overlap the period
        lines = self.env["ctxh.allowance.sheet.line"].search([
            ("company_id", "in", companies.ids), ("date_from", "<=", wizard.date_to),
            ("sheet_id.date_to", ">=", wizard.date_from),
        ], order="company_id, date_from, category_id, resident_id, id")
        formats = self._ctxh_formats(workbook)
        self._ctxh_write_lines(workbook, formats, wizard, companies, lines)
        self._ctxh_write_categories(workbook, formats, wizard, companies, lines)

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
            line.category_id.name, line.age, line.level, line.coefficient, line.days, line.days_in_month,
            line.amount, states.get(line.sheet_state),
        ) for line in lines]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Allowance lines"),
                                     title=self.env._("State allowances"), columns=columns, freeze_columns=4)
        # the standard level is a rate, not an amount to add up
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"), totals={6: None})

    def _ctxh_write_categories(self, workbook, formats, wizard, companies, lines):
        totals = defaultdict(lambda: [set(), 0.0])
        for line in lines:
            total = totals[line.company_id, line.category_id]
            total[0].add(line.resident_id.id)
            total[1] += line.amount
        columns = [(self.env._("Facility"), 28, "text"), (self.env._("Category"), 40, "text"),
                   (self.env._("Residents"), 11, "sum"), (self.env._("Amount"), 16, "money")]
        rows = [(company.name, category.name or self.env._("No category"), len(residents), amount)
                for (company, category), (residents, amount) in sorted(
                    totals.items(), key=lambda i: (i[0][0].name, i[0][1].sequence, i[0][1].id))]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("By category"),
                                     title=self.env._("State allowances by category"), columns=columns,
                                     freeze_columns=2)
        # a resident whose category changed during the period is one person in the total
        row = self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"),
                               totals={2: len(lines.resident_id)})
        sheet.write(row + 1, 0, self.env._("Residents: people with at least one allowance line in the period."),
                    formats["note"])
