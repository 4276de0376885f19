from collections import defaultdict

from odoo import models

from ..models.ctxh_receivable_report import AGEING, ageing_bucket

MOVE_TYPES = ("out_invoice", "out_refund")


class ReportCtxhBilling(models.AbstractModel):
    """Care fees invoiced and collected: per facility and month, per contract and payer, and the
    ageing of what remains to be collected. Amounts are in the facility's currency (VND).

    Invoiced: posted customer invoices of care contracts dated in the period; credit notes likewise.
    Outstanding: what is still open on them today (negative when owed to the payers); collected: the
    rest, i.e. invoices paid less credit notes paid back or offset, so that net = collected + outstanding."""

    _name = "report.ctxh_reports.ctxh_report_billing_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Billing and Collections (XLSX)"
    _ctxh_report_kind = "billing"

    def _ctxh_generate(self, workbook, wizard, companies):
        formats = self._ctxh_formats(workbook)
        domain = [
            ("company_id", "in", companies.ids), ("ctxh_contract_id", "!=", False), ("state", "=", "posted"),
            ("move_type", "in", MOVE_TYPES),
            ("invoice_date", ">=", wizard.date_from), ("invoice_date", "<=", wizard.date_to),
        ]
        self._ctxh_write_months(workbook, formats, wizard, companies, domain)
        self._ctxh_write_contracts(workbook, formats, wizard, companies, domain)
        self._ctxh_write_ageing(workbook, formats, wizard, companies)

    def _ctxh_amounts(self, groups):
        """{key: [invoiced, credit notes, net, collected, outstanding]} from read_group rows
        (*key, move type, total signed, residual signed)."""
        amounts = defaultdict(lambda: [0.0] * 5)
        for *key, move_type, total, residual in groups:
            line = amounts[tuple(key)]
            if move_type == "out_invoice":
                line[0] += total
            else:
                line[1] -= total  # credit notes are signed negative
            line[2] += total
            line[3] += total - residual
            line[4] += residual
        return amounts

    def _ctxh_money_columns(self):
        return [(self.env._("Invoiced"), 15, "money"), (self.env._("Credit Notes"), 15, "money"),
                (self.env._("Net Invoiced"), 15, "money"), (self.env._("Collected"), 15, "money"),
                (self.env._("Outstanding"), 15, "money")]

    def _ctxh_write_months(self, workbook, formats, wizard, companies, domain):
        groups = self.env["account.move"]._read_group(
            domain, ["company_id", "invoice_date:month", "move_type"],
            ["amount_total_signed:sum", "amount_residual_signed:sum"])
        amounts = self._ctxh_amounts(groups)
        columns = [(self.env._("Facility"), 32, "text"), (self.env._("Month"), 10, "text"),
                   *self._ctxh_money_columns()]
        rows = [(company.name, month.strftime("%m/%Y"), *values)
                for (company, month), values in sorted(amounts.items(), key=lambda i: (i[0][0].name, i[0][1]))]
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("By month"),
                                     title=self.env._("Billing and collections"), columns=columns, freeze_columns=2)
        row = self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"))
        sheet.write(row + 1, 0, self.env._(
            "Collected and outstanding as recorded today: collected is what was paid on the invoices less what "
            "was paid back or offset on the credit notes; net invoiced = collected + outstanding."), formats["note"])

    def _ctxh_write_contracts(self, workbook, formats, wizard, companies, domain):
        groups = self.env["account.move"]._read_group(
            domain, ["company_id", "ctxh_contract_id", "partner_id", "move_type"],
            ["amount_total_signed:sum", "amount_residual_signed:sum"])
        amounts = self._ctxh_amounts(groups)
        columns = [(self.env._("Facility"), 32, "text"), (self.env._("Contract"), 16, "text"),
                   (self.env._("Resident"), 26, "text"), (self.env._("Payer"), 26, "text"),
                   *self._ctxh_money_columns()]
        rows = sorted(
            ((company.name, contract.name, contract.resident_id.name, partner.name, *values)
             for (company, contract, partner), values in amounts.items()),
            key=lambda r: (r[0], r[1], r[3] or ""))
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("By contract and payer"),
                                     title=self.env._("Billing and collections"), columns=columns, freeze_columns=4)
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"))

    def _ctxh_ageing_date(self, wizard):
        """The day the ageing is counted at: the end of the period, or today for a period not over."""
        return min(wizard.date_to, self.env.company._ctxh_today())

    def _ctxh_write_ageing(self, workbook, formats, wizard, companies):
        """What payers still owe on care invoices dated up to the end of the period, by days overdue."""
        as_at = self._ctxh_ageing_date(wizard)
        moves = self.env["account.move"].search_fetch([
            ("company_id", "in", companies.ids), ("ctxh_contract_id", "!=", False), ("state", "=", "posted"),
            ("move_type", "in", MOVE_TYPES), ("invoice_date", "<=", wizard.date_to), ("amount_residual", "!=", 0),
        ], ["company_id", "ctxh_contract_id", "partner_id", "invoice_date_due", "amount_residual_signed"])
        buckets = defaultdict(lambda: [0.0] * len(AGEING))
        for move in moves:
            overdue = (as_at - (move.invoice_date_due or as_at)).days
            buckets[move.company_id, move.partner_id, move.ctxh_contract_id][ageing_bucket(overdue)] += \
                move.amount_residual_signed
        labels = [self.env._("Not Due"), self.env._("1-30 Days Overdue"), self.env._("31-60 Days Overdue"),
                  self.env._("61-90 Days Overdue"), self.env._("Over 90 Days Overdue")]
        columns = [(self.env._("Facility"), 32, "text"), (self.env._("Payer"), 26, "text"),
                   (self.env._("Contract"), 16, "text"), (self.env._("Resident"), 26, "text"),
                   *[(label, 14, "money") for label in labels], (self.env._("Total"), 15, "money")]
        rows = sorted(
            ((company.name, partner.name, contract.name, contract.resident_id.name, *values, sum(values))
             for (company, partner, contract), values in buckets.items()),
            key=lambda r: (r[0], r[1] or "", r[2]))
        sheet = self._ctxh_add_sheet(
            workbook, formats, wizard, companies, name=self.env._("Receivables ageing"),
            title=self.env._("Receivables ageing"), columns=columns, freeze_columns=2,
            subtitle=self.env._("days overdue at %s", as_at.strftime("%d/%m/%Y")))
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"))
