"""A payer in Odoo's portal: his own care contracts, their invoices and how to pay them; nothing of another
family, and no ctxh model readable through the portal user's own rights (generated from the registry)."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestPortalTour(CtxhTourCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env.ref("ctxh_services.user_ctxh_portal_payer")
        cls.own = cls.env.ref("ctxh_services.contract_qn_01")
        cls.other = cls.env.ref("ctxh_services.contract_qn_07")
        company = cls.env.ref("base.main_company")
        # next month's invoices, not paid yet: the ones a family pays from the portal
        next_month = company._ctxh_today().replace(day=1) + relativedelta(months=1)
        run = cls.env["ctxh.billing.run"].with_user(cls.env.ref("ctxh_residents.user_ctxh_accountant")).create(
            {"company_id": company.id, "date_from": next_month})
        run.action_generate()
        run.action_post()
        cls.invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == cls.own
                                            and m.partner_id == cls.portal_user.partner_id)
        cls.other_invoice = run.move_ids.filtered(lambda m: m.ctxh_contract_id == cls.other)[:1]

    def test_family_member_sees_and_pays_his_contract(self):
        self.assertEqual(len(self.invoice), 1)
        self.start_tour("/my", "ctxh_portal_tour", login="giadinh")

    def test_portal_shows_only_the_payers_own(self):
        self.authenticate("giadinh", "giadinh")
        page = self.url_open("/my/care-contracts")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.own.name, page.text)
        self.assertIn(self.own.resident_id.name, page.text)
        self.assertNotIn(self.other.name, page.text)
        self.assertNotIn(self.other.resident_id.name, page.text)

        page = self.url_open(f"/my/care-contracts/{self.own.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice.name, page.text)
        self.assertIn(self.invoice.payment_reference, page.text)
        self.assertIn('alt="VietQR"', page.text)
        self.assertIn("60%", page.text)
        # the daughter pays 40% of the same contract: her invoices are not his
        daughter_invoice = self.own.move_ids.filtered(
            lambda m: m.partner_id == self.env.ref("ctxh_services.partner_ctxh_payer_qn_01_daughter"))[:1]
        self.assertTrue(daughter_invoice)
        self.assertNotIn(daughter_invoice.name, page.text)
        # the resident's name and nothing else of the resident's records: no code, ID, insurance, address
        resident = self.own.resident_id.sudo()
        for private in filter(None, [resident.code, resident.national_id, resident.hi_card_number, resident.street]):
            self.assertNotIn(private, page.text)

        self.assertEqual(self.url_open(f"/my/care-contracts/{self.other.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/care-contracts/999999").status_code, 404)
        # another family's invoice: Odoo's invoice page turns him away (to his portal home)
        response = self.url_open(f"/my/invoices/{self.other_invoice.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)

    def test_no_ctxh_model_is_readable_by_a_portal_user(self):
        """Generated from the registry: a new ctxh model is covered without anyone listing it."""
        env = self.env(user=self.portal_user)
        checked = 0
        for name in sorted(self.env.registry):
            model = self.env[name]
            if not name.startswith("ctxh.") or model._abstract:
                continue
            with self.subTest(model=name):
                with self.assertRaises(AccessError):
                    env[name].check_access("read")
                checked += 1
        self.assertGreater(checked, 50)
        # Odoo's own rules: his invoices, not another family's
        moves = env["account.move"].search([("move_type", "=", "out_invoice")])
        self.assertIn(self.invoice, moves)
        self.assertNotIn(self.other_invoice, moves)
