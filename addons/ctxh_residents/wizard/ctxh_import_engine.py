import base64
import io
import zipfile
from collections import defaultdict

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools.misc import xlsxwriter

from ..tools.groups import CARE
from ..tools.import_rows import CellError, ImportRow, ImportSheet, clean, national_id_text, norm, parse_date

FIRST_DATA_ROW = 3  # row 1: column labels, row 2: formats and examples


TEMPLATE_ROWS = 1000  # rows of the template that get the drop-down lists


class CtxhImportEngine(models.AbstractModel):
    """The import engine, reusable by any sheet: the template made from the sheets' columns, a file read in any of
    the import languages, cells parsed with a message in the user's language, problems by sheet, row and column,
    and the two steps (check without saving, then import in one transaction). A sheet is a mixin of the wizard
    (``ctxh.import.sheet.<key>``) that gives ``_ctxh_<key>_columns``, ``_ctxh_check_<key>`` and
    ``_ctxh_import_<key>``; the wizard lists its sheets in ``_ctxh_import_sheets``."""

    _name = "ctxh.import.engine"
    _description = "Spreadsheet Import Engine"

    @api.model
    def _ctxh_selection_choices(self, model, fname):
        return [(label, "") for _key, label in model._fields[fname]._description_selection(self.env)]

    @api.model
    def _ctxh_provinces(self):
        return self.env["res.country.state"].search([("country_id.code", "=", "VN")], order="name")

    @api.model
    def _ctxh_import_languages(self):
        """A file downloaded in one language is read in another: labels are matched in these."""
        return list(dict.fromkeys([self.env.lang or "en_US", "vi_VN", "en_US"]))

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_check_import_access(self):
        self.env["res.users"]._ctxh_check_group(CARE)

    @api.model
    def _ctxh_may_import(self, spec):
        return self.env.su or self.env.user.has_group(spec["group"])

    def _ctxh_check_facility(self):
        """The import works in the facility the user is working in, nowhere else."""
        if self.company_id != self.env.company:
            raise UserError(self.env._(
                "This import is for %(facility)s: switch to that facility to run it.",
                facility=self.company_id.name))

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_download_template(self):
        self.ensure_one()
        self._ctxh_check_import_access()
        self.write({
            "template_file": base64.b64encode(self._ctxh_template()),
            "template_filename": "%s.xlsx" % self.env._("Import template"),
        })
        return {
            "type": "ir.actions.act_url",
            "target": "download",
            "url": f"/web/content?model={self._name}&id={self.id}&field=template_file"
                   "&filename_field=template_filename&download=true",
        }

    def action_check(self):
        """Read the file and list every problem; nothing is saved."""
        self.ensure_one()
        self._ctxh_check_import_access()
        self._ctxh_check_facility()
        sheets = self._ctxh_check_file()
        rows = [row for sheet in sheets for row in sheet.rows]
        self.write({
            "state": "checked",
            "problem_ids": [Command.clear()] + [Command.create(vals) for vals in self._ctxh_problem_vals(sheets)],
            "row_count": len(rows),
            "valid_row_count": len([row for row in rows if row.valid]),
            "summary": "\n".join(
                self.env._("%(sheet)s: %(rows)s rows, %(valid)s without problems.", sheet=sheet.title,
                           rows=len(sheet.rows), valid=len(sheet.valid_rows))
                for sheet in sheets),
        })
        return self._ctxh_reopen()

    def action_import(self):
        """Save the rows of the file in one transaction: all of them, or, when the user chose it, the
        rows without problems. The file is checked again first: the database may have changed."""
        self.ensure_one()
        self._ctxh_check_import_access()
        self._ctxh_check_facility()
        if self.state != "checked":
            raise UserError(self.env._("Check the file before importing it."))
        sheets = self._ctxh_check_file()
        problems = self._ctxh_problem_vals(sheets)
        if problems and not self.valid_only:
            raise UserError(self.env._(
                "Nothing was imported: the file has %(count)s problems, for example:\n%(problems)s\n"
                "Correct them, or tick “Import only the valid rows”.",
                count=len(problems), problems="\n".join(self._ctxh_problem_text(p) for p in problems[:5])))
        if not any(sheet.valid_rows for sheet in sheets):
            raise UserError(self.env._("Nothing was imported: no row of the file is without problems."))
        created = {}
        try:
            for sheet in sheets:
                if sheet.valid_rows:
                    created[sheet.key] = getattr(self, f"_ctxh_import_{sheet.key}")(sheet.valid_rows)
            self.env.flush_all()
        except (UserError, ValidationError) as error:
            # the check should have caught it; whatever it is, the transaction saves nothing
            raise UserError(self.env._("Nothing was imported: %s", error.args[0])) from error
        self.write({
            "state": "done",
            "summary": "\n".join(
                self.env._("%(sheet)s: %(created)s created, %(skipped)s rows left out.", sheet=sheet.title,
                           created=len(created.get(sheet.key, [])), skipped=len(sheet.rows) - len(sheet.valid_rows))
                for sheet in sheets),
            **self._ctxh_import_done_vals(created),
        })
        return self._ctxh_reopen()

    def _ctxh_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import from a Spreadsheet"),
        }

    # ------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------
    def _ctxh_template(self):
        """The XLSX template: one sheet per kind of record the user may import (labels on row 1,
        formats and examples on row 2), and a last sheet with the lists of allowed values."""
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        styles = {
            "header": book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                       "valign": "top"}),
            "hint": book.add_format({"italic": True, "font_color": "#7F7F7F", "text_wrap": True, "valign": "top"}),
            "text": book.add_format({"num_format": "@"}),
            "date": book.add_format({"num_format": "dd/mm/yyyy"}),
            "number": book.add_format({"num_format": "#,##0.##"}),
        }
        lists_title = self.env._("Lists")
        lists = []  # (sheet title, column label, choices)
        for spec in self._ctxh_import_sheets():
            if not self._ctxh_may_import(spec):
                continue
            sheet = book.add_worksheet(spec["title"])
            sheet.freeze_panes(FIRST_DATA_ROW - 1, 0)
            sheet.set_row(0, 32)
            sheet.set_row(1, 45)
            for index, column in enumerate(spec["columns"]):
                label = column["label"] + (" *" if column.get("required") else "")
                kind = column.get("kind", "text")
                sheet.set_column(index, index, column.get("width", 14), styles[kind])
                sheet.write_string(0, index, label, styles["header"])
                sheet.write_string(1, index, column.get("hint", ""), styles["hint"])
                if column.get("choices"):
                    choices = column["choices"]()
                    lists.append((spec["title"], column["label"], choices))
                    letter = get_column_letter(2 * len(lists) - 1)
                    quoted = lists_title.replace("'", "''")
                    validation = {"validate": "list",
                                  "source": f"='{quoted}'!${letter}$2:${letter}${len(choices) + 1}"}
                    if column.get("strict"):
                        # Excel's limit: a longer title would drop the whole validation
                        validation.update(error_title=column["label"][:32],
                                          error_message=self.env._("Choose a value from the list."))
                    else:
                        validation["show_error"] = False
                    sheet.data_validation(FIRST_DATA_ROW - 1, index, TEMPLATE_ROWS, index, validation)
        lists_sheet = book.add_worksheet(lists_title)
        for index, (title, label, choices) in enumerate(lists):
            lists_sheet.set_column(2 * index, 2 * index, 24)
            lists_sheet.set_column(2 * index + 1, 2 * index + 1, 30)
            lists_sheet.write_string(0, 2 * index, f"{title}: {label}", styles["header"])
            for row, (value, note) in enumerate(choices, start=1):
                lists_sheet.write_string(row, 2 * index, value)
                if note:
                    lists_sheet.write_string(row, 2 * index + 1, note, styles["hint"])
        book.close()
        return output.getvalue()

    # ------------------------------------------------------------------
    # Reading and checking the file
    # ------------------------------------------------------------------
    def _ctxh_open_file(self):
        if not self.file:
            raise UserError(self.env._("Choose the file to import."))
        try:
            return load_workbook(io.BytesIO(base64.b64decode(self.file)), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise UserError(self.env._(
                "This file cannot be read as an Excel workbook (.xlsx): %s", error)) from error

    def _ctxh_check_file(self):
        """Read the file and check every row of every sheet without saving anything: the sheets,
        their rows, the problems of each row and the values each row would be saved with."""
        book = self._ctxh_open_file()
        sheets = self._ctxh_read_sheets(book)
        book.close()
        if not sheets:
            raise UserError(self.env._(
                "The file has none of the sheets of the template (%s): download the template and fill it in.",
                ", ".join(spec["title"] for spec in self._ctxh_import_sheets())))
        context = {}
        for sheet in sheets:
            if not sheet.rows:
                continue
            if not self._ctxh_may_import(sheet.spec):
                sheet.problems.append(("", "", self.env._(
                    "Only %(group)s may import the sheet %(sheet)s: none of its rows can be imported.",
                    group=self.env.ref(sheet.spec["group"]).name, sheet=sheet.title)))
                continue
            getattr(self, f"_ctxh_check_{sheet.key}")(sheet, context)
        self._ctxh_check_needs(sheets)
        return sheets

    def _ctxh_read_sheets(self, book):
        """The sheets of the file that the template knows, by their title in any import language."""
        specs = self._ctxh_import_sheets()
        variants = [self.with_context(lang=lang)._ctxh_import_sheets() for lang in self._ctxh_import_languages()]
        titles = {norm(title): title for title in book.sheetnames}
        sheets = []
        for index, spec in enumerate(specs):
            names = [norm(spec["title"]), *(norm(variant[index]["title"]) for variant in variants)]
            title = next((titles[name] for name in names if name in titles), None)
            if title:
                sheet = ImportSheet(spec, title)
                self._ctxh_read_rows(sheet, book[title], [spec, *(variant[index] for variant in variants)])
                sheets.append(sheet)
        return sheets

    def _ctxh_read_rows(self, sheet, worksheet, variants):
        """Find each column by its label (in any import language), then read the data rows; row 2 is
        skipped while it still holds the template's hints."""
        labels, hints = {}, defaultdict(set)
        for variant in variants:
            for column in variant["columns"]:
                labels.setdefault(norm(column["label"]), column["key"])
                hints[column["key"]].add(norm(column.get("hint", "")))
        # some spreadsheet programs write a wrong size of the sheet: read every row there is
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True)
        positions = {}
        for index, value in enumerate(next(rows, None) or ()):
            if not clean(value):
                continue
            letter = get_column_letter(index + 1)
            key = labels.get(norm(value))
            if key is None:
                sheet.problems.append((letter, clean(value), self.env._(
                    "Unknown column: name it as in the template, or delete it.")))
            elif key in sheet.columns:
                sheet.problems.append((letter, clean(value), self.env._(
                    "This column is also in column %s.", sheet.columns[key])))
            else:
                sheet.columns[key] = letter
                positions[index] = key
        for column in sheet.spec["columns"]:
            if column.get("required") and column["key"] not in sheet.columns:
                sheet.problems.append(("", column["label"], self.env._("This column of the template is missing.")))
        for number, values in enumerate(rows, start=2):
            cells = {key: values[index] for index, key in positions.items() if index < len(values)}
            filled = {key: value for key, value in cells.items() if clean(value)}
            if not filled:
                continue
            if number == 2 and all(norm(value) in hints[key] for key, value in filled.items()):
                continue
            sheet.rows.append(ImportRow(sheet, number, cells))

    def _ctxh_check_needs(self, sheets):
        """A row that needs a row with problems (its resident, another row of its contract) is left
        out with it: say so on the row, until nothing changes."""
        changed = True
        while changed:
            changed = False
            for row in (row for sheet in sheets for row in sheet.rows):
                if not row.valid:
                    continue
                for key, other, message in row.needs:
                    if not other.valid:
                        row.add_problem(key, message(other))
                        changed = True
                        break

    def _ctxh_needs_message(self, other):
        return self.env._(
            "Row %(row)s of the sheet %(sheet)s, which this row refers to, has problems: this row cannot be "
            "imported without it.", row=other.number, sheet=other.sheet.title)

    def _ctxh_problem_vals(self, sheets):
        """The problem lines of the wizard: the sheets' own problems, then the rows' in file order."""
        vals_list = []
        for sheet in sheets:
            labels = {column["key"]: column["label"] for column in sheet.spec["columns"]}
            for letter, label, message in sheet.problems:
                vals_list.append({"sheet": sheet.title, "row": 1, "column": letter, "column_label": label,
                                  "message": message})
            order = {column["key"]: index for index, column in enumerate(sheet.spec["columns"])}
            for row in sheet.rows:
                for key, message in sorted(row.problems, key=lambda problem: order.get(problem[0], len(order))):
                    vals_list.append({
                        "sheet": sheet.title, "row": row.number, "column": sheet.columns.get(key, ""),
                        "column_label": labels.get(key, ""), "value": clean(row.cells.get(key))[:200],
                        "message": message,
                    })
        for sequence, vals in enumerate(vals_list):
            vals["sequence"] = sequence
        return vals_list

    def _ctxh_problem_text(self, vals):
        return self.env._("%(sheet)s, row %(row)s, column %(column)s: %(message)s",
                          sheet=vals["sheet"], row=vals["row"], column=vals["column"] or "-",
                          message=vals["message"])

    # ------------------------------------------------------------------
    # Reading cells: a cell that cannot be read is a problem of its row
    # ------------------------------------------------------------------
    def _ctxh_label(self, sheet, key):
        return next(column["label"] for column in sheet.spec["columns"] if column["key"] == key)

    def _ctxh_cell(self, row, key, required=False):
        """The cell as text; a problem of the row when a required cell is empty."""
        text = clean(row.cells.get(key))
        if required and not text and key in row.sheet.columns:
            row.add_problem(key, self.env._("This cell is required."))
        return text

    def _ctxh_cell_value(self, row, key, parser, required=False):
        """The cell read by ``parser``, which raises CellError; None when empty or unreadable."""
        if not self._ctxh_cell(row, key, required=required):
            return None
        try:
            return parser(row.cells[key])
        except CellError as error:
            row.add_problem(key, str(error))
            return None

    def _ctxh_parse_date(self, value):
        result = parse_date(value)
        if not result:
            raise CellError(self.env._("“%s” is not a date: write it as dd/mm/yyyy.", clean(value)))
        return result

    def _ctxh_choice_map(self, model, fname):
        """Each label of a selection field in every import language, and each key -> the key."""
        field = self.env[model]._fields[fname]
        result = {}
        for lang in self._ctxh_import_languages():
            for key, label in field._description_selection(self.with_context(lang=lang).env):
                result.setdefault(norm(label), key)
                result.setdefault(norm(key), key)
        return result

    def _ctxh_yes_no_map(self):
        result = {"x": True, "1": True, "true": True, "0": False, "false": False}
        for lang in self._ctxh_import_languages():
            env = self.with_context(lang=lang).env
            result.setdefault(norm(env._("Yes")), True)
            result.setdefault(norm(env._("No")), False)
        return result

    def _ctxh_record_map(self, records, fnames, key=norm):
        """Each value of ``fnames`` of ``records`` (translated ones in every import language) -> record."""
        result = {}
        for lang in self._ctxh_import_languages():
            for record in records.with_context(lang=lang):
                for fname in fnames:
                    if record[fname]:
                        result.setdefault(key(record[fname]), record.with_env(self.env))
        return result

    def _ctxh_cell_choice(self, row, key, mapping, required=False):
        """The key of the choice the cell names (a label in any import language), or None."""
        text = self._ctxh_cell(row, key, required=required)
        if not text:
            return None
        if norm(text) not in mapping:
            row.add_problem(key, self.env._(
                "“%(value)s” is not in the list of the column %(column)s: choose a value from the list.",
                value=text, column=self._ctxh_label(row.sheet, key)))
            return None
        return mapping[norm(text)]

    def _ctxh_cell_records(self, row, key, mapping, separator=None, key_function=norm):
        """The records the cell names (several, split on ``separator``); an unknown value is a problem."""
        text = self._ctxh_cell(row, key)
        values = [v.strip() for v in text.replace(";", separator).split(separator)] if separator else [text]
        records = []
        for value in filter(None, values):
            record = mapping.get(key_function(value))
            if record is None:
                row.add_problem(key, self.env._(
                    "“%(value)s” is not in the list of the column %(column)s (see the sheet %(lists)s).",
                    value=value, column=self._ctxh_label(row.sheet, key), lists=self.env._("Lists")))
            else:
                records.append(record)
        return records

    def _ctxh_cell_national_id(self, row, key, name, *, gender=None, birth_year=0, province_codes=None):
        """The citizen ID of the cell, checked by the resident model's own rule; None when empty."""
        if not self._ctxh_cell(row, key):
            return None
        number = national_id_text(row.cells[key])
        error = self.env["ctxh.resident"]._ctxh_national_id_error(
            number, name or self.env._("this person"), gender=gender, birth_year=birth_year,
            province_codes=province_codes)
        if error:
            row.add_problem(key, error)
        return number

    def _ctxh_resolve_residents(self, sheet, key, context, required=True):
        """The resident each row names by citizen ID or code: a row of the sheet of residents, else a
        resident of the facility (one search for the whole sheet). Sets ``vals["resident"]`` to the
        record or to the row of the file; the row needs that row."""
        file_refs = context.get("resident_refs", {})
        wanted = defaultdict(list)
        for row in sheet.rows:
            if not self._ctxh_cell(row, key, required=required):
                continue
            ref = national_id_text(row.cells[key])
            target = file_refs.get(norm(ref))
            if target:
                row.vals["resident"] = target
                row.need(key, target, self._ctxh_needs_message)
            else:
                wanted[ref].append(row)
        if not wanted:
            return
        found = self.env["ctxh.resident"].search([
            ("company_id", "=", self.company_id.id),
            "|", ("national_id", "in", list(wanted)), ("code", "in", list(wanted) + [r.upper() for r in wanted]),
        ])
        index = {norm(ref): resident for resident in found for ref in (resident.national_id, resident.code) if ref}
        residents_title = self._ctxh_sheet_title("resident")
        for ref, rows in wanted.items():
            for row in rows:
                if norm(ref) in index:
                    row.vals["resident"] = index[norm(ref)]
                else:
                    row.add_problem(key, self.env._(
                        "No resident has the citizen ID or code “%(ref)s” in %(facility)s or on the sheet %(sheet)s.",
                        ref=ref, facility=self.company_id.name, sheet=residents_title))

    def _ctxh_sheet_title(self, key):
        return next(spec["title"] for spec in self._ctxh_import_sheets() if spec["key"] == key)

    @staticmethod
    def _ctxh_target_key(target):
        """Compare residents named by the file: a record by its id, a row of the file by itself."""
        return ("record", target.id) if isinstance(target, models.BaseModel) else ("row", id(target))

    @staticmethod
    def _ctxh_target_record(target):
        """The record of a resident named by the file; a row of the file is saved by now."""
        return target if isinstance(target, models.BaseModel) else target.record

    def _ctxh_duplicate_message(self, record):
        if record.company_id not in self.env.user.company_ids:
            return self.env["ctxh.resident"]._ctxh_registered_elsewhere(self.company_id, record)
        return self.env._(
            "%(name)s is already registered (code %(code)s, facility %(facility)s).",
            name=record.name, code=record.code or "-",
            facility=record.company_id.ctxh_code or record.company_id.name)
