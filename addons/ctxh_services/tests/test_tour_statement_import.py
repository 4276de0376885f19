from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestStatementImportTour(CtxhTourCase):
    def test_accountant_imports_the_banks_statement(self):
        """In the browser, the accountant imports an Agribank statement from the Billing menu: the transfer
        naming an invoice pays it with a numbered bank advice, the other waits with a suggestion."""
        company = self.env.ref("base.main_company")
        accountant = self.env.ref("ctxh_residents.user_ctxh_accountant")
        run = self.env["ctxh.billing.run"].with_user(accountant).create(
            {"company_id": company.id, "date_from": company._ctxh_today().replace(day=1) + relativedelta(months=1)})
        run.action_generate()
        run.action_post()
        invoice = run.move_ids[:1]
        invoice.payment_reference = "TTBTXHTOUR202600001"
        due = invoice.amount_residual
        self.start_tour("/odoo", "ctxh_statement_import_tour", login="ketoan")
        self.assertEqual(invoice.amount_residual, due - 1_000_000)
        payment = invoice.matched_payment_ids | self.env["account.payment"].search(
            [("memo", "=", "TTBTXHTOUR202600001")])
        self.assertTrue(payment)
        self.assertTrue(payment[0].ctxh_voucher_number.startswith("BC-"))
        waiting = self.env["account.bank.statement.line"].search([("payment_ref", "ilike", "chuyen tien cho me")])
        self.assertEqual(len(waiting), 1)
        self.assertFalse(waiting.is_reconciled)
        self.assertTrue(waiting.ctxh_match_note)
