from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestBillingTour(CtxhTourCase):
    def test_accountant_invoices_the_month(self):
        """In the browser, the accountant creates this month's billing run, generates one invoice per payer
        and posts them, each due by the contract's payment terms."""
        company = self.env.ref("base.main_company")
        month_start = company._ctxh_today().replace(day=1)
        contracts = self.env["ctxh.care.contract"].search([("company_id", "=", company.id), ("state", "=", "active")])
        self.assertTrue(contracts, "the demo data has active contracts")
        self.start_tour("/odoo", "ctxh_billing_tour", login="ketoan")
        run = self.env["ctxh.billing.run"].search([
            ("company_id", "=", company.id), ("date_from", "=", month_start), ("state", "=", "posted"),
        ])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.create_uid, self.env.ref("ctxh_residents.user_ctxh_accountant"))
        self.assertEqual(len(run.move_ids), len(contracts.payer_ids))
        self.assertEqual(run.move_ids.ctxh_contract_id, contracts)
        self.assertEqual(set(run.move_ids.mapped("move_type")), {"out_invoice"})
        self.assertEqual(set(run.move_ids.mapped("state")), {"posted"})
        self.assertTrue(all(move.invoice_date_due > move.invoice_date for move in run.move_ids))
        self.assertTrue(all(move.amount_total > 0 for move in run.move_ids))
