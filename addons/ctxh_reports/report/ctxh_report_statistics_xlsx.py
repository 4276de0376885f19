from collections import defaultdict

from odoo import models
from odoo.tools import SQL

DEATH = "death"  # code of the discharge ground for a death (ctxh_residents data)
# age groups of the statistics: [lower, upper) in full years on the last day of the period; None: no limit
AGE_GROUPS = [(0, 6), (6, 16), (16, 18), (18, 60), (60, 80), (80, None)]
# the row of the sensitive categories, merged and unnamed for a reader without the Sensitive Data group
PROTECTED = "protected"


def age_group_sql(env, day):
    """SQL of the index in AGE_GROUPS of the age of resident ``r`` on ``day`` (NULL if unknown); the age is the
    resident's own rule (``ctxh.resident._ctxh_age_sql``)."""
    age = env["ctxh.resident"]._ctxh_age_sql(day, "r")
    whens = [SQL("WHEN (%s) < %s THEN %s", age, high, index) for index, (_low, high) in enumerate(AGE_GROUPS) if high]
    return SQL("CASE WHEN (%s) IS NULL THEN NULL %s ELSE %s END", age, SQL(" ").join(whens), len(AGE_GROUPS) - 1)


class ReportCtxhStatistics(models.AbstractModel):
    """Residents at the start of the period, admitted, discharged by ground (deaths apart), at the end,
    by category, sex and age group: one sheet per facility and a total sheet for several."""

    _name = "report.ctxh_reports.ctxh_report_statistics_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Facility Statistics (XLSX)"
    _ctxh_report_kind = "statistics"

    def _ctxh_generate(self, workbook, wizard, companies):
        counts = self._ctxh_count(wizard, companies)
        grounds = self._ctxh_grounds(counts.values())
        formats = self._ctxh_formats(workbook)
        for company in companies:
            self._ctxh_write_sheet(workbook, formats, wizard, company, counts=counts[company], grounds=grounds,
                                   name=company.ctxh_code or company.name)
        if len(companies) > 1:
            total = defaultdict(lambda: defaultdict(int))
            for company_counts in counts.values():
                for row_key, columns in company_counts.items():
                    for col_key, value in columns.items():
                        total[row_key][col_key] += value
            self._ctxh_write_sheet(workbook, formats, wizard, companies, counts=total, grounds=grounds,
                                   name=self.env._("Total"))

    def _ctxh_count(self, wizard, companies):
        """{company: {row: {column: count}}}. Rows: "total", ("category", category), ("gender", gender),
        ("age", group); columns: "opening", "admitted", "discharged", ("ground", reason or None), "closing".
        A resident with several categories counts under the first one, so that every breakdown adds up to
        the total.

        One grouped query over the stays the user may read (record rules apply through ``_search``): the
        time and memory it takes do not grow with the number of stays written out."""
        stays = self.env["ctxh.stay"]._search(self._ctxh_stay_domain(wizard, companies))
        bounds = SQL(", ").join(
            SQL("(%s, %s::timestamp, %s::timestamp)", company.id,
                *self._ctxh_utc_bounds(company, wizard.date_from, wizard.date_to))
            for company in companies
        )
        # the stays' own query (its FROM and WHERE, rules included), joined to what the figures need
        stay = SQL.identifier(stays.table)
        self.env.cr.execute(SQL("""
            SELECT %(stay)s.company_id,
                   %(stay)s.date_start < b.period_start AS opening,
                   %(stay)s.date_end IS NOT NULL AND %(stay)s.date_end < b.period_end AS discharged,
                   ground.reason_id, category.category_id, r.gender, %(age_group)s AS age_group,
                   count(*)
              FROM %(from)s
              JOIN (VALUES %(bounds)s) AS b(company_id, period_start, period_end)
                ON b.company_id = %(stay)s.company_id
              JOIN ctxh_resident r ON r.id = %(stay)s.resident_id
              LEFT JOIN LATERAL (
                    SELECT reason_id FROM ctxh_discharge
                     WHERE stay_id = %(stay)s.id AND state = 'done' ORDER BY id DESC LIMIT 1
              ) ground ON TRUE
              LEFT JOIN LATERAL (
                    SELECT rel.ctxh_resident_category_id AS category_id
                      FROM ctxh_resident_ctxh_resident_category_rel rel
                      JOIN ctxh_resident_category c ON c.id = rel.ctxh_resident_category_id
                     WHERE rel.ctxh_resident_id = r.id
                     ORDER BY c.sequence, c.id LIMIT 1
              ) category ON TRUE
             WHERE %(where)s
             GROUP BY 1, 2, 3, 4, 5, 6, 7
        """, stay=stay, bounds=bounds, age_group=age_group_sql(self.env, wizard.date_to), where=stays.where_clause,
            **{"from": stays.from_clause}))
        by_ids = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
        for company_id, opening, discharged, reason_id, category_id, gender, group, count in self.env.cr.fetchall():
            columns = ["opening" if opening else "admitted"]
            columns += ["discharged", ("ground", reason_id)] if discharged else ["closing"]
            company_counts = by_ids[company_id]
            for row in ["total", ("category", category_id), ("gender", gender or None), ("age", group)]:
                for column in columns:
                    company_counts[row][column] += count
        # ids to records, once per key
        Reason = self.env["ctxh.discharge.reason"].with_context(active_test=False)
        Category = self.env["ctxh.resident.category"].with_context(active_test=False)
        # for a reader without the Sensitive Data group, the sensitive categories are one unnamed row
        hidden = Category._ctxh_hidden_ids(
            {row[1] for rows in by_ids.values() for row in rows if isinstance(row, tuple) and row[0] == "category"})

        def record_key(key, kinds):
            if isinstance(key, tuple) and key[0] == "category" and key[1] in hidden:
                return (key[0], PROTECTED)
            if isinstance(key, tuple) and key[0] in kinds:
                return (key[0], kinds[key[0]].browse(key[1]) if key[1] else None)
            return key

        counts = {}
        for company in companies:
            company_counts = defaultdict(lambda: defaultdict(int))
            for row, columns in by_ids[company.id].items():
                row_counts = company_counts[record_key(row, {"category": Category})]
                for column, value in columns.items():
                    row_counts[record_key(column, {"ground": Reason})] += value
            counts[company] = company_counts
        return counts

    def _ctxh_grounds(self, all_counts):
        """The discharge grounds to show: deaths always, then every other ground met, in their order,
        then discharges without a recorded ground if any."""
        met = {col[1] for counts in all_counts for col in counts["total"] if isinstance(col, tuple)}
        death = self.env["ctxh.discharge.reason"].with_context(active_test=False).search(
            [("code", "=", DEATH)], limit=1)
        others = sorted((r for r in met if r and r != death), key=lambda r: (r.sequence, r.id))
        return [*death, *others, *([None] if None in met else [])]

    def _ctxh_write_sheet(self, workbook, formats, wizard, companies, *, counts, grounds, name):
        Resident = self.env["ctxh.resident"]
        columns = [(self.env._("Group"), 34, "text"), (self.env._("At the start of the period"), 12, "sum"),
                   (self.env._("Admitted"), 11, "sum"), (self.env._("Discharged"), 11, "sum")]
        for ground in grounds:
            if ground and ground.code == DEATH:
                label = self.env._("of which deaths")
            elif ground:
                label = self.env._("of which: %s", ground.name)
            else:
                label = self.env._("of which: ground not recorded")
            columns.append((label, 14, "sum"))
        columns.append((self.env._("At the end of the period"), 12, "sum"))
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=name,
                                     title=self.env._("Facility statistics"), columns=columns, freeze_columns=1)
        col_keys = ["opening", "admitted", "discharged", *[("ground", g or None) for g in grounds], "closing"]

        def values(label, row_key):
            return (label, *[counts[row_key][key] if row_key in counts else 0 for key in col_keys])

        row = self._ctxh_table(sheet, formats, columns, [], total_label=self.env._("Total"),
                               totals=dict(enumerate(values(self.env._("Total"), "total"))))
        categories = sorted((key[1] for key in counts if key[0] == "category" and key[1] and key[1] != PROTECTED),
                            key=lambda c: (c.sequence, c.id))
        genders = dict(Resident._fields["gender"]._description_selection(self.env))
        sections = [
            (self.env._("By resident category"),
             [values(c.name, ("category", c)) for c in categories]
             + ([values(self.env._("Other categories (protected)"), ("category", PROTECTED))]
                if ("category", PROTECTED) in counts else [])
             + ([values(self.env._("No category"), ("category", None))] if ("category", None) in counts else [])),
            (self.env._("By sex"),
             [values(label, ("gender", key)) for key, label in genders.items()]
             + ([values(self.env._("Sex not recorded"), ("gender", None))] if ("gender", None) in counts else [])),
            (self.env._("By age group"),
             [values(self._ctxh_age_label(i), ("age", i)) for i in range(len(AGE_GROUPS))]
             + ([values(self.env._("Age not recorded"), ("age", None))] if ("age", None) in counts else [])),
        ]
        for title, rows in sections:
            sheet.merge_range(row, 0, row, len(columns) - 1, title, formats["section"])
            row = self._ctxh_table(sheet, formats, columns, rows, row=row + 1)
        sheet.write(row + 1, 0, self.env._(
            "Age in full years on %(date)s. A resident with several categories is counted under the first one.",
            date=wizard.date_to.strftime("%d/%m/%Y")), formats["note"])
        return sheet

    def _ctxh_age_label(self, index):
        low, high = AGE_GROUPS[index]
        if not low:
            return self.env._("Under %s", high)
        if high is None:
            return self.env._("%s and over", low)
        return f"{low}-{high - 1}"
