from collections import defaultdict

from odoo import api, models
from odoo.fields import Command
from odoo.osv import expression
from odoo.tools import escape_psql, float_compare

from odoo.addons.ctxh_residents.tools.import_rows import (
    CellError,
    ImportRow,
    clean,
    national_id_text,
    norm,
    parse_number,
)

# cells of the contract itself: given once, on any row of the contract
CONTRACT_KEYS = ("resident", "date", "date_start", "billing_mode", "deposit")


class CtxhImportSheetContract(models.AbstractModel):
    """The sheet Contracts of the import: rows with the same contract key make one contract, each row adding
    a service, a payer, or both. Contracts are created in draft; the director signs them."""

    _name = "ctxh.import.sheet.contract"
    _description = "Import Sheet: Contracts"

    @api.model
    def _ctxh_contract_columns(self):
        _ = self.env._
        return [
            {"key": "contract", "label": _("Contract Key"), "required": True, "width": 12,
             "hint": _("The same key on several rows makes one contract, e.g. HĐ1")},
            {"key": "resident", "label": _("Resident (Citizen ID or Code)"), "width": 22,
             "hint": _("Once per contract")},
            {"key": "date", "label": _("Contract Date"), "kind": "date", "width": 14,
             "hint": _("dd/mm/yyyy; prices in force on this date")},
            {"key": "date_start", "label": _("Start"), "kind": "date", "width": 14,
             "hint": _("dd/mm/yyyy; empty: the contract date")},
            {"key": "billing_mode", "label": _("Billing"), "width": 14, "hint": _("Empty: in advance"),
             "strict": True, "choices": lambda: self._ctxh_selection_choices(
                 self.env["ctxh.care.contract"], "billing_mode")},
            {"key": "deposit", "label": _("Deposit"), "kind": "number", "width": 14, "hint": _("Amount in VND")},
            {"key": "service", "label": _("Service (Name or Reference)"), "width": 30,
             "hint": _("One service per row"), "strict": True,
             "choices": lambda: [(p.name, p.default_code or "") for p in self._ctxh_services()]},
            {"key": "quantity", "label": _("Quantity"), "kind": "number", "width": 10, "hint": _("Empty: 1")},
            {"key": "price", "label": _("Unit Price"), "kind": "number", "width": 14,
             "hint": _("Empty: the facility's price list")},
            {"key": "payer", "label": _("Payer (Name or Relative's Citizen ID)"), "width": 26,
             "hint": _("One payer per row")},
            {"key": "share", "label": _("Share (%)"), "kind": "number", "width": 10,
             "hint": _("The shares of a contract add up to 100")},
        ]

    def _ctxh_services(self):
        Product = self.env["product.product"]
        return Product.search([*Product._check_company_domain(self.company_id), ("ctxh_service_kind", "!=", False)])

    # ------------------------------------------------------------------
    # Check
    # ------------------------------------------------------------------
    def _ctxh_parse_amount(self, value):
        number = parse_number(value)
        if number is None:
            raise CellError(self.env._("“%s” is not a number.", clean(value)))
        if number < 0:
            raise CellError(self.env._("This amount cannot be negative."))
        return number

    def _ctxh_parse_share(self, value):
        share = parse_number(value)
        if share is None or not 0 < share <= 100:
            raise CellError(self.env._("A payer's share is between 0 and 100%."))
        return share

    def _ctxh_check_contract(self, sheet, context):
        billing_modes = self._ctxh_choice_map("ctxh.care.contract", "billing_mode")
        services = self._ctxh_record_map(self._ctxh_services(), ["default_code", "name"])
        self._ctxh_resolve_residents(sheet, "resident", context, required=False)
        groups = defaultdict(list)
        for row in sheet.rows:
            key = self._ctxh_cell(row, "contract", required=True)
            row.vals.update({
                "key": key,
                "date": self._ctxh_cell_value(row, "date", self._ctxh_parse_date),
                "date_start": self._ctxh_cell_value(row, "date_start", self._ctxh_parse_date),
                "billing_mode": self._ctxh_cell_choice(row, "billing_mode", billing_modes),
                "deposit": self._ctxh_cell_value(row, "deposit", self._ctxh_parse_amount),
                "service": next(iter(self._ctxh_cell_records(row, "service", services)), None),
                "quantity": self._ctxh_cell_value(row, "quantity", self._ctxh_parse_amount),
                "price": self._ctxh_cell_value(row, "price", self._ctxh_parse_amount),
                "payer": None,
                "share": self._ctxh_cell_value(row, "share", self._ctxh_parse_share),
            })
            if row.vals["quantity"] == 0:
                row.add_problem("quantity", self.env._("The quantity must be positive."))
            for filled, needed in (("quantity", "service"), ("price", "service"), ("payer", "share"),
                                   ("share", "payer")):
                if self._ctxh_cell(row, filled) and not self._ctxh_cell(row, needed):
                    row.add_problem(needed, self.env._("This cell is required."))
            if key:
                groups[norm(key)].append(row)
        contracts = [self._ctxh_contract_values(rows) for rows in groups.values()]
        self._ctxh_resolve_payers(contracts, context)
        for contract in contracts:
            self._ctxh_check_contract_lines(contract)
        self._ctxh_check_contract_duplicates(contracts)
        for contract in contracts:
            for row in contract["rows"]:
                for other in contract["rows"]:
                    row.need(None, other, lambda other, key=contract["key"]: self.env._(
                        "Row %(row)s of contract %(contract)s has problems: a contract is imported whole or "
                        "not at all.", row=other.number, contract=key))

    def _ctxh_contract_values(self, rows):
        """The contract made by ``rows``: its own cells may be on any of them, once (or repeated alike)."""
        contract = {"rows": rows, "key": rows[0].vals["key"]}
        first_rows = {}
        for row in rows:
            row.vals["contract"] = contract
            for fname in CONTRACT_KEYS:
                value = row.vals.get(fname)
                if value is None:
                    continue
                if fname not in contract:
                    contract[fname], first_rows[fname] = value, row
                elif self._ctxh_contract_value_key(contract[fname]) != self._ctxh_contract_value_key(value):
                    row.add_problem(fname, self.env._(
                        "Row %(row)s gives contract %(contract)s another value: write it once.",
                        row=first_rows[fname].number, contract=contract["key"]))
        first = rows[0]
        for fname, message in (("resident", self.env._("Contract %s names no resident.", contract["key"])),
                               ("date", self.env._("Contract %s has no contract date.", contract["key"]))):
            if not any(self._ctxh_cell(row, fname) for row in rows):
                first.add_problem(fname, message)
        return contract

    def _ctxh_contract_value_key(self, value):
        if isinstance(value, (models.BaseModel, ImportRow)):
            return self._ctxh_target_key(value)
        return value

    def _ctxh_resolve_payers(self, contracts, context):
        """The payer of each row: by citizen ID, a relative (of the sheet of relatives, or registered);
        by name, a relative of the contract's resident, else the one contact of that name.
        One search for relatives and one for contacts, whatever the number of rows."""
        relative_rows = [row for row in context.get("relative_rows", []) if row.vals.get("name")]
        payer_rows = [row for contract in contracts for row in contract["rows"] if self._ctxh_cell(row, "payer")]
        refs = {}
        for row in payer_rows:
            number = national_id_text(row.cells["payer"])
            refs[row] = number if number.isdigit() else clean(row.cells["payer"])
        numbers = {ref for ref in refs.values() if ref.isdigit()}
        residents = {c["resident"].id for c in contracts if isinstance(c.get("resident"), models.BaseModel)}
        relatives = self.env["ctxh.resident.relative"].search([
            ("company_id", "=", self.company_id.id),
            "|", ("national_id", "in", list(numbers)), ("resident_id", "in", list(residents)),
        ]) if numbers or residents else self.env["ctxh.resident.relative"]
        names = {ref for ref in refs.values() if not ref.isdigit()}
        lookups = {"relative_rows": relative_rows, "relatives": relatives,
                   "partners": self._ctxh_partners_named(names)}
        for row, ref in refs.items():
            resident = row.vals["contract"].get("resident")
            if ref.isdigit():
                found = next((r for r in relative_rows if r.vals.get("national_id") == ref), None) or next(
                    (r.partner_id for r in relatives if r.national_id == ref), None)
                if not found:
                    row.add_problem("payer", self.env._(
                        "No relative has the citizen ID %(number)s in %(facility)s or on the sheet %(sheet)s.",
                        number=ref, facility=self.company_id.name, sheet=self._ctxh_sheet_title("relative")))
            else:
                found = self._ctxh_payer_by_name(row, ref, resident, lookups)
            if isinstance(found, ImportRow):
                row.need("payer", found, self._ctxh_needs_message)
            row.vals["payer"] = found or None

    def _ctxh_partners_named(self, names):
        if not names:
            return {}
        Partner = self.env["res.partner"]
        found = Partner.search([
            *Partner._check_company_domain(self.company_id),
            *expression.OR([[("name", "=ilike", escape_psql(name))] for name in names]),
        ])  # a first sieve: names are compared below as the rest of the import compares them
        result = defaultdict(list)
        for partner in found:
            result[norm(partner.name)].append(partner)
        return result

    def _ctxh_payer_by_name(self, row, ref, resident, lookups):
        """The relative of ``resident`` named ``ref`` (on the sheet of relatives, or registered), else
        the one contact of that name."""
        relative_rows, relatives, partners = lookups["relative_rows"], lookups["relatives"], lookups["partners"]
        key = norm(ref)
        if resident is not None:
            resident_key = self._ctxh_target_key(resident)
            relative = next((r for r in relative_rows if norm(r.vals["name"]) == key and r.vals.get("resident")
                             and self._ctxh_target_key(r.vals["resident"]) == resident_key), None)
            if relative:
                return relative
            relative = next((r for r in relatives if r.resident_id == resident and norm(r.partner_id.name) == key),
                            None) if isinstance(resident, models.BaseModel) else None
            if relative:
                return relative.partner_id
        candidates = partners.get(key, [])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            row.add_problem("payer", self.env._(
                "%s is the name of several contacts: give the payer's citizen ID instead.", ref))
        else:
            row.add_problem("payer", self.env._(
                "No relative of the resident or contact is named %(name)s: add the payer on the sheet %(sheet)s.",
                name=ref, sheet=self._ctxh_sheet_title("relative")))
        return None

    def _ctxh_check_contract_lines(self, contract):
        """A contract has services and payers; a payer appears once; the shares add up to 100%."""
        rows = contract["rows"]
        for fname, message in (("service", self.env._("Contract %s has no service.", contract["key"])),
                               ("payer", self.env._("Contract %s has no payer.", contract["key"]))):
            if not any(self._ctxh_cell(row, fname) for row in rows):
                rows[0].add_problem(fname, message)
        payer_rows = [row for row in rows if row.vals["payer"] is not None]
        seen = {}
        for row in payer_rows:
            first = seen.setdefault(self._ctxh_target_key(row.vals["payer"]), row)
            if first is not row:
                row.add_problem("payer", self.env._("This payer is already on row %s of the contract.", first.number))
        shares = [row.vals["share"] for row in rows if self._ctxh_cell(row, "payer")]
        if shares and None not in shares and float_compare(sum(shares), 100.0, precision_digits=2):
            total = round(sum(shares), 2)
            [row for row in rows if self._ctxh_cell(row, "payer")][-1].add_problem("share", self.env._(
                "The payers' shares of contract %(contract)s add up to %(total)s%%, not 100%%.",
                contract=contract["key"], total=int(total) if total.is_integer() else total))

    def _ctxh_check_contract_duplicates(self, contracts):
        """A contract of the same resident and date, in draft or in force, or twice in the file."""
        dated = [c for c in contracts if c.get("resident") is not None and c.get("date")]
        residents = [c["resident"].id for c in dated if isinstance(c["resident"], models.BaseModel)]
        existing = self.env["ctxh.care.contract"].search([
            ("resident_id", "in", residents), ("date", "in", list({c["date"] for c in dated})),
            ("state", "in", ("draft", "active")),
        ]) if residents else self.env["ctxh.care.contract"]
        by_key = {(("record", c.resident_id.id), c.date): c for c in existing}
        seen = {}
        for contract in dated:
            key = (self._ctxh_target_key(contract["resident"]), contract["date"])
            row = next(row for row in contract["rows"] if row.vals["date"])
            if key in by_key:
                found = by_key[key]
                row.add_problem("date", self.env._(
                    "%(resident)s already has contract %(contract)s of this date.",
                    resident=found.resident_id.name, contract=found.name))
            first = seen.setdefault(key, contract)
            if first is not contract:
                row.add_problem("date", self.env._(
                    "Contract %s is for the same resident and date: a contract is imported once.", first["key"]))

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    def _ctxh_import_contract(self, rows):
        contracts = list({id(row.vals["contract"]): row.vals["contract"] for row in rows}.values())
        vals_list = []
        for contract in contracts:
            resident = self._ctxh_target_record(contract["resident"])
            payer_rows = [row for row in contract["rows"] if row.vals["payer"] is not None]
            vals_list.append({
                "resident_id": resident.id,
                "stay_id": resident.current_stay_id.id,
                "date": contract["date"],
                "date_start": contract.get("date_start") or contract["date"],
                "billing_mode": contract.get("billing_mode") or "advance",
                "deposit_amount": contract.get("deposit") or 0.0,
                "line_ids": [Command.create({
                    "product_id": row.vals["service"].id,
                    "quantity": row.vals["quantity"] or 1.0,
                    # no price: the facility's price list in force on the contract date
                    **({} if row.vals["price"] is None else {"price_unit": row.vals["price"]}),
                }) for row in contract["rows"] if row.vals["service"]],
                "payer_ids": [Command.create({
                    "partner_id": self._ctxh_payer_partner(row.vals["payer"]).id,
                    "share": row.vals["share"],
                    "sequence": sequence,
                }) for sequence, row in enumerate(payer_rows)],
            })
        return self.env["ctxh.care.contract"].create(vals_list)

    @staticmethod
    def _ctxh_payer_partner(payer):
        """The contact who pays: a registered one, or the one made for a relative of the file."""
        return payer if isinstance(payer, models.BaseModel) else payer.record.partner_id
