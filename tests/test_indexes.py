"""Every domain the lists, the scheduled jobs, the reports and the dashboards filter the large tables on has an
index on a filtered column, not only on the facility: read from the queries PostgreSQL is asked (EXPLAIN)."""

import itertools
import re

from lxml import etree

from odoo import fields
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ctxh_reports.wizard.ctxh_report_wizard import REPORTS
from odoo.addons.ctxh_residents.tests.web_client import WebClient, capture_queries

# Models whose tables grow with the residents and the years (a province: 50,000 residents, 60,000 stays,
# a million doses). Their small companions (rooms, beds, types, programmes, sheets, runs) are left out, and
# so are the relatives and documents, only ever read resident by resident.
LARGE_MODELS = [
    "ctxh.resident", "ctxh.stay", "ctxh.bed.assignment", "ctxh.admission", "ctxh.discharge", "ctxh.followup",
    "ctxh.sensitive.access.log", "ctxh.medication", "ctxh.medication.administration", "ctxh.health.check",
    "ctxh.medical.event", "ctxh.assessment", "ctxh.care.plan", "ctxh.programme.session",
    "ctxh.programme.attendance", "ctxh.visit", "ctxh.incident", "ctxh.care.contract", "ctxh.care.contract.payer",
    "ctxh.care.contract.line", "ctxh.service.usage", "ctxh.allowance.sheet.line", "account.move",
    "account.move.line",
    # a social work centre's community work: thousands of calls and sessions a year (Quảng Ninh: 3,800 calls)
    "ctxh.hotline.call", "ctxh.counselling.session", "ctxh.referral", "ctxh.case",
]
# SQL views of the reports: their filters reach the large tables under them
REPORT_VIEWS = ["ctxh.movement.report", "ctxh.receivable.report"]
# conditions that select little: the facility (one of five) and the archive flag
UNSELECTIVE_COLUMNS = {"company_id", "active"}
SEARCHED = "Nguyễn"  # what the user types in the search box
# operators (as EXPLAIN shows them) a btree index serves, and those a trigram index serves
BTREE_OPERATORS = {"=", "<", ">", "<=", ">=", "IS"}
TRIGRAM_OPERATORS = {"~~", "~~*", "="}
# plan nodes that read all the rows below them, whatever the LIMIT above
FULL_READS = {"Sort", "Aggregate", "Hash", "Materialize", "Unique", "SetOp", "WindowAgg"}


def _conjuncts(condition):
    """The AND-ed parts of a condition as EXPLAIN prints it, e.g. "((a = 1) AND ((b IS NULL) OR (b > 2)))"."""
    while condition.startswith("(") and _closing(condition, 0) == len(condition) - 1:
        condition = condition[1:-1]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(condition):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and condition.startswith(" AND ", index):
            parts.append(condition[start:index])
            start = index + len(" AND ")
    return [*parts, condition[start:]]


def _closing(text, opening):
    """Index of the parenthesis closing the one at ``opening``."""
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


