import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT


def _month_bounds(day):
    first = day.replace(day=1)
    return first, first + relativedelta(months=1, days=-1)


class CtxhAllowanceSheet(models.Model):
    """The monthly list of nurturing allowances of a facility's state-funded residents,
    computed from their stays, approved by the director."""

    _name = "ctxh.allowance.sheet"
    _description = "Monthly Allowance Sheet"
    # the month, the facility, computed by the accountant, approved by the director (ctxh.month.sheet.mixin):
    # the director approved these lines for this month: a late change of the law is paid as arrears, on a
    # sheet of its own, never by editing an approved one
    _inherit = ["ctxh.month.sheet.mixin", "mail.activity.mixin"]
    _ctxh_free_fields = ("note", "burial_support_ids")

    name = fields.Char(compute="_compute_name", store=True)
    date_to = fields.Date(compute="_compute_date_to", store=True, string="Until")
    days_in_month = fields.Integer(compute="_compute_date_to", store=True)
    line_ids = fields.One2many("ctxh.allowance.sheet.line", "sheet_id", string="Lines", copy=False)
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Monetary(compute="_compute_totals", string="Total", currency_field="currency_id")
    amount_total_words = fields.Char(compute="_compute_totals", string="In Words")
    summary_html = fields.Html(compute="_compute_totals", string="Totals by Category", sanitize=False)
    burial_support_ids = fields.One2many("ctxh.burial.support", "sheet_id", string="Burial Support")
    burial_support_count = fields.Integer(compute="_compute_burial_support_count")

    _sql_constraints = [
        ("company_month_uniq", "unique(company_id, date_from)", "This facility already has a sheet for this month."),
    ]

    @api.depends("date_from")
    def _compute_name(self):
        for sheet in self:
            month = sheet.date_from and sheet.date_from.strftime("%m/%Y")
            sheet.name = self.env._("Allowances %(month)s", month=month or "") if month else False

    @api.depends("date_from")
    def _compute_display_name(self):
        # the stored name is in its creator's language: the reader sees the name in theirs
        for sheet in self:
            month = sheet.date_from and sheet.date_from.strftime("%m/%Y")
            sheet.display_name = self.env._("Allowances %(month)s", month=month) if month else sheet.name

    @api.depends("date_from")
    def _compute_date_to(self):
        for sheet in self:
            if sheet.date_from:
                sheet.date_to = _month_bounds(sheet.date_from)[1]
                sheet.days_in_month = calendar.monthrange(sheet.date_from.year, sheet.date_from.month)[1]
            else:
                sheet.date_to = False
                sheet.days_in_month = 0

    @api.depends("line_ids.amount", "line_ids.legal_basis")
    def _compute_totals(self):
        # the summary reads saved lines (one grouped query, as the system: categories may be sensitive, and
        # a user without the Sensitive Data group sees those merged into one unnamed row)
        groups = self.env["ctxh.allowance.sheet.line"].sudo()._read_group(
            [("sheet_id", "in", self._origin.ids)], ["sheet_id", "category_id"], ["__count", "amount:sum"])
        sees = self.env["ctxh.resident.category"]._ctxh_sees_sensitive()
        protected = self.env._("Other categories (protected)")
        by_sheet = {}
        for sheet, category, count, amount in groups:
            rows = by_sheet.setdefault(sheet.id, {})
            key = (1, 0, protected) if category.sensitive and not sees else \
                (0, category.sequence, category.id, category.with_env(self.env).name or self.env._("No category"))
            counted = rows.get(key, (0, 0.0))
            rows[key] = (counted[0] + count, counted[1] + amount)
        for sheet in self:
            rows = [(key[-1], count, amount) for key, (count, amount) in sorted(
                by_sheet.get(sheet._origin.id, {}).items())]
            total = sum(sheet.line_ids.mapped("amount"))
            sheet.line_count = len(sheet.line_ids)
            sheet.amount_total = total
            currency = sheet.currency_id
            sheet.amount_total_words = currency.ctxh_amount_to_words(total) if sheet.line_ids and currency else False
            sheet.summary_html = sheet._render_summary(rows, sum(r[2] for r in rows)) if rows else False

    def _render_summary(self, rows, total):
        def money(value):
            return f"{value:,.0f}".replace(",", ".")

        body = Markup("").join(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td></tr>")
            % (label, count, money(amount))
            for label, count, amount in rows)
        return Markup(
            "<table class='table table-sm o_ctxh_allowance_summary'><thead><tr><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead><tbody>%s</tbody>"
            "<tfoot><tr><th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th></tr></tfoot></table>"
        ) % (escape(self.env._("Category")), escape(self.env._("Residents")), escape(self.env._("Amount (VND)")),
             body, escape(self.env._("Total")), sum(r[1] for r in rows), money(total))

    def _compute_burial_support_count(self):
        counts = dict(self.env["ctxh.burial.support"]._read_group(
            [("sheet_id", "in", self.ids)], ["sheet_id"], ["__count"]))
        for sheet in self:
            sheet.burial_support_count = counts.get(sheet, 0)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """Build the lines of every state-funded resident in care during the month; running it
        again updates the same lines instead of adding new ones."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("draft", "computed")
        for sheet in self._ctxh_as_action():
            sheet._compute_lines()
        return self._ctxh_action_write({"state": "computed"})

    def action_create_burial_supports(self):
        """Burial support for the residents on the sheet who died during the month."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        death = self.env.ref("ctxh_residents.discharge_reason_death")
        discharges = self.env["ctxh.discharge"].search([
            ("company_id", "=", self.company_id.id), ("reason_id", "=", death.id),
            ("resident_id", "in", self.line_ids.resident_id.ids),
        ])
        Burial = self.env["ctxh.burial.support"]
        existing = Burial.search([("resident_id", "in", discharges.resident_id.ids)]).resident_id
        vals_list = []
        for discharge in discharges:
            resident = discharge.resident_id
            moment = discharge.handover_date or discharge.stay_id.date_end
            died = moment and self.company_id._ctxh_local(moment).date()
            if resident in existing or not died or not self.date_from <= died <= self.date_to:
                continue
            existing |= resident
            vals_list.append({
                "resident_id": resident.id, "date_of_death": died, "sheet_id": self.id,
                "partner_id": (discharge.receiving_partner_id or resident.guardian_id).id,
            })
        Burial.create(vals_list)
        return self.action_view_burial_supports()

    def action_view_burial_supports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_burial_support_action")
        action["domain"] = [("sheet_id", "=", self.id)]
        action["context"] = {"default_sheet_id": self.id}
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_allowance_sheet_line_action")
        action["domain"] = [("sheet_id", "=", self.id)]
        action["context"] = {"group_by": "legal_basis", "default_sheet_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    def _stay_days(self, stays):
        """Days of the month each resident spent in ``stays``: from the day of arrival to the day
        before leaving (a same-day stay counts one day), local time, overlaps counted once; for a resident in
        extended care after 16, only the days before the extension ends."""
        self.ensure_one()
        facility = self.company_id

        def local_day(moment):
            return facility._ctxh_local(moment).date()

        days = {}
        for stay in stays:
            start = max(local_day(stay.date_start), self.date_from)
            end = local_day(stay.date_end) if stay.date_end else self.date_to + timedelta(days=1)
            end = min(max(end, local_day(stay.date_start) + timedelta(days=1)), self.date_to + timedelta(days=1))
            covered = days.setdefault(stay.resident_id, set())
            covered.update(start + timedelta(days=n) for n in range((end - start).days))
        paid = {}
        for resident, covered in days.items():
            # extended care after 16 (Decree 20/2021 Art. 26(5)): paid until the extension ends, not after
            end = resident.after_16_end
            count = len([day for day in covered if day < end]) if end else len(covered)
            if count:
                paid[resident] = count
        return paid

    def _eligible_stays(self):
        """State-funded stays of the facility overlapping the month (one search)."""
        self.ensure_one()
        month_start = self.company_id._ctxh_day_bounds(self.date_from)[0]
        month_end = self.company_id._ctxh_day_bounds(self.date_to)[1]
        # as the system: a stay funded through a category the user does not see is funded all the same
        return self.env["ctxh.stay"].sudo().search([
            ("company_id", "=", self.company_id.id),
            ("date_start", "<", month_end),
            "|", ("date_end", "=", False), ("date_end", ">=", month_start),
            "|", ("admission_type_id.funding", "=", "state"), ("resident_id.category_ids.funding_type", "=", "state"),
        ])

    def _prepare_line_vals(self, resident, days, level, rules, categories=None):
        """Values of the line of ``resident``: the state-funded category with the highest
        coefficient for the resident's age at the start of the month."""
        age = resident._ctxh_age_on(self.date_from) or 0
        best = self.env["ctxh.allowance.coefficient"]
        # every category counts, those the user computing the sheet does not see too
        categories = resident._ctxh_all_categories() if categories is None else categories
        for category in categories.filtered(lambda c: c.funding_type == "state"):
            rule = rules._pick(category, age, self.date_from)
            if rule and rule.coefficient > best.coefficient:
                best = rule
        if not best:
            return None
        return {
            "sheet_id": self.id, "resident_id": resident.id, "category_id": best.category_id.id,
            "legal_basis": best.category_id.legal_basis or best.legal_basis,
            "age": age, "level": level, "coefficient": best.coefficient, "days": days,
        }

    def _compute_lines(self):
        self.ensure_one()
        level = self.env["ctxh.assistance.level"]._get_level(self.date_from, self.company_id.state_id)
        if not level:
            raise UserError(self.env._("No standard social assistance level is in force on %s.", self.date_from))
        days_by_resident = self._stay_days(self._eligible_stays())
        # every category of every resident in one query, those the user does not see too
        category_ids = self.env["ctxh.resident"].concat(*days_by_resident)._ctxh_category_ids_by_resident()
        Category = self.env["ctxh.resident.category"].sudo()
        rules = self.env["ctxh.allowance.coefficient"].sudo().search([
            ("category_id", "in", list({i for ids in category_ids.values() for i in ids})),
            ("date_from", "<=", self.date_from),
        ])
        # the lines carry the category (sensitive for some): written by this action as the system
        existing = {line.resident_id: line for line in self.sudo().line_ids}
        to_create, skipped = [], []
        for resident, days in days_by_resident.items():
            categories = Category.browse(category_ids.get(resident.id, []))
            vals = self._prepare_line_vals(resident, days, level, rules, categories)
            if vals is None:
                skipped.append(resident.name)
                continue
            line = existing.pop(resident, None)
            if line:
                line.write(vals)
            else:
                to_create.append(vals)
        Line = self.env["ctxh.allowance.sheet.line"].sudo()
        Line.concat(*existing.values()).unlink()
        Line.create(to_create)
        if skipped:
            names = ", ".join(sorted(skipped)[:20]) + (" ..." if len(skipped) > 20 else "")
            self.message_post(body=self.env._(
                "%(count)s state-funded residents left out, no allowance coefficient for their category "
                "and age: %(names)s", count=len(skipped), names=names))
