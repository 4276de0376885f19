"""A payer downloads the receipt (phiếu thu) of his cash payment from the portal; nobody else's."""

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "ctxh_tour")
class TestPortalReceipt(HttpCase):
    def test_payer_downloads_his_receipt(self):
        company = self.env.ref("base.main_company")
        contract = self.env.ref("ctxh_services.contract_qn_01")
        payer = self.env.ref("ctxh_services.partner_ctxh_payer_qn_01_son")
        accountant = self.env.ref("ctxh_residents.user_ctxh_accountant")
        run = self.env["ctxh.billing.run"].with_user(accountant).create(
            {"company_id": company.id, "date_from": company._ctxh_today().replace(day=1) + relativedelta(months=1)})
        run.action_generate()
        run.action_post()
        invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == contract and m.partner_id == payer)
        cash = self.env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "cash")], limit=1)
        payment = self.env["account.payment.register"].with_user(accountant).with_context(
            active_model="account.move", active_ids=invoice.ids).create({"journal_id": cash.id})._create_payments()
        self.authenticate("giadinh", "giadinh")
        page = self.url_open(f"/my/care-contracts/{contract.id}")
        self.assertIn(payment.ctxh_voucher_number, page.text)
        url = f"/my/care-contracts/{contract.id}/receipts/{payment.id}"
        self.assertIn(url, page.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # Odoo's test mode renders a report's HTML where a server would run wkhtmltopdf on it
        if not response.content.startswith(b"%PDF"):
            self.assertIn("PHIẾU THU".encode(), response.content)
            self.assertIn(payment.ctxh_voucher_number.encode(), response.content)
        # the same payment through another family's contract, or an unknown one: not found
        other = self.env.ref("ctxh_services.contract_qn_07")
        self.assertEqual(self.url_open(f"/my/care-contracts/{other.id}/receipts/{payment.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/care-contracts/{contract.id}/receipts/999999").status_code, 404)
