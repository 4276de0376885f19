"""How the monthly billing run scales: queries per invoice for a small and a larger facility.

Reports the numbers (printed, visible with ``pytest -s``) and fails only when the cost per contract
stops being flat, i.e. when a change adds queries per row. Never measures wall-clock time.
"""

from datetime import date, datetime

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestBillingBenchmark(CtxhContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("ctxh_services.billing_chunk_size", "1000")

    def _contracts(self, count, tag):
        residents = self.env["ctxh.resident"].create([
            {"name": f"Người cao tuổi {tag}-{index}", "gender": "female", "company_id": self.facility_a.id}
            for index in range(count)
        ])
        stays = self.env["ctxh.stay"].create([
            {"resident_id": r.id, "company_id": self.facility_a.id, "date_start": datetime(2026, 1, 2, 3, 0)}
            for r in residents
        ])
        contracts = self.env["ctxh.care.contract"].create([{
            "resident_id": stay.resident_id.id, "stay_id": stay.id, "date": date(2026, 1, 2),
            "date_start": date(2026, 1, 2),
            "line_ids": [Command.create({"product_id": self.shared_room.id}),
                         Command.create({"product_id": self.special_care.id})],
            "payer_ids": [Command.create({"partner_id": self.son.id, "share": 60, "sequence": 1}),
                          Command.create({"partner_id": self.daughter.id, "share": 40, "sequence": 2})],
        } for stay in stays])
        contracts.with_user(self.director_a).action_activate()
        self.env["ctxh.service.usage"].create([{
            "contract_id": contract.id, "product_id": self.laundry.id, "date": date(2026, 3, 10), "quantity": 3,
        } for contract in contracts])
        return contracts

    def _measure(self, count, month):
        contracts = self._contracts(count, month.month)
        self.env.flush_all()
        self.env.invalidate_all()
        run = self.env["ctxh.billing.run"].with_user(self.accountant_a).create({
            "company_id": self.facility_a.id, "date_from": month})
        before = self.env.cr.sql_log_count
        run.action_generate()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        invoices = run.move_ids.filtered(lambda m: m.ctxh_contract_id in contracts)
        self.assertEqual(len(invoices), 2 * count)
        # the other runs' contracts are billed too (they are active): count only ours per contract
        return queries, len(run.move_ids)

    def test_queries_per_invoice_stay_flat(self):
        """20 then 80 more contracts, two payers each: queries per invoice do not grow with the facility."""
        small_queries, small_invoices = self._measure(20, date(2026, 3, 1))
        large_queries, large_invoices = self._measure(80, date(2026, 4, 1))
        small_rate = small_queries / small_invoices
        large_rate = large_queries / large_invoices
        print(f"\nbilling run: {small_invoices} invoices in {small_queries} queries ({small_rate:.1f}/invoice); "
              f"{large_invoices} invoices in {large_queries} queries ({large_rate:.1f}/invoice); "
              f"ratio {large_rate / small_rate:.2f}")
        self.assertLess(large_rate, small_rate * 1.25, "queries per invoice grow with the number of contracts")
        self.assertLess(large_rate, 40, "a billing run costs more than 40 queries per invoice")
