import re
from datetime import date, datetime, time

from odoo import models
from odoo.osv import expression

# rows 0 to 2: title, facilities, period; the header row follows an empty row
HEADER_ROW = 4
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# column kinds: cell format, and whether the totals row adds the column up
KIND_FORMATS = {
    "text": {},
    "date": {"num_format": "dd/mm/yyyy", "align": "center"},
    "int": {"num_format": "#,##0"},
    "sum": {"num_format": "#,##0"},
    "money": {"num_format": "#,##0"},
    "hours": {"num_format": "#,##0.0"},
    "coefficient": {"num_format": "0.00"},
    "percent": {"num_format": "0.0%"},
}
SUMMED_KINDS = ("sum", "money", "hours")


class CtxhXlsxAbstract(models.AbstractModel):
    """What the statutory XLSX reports share: who may print what, the title rows and formats, and
    the period's local days as UTC bounds. A report sets ``_ctxh_report_kind`` (a key of the
    wizard's REPORTS) and implements ``_ctxh_generate``. Its objects are report wizards; the data
    is read as the user, within the facilities chosen, so record rules and field groups apply."""

    _name = "report.ctxh_reports.xlsx_abstract"
    _inherit = "report.report_xlsx.abstract"
    _description = "Statutory XLSX Report"

    _ctxh_report_kind = None

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        companies = wizard._ctxh_check_print(self._ctxh_report_kind)
        # the facilities chosen, whatever the company switcher shows: all are the user's (checked above)
        report = self.with_context(allowed_company_ids=companies.ids)
        report._ctxh_generate(workbook, wizard.with_env(report.env), companies.with_env(report.env))

    def get_workbook_options(self):
        # built in memory: no temporary file per sheet (the reports are a few thousand rows at most)
        return {**super().get_workbook_options(), "in_memory": True}

    def _ctxh_generate(self, workbook, wizard, companies):
        """Write the report on ``workbook`` for ``wizard``'s period and ``companies``."""
        raise NotImplementedError()

    # ------------------------------------------------------------------
    # Period
    # ------------------------------------------------------------------
    def _ctxh_utc_bounds(self, company, date_from, date_to):
        """The period from the start of ``date_from`` to the end of ``date_to``, local days of
        ``company`` (its clock), as naive UTC datetimes [start, end)."""
        return company._ctxh_day_bounds(date_from)[0], company._ctxh_day_bounds(date_to)[1]

    def _ctxh_local_date(self, company, moment):
        """The local day of ``company`` of a UTC datetime."""
        return moment and company._ctxh_local(moment).date()

    def _ctxh_period_domain(self, wizard, companies, field_name, end=None):
        """Records of ``companies`` whose datetime ``field_name`` falls in the period (each facility's
        local days), ending at ``end`` (UTC) when that comes first."""
        domains = []
        for company in companies:
            start, stop = self._ctxh_utc_bounds(company, wizard.date_from, wizard.date_to)
            domains.append([("company_id", "=", company.id), (field_name, ">=", start),
                            (field_name, "<", min(stop, end) if end else stop)])
        return expression.OR(domains)

    def _ctxh_stay_domain(self, wizard, companies):
        """Stays of ``companies`` that overlap the period, each facility's local days."""
        domains = []
        for company in companies:
            start, end = self._ctxh_utc_bounds(company, wizard.date_from, wizard.date_to)
            domains.append([("company_id", "=", company.id), ("date_start", "<", end),
                            "|", ("date_end", "=", False), ("date_end", ">=", start)])
        return expression.OR(domains)

    def _ctxh_period_label(self, wizard):
        return self.env._("From %(date_from)s to %(date_to)s", date_from=wizard.date_from.strftime("%d/%m/%Y"),
                          date_to=wizard.date_to.strftime("%d/%m/%Y"))

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _ctxh_formats(self, workbook):
        """Cell formats by column kind, bordered, and their bold variants ``total_<kind>``."""
        base = {"border": 1, "valign": "vcenter"}
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"italic": True}),
            "header": workbook.add_format({**base, "bold": True, "text_wrap": True, "align": "center",
                                           "bg_color": "#DDEBF7"}),
            "section": workbook.add_format({**base, "bold": True, "italic": True, "bg_color": "#F2F2F2"}),
            "note": workbook.add_format({"italic": True, "font_size": 9}),
        }
        for kind, options in KIND_FORMATS.items():
            formats[kind] = workbook.add_format({**base, **options})
            formats[f"total_{kind}"] = workbook.add_format({**base, **options, "bold": True})
        return formats

    def _ctxh_sheet_name(self, name):
        """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
        return SHEET_NAME_FORBIDDEN.sub(" ", name or "").strip()[:31].strip() or "Sheet"

    def _ctxh_add_sheet(self, workbook, formats, wizard, companies, *, name, title, columns, freeze_columns=0,
                        subtitle=None):
        """A worksheet with the title rows (report, facilities, period), the bold wrapped header of
        ``columns`` (label, width, kind), column widths set and panes frozen below the header."""
        sheet = workbook.add_worksheet(self._ctxh_sheet_name(name))
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, ", ".join(companies.mapped("name")), formats["subtitle"])
        sheet.write(2, 0, " - ".join(filter(None, [self._ctxh_period_label(wizard), subtitle])), formats["subtitle"])
        sheet.set_row(HEADER_ROW, 45)
        for col, (label, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(HEADER_ROW, col, label, formats["header"])
        sheet.freeze_panes(HEADER_ROW + 1, freeze_columns)
        return sheet

    def _ctxh_cell(self, sheet, row, col, value, cell_format):
        if value is None or value is False:
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, date):
            value = value if isinstance(value, datetime) else datetime.combine(value, time.min)
            sheet.write_datetime(row, col, value, cell_format)
        else:
            sheet.write(row, col, value, cell_format)

    def _ctxh_table(self, sheet, formats, columns, rows, *, row=HEADER_ROW + 1, total_label=None, totals=None):
        """Write ``rows`` (tuples of values, one per column) from ``row``; with ``total_label``, a
        bold totals row adding up the summed kinds of columns, or taking ``totals`` {column: value}.
        Return the next free row."""
        for values in rows:
            for col, value in enumerate(values):
                self._ctxh_cell(sheet, row, col, value, formats[columns[col][2]])
            row += 1
        if total_label is not None:
            totals = totals or {}
            for col, (_label, _width, kind) in enumerate(columns):
                if col in totals:
                    value = totals[col]
                elif kind in SUMMED_KINDS:
                    value = sum(values[col] or 0 for values in rows)
                else:
                    value = total_label if col == 0 else None
                self._ctxh_cell(sheet, row, col, value, formats[f"total_{kind}"])
            row += 1
        return row