@tagged("post_install", "-at_install")
class TestIndexes(TransactionCase):
    """Every domain the lists, the scheduled jobs, the reports and the dashboards filter the large tables on
    is served by an index: PostgreSQL, told to avoid reading whole tables, finds each row it needs through an
    index on a filtered column, not only on the facility."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Asia/Ho_Chi_Minh"))
        cls.tables = {cls.env[model]._table for model in LARGE_MODELS}
        cls.columns = {}  # {table: its columns}, filled by _indexes()
        # statistics of the tables as they are now, whatever the autovacuum did before: the same plans each run
        cls.env.cr.execute(SQL("ANALYZE %s", SQL(", ").join(SQL.identifier(table) for table in sorted(cls.tables))))

    # ------------------------------------------------------------------
    # Reading plans
    # ------------------------------------------------------------------
    def _indexes(self):
        """{index name: (table, method, its leading columns, the columns it is on (in order) or restricted to,
        partial)} for the large tables. A btree index finds rows by its first column; GIN and GiST by any."""
        self.env.cr.execute(SQL("""
            SELECT c.relname, t.relname, pg_get_indexdef(i.indexrelid), i.indpred IS NOT NULL, am.amname,
                   array_agg(a.attname)
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_am am ON am.oid = c.relam
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE t.relname IN %s
             GROUP BY c.relname, t.relname, i.indexrelid, i.indpred, am.amname
        """, tuple(self.tables)))
        indexes = {}
        for name, table, definition, partial, method, columns in self.env.cr.fetchall():
            keys, _where, predicate = definition.split(" USING ", 1)[1].partition(" WHERE ")
            used = [word for word in re.findall(r"\w+", keys) if word in columns]
            leading = set(used) if method != "btree" else set(used[:1])
            if partial and method == "btree":
                # a partial btree index finds rows by its first column, or by the rows it is restricted to
                # (a unique index on (order, time) of the doses in force serves neither the time alone)
                used = used[:1] + [word for word in re.findall(r"\w+", predicate) if word in columns]
            indexes[name] = (table, method, leading, used, partial)
            self.columns[table] = set(columns)
        return indexes

    def _plan(self, sql):
        """The plan of ``sql`` when PostgreSQL avoids reading whole tables if it can: no sequential scan, and
        joins by nested loops, whose inner side is then looked up through an index if there is one (the
        tables of a test database are too small for the planner to prefer an index on its own)."""
        settings = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin")
        for setting in settings:
            self.env.cr.execute(SQL("SET LOCAL %s = off", SQL.identifier(setting)))
        try:
            self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", sql))
            return self.env.cr.fetchone()[0][0]["Plan"]
        finally:
            for setting in settings:
                self.env.cr.execute(SQL("SET LOCAL %s = on", SQL.identifier(setting)))

    def _problems(self, sql, indexes):
        """How the plan of ``sql`` reads a large table other than through an index that selects rows: on a
        column other than the facility or the archive flag, or restricted to some rows (partial).

        On the tiny tables of a test database the planner prefers reading a table whole through an index, or
        through the facility's index, to using an index on the filter; that is fine when the filter has an
        index it could use (a real database uses it). Also fine: an index read from one end for a first page
        (under a LIMIT), and a table whose rows are restricted by a join only, when the join's column on it
        leads an index (a real database starts from the other side)."""
        problems = []
        plan = self._plan(sql)
        conditions = " ".join(str(node.get(key, "")) for node in [plan, *self._descendants(plan)] for key in (
            "Index Cond", "Recheck Cond", "Filter", "Join Filter", "Cache Key"))

        def selective(name, index_condition):
            """Whether index ``name`` finds rows by ``index_condition`` on a column other than the facility:
            for a btree index, among the columns it is sorted by first (a condition on a later column alone
            reads it whole)."""
            _table, method, _leading, columns, partial = indexes[name]
            words = set(re.findall(r"\w+", index_condition or ""))
            if method == "btree":
                columns = list(itertools.takewhile(lambda column: column in words, columns))
            return partial or bool(set(columns) & words - UNSELECTIVE_COLUMNS)

        def selective_columns(table, condition):
            return set(re.findall(r"\w+", condition or "")) & self.columns[table] - UNSELECTIVE_COLUMNS

        def servable(table, condition):
            """Whether indexes on ``table`` could find the rows of ``condition`` by its columns (other than the
            facility's), with the operators it uses (LIKE needs a trigram index; <> no index helps): one of
            the AND-ed conditions is enough, and within it each OR-ed column needs an index."""
            def column_served(column, text):
                operators = set(re.findall(rf"\b{column}\)?(?:::[\w ]+?)?\s*(~~\*|~~|<>|<=|>=|=|<|>|IS\b)",
                                           text)) or {"="}  # a boolean column alone is a test for true
                return any(t == table and ((partial and column in used) or (column in leading and operators & (
                    BTREE_OPERATORS if method == "btree" else TRIGRAM_OPERATORS)))
                    for t, method, leading, used, partial in indexes.values())

            for conjunct in _conjuncts(condition or ""):
                served = [column_served(column, conjunct) for column in selective_columns(table, conjunct)]
                if served and (all(served) if " OR " in conjunct else any(served)):
                    return True
            return False

        def joined_by_index(node):
            """Whether the join restricting ``node``'s table is on a column an index on it leads with."""
            alias = re.escape(node.get("Alias", node["Relation Name"]))
            columns = set(re.findall(rf"\b{alias}\.(\w+)", conditions))
            return any(t == node["Relation Name"] and (leading - UNSELECTIVE_COLUMNS) & columns
                       for t, _method, leading, _used, _partial in indexes.values())

        def presorted(node):
            """Whether the rows a Sort node sorts come in the order of its first key, from an index: the
            planner sorts them all only because a test table has fewer rows than the page."""
            first_key = re.sub(r"^.*\.", "", node["Sort Key"][0].split(" ")[0])
            return any(child.get("Index Name") and first_key in indexes[child["Index Name"]][2]
                       for child in node.get("Plans", []))

        def walk(node, under_limit=False):
            kind, table = node["Node Type"], node.get("Relation Name")
            # a first page read in the index's order stops after its rows; a full sort reads everything
            under_limit = (under_limit or kind == "Limit") and (
                kind not in FULL_READS or (kind == "Sort" and presorted(node)))
            if table in self.tables:
                own = node.get("Filter") or node.get("Recheck Cond") or node.get("Index Cond") or ""
                restricted = bool(selective_columns(table, own))  # by its own conditions, not only a join
                whole = kind == "Seq Scan" or (kind in ("Index Scan", "Index Only Scan") and not node.get("Index Cond")
                                               and not indexes[node["Index Name"]][4])
                if kind == "Seq Scan" and (restricted or not joined_by_index(node)):
                    problems.append(f"{table} read whole (filter {own or 'none'})")
                elif whole and not under_limit and not (servable(table, own) if restricted else joined_by_index(node)):
                    problems.append(f"{table} read whole through {node['Index Name']} (filter {own or 'none'})")
                elif kind in ("Index Scan", "Index Only Scan") and node.get("Index Cond"):
                    if not selective(node["Index Name"], node["Index Cond"]) and not servable(table, own):
                        problems.append(f"{table} found through {node['Index Name']} only (filter {own})")
                elif kind == "Bitmap Heap Scan":
                    scans = [n for n in self._descendants(node) if n["Node Type"] == "Bitmap Index Scan"]
                    if not any(selective(n["Index Name"], n.get("Index Cond")) for n in scans) and not servable(
                            table, own):
                        used = ", ".join(n["Index Name"] for n in scans)
                        problems.append(f"{table} found through {used} only (filter {own})")
            for child in node.get("Plans", []):
                walk(child, under_limit)

        walk(plan)
        return problems

    def _descendants(self, node):
        for child in node.get("Plans", []):
            yield child
            yield from self._descendants(child)

    def _assert_served(self, cases):
        """``cases``: (label, SQL); each reads the large tables through indexes that select rows."""
        indexes = self._indexes()
        failures = [f"{label}: {'; '.join(problems)}\n    {sql.code}"
                    for label, sql in cases if (problems := self._problems(sql, indexes))]
        self.assertFalse(failures, f"{len(failures)} of {len(cases)} queries read large tables without a "
                                   "useful index:\n" + "\n".join(failures))

    # ------------------------------------------------------------------
    # The lists
    # ------------------------------------------------------------------
    def _domain_sql(self, model, domain, order=None, limit=None):
        """The query the ORM runs for ``domain``, without the record rules: every list adds the facility,
        which selects a fifth of the rows; an index for the filter itself is what is looked for."""
        return self.env[model].sudo()._search(domain, order=order, limit=limit).select()

    def _list_actions(self):
        actions = self.env["ir.actions.act_window"].search([("res_model", "in", [*LARGE_MODELS, *REPORT_VIEWS])])
        # Odoo's own invoice lists and their filters are Odoo's concern; ours start with ctxh
        return sorted(xmlid for xmlid in actions.get_external_id().values() if xmlid.startswith("ctxh"))

    def _list_cases(self):
        """Every list action on a large model: the first page it opens on; each filter of its search view
        turned on as well (OR-ed with those of its group, AND-ed with the others, as the web client does; a
        date filter selects the current month); each search by field, alone."""
        client = WebClient(self.env)
        cases = []
        for xmlid in self._list_actions():
            model, domain, views = client.action(xmlid, grouped=True)
            list_view = model.get_views([(views.get("list", False), "list")])["views"]["list"]
            order = etree.fromstring(list_view["arch"]).get("default_order") or model._order
            cases.append((xmlid, "first page", model._name, domain, order, 80))
            for node in client.search_arch(xmlid).iter("filter", "field"):
                name = node.get("name")
                if node.tag == "filter" and (node.get("domain") or node.get("date")):
                    domain = client.action(xmlid, grouped=True, filters=[name])[1]
                    cases.append((xmlid, f"filter {name}", model._name, domain))
                elif node.tag == "field" and name != "company_id":  # a facility is a fifth of any table
                    cases.append((xmlid, f"search by {name}", model._name, self._field_search(model, node)))
        return [(f"{xmlid}, {what} {domain}", self._domain_sql(model, domain, *paging))
                for xmlid, what, model, domain, *paging in cases]

    def _field_search(self, model, node):
        """What typing in the search box and choosing to search this field asks."""
        if node.get("filter_domain"):
            return safe_eval(node.get("filter_domain"), {"self": SEARCHED})
        if model._fields[node.get("name")].type in ("integer", "float", "monetary"):
            return [(node.get("name"), "=", 1)]
        return [(node.get("name"), "ilike", SEARCHED)]

    def test_list_filters_have_indexes(self):
        """The lists' first pages, their filters and their searches by field on the large tables are served
        by indexes."""
        self._assert_served(self._list_cases())

    # ------------------------------------------------------------------
    # Jobs, reports, dashboards, billing, the resident form
    # ------------------------------------------------------------------
    def _own_queries(self, label, call):
        """(label, query) for each query ``call()`` runs that reads a large table and is ours (it names a
        ctxh table or column): what Odoo's own code asks of its tables is not in question here."""
        tables = "|".join(sorted(self.tables))
        reads_large = re.compile(rf'\bFROM "({tables})"|\bJOIN "({tables})"')
        # the queries as logged, their parameters already in place
        return [(f"{label} ({n})", SQL(query)) for n, query in enumerate(capture_queries(self.env, call), 1)
                if query.lstrip().upper().startswith(("SELECT", "WITH")) and reads_large.search(query)
                and "ctxh" in query]

    def _code_cases(self):
        """What each scheduled job of ours, each XLSX report (a year, every facility), the dashboards, a
        billing run and the resident form ask, run as the superuser: without the record rules, which only add
        the facility to every query, as in the lists."""
        cases = []
        crons = self.env["ir.cron"].search([])
        for cron_id, xmlid in sorted(crons.get_external_id().items(), key=lambda item: item[1]):
            if xmlid.startswith("ctxh"):
                cron = self.env["ir.cron"].browse(cron_id)
                cases += self._own_queries(f"job {xmlid}", cron.method_direct_trigger)
        companies = self.env["res.company"].search([])
        today = fields.Date.context_today(self.env["res.users"])
        for kind, (report_xmlid, _group) in sorted(REPORTS.items()):
            wizard = self.env["ctxh.report.wizard"].create({
                "report_kind": kind, "company_ids": [Command.set(companies.ids)], "period_kind": "year",
                "year": today.year})
            cases += self._own_queries(f"report {kind}", lambda r=report_xmlid, w=wizard: self.env[
                "ir.actions.report"]._render(r, w.ids))
        figures = [name for name, field in self.env["res.company"]._fields.items()
                   if name.startswith("ctxh_") and str(field.compute).startswith("_compute_ctxh_dashboard")]
        self.assertTrue(figures)
        cases += self._own_queries("dashboard", lambda: companies.read(figures))
        contract = self.env["ctxh.care.contract"].search([("state", "=", "active")], limit=1)
        run = self.env["ctxh.billing.run"].create({"company_id": contract.company_id.id,
                                                   "date_from": today.replace(day=1)})
        cases += self._own_queries("billing run", run.action_generate)
        read = WebClient(self.env).form_request(self.env["ctxh.resident"])
        resident = self.env["ctxh.resident"].search([("state", "=", "in_care")], limit=1)
        cases += self._own_queries("resident form", lambda: read(resident))
        return cases

    def test_jobs_reports_and_dashboards_have_indexes(self):
        """What the scheduled jobs, the XLSX reports, the dashboards, a billing run and the resident form ask
        of the large tables is served by indexes."""
        cases = self._code_cases()
        for source in ["job ", *(f"report {kind}" for kind in REPORTS), "dashboard", "billing run", "resident form"]:
            self.assertTrue([label for label, _sql in cases if label.startswith(source)], f"no query from {source}")
        self._assert_served(cases)

    # ------------------------------------------------------------------
    # Many2one fields the lists filter and group by
    # ------------------------------------------------------------------
    def _filtered_many2ones(self):
        """{(model, field)} of the many2one fields a list of a large model filters, searches or groups by,
        along every path of its domains (a one2many is followed through the many2one that points back)."""
        client = WebClient(self.env)
        found = set()

        def follow(model, path):
            for name in path.split("."):
                field = model._fields.get(name)
                if not field or not field.relational:
                    return
                if field.type == "many2one" and field.store:
                    found.add((model._name, name))
                elif field.type == "one2many":
                    found.add((field.comodel_name, field.inverse_name))
                model = self.env[field.comodel_name]

        for xmlid in self._list_actions():
            model = client.action(xmlid, grouped=True)[0]
            for node in client.search_arch(xmlid).iter("field", "filter"):
                group_by = safe_eval(node.get("context") or "{}", {"uid": self.env.uid}).get("group_by")
                if group_by:
                    follow(model, group_by.split(":")[0])
                    continue
                if node.tag == "field":
                    domain = self._field_search(model, node)
                else:
                    domain = client.filter_domain(model, node)
                for leaf in domain:
                    if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str):
                        follow(model, leaf[0])
        return {(model, name) for model, name in found if model in LARGE_MODELS}

    def test_filtered_many2ones_are_indexed(self):
        """Every many2one a list of a large model filters, searches or groups by has an index (a group, once
        opened, is a filter on it)."""
        fields_found = self._filtered_many2ones()
        self.assertIn(("ctxh.stay", "resident_id"), fields_found, "the inventory reads the search views")
        self.assertIn(("ctxh.care.contract.payer", "partner_id"), fields_found, "and follows one2many paths")
        missing = sorted(f"{model}.{name}" for model, name in fields_found if not self.env[model]._fields[name].index)
        self.assertFalse(missing, "many2one fields filtered or grouped by without an index")

    # ------------------------------------------------------------------
    # The check itself
    # ------------------------------------------------------------------
    def test_a_missing_index_is_found(self):
        """Without the index on the doses' time, on the residents' codes or on the emergency stays, the
        filters that need them are reported: the check can fail."""
        cases = dict(self._list_cases())
        today = "ctxh_care.ctxh_medication_administration_action, filter today"
        today_sql = next(sql for label, sql in cases.items() if label.startswith(today))
        by_name = next(sql for label, sql in cases.items()
                       if label.startswith("ctxh_residents.ctxh_resident_action, search by name"))
        emergency = next(sql for label, sql in cases.items()
                         if label.startswith("ctxh_residents.ctxh_stay_action, filter emergency"))
        for sql in (today_sql, by_name, emergency):
            self.assertFalse(self._problems(sql, self._indexes()))
        for index, sql in [
            ("ctxh_medication_administration__scheduled_at_index", today_sql),
            ("ctxh_resident__code_index", by_name),
            ("ctxh_stay_emergency_index", emergency),
        ]:
            with self.subTest(index=index):
                self.env.cr.execute(SQL("SAVEPOINT drop_index; DROP INDEX %s", SQL.identifier(index)))
                try:
                    self.assertTrue(self._problems(sql, self._indexes()), f"{index} dropped, yet nothing reported")
                finally:
                    self.env.cr.execute("ROLLBACK TO SAVEPOINT drop_index")
