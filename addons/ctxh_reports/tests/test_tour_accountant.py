import io

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestAccountantTour(CtxhTourCase):
    """The accountant's day in the browser: cash collected with its receipt, the month's workbook."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.env.ref("ctxh_residents.user_ctxh_accountant")

    def test_accountant_collects_cash_and_prints_the_receipt(self):
        """In the browser, the accountant finds a payer's unpaid invoice from the Billing menu, registers her
        cash payment and prints the numbered receipt (phiếu thu) from the payment's Print menu."""
        invoice = self.env["account.move"].search([
            ("partner_id.name", "=", "Bùi Thị Lan"), ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
        ])
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.payment_state, "not_paid", "the demo payer has not paid last month")
        with self.ctxh_calls_of("report.ctxh_reports.report_payment_voucher", "_ctxh_check_printable") as printed:
            self.start_tour("/odoo", "ctxh_receipt_tour", login="ketoan")
        self.env.invalidate_all()  # the browser paid the invoice

        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        payment = invoice.matched_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.create_uid, self.accountant)
        self.assertEqual(payment.journal_id.type, "cash")
        self.assertEqual(payment.amount, invoice.amount_total)
        self.assertEqual(payment.date, fields.Date.context_today(payment.with_user(self.accountant)))
        self.assertRegex(payment.ctxh_voucher_number, rf"^PT-{payment.date.year}-\d{{4}}$")
        self.assertEqual(payment.ctxh_payer_name, "Bùi Thị Lan")
        self.assertEqual(payment.ctxh_contract_ids, invoice.ctxh_contract_id)
        # rendered for the accountant: the download, then the HTML page the tour read
        self.assertGreaterEqual(len(printed), 2)
        self.assertEqual(set(printed), {("ketoan", (payment.id,))})

    def test_accountant_prints_last_months_billing_workbook(self):
        """In the browser, the accountant prints last month's billing and collections workbook from the
        Reporting menu; the same workbook, fetched over HTTP, is in Vietnamese and lists every care invoice."""
        Wizard = self.env["ctxh.report.wizard"]
        last_id = Wizard.search([], order="id desc", limit=1).id or 0
        with self.ctxh_calls_of("report.ctxh_reports.ctxh_report_billing_xlsx", "generate_xlsx_report") as generated:
            self.start_tour("/odoo", "ctxh_billing_workbook_tour", login="ketoan")

        wizard = Wizard.search([("id", ">", last_id)])
        self.assertEqual(len(wizard), 1)
        self.assertEqual(wizard.create_uid, self.accountant)
        self.assertEqual(generated, [("ketoan", (wizard.id,))], "downloaded once, by the accountant")
        today = self.accountant.company_id._ctxh_today()
        month_start = today.replace(day=1) - relativedelta(months=1)
        self.assertEqual((wizard.report_kind, wizard.date_from, wizard.date_to),
                         ("billing", month_start, month_start + relativedelta(day=31)))
        self.assertEqual(wizard.company_ids, self.accountant.company_id)

        # the same workbook, asked for over HTTP by the accountant
        self.authenticate("ketoan", "ketoan")
        response = self.url_open(f"/report/xlsx/ctxh_reports.ctxh_report_billing_xlsx/{wizard.id}")
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook.sheetnames, ["Theo tháng", "Theo hợp đồng và người nộp", "Tuổi nợ phải thu"])
        by_contract = workbook["Theo hợp đồng và người nộp"]
        self.assertEqual(by_contract["A1"].value, "Thu phí và công nợ")
        self.assertIn(f"{month_start:%d/%m/%Y}", by_contract["A3"].value)
        self.assertEqual([cell.value for cell in by_contract[5]][:4], ["Cơ sở", "Hợp đồng", "Đối tượng",
                                                                         "Người thanh toán"])
        rows = [row for row in by_contract.iter_rows(min_row=6, values_only=True) if row[1]]
        invoices = self.env["account.move"].search([
            ("ctxh_contract_id", "!=", False), ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
            ("company_id", "=", self.accountant.company_id.id),
            ("invoice_date", ">=", month_start), ("invoice_date", "<=", wizard.date_to),
        ])
        self.assertTrue(invoices, "the demo data has last month's care invoices")
        self.assertEqual({(row[1], row[3]) for row in rows},
                         {(move.ctxh_contract_id.name, move.partner_id.name) for move in invoices})
        self.assertEqual(sum(row[4] for row in rows), sum(invoices.mapped("amount_total")))
