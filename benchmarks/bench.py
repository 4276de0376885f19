"""The provincial benchmark: each case against a baseline measured in the same run, on the same data.

Every case works inside a savepoint that is rolled back, so the database is the same before and after
and the benchmark can be run again. For each case it prints the time, the SQL query count and the ratio
to its baseline; it never fails on time: the limits of the performance issue are printed beside the
measures (``limit``), and ``run()`` returns every measure for the caller (the tests check query counts
and that the figures of the report and of the bare SQL agree).
"""

import contextlib
import statistics
import time
import tracemalloc
from collections import defaultdict
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tools import SQL

from odoo.addons.ctxh_reports.report.ctxh_report_statistics_xlsx import AGE_GROUPS, age_group_sql
from odoo.addons.ctxh_services.models.ctxh_billing_run import CHUNK_SIZE_PARAM


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def rolled_back(env):
    """Run the block in a savepoint of ``env``'s transaction, then undo it."""
    env.flush_all()
    with contextlib.suppress(_Rollback), env.cr.savepoint():
        yield
        env.flush_all()
        raise _Rollback()
    env.invalidate_all()


class Measure:
    def __init__(self, env):
        self.env = env
        self.seconds = self.queries = 0
        self.peak = 0

    def __call__(self, func, trace_memory=False):
        env = self.env
        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        if trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        result = func()
        env.flush_all()
        self.seconds = time.perf_counter() - started
        if trace_memory:
            self.peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        self.queries = env.cr.sql_log_count - queries
        return result


