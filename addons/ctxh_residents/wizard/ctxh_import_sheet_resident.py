from odoo import api, models
from odoo.fields import Command

from ..tools.import_rows import CellError, clean, norm, parse_date

PROVINCE_PREFIXES = ("thành phố ", "tỉnh ", "tp. ", "tp.", "tp ")


def province_key(value):
    key = norm(value)
    for prefix in PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


class CtxhImportSheetResident(models.AbstractModel):
    """The sheet Residents of the import: its columns, the checks of a row (identity, citizen ID, duplicates in
    the facility, elsewhere and in the file) and the residents it creates."""

    _name = "ctxh.import.sheet.resident"
    _description = "Import Sheet: Residents"

    @api.model
    def _ctxh_resident_columns(self):
        _ = self.env._
        Resident = self.env["ctxh.resident"]
        choose = _("Choose from the list")
        date_hint = _("dd/mm/yyyy")
        return [
            {"key": "code", "label": _("Resident Code"), "width": 18,
             "hint": _("Empty: numbered by the facility; or the number in the old register")},
            {"key": "name", "label": _("Full Name"), "required": True, "width": 26,
             "hint": _("e.g. Nguyễn Thị Lành")},
            {"key": "gender", "label": _("Gender"), "width": 10, "hint": choose, "strict": True,
             "choices": lambda: self._ctxh_selection_choices(Resident, "gender")},
            {"key": "birthdate", "label": _("Date of Birth"), "kind": "date", "width": 14,
             "hint": _("dd/mm/yyyy, or the year alone if only the year is known")},
            {"key": "national_id", "label": _("Citizen ID (CCCD)"), "width": 16,
             "hint": _("12 digits, e.g. 020152000123")},
            {"key": "categories", "label": _("Categories"), "width": 22,
             "hint": _("Codes from the sheet Lists, separated by commas"),
             "choices": lambda: [(c.code, c.name) for c in self.env["ctxh.resident.category"].search([])]},
            {"key": "ethnicity", "label": _("Ethnicity"), "width": 12, "hint": choose, "strict": True,
             "choices": lambda: [(e.name, e.code) for e in self.env["ctxh.ethnicity"].search([])]},
            {"key": "religion", "label": _("Religion"), "width": 14, "hint": _("Empty if none"), "strict": True,
             "choices": lambda: [(r.name, "") for r in self.env["ctxh.religion"].search([])]},
            {"key": "native_state", "label": _("Native Province"), "width": 16,
             "hint": _("Former provinces too"), "strict": True,
             "choices": lambda: [(s.name, s.ctxh_successor_id.name or "") for s in self._ctxh_provinces()]},
            {"key": "native_commune", "label": _("Native Commune"), "width": 16},
            {"key": "street", "label": _("Permanent Address"), "width": 26,
             "hint": _("House number, street, village")},
            {"key": "commune", "label": _("Commune / Ward"), "width": 16},
            {"key": "state", "label": _("Province"), "width": 16, "hint": _("A current province"),
             "strict": True,
             "choices": lambda: [(s.name, "") for s in self._ctxh_provinces() if not s.ctxh_successor_id]},
            {"key": "education_level", "label": _("Education Level"), "width": 18, "hint": choose,
             "strict": True, "choices": lambda: self._ctxh_selection_choices(Resident, "education_level")},
            {"key": "hi_card_number", "label": _("Health Insurance Card"), "width": 18},
            {"key": "hi_card_expiry", "label": _("Card Valid Until"), "kind": "date", "width": 14,
             "hint": date_hint},
        ]

    def _ctxh_parse_birth(self, value):
        """A date of birth, or a year alone (approximate): (date or None, year)."""
        text = clean(value)
        if text.isdigit() and len(text) == 4:
            return None, int(text)
        result = parse_date(value)
        if not result:
            raise CellError(self.env._(
                "“%s” is not a date of birth: write it as dd/mm/yyyy, or write the year alone.", text))
        return result, result.year

    # ------------------------------------------------------------------
    # Residents
    # ------------------------------------------------------------------
    def _ctxh_check_resident(self, sheet, context):
        Resident = self.env["ctxh.resident"]
        provinces = self._ctxh_provinces()
        lookups = {
            "province_codes": Resident._ctxh_national_id_province_codes(),
            "gender": self._ctxh_choice_map("ctxh.resident", "gender"),
            "education_level": self._ctxh_choice_map("ctxh.resident", "education_level"),
            "categories": self._ctxh_record_map(self.env["ctxh.resident.category"].search([]), ["code", "name"]),
            "ethnicities": self._ctxh_record_map(self.env["ctxh.ethnicity"].search([]), ["code", "name"]),
            "religions": self._ctxh_record_map(self.env["ctxh.religion"].search([]), ["name"]),
            "provinces": self._ctxh_record_map(provinces, ["name"], key=province_key),
        }
        context["province_codes"] = lookups["province_codes"]
        for row in sheet.rows:
            row.vals = self._ctxh_resident_row_vals(row, lookups)
        self._ctxh_check_resident_duplicates(sheet.rows)
        refs = context.setdefault("resident_refs", {})
        for row in sheet.rows:
            for ref in (row.vals.get("national_id"), row.vals.get("code")):
                if ref:
                    refs.setdefault(norm(ref), row)

    def _ctxh_resident_row_vals(self, row, lookups):
        """The values of a new resident from a row, every cell checked."""
        name = self._ctxh_cell(row, "name", required=True)
        gender = self._ctxh_cell_choice(row, "gender", lookups["gender"])
        birthdate, birth_year = self._ctxh_cell_value(row, "birthdate", self._ctxh_parse_birth) or (None, 0)
        error = birth_year and self.env["ctxh.resident"]._ctxh_birth_error(
            name or self.env._("this person"), birthdate, birth_year)
        if error:
            row.add_problem("birthdate", error)
        approximate = bool(birth_year and not birthdate)
        vals = {
            "company_id": self.company_id.id,
            "name": name,
            "gender": gender or False,
            "birthdate": birthdate or False,
            "national_id": self._ctxh_cell_national_id(
                row, "national_id", name, gender=gender, birth_year=0 if approximate else birth_year,
                province_codes=lookups["province_codes"]) or False,
            "category_ids": [Command.set([c.id for c in self._ctxh_cell_records(
                row, "categories", lookups["categories"], separator=",")])],
            "native_commune": self._ctxh_cell(row, "native_commune") or False,
            "street": self._ctxh_cell(row, "street") or False,
            "commune": self._ctxh_cell(row, "commune") or False,
            "education_level": self._ctxh_cell_choice(row, "education_level", lookups["education_level"]) or False,
            "hi_card_number": self._ctxh_cell(row, "hi_card_number") or False,
            "hi_card_expiry": self._ctxh_cell_value(row, "hi_card_expiry", self._ctxh_parse_date) or False,
        }
        if approximate:
            vals.update(birth_year=birth_year, birthdate_approximate=True)
        code = self._ctxh_cell(row, "code")
        prefix = f"{self.company_id.ctxh_code or 'DT'}-"
        if code.upper().startswith(prefix.upper()):
            row.add_problem("code", self.env._(
                "Codes starting with %s are given by the facility's register: leave the cell empty, or write "
                "the number of the old register.", prefix))
        if code:
            vals["code"] = code
        for key, fname, mapping in (("ethnicity", "ethnicity_id", "ethnicities"),
                                    ("religion", "religion_id", "religions")):
            vals[fname] = next((r.id for r in self._ctxh_cell_records(row, key, lookups[mapping])), False)
        native = self._ctxh_cell_records(row, "native_state", lookups["provinces"], key_function=province_key)
        vals["native_state_id"] = native[0].id if native else False
        state = self._ctxh_cell_records(row, "state", lookups["provinces"], key_function=province_key)
        if state and state[0].ctxh_successor_id:
            row.add_problem("state", self.env._(
                "%(old)s is a former province, merged into %(new)s: write %(new)s.",
                old=state[0].name, new=state[0].ctxh_successor_id.name))
        vals["state_id"] = state[0].id if state else False
        return vals

    def _ctxh_check_resident_duplicates(self, rows):
        """The same citizen ID, or the same name and date of birth, already registered or twice in the
        file: a problem of the row, never a second resident. One search per kind of duplicate."""
        Resident = self.env["ctxh.resident"].with_context(active_test=False)
        numbers = {row.vals["national_id"] for row in rows if row.vals["national_id"]}
        # the citizen ID is unique in the whole database, across facilities (the model's own rule)
        by_number = {r.national_id: r for r in Resident.sudo().search([("national_id", "in", list(numbers))])}
        # the same person: in the facilities the user works in, as the resident form warns
        birthdates = {row.vals["birthdate"] for row in rows if row.vals["birthdate"]}
        same_birth = Resident.with_context(allowed_company_ids=self.env.user.company_ids.ids).search(
            [("birthdate", "in", list(birthdates))]) if birthdates else Resident
        by_person = {(norm(r.name), r.birthdate): r for r in same_birth}
        codes = {row.vals["code"] for row in rows if row.vals.get("code")}
        by_code = {r.code: r for r in Resident.search(
            [("company_id", "=", self.company_id.id), ("code", "in", list(codes))])} if codes else {}
        seen = {}
        for row in rows:
            vals = row.vals
            person = (norm(vals["name"]), vals["birthdate"]) if vals["name"] and vals["birthdate"] else None
            found = by_number.get(vals["national_id"])
            if found:
                row.add_problem("national_id", self._ctxh_duplicate_message(found))
            if person in by_person and by_person[person] != found:
                row.add_problem("name", self._ctxh_duplicate_message(by_person[person]))
            if vals.get("code") in by_code:
                row.add_problem("code", self._ctxh_duplicate_message(by_code[vals["code"]]))
            for kind, key, column in (("national_id", vals["national_id"], "national_id"), ("person", person, "name"),
                                      ("code", norm(vals.get("code")), "code")):
                first = seen.setdefault((kind, key), row) if key else row
                if first is not row:
                    row.add_problem(column, self.env._(
                        "The same person is on row %s: a resident is imported once.", first.number))

    def _ctxh_import_resident(self, rows):
        residents = self.env["ctxh.resident"].create([row.vals for row in rows])
        for row, resident in zip(rows, residents, strict=True):
            row.record = resident
        return residents
