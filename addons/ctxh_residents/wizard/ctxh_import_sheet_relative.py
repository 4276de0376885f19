from collections import defaultdict

from odoo import api, models

from ..tools.import_rows import norm


class CtxhImportSheetRelative(models.AbstractModel):
    """The sheet Relatives of the import: relatives named by their resident's citizen ID or code, also of residents
    of the same file."""

    _name = "ctxh.import.sheet.relative"
    _description = "Import Sheet: Relatives"

    @api.model
    def _ctxh_relative_columns(self):
        _ = self.env._
        Relative = self.env["ctxh.resident.relative"]
        return [
            {"key": "resident", "label": _("Resident (Citizen ID or Code)"), "required": True, "width": 22,
             "hint": _("A resident of the facility, or of the sheet Residents")},
            {"key": "name", "label": _("Relative's Full Name"), "required": True, "width": 26,
             "hint": _("e.g. Hoàng Văn Hải")},
            {"key": "relationship", "label": _("Relationship"), "required": True, "width": 18,
             "hint": _("Choose from the list"), "strict": True,
             "choices": lambda: self._ctxh_selection_choices(Relative, "relationship")},
            {"key": "is_guardian", "label": _("Guardian"), "width": 10, "hint": _("Yes or No"), "strict": True,
             "choices": lambda: [(_("Yes"), ""), (_("No"), "")]},
            {"key": "phone", "label": _("Phone"), "width": 14},
            {"key": "national_id", "label": _("Relative's Citizen ID"), "width": 16,
             "hint": _("12 digits; names the payer of a contract")},
            {"key": "visit_permission", "label": _("Visits"), "width": 16, "hint": _("Empty: may visit"),
             "strict": True, "choices": lambda: self._ctxh_selection_choices(Relative, "visit_permission")},
            {"key": "note", "label": _("Note"), "width": 26},
        ]

    # ------------------------------------------------------------------
    # Relatives
    # ------------------------------------------------------------------
    def _ctxh_check_relative(self, sheet, context):
        relationships = self._ctxh_choice_map("ctxh.resident.relative", "relationship")
        visits = self._ctxh_choice_map("ctxh.resident.relative", "visit_permission")
        yes_no = self._ctxh_yes_no_map()
        province_codes = context.get("province_codes") or self.env["ctxh.resident"]._ctxh_national_id_province_codes()
        self._ctxh_resolve_residents(sheet, "resident", context)
        for row in sheet.rows:
            name = self._ctxh_cell(row, "name", required=True)
            guardian = self._ctxh_cell_choice(row, "is_guardian", yes_no)
            row.vals.update({
                "name": name,
                "relationship": self._ctxh_cell_choice(row, "relationship", relationships, required=True),
                "is_guardian": bool(guardian),
                "phone": self._ctxh_cell(row, "phone") or False,
                "national_id": self._ctxh_cell_national_id(
                    row, "national_id", name, province_codes=province_codes) or False,
                "visit_permission": self._ctxh_cell_choice(row, "visit_permission", visits) or "allowed",
                "note": self._ctxh_cell(row, "note") or False,
            })
        self._ctxh_check_relative_duplicates(sheet.rows)
        context["relative_rows"] = sheet.rows

    def _ctxh_check_relative_duplicates(self, rows):
        """A relative already registered for the resident (same citizen ID or name), or twice in the file,
        is a problem; a citizen ID already known names one person, whose contact is reused."""
        residents = [row.vals["resident"] for row in rows if isinstance(row.vals.get("resident"), models.BaseModel)]
        numbers = [row.vals["national_id"] for row in rows if row.vals.get("national_id")]
        existing = self.env["ctxh.resident.relative"].search([
            ("company_id", "=", self.company_id.id),
            "|", ("resident_id", "in", [r.id for r in residents]), ("national_id", "in", numbers),
        ]) if residents or numbers else self.env["ctxh.resident.relative"]
        by_resident = defaultdict(list)
        contacts = {}
        for relative in existing:
            by_resident[relative.resident_id.id].append(relative)
            if relative.national_id:
                contacts.setdefault(relative.national_id, relative.partner_id)
        seen, names_by_number = {}, {}
        for row in rows:
            vals = row.vals
            resident, name, number = vals.get("resident"), vals["name"], vals["national_id"]
            if not (resident and name):
                continue
            if isinstance(resident, models.BaseModel):
                same = next((r for r in by_resident[resident.id] if (number and r.national_id == number)
                             or norm(r.partner_id.name) == norm(name)), None)
                if same:
                    row.add_problem("name", self.env._(
                        "%(relative)s is already registered as a relative of %(resident)s.",
                        relative=same.partner_id.name, resident=resident.name))
            if number in contacts and norm(contacts[number].name) != norm(name):
                row.add_problem("national_id", self.env._(
                    "This citizen ID is registered for %s, another relative.", contacts[number].name))
            elif number in contacts:
                vals["partner"] = contacts[number]
            if number and names_by_number.setdefault(number, (norm(name), row))[0] != norm(name):
                row.add_problem("national_id", self.env._(
                    "Row %s gives this citizen ID to someone else.", names_by_number[number][1].number))
            for key in filter(None, (number, norm(name))):
                first = seen.setdefault((self._ctxh_target_key(resident), key), row)
                if first is not row:
                    row.add_problem("name", self.env._(
                        "This relative of the same resident is on row %s: a relative is imported once.",
                        first.number))
                    break

    def _ctxh_import_relative(self, rows):
        # relatives are contacts of the facility; creating one is part of registering the relative,
        # which care staff may do even without the right to manage every contact
        Partner = self.env["res.partner"].sudo()
        first_rows = {}  # citizen ID -> the row whose new contact the other rows with it share
        new_rows = []
        for row in rows:
            number = row.vals["national_id"]
            if not row.vals.get("partner") and not (number and number in first_rows):
                first_rows[number] = row
                new_rows.append(row)
        partners = Partner.create([{
            "name": row.vals["name"], "phone": row.vals["phone"], "company_id": self.company_id.id,
        } for row in new_rows])
        for row, partner in zip(new_rows, partners, strict=True):
            row.vals["partner"] = partner.sudo(False)
        for row in rows:
            if not row.vals.get("partner"):
                row.vals["partner"] = first_rows[row.vals["national_id"]].vals["partner"]
        relatives = self.env["ctxh.resident.relative"].create([{
            "resident_id": self._ctxh_target_record(row.vals["resident"]).id,
            "partner_id": row.vals["partner"].id,
            **{fname: row.vals[fname] for fname in (
                "relationship", "is_guardian", "national_id", "visit_permission", "note")},
            **({"phone": row.vals["phone"]} if row.vals["phone"] else {}),
        } for row in rows])
        for row, relative in zip(rows, relatives, strict=True):
            row.record = relative
        return relatives
