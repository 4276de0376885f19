from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhAllowanceSheetLine(models.Model):
    """One resident's allowance for the month: level x coefficient x days in care / days in month."""

    _name = "ctxh.allowance.sheet.line"
    _description = "Allowance Sheet Line"
    _rec_name = "resident_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "sheet_id"
    # what the law gives is computed from the law's data (level, coefficient by category and age), not typed
    _ctxh_action_fields = ("resident_id", "category_id", "legal_basis", "age", "level", "coefficient")
    _ctxh_deletable = "a line of a sheet not yet approved"
    _order = "sheet_id, legal_basis, resident_id"  # not the category: some users may not order by it
    _check_company_auto = True

    sheet_id = fields.Many2one("ctxh.allowance.sheet", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="sheet_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="sheet_id.currency_id")
    date_from = fields.Date(related="sheet_id.date_from", store=True, index=True, string="Month")
    sheet_state = fields.Selection(related="sheet_id.state", string="Sheet Status")
    resident_id = fields.Many2one("ctxh.resident", required=True, index=True, check_company=True,
                                  ondelete="restrict")
    resident_code = fields.Char(related="resident_id.code", string="Code")
    # the category may be sensitive (HIV, abuse, ...): only the Sensitive Data group sees, searches or groups by it;
    # everyone sees the legal article it is paid under, which other categories share
    category_id = fields.Many2one("ctxh.resident.category", string="Category", index=True, groups=SENSITIVE)
    legal_basis = fields.Char(string="Legal Basis", index="trigram",
                              help="The article of the law the allowance is paid under (the category's).")
    age = fields.Integer(help="Age in full years on the first day of the month.")
    level = fields.Float(string="Standard Level", digits=(16, 0))
    coefficient = fields.Float(digits=(16, 2))
    days = fields.Integer(string="Days in Care", index=True)
    days_in_month = fields.Integer(related="sheet_id.days_in_month")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id",
                             aggregator="sum")
    note = fields.Char()

    _sql_constraints = [
        ("sheet_resident_uniq", "unique(sheet_id, resident_id)", "A resident appears once on a sheet."),
        ("days_check", "CHECK (days >= 0 AND days <= 31)", "Days in care must be between 0 and 31."),
    ]

    @api.depends("level", "coefficient", "days", "sheet_id.days_in_month")
    def _compute_amount(self):
        for line in self:
            line.amount = self._ctxh_amount(line.level, line.coefficient, line.days, line.sheet_id.days_in_month)

    @api.model
    def _ctxh_amount(self, level, coefficient, days, month_days):
        """The month's allowance: level x coefficient x days in care / days in the month, in whole dong. The one
        formula: the month's sheet and the arrears of a late level (ctxh.allowance.arrears) both call it."""
        raw = level * coefficient * days / month_days if month_days else 0.0
        return float_round(raw, precision_digits=0)

    @api.constrains("days")
    def _check_days(self):
        for line in self:
            if line.days > line.sheet_id.days_in_month:
                raise ValidationError(self.env._("%(resident)s cannot be in care more days than the month has.",
                                                 resident=line.resident_id.name))
