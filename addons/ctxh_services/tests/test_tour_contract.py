from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestContractTour(CtxhTourCase):
    def test_accountant_drafts_and_director_signs_a_contract(self):
        """In the browser, the accountant writes a voluntary applicant's care contract from the Billing menu
        (service at the price list's price, the husband paying all, a deposit) and the director signs it."""
        resident = self.env.ref("ctxh_residents.resident_qn_27")
        Contract = self.env["ctxh.care.contract"].with_context(active_test=False)
        self.assertFalse(Contract.search([("resident_id", "=", resident.id)]), "the applicant has no contract yet")
        accountant = self.env.ref("ctxh_residents.user_ctxh_accountant")
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        self.start_tour("/odoo", "ctxh_contract_draft_tour", login="ketoan")
        contract = Contract.search([("resident_id", "=", resident.id)])
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.create_uid, accountant)
        self.assertRegex(contract.name, r"^HĐ-\d{4}-\d{4}$")
        # the price list in force on the contract date priced the service, not the product's sales price
        price = self.env["ctxh.price.list"]._get_price(
            contract.company_id, contract.line_ids.product_id, contract.date)
        self.assertEqual(contract.line_ids.product_id, self.env.ref("ctxh_services.product_ctxh_shared_room"))
        self.assertEqual(contract.line_ids.price_unit, price)
        self.assertEqual(contract.payer_ids.partner_id.name, "Trần Đình Quân")
        self.assertEqual(contract.payer_ids.share, 100)
        self.assertEqual(contract.deposit_amount, 1000000)

        self.start_tour("/odoo", "ctxh_contract_sign_tour", login="giamdoc")
        self.env.invalidate_all()  # the director's browser changed the contract
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.signer_id, director)
        # signing invoices the deposit to the payer at once
        self.assertEqual(contract.deposit_move_id.state, "posted")
        self.assertEqual(contract.deposit_move_id.partner_id, contract.payer_ids.partner_id)
        self.assertEqual(contract.deposit_move_id.amount_total, 1000000)
