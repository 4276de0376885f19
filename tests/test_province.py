"""The province generator and the benchmark (top-level benchmarks/) at a small scale: the generator makes what the
ORM would have made, and every benchmark case gives the same figures as its bare SQL baseline, so bin/province and
bin/benchmark measure a faithful province."""

import io
from datetime import date

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo.tests import TransactionCase, tagged

from benchmarks.bench import Benchmark
from benchmarks.province import Province

SCALE = 0.004  # 200 residents, 240 stays, 12 in care, 8 contracts, 4,000 doses


@tagged("post_install", "-at_install")
class TestProvince(TransactionCase):
    """The province generator at a small scale: what it makes is what the ORM would have made, and the
    benchmark's cases run on it with the same figures as their bare SQL baselines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.province = Province(cls.env, seed=7, scale=SCALE)
        cls.counts = cls.province.generate()
        cls.companies = cls.province.companies

    def _count(self, query, *params):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]

    def test_sizes(self):
        sizes = self.province.sizes
        company_ids = list(self.companies.ids)
        Resident = self.env["ctxh.resident"]
        self.assertEqual(Resident.search_count([("company_id", "in", company_ids)]), sizes["residents"])
        self.assertEqual(Resident.search_count([("company_id", "in", company_ids), ("state", "=", "in_care")]),
                         sizes["in_care"])
        stays = self.env["ctxh.stay"].search_count([("company_id", "in", company_ids)])
        self.assertGreaterEqual(stays, sizes["stays"] * 0.97, "at most a few stays dropped for clashing on a bed")
        self.assertLessEqual(stays, sizes["stays"])
        self.assertEqual(self.env["ctxh.care.contract"].search_count(
            [("company_id", "in", company_ids), ("state", "=", "active")]), sizes["contracts"])
        self.assertEqual(self.env["ctxh.medication.administration"].search_count(
            [("company_id", "in", company_ids)]), sizes["doses"])
        months = self.env["ctxh.billing.run"].search([("company_id", "in", company_ids)]).mapped("date_from")
        self.assertEqual(len(set(months)), 12, "a year of billing")
        self.assertTrue(self.counts["account_move"])

    def test_stored_values_are_what_the_orm_computes(self):
        """Residents' state, current stay and bed, beds' state and occupant, and the related fields loaded in
        bulk are recomputed by the ORM and compared."""
        residents = self.env["ctxh.resident"].search([("company_id", "in", self.companies.ids)])
        beds = self.env["ctxh.bed"].search([("company_id", "in", self.companies.ids)])
        stored = {r.id: (r.state, r.current_stay_id.id, r.bed_id.id, r.room_id.id) for r in residents}
        stored_beds = {b.id: (b.state, b.resident_id.id) for b in beds}
        for name in ("state", "current_stay_id", "bed_id"):
            self.env.add_to_compute(residents._fields[name], residents)
        for name in ("state", "resident_id"):
            self.env.add_to_compute(beds._fields[name], beds)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual({r.id: (r.state, r.current_stay_id.id, r.bed_id.id, r.room_id.id) for r in residents}, stored)
        self.assertEqual({b.id: (b.state, b.resident_id.id) for b in beds}, stored_beds)
        # related stored fields against their source, in SQL over every row
        checks = {
            "stay type": "SELECT count(*) FROM ctxh_stay s JOIN ctxh_admission a ON a.id = s.admission_id "
                         "WHERE s.admission_type_id IS DISTINCT FROM a.admission_type_id OR a.stay_id != s.id",
            "dose resident": "SELECT count(*) FROM ctxh_medication_administration d JOIN ctxh_medication m "
                             "ON m.id = d.medication_id WHERE d.resident_id != m.resident_id "
                             "OR d.company_id != m.company_id",
            "bed of assignment": "SELECT count(*) FROM ctxh_bed_assignment a JOIN ctxh_bed b ON b.id = a.bed_id "
                                 "WHERE a.room_id != b.room_id OR a.company_id != b.company_id",
            "stay without bed history": "SELECT count(*) FROM ctxh_stay s WHERE NOT EXISTS "
                                        "(SELECT 1 FROM ctxh_bed_assignment a WHERE a.stay_id = s.id)",
            "ended stay without discharge": "SELECT count(*) FROM ctxh_stay s WHERE s.date_end IS NOT NULL "
                                            "AND NOT EXISTS (SELECT 1 FROM ctxh_discharge d WHERE d.stay_id = s.id "
                                            "AND d.state = 'done')",
            "attendance": "SELECT count(*) FROM ctxh_programme_attendance a JOIN ctxh_programme_session s "
                          "ON s.id = a.session_id WHERE a.programme_id != s.programme_id OR a.date != s.date_start",
            "resident of another facility": "SELECT count(*) FROM ctxh_stay s JOIN ctxh_resident r "
                                            "ON r.id = s.resident_id WHERE r.company_id != s.company_id",
        }
        for label, query in checks.items():
            # the province's rows only: the demo's facilities may hold hand-made records
            alias = query.split("FROM ")[1].split()[1]
            head, tail = query.split(" WHERE ", 1)
            scoped = f"{head} WHERE {alias}.company_id = ANY(%s) AND ({tail})"
            self.assertEqual(self._count(scoped, self.companies.ids), 0, label)

    def test_invoices_are_those_of_the_billing_runs(self):
        """Every contract is invoiced once a month and payer, posted, for the shares of its payers."""
        moves = self.env["account.move"].search([("ctxh_contract_id.company_id", "in", self.companies.ids)])
        self.assertTrue(moves)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        keys = [(m.ctxh_contract_id.id, m.partner_id.id, m.ctxh_period_start) for m in moves]
        self.assertEqual(len(keys), len(set(keys)))

    def test_benchmark_cases_agree_with_their_baselines(self):
        """The benchmark's cases run here, and what they measure agrees with the bare SQL they are compared with:
        the overview's figures, the statistics' total, one day's doses; the resident list costs as many
        queries for 20 rows as for 80."""
        lines = []
        bench = Benchmark(self.env, out=lines.append)
        bench.companies = self.companies
        results = bench.run(["statistics", "medication", "dashboard", "resident_list", "billing"])
        self.assertEqual(len(lines), 6, "\n".join(lines))
        sql = bench.results["dashboard_sql"]
        for row in bench.results["dashboard_rows"]:
            for key in Benchmark.DASHBOARD_FIELDS:
                self.assertEqual(row[key] or 0, sql[row["id"]].get(key) or 0, key)
        self.assertEqual(results["statistics"]["stays"], sum(row[-1] for row in results["statistics_sql_rows"]))
        billing = results["billing"]
        self.assertEqual(billing["count"], self.env["ctxh.care.contract.payer"].search_count(
            [("contract_id.company_id", "in", self.companies.ids), ("contract_id.state", "=", "active")]))
        self.assertEqual(results["resident_list"]["queries"], results["resident_list"]["baseline_queries"])

    def test_statistics_figures_equal_the_bare_sql(self):
        """The yearly statistics workbook of the province: its total sheet matches the benchmark's bare SQL."""
        bench = Benchmark(self.env, out=lambda line: None)
        bench.companies = self.companies
        date_to = self.province.today.replace(day=1) - date.resolution
        date_from = date_to.replace(day=1) - relativedelta(months=11)
        env = bench._env_as("director")
        wizard = bench._statistics_wizard(env, date_from, date_to).with_context(lang="en_US")
        action = wizard.action_print()
        content, _kind = env["ir.actions.report"].with_context(action["context"])._render(
            action["report_name"], action["context"]["active_ids"], action["data"])
        sheet = load_workbook(io.BytesIO(content))["Total"]
        totals = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Total")
        rows = bench.statistics_sql(date_from, date_to)
        opening = sum(r[-1] for r in rows if r[1])
        admitted = sum(r[-1] for r in rows if not r[1])
        left = sum(r[-1] for r in rows if r[2])
        self.assertEqual(totals[1:4], (opening, admitted, left))
        self.assertEqual(totals[-1], opening + admitted - left)
