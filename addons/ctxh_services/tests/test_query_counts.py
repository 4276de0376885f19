from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhPopulatedCase

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestBillingQueryCounts(CtxhContractCase, CtxhPopulatedCase):
    """The care invoices cost as many queries for 20 rows as for 80, and as many after more months of billing
    for more residents: no query per row shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bill(cls._populate(60, cls.facility_a, "A"), months=2)

    @classmethod
    def _bill(cls, residents, months, first=date(2026, 1, 1)):
        """A contract paid by a relative for each resident in care, two for one in three, then the billing
        runs of ``months`` months from ``first``, posted."""
        for n, resident in enumerate(residents.filtered(lambda r: r.state == "in_care")):
            cls._contract(resident, resident.current_stay_id,
                          payers={cls.son: 50, cls.daughter: 50} if n % 3 == 0 else {cls.son: 100})
        quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
        for month in range(months):
            run = cls.env["ctxh.billing.run"].with_user(cls.accountant_a).with_context(**quiet).create({
                "company_id": cls.facility_a.id, "date_from": first + relativedelta(months=month)})
            run.action_generate()
            run.action_post()

    def _grow(self):
        """Thirty residents more with their contracts, and two more months of billing for everyone."""
        invoices = self.env["account.move"].search_count([("ctxh_contract_id", "!=", False)])
        self._bill(self._populate(30, self.facility_a, "B"), months=2, first=date(2026, 3, 1))
        self.assertGreater(self.env["account.move"].search_count([("ctxh_contract_id", "!=", False)]), 2 * invoices)

    def test_invoice_list_first_page(self):
        """The customer invoices, as the accountant opens them from the menu: the first page costs the same
        for 20 and 80 rows, before and after months of billing are added."""
        self._assert_lists_constant([(self.accountant_a, "account.action_move_out_invoice_type")], self._grow)