class Benchmark:
    def __init__(self, env, repeat=1, out=print):
        self.env = env
        self.repeat = max(repeat, 1)
        self.out = out
        self.results = {}
        self.companies = env["res.company"].search([("ctxh_code", "!=", False)], order="id")
        self.today = fields.Date.context_today(env.user)

    def _user(self, role, companies=None):
        """A user of ``role`` working in ``companies`` (all the facilities by default), made for the run."""
        companies = companies or self.companies
        group = self.env.ref(f"ctxh_residents.group_ctxh_{role}")
        login = f"bench.{role}"
        user = self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])
        if not user:
            user = self.env["res.users"].with_context(no_reset_password=True).create({
                "name": f"Benchmark {role}", "login": login, "email": f"{login}@sldtbxh.nghean.gov.vn",
                "company_id": companies[0].id,
                "company_ids": [(6, 0, companies.ids)], "groups_id": [(4, group.id)], "tz": "Asia/Ho_Chi_Minh",
            })
        return user

    def _env_as(self, role):
        user = self._user(role)
        return self.env(user=user, su=False, context={**self.env.context, "allowed_company_ids": self.companies.ids,
                                                      "tz": "Asia/Ho_Chi_Minh"})

    def _pair(self, case, baseline):
        """Run ``baseline`` and ``case`` (each returns a Measure) one after the other, ``repeat`` times, so that
        both meet the same caches and load: for each, the median time and the last Measure."""
        runs = {"case": [], "baseline": []}
        for _ in range(self.repeat):
            runs["baseline"].append(baseline())
            runs["case"].append(case())
        return tuple((statistics.median(m.seconds for m in runs[key]), runs[key][-1]) for key in ("case", "baseline"))

    def report(self, key, label, case, baseline, *, count=None, unit=None, limit=None, extra=""):
        (seconds, measure), (base_seconds, base_measure) = case, baseline
        ratio = seconds / base_seconds if base_seconds else float("inf")
        row = {"label": label, "seconds": seconds, "queries": measure.queries, "baseline_seconds": base_seconds,
               "baseline_queries": base_measure.queries, "ratio": ratio, "count": count, "limit": limit}
        self.results[key] = row
        per = f", {measure.queries / count:.2f} queries per {unit}" if count else ""
        self.out(f"{label}: {seconds:.3f} s, {measure.queries} queries{per} | baseline {base_seconds:.3f} s, "
                 f"{base_measure.queries} queries | ratio {ratio:.2f}" + (f" (limit {limit})" if limit else "")
                 + (f" | {extra}" if extra else ""))
        return row

    def run(self, cases=None):
        cases = cases or ["billing", "statistics", "medication", "dashboard", "resident_list"]
        self.out(f"province: {len(self.companies)} facilities, "
                 + ", ".join(f"{self.env[m].search_count([]):,} {label}" for m, label in (
                     ("ctxh.resident", "residents"), ("ctxh.stay", "stays"),
                     ("ctxh.care.contract", "contracts"), ("ctxh.medication.administration", "doses"),
                     ("account.move", "journal entries"))))
        for case in cases:
            getattr(self, f"case_{case}")()
        return self.results

    # ------------------------------------------------------------------
    # Billing: the month's run for every facility against a bare batched account.move.create
    # ------------------------------------------------------------------
    def _billing_month(self):
        billed = self.env["account.move"].search([("ctxh_period_start", "!=", False)], order="ctxh_period_start desc",
                                                 limit=1).ctxh_period_start
        month = self.today.replace(day=1)
        return max(month, billed + relativedelta(months=1)) if billed else month

    def case_billing(self):
        env = self._env_as("accountant")
        month = self._billing_month()
        # one synchronous run per facility (a large run would otherwise go on in the background)
        self.env["ir.config_parameter"].set_param(CHUNK_SIZE_PARAM, 1_000_000)
        counts = {}

        def run_billing():
            measure = Measure(env)
            with rolled_back(env):
                runs = env["ctxh.billing.run"].create([
                    {"company_id": c.id, "date_from": month} for c in self.companies])
                measure(runs.action_generate)
                counts["invoices"] = len(runs.move_ids)
                counts["contracts"] = sum(runs.mapped("progress_total"))
            return measure

        def run_bare():
            measure = Measure(env)
            with rolled_back(env):
                batches = []
                for company in self.companies:
                    run = env["ctxh.billing.run"].create({"company_id": company.id, "date_from": month})
                    contracts = env["ctxh.care.contract"].search(run._contracts_domain(), order="id")
                    journal = run._ctxh_sale_journal(company)
                    vals_list = [dict(vals, journal_id=journal.id) for contract in contracts
                                 for vals in run._prepare_contract_moves_vals(contract, env["ctxh.service.usage"])]
                    batches.append((company, vals_list))

                def create():
                    for company, vals_list in batches:
                        env["account.move"].with_company(company).with_context(
                            default_move_type="out_invoice").create(vals_list)

                measure(create)
            return measure

        billing, bare = self._pair(run_billing, run_bare)
        self.report("billing", f"billing run, {counts['contracts']:,} contracts, {counts['invoices']:,} invoices "
                    f"({month.strftime('%m/%Y')})", billing, bare, count=counts["invoices"], unit="invoice",
                    limit="ratio <= 1.25, <= 15 queries per invoice")

    # ------------------------------------------------------------------
    # The yearly facility statistics of the whole province against the bare SQL giving the same figures
    # ------------------------------------------------------------------
    def _statistics_wizard(self, env, date_from, date_to):
        return env["ctxh.report.wizard"].create({
            "report_kind": "statistics", "company_ids": [(6, 0, self.companies.ids)],
            "period_kind": "custom", "date_from": date_from, "date_to": date_to,
        })

    def statistics_sql(self, date_from, date_to):
        """The statistics figures by bare SQL: {company id: {(row, column): count}}, rows as in the report
        with ids for records."""
        start = datetime.combine(date_from, datetime.min.time()) - timedelta(hours=7)
        end = datetime.combine(date_to + timedelta(days=1), datetime.min.time()) - timedelta(hours=7)
        self.env.cr.execute(SQL("""
            SELECT s.company_id,
                   s.date_start < %(start)s AS opening,
                   s.date_end IS NOT NULL AND s.date_end < %(end)s AS left_,
                   d.reason_id, c.category_id, r.gender, %(age_group)s AS age_group,
                   count(*)
              FROM ctxh_stay s
              JOIN ctxh_resident r ON r.id = s.resident_id
              LEFT JOIN LATERAL (SELECT reason_id FROM ctxh_discharge
                                  WHERE stay_id = s.id AND state = 'done' ORDER BY id DESC LIMIT 1) d ON TRUE
              LEFT JOIN LATERAL (SELECT rel.ctxh_resident_category_id AS category_id
                                   FROM ctxh_resident_ctxh_resident_category_rel rel
                                   JOIN ctxh_resident_category cat ON cat.id = rel.ctxh_resident_category_id
                                  WHERE rel.ctxh_resident_id = r.id ORDER BY cat.sequence, cat.id LIMIT 1) c ON TRUE
             WHERE s.company_id = ANY(%(companies)s) AND s.date_start < %(end)s
               AND (s.date_end IS NULL OR s.date_end >= %(start)s)
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        """, start=start, end=end, age_group=age_group_sql(self.env, date_to), companies=self.companies.ids))
        return self.env.cr.fetchall()

    def case_statistics(self):
        env = self._env_as("director")
        date_to = self.today.replace(day=1) - timedelta(days=1)
        date_from = date_to.replace(day=1) - relativedelta(months=11)
        sizes = {}

        def run_report(months=12, trace_memory=False):
            measure = Measure(env)
            with rolled_back(env):
                first = date_to.replace(day=1) - relativedelta(months=months - 1)
                wizard = self._statistics_wizard(env, first, date_to)

                def render(wizard=wizard):
                    action = wizard.action_print()
                    return env["ir.actions.report"].with_context(action["context"])._render(
                        action["report_name"], action["context"]["active_ids"], action["data"])

                content, _kind = measure(render, trace_memory=trace_memory)
                sizes[months] = len(content)
            return measure

        def run_sql():
            measure = Measure(env)
            rows = measure(lambda: self.statistics_sql(date_from, date_to))
            self.results["statistics_sql_rows"] = rows
            return measure

        report, sql = self._pair(run_report, run_sql)
        # memory apart: tracing every allocation slows Python down several times
        year_peak, month_peak = run_report(12, trace_memory=True).peak, run_report(1, trace_memory=True).peak
        total = sum(row[-1] for row in self.results["statistics_sql_rows"])
        self.report("statistics", f"facility statistics XLSX, {len(self.companies)} facilities, "
                    f"{date_from.strftime('%m/%Y')}-{date_to.strftime('%m/%Y')} ({total:,} stays)",
                    report, sql, limit="ratio <= 3",
                    extra=f"peak memory {year_peak / 1e6:.1f} MB for the year, {month_peak / 1e6:.1f} MB "
                          f"for one month; {len(AGE_GROUPS)} age groups")
        self.results["statistics"].update(peak_year=year_peak, peak_month=month_peak, stays=total)

    # ------------------------------------------------------------------
    # One day's doses for everyone in care against a bare batched create of the same rows
    # ------------------------------------------------------------------
    def case_medication(self):
        env = self._env_as("medical")
        Order = env["ctxh.medication"]
        tomorrow = self.today + timedelta(days=1)
        now = datetime.combine(tomorrow, datetime.min.time()) - timedelta(hours=7)  # 00:00 local
        count = {}

        def one_day(orders_env):
            orders_env["ctxh.legal.parameter"].sudo().create({
                "code": "medication_plan_days", "name": "benchmark", "value": 1, "date_from": self.today})

        def run_generate():
            measure = Measure(env)
            with rolled_back(env):
                one_day(env)
                orders = Order.search([("state", "=", "active")])
                doses = measure(lambda: orders._generate_doses(now))
                count["doses"], count["orders"] = len(doses), len(orders)
                count["residents"] = len(orders.resident_id)
            return measure

        def run_bare():
            measure = Measure(env)
            with rolled_back(env):
                orders = Order.search([("state", "=", "active")])
                vals_list = [vals for order in orders for vals in order._prepare_dose_vals(now, 1)]
                measure(lambda: env["ctxh.medication.administration"].create(vals_list))
            return measure

        generate, bare = self._pair(run_generate, run_bare)
        self.report("medication", f"one day's doses, {count['residents']:,} residents, {count['orders']:,} orders, "
                    f"{count['doses']:,} doses", generate, bare, count=count["doses"], unit="dose",
                    limit="ratio <= 1.5")

    # ------------------------------------------------------------------
    # The overview's figures against bare SQL
    # ------------------------------------------------------------------
    DASHBOARD_FIELDS = ["ctxh_bed_count", "ctxh_bed_free_count", "ctxh_admission_month_count",
                        "ctxh_discharge_month_count", "ctxh_emergency_near_count", "ctxh_emergency_past_count",
                        "ctxh_followup_overdue_count", "ctxh_review_due_count", "ctxh_dose_overdue_count",
                        "ctxh_admission_pending_count", "ctxh_plan_pending_count", "ctxh_discharge_pending_count",
                        "ctxh_receivable_overdue", "ctxh_receivable_total"]

    def dashboard_sql(self):
        """The overview's figures by bare SQL: {company id: {field: value}}."""
        Parameter = self.env["ctxh.legal.parameter"]
        emergency_days = int(Parameter._get_value("emergency_warning_days", 14))
        review_days = int(Parameter._get_value("care_plan_review_warning_days", 7))
        grace = Parameter._get_value("medication_grace_minutes", 60)
        month_start = datetime.combine(self.today.replace(day=1), datetime.min.time())
        params = {"companies": self.companies.ids, "month": month_start, "today": self.today,
                  "emergency": self.today + timedelta(days=emergency_days),
                  "review": self.today + timedelta(days=review_days),
                  "dose_limit": fields.Datetime.now() - timedelta(minutes=grace),
                  "states": list(self.env["ctxh.care.plan"]._review_states())}
        # figure: (aggregate, table, condition)
        queries = {
            "ctxh_bed_count": ("count(*)", "ctxh_bed", "active"),
            "ctxh_bed_free_count": ("count(*)", "ctxh_bed", "active AND state = 'free'"),
            "ctxh_admission_month_count": ("count(*)", "ctxh_stay", "date_start >= %(month)s"),
            "ctxh_discharge_month_count": ("count(*)", "ctxh_stay", "date_end >= %(month)s"),
            "ctxh_emergency_near_count": ("count(*)", "ctxh_stay", "state = 'active' AND is_emergency "
                                          "AND date_end_planned >= %(today)s AND date_end_planned <= %(emergency)s"),
            "ctxh_emergency_past_count": ("count(*)", "ctxh_stay", "state = 'active' AND is_emergency "
                                          "AND date_end_planned < %(today)s"),
            "ctxh_followup_overdue_count": ("count(*)", "ctxh_followup",
                                            "state = 'planned' AND date_planned < %(today)s"),
            "ctxh_review_due_count": ("count(*)", "ctxh_care_plan",
                                      "state = ANY(%(states)s) AND review_date <= %(review)s"),
            "ctxh_dose_overdue_count": ("count(*)", "ctxh_medication_administration",
                                        "state = 'planned' AND scheduled_at < %(dose_limit)s"),
            "ctxh_admission_pending_count": ("count(*)", "ctxh_admission", "state = 'submitted'"),
            "ctxh_plan_pending_count": ("count(*)", "ctxh_care_plan", "state = 'submitted'"),
            "ctxh_discharge_pending_count": ("count(*)", "ctxh_discharge", "state = 'draft'"),
            "ctxh_receivable_total": ("sum(amount_residual)", "ctxh_receivable_report", "TRUE"),
            "ctxh_receivable_overdue": ("sum(amount_residual)", "ctxh_receivable_report", "age_bucket != 'not_due'"),
        }
        figures = defaultdict(dict)
        for key, (aggregate, table, condition) in queries.items():
            query = (f"SELECT company_id, {aggregate} FROM {table} "
                     f"WHERE {condition} AND company_id = ANY(%(companies)s) GROUP BY 1")
            self.env.cr.execute(query, params)  # pylint: disable=sql-injection
            for company_id, value in self.env.cr.fetchall():
                figures[company_id][key] = value
        return figures

    def case_dashboard(self):
        env = self._env_as("director")
        companies = self.companies.with_env(env)

        def run_dashboard():
            measure = Measure(env)
            rows = measure(lambda: companies.read(self.DASHBOARD_FIELDS))
            self.results["dashboard_rows"] = rows
            return measure

        def run_sql():
            measure = Measure(env)
            self.results["dashboard_sql"] = measure(self.dashboard_sql)
            return measure

        dashboard, sql = self._pair(run_dashboard, run_sql)
        self.report("dashboard", f"overview figures, {len(self.companies)} facilities, {len(self.DASHBOARD_FIELDS)} "
                    "figures each", dashboard, sql, limit="ratio <= 3")

    # ------------------------------------------------------------------
    # The resident list's first page and a resident's form, as the web client asks for them
    # ------------------------------------------------------------------
    @staticmethod
    def view_specification(Model, view_type):
        """The field specification the web client sends for the default view of ``view_type``."""
        view = Model.get_views([(False, view_type)])["views"][view_type]
        arch = etree.fromstring(view["arch"])
        spec = {}
        for node in arch.iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            name = node.get("name")
            field = Model._fields.get(name)
            if field is None:
                continue
            spec[name] = {"fields": {"display_name": {}}} if field.type in ("many2one", "many2many", "one2many") else {}
        return spec

    def case_resident_list(self):
        env = self._env_as("care_staff")
        Resident = env["ctxh.resident"]
        list_spec = self.view_specification(Resident, "list")
        domain = [("state", "=", "in_care")]

        def page(limit):
            def run():
                measure = Measure(env)
                measure(lambda: Resident.web_search_read(domain, list_spec, limit=limit))
                return measure
            return run

        page(20)()  # a first call warms the ORM's caches (rules, views): counted are the calls that follow
        large, small = self._pair(page(80), page(20))
        # the exact requests of the web client (default filters, every widget) are measured by the query-count
        # tests of the lists and of the resident form (ctxh_residents/tests/test_query_counts.py)
        self.report("resident_list", "resident list, first page of 80 rows (in care)", large, small,
                    limit="same queries at 20 and 80 rows", extra=f"20 rows: {small[1].queries} queries")


def run(env, repeat=1, cases=None, out=print):
    return Benchmark(env, repeat=repeat, out=out).run(cases)
