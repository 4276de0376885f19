from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# legal parameters (dated data)
EMERGENCY_DAILY = "foster_emergency_daily_rate"  # VND a day of emergency care
COEFFICIENT_YOUNG = "foster_coefficient_young"  # x the standard level, a child younger than the age below
COEFFICIENT = "foster_coefficient"  # x the standard level, everyone else
YOUNG_AGE = "foster_young_child_age"


class CtxhFosterSupportSheet(models.Model):
    """The month's support to foster families (ctxh.month.sheet.mixin): for an emergency placement the daily rate
    times the days in care; for a regular one the standard social assistance level times the coefficient for the
    person's age (Decree 20/2021 Art. 20(1)), prorated by the days in care. The rates are dated data."""

    _name = "ctxh.foster.support.sheet"
    _description = "Foster Families' Support Sheet"
    _inherit = ["ctxh.month.sheet.mixin"]

    line_ids = fields.One2many("ctxh.foster.support.line", "sheet_id", string="Lines", copy=False)

    _sql_constraints = [
        ("month_uniq", "unique(company_id, date_from)", "This facility already has a foster support sheet for "
         "this month."),
    ]

    @api.depends("date_from")
    def _compute_display_name(self):
        for sheet in self:
            month = sheet.date_from.strftime("%m/%Y") if sheet.date_from else ""
            sheet.display_name = self.env._("Foster families' support %(month)s", month=month)

    def _ctxh_compute_lines(self):
        """One line per placement in care during the month (approved, not cancelled), days counted from its
        start to its end within the month, both counted."""
        self.ensure_one()
        first, last, month_days = self._ctxh_month()
        Parameter = self.env["ctxh.legal.parameter"]
        placements = self.env["ctxh.foster.placement"].search([
            ("company_id", "=", self.company_id.id), ("state", "in", ("active", "ended")),
            ("date_start", "<=", last), "|", ("date_end", "=", False), ("date_end", ">=", first),
        ])
        level = self.env["ctxh.assistance.level"]._get_level(first, self.company_id.state_id)
        vals_list, missing = [], []
        for placement in placements.sorted(lambda p: (p.family_id.name, p.resident_id.name)):
            start, end = max(first, placement.date_start), min(last, placement.date_end or last)
            days = (end - start).days + 1
            vals = {"sheet_id": self.id, "placement_id": placement.id, "family_id": placement.family_id.id,
                    "resident_id": placement.resident_id.id, "kind": placement.kind, "days": days,
                    "days_in_month": month_days}
            if placement.kind == "emergency":
                rate = Parameter._get(EMERGENCY_DAILY, first)
                if not rate:
                    missing.append(self.env._("the daily rate of emergency care"))
                    continue
                vals.update(daily_rate=rate.value, legal_basis=rate.legal_basis,
                            amount=self.currency_id.round(rate.value * days))
            else:
                person = placement.resident_id
                if not person.birthdate and not person.birth_year:
                    raise UserError(self.env._("%s has no date or year of birth: the support depends on the age.",
                                               person.name))
                birth = person.birthdate or first.replace(year=person.birth_year, month=1, day=1)
                age = relativedelta(first, birth).years
                young = age < Parameter._get_value(YOUNG_AGE, 4, first)
                coefficient = Parameter._get(COEFFICIENT_YOUNG if young else COEFFICIENT, first)
                if not level or not coefficient:
                    missing.append(self.env._("the standard level and the coefficients of regular care"))
                    continue
                vals.update(level=level, coefficient=coefficient.value, legal_basis=coefficient.legal_basis,
                            amount=self.currency_id.round(level * coefficient.value * days / month_days))
            vals_list.append(vals)
        if missing:
            raise UserError(self.env._("Nothing is in force on %(date)s for %(what)s: add it under Configuration "
                                       "first.", date=first.strftime("%d/%m/%Y"), what=", ".join(sorted(set(missing)))))
        return vals_list
