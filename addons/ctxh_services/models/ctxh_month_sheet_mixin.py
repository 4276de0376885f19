import calendar

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR


class CtxhMonthSheetMixin(models.AbstractModel):
    """A facility's monthly payment sheet (collaborators' allowances, foster families' support): one per month
    (and per the model's scope fields), computed by the accountant from dated rates, approved by the director,
    then frozen and paid as it stands. The model gives its lines (``line_ids``) and ``_ctxh_compute_lines``."""

    _name = "ctxh.month.sheet.mixin"
    _description = "Monthly Payment Sheet"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "approved_by_id", "approved_date")
    _ctxh_frozen = {"approved": ALL}
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a sheet not yet approved"
    _order = "date_from desc, id desc"
    _check_company_auto = True
    # besides the facility and the month, the fields that make a sheet unique (e.g. the office)
    _ctxh_sheet_scope = ()

    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Month", required=True, tracking=True,
                            default=lambda self: self.env.company._ctxh_today().replace(day=1))
    state = fields.Selection([("draft", "Draft"), ("computed", "Computed"), ("approved", "Approved")],
                             default="draft", required=True, tracking=True, copy=False, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved On", readonly=True, copy=False)
    note = fields.Text()
    amount_total = fields.Monetary(compute="_compute_total", string="Total", currency_field="currency_id")
    amount_total_words = fields.Char(compute="_compute_total", string="In Words")

    # the lines are the model's own: depend on them where they exist (not on the abstract mixin)
    @api.depends(lambda self: ["line_ids.amount"] if "line_ids" in self._fields else [])
    def _compute_total(self):
        for sheet in self:
            total = sum(sheet.line_ids.mapped("amount"))
            sheet.amount_total = total
            sheet.amount_total_words = sheet.currency_id.ctxh_amount_to_words(total) \
                if sheet.line_ids and sheet.currency_id else False

    @api.constrains("company_id", "date_from")
    def _check_one_per_month(self):
        for sheet in self:
            sheet._ctxh_check_month_free(sheet.company_id, sheet.date_from,
                                         {name: sheet[name] for name in self._ctxh_sheet_scope}, sheet.id)

    @api.model
    def _ctxh_check_month_free(self, company, month, scope, own_id=None):
        """Said in words, before the model's unique index (which holds it when two users save at once) would
        answer with an SQL error. ``scope``: {scope field: record}."""
        domain = [("id", "!=", own_id), ("company_id", "=", company.id), ("date_from", "=", month)]
        domain += [(name, "=", record.id) for name, record in scope.items()]
        if self.sudo().search_count(domain):
            # no f-string in the call: Babel's extractor loses the rest of the file's terms after one
            where = " - ".join(filter(None, [company.name, *(record.display_name for record in scope.values())]))
            sheet = self.env["ir.model"]._get(self._name).name
            raise ValidationError(self.env._("%(where)s already has a sheet of this kind (%(sheet)s) for %(month)s.",
                                             where=where, sheet=sheet, month=month.strftime("%m/%Y")))

    @api.constrains("date_from")
    def _check_date_from(self):
        if any(sheet.date_from.day != 1 for sheet in self):
            raise ValidationError(self.env._("A monthly sheet covers a calendar month: start it on the 1st."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                scope = {name: self[name].browse(vals.get(name)) for name in self._ctxh_sheet_scope}
                self._ctxh_check_month_free(company, vals["date_from"], scope)
        return super().create(vals_list)

    def _ctxh_deletable_records(self):
        return self.filtered(lambda sheet: sheet.state != "approved")

    def _ctxh_month(self):
        """(first day, last day, days in the month) of the sheet's month."""
        self.ensure_one()
        last = self.date_from + relativedelta(months=1, days=-1)
        return self.date_from, last, calendar.monthrange(self.date_from.year, self.date_from.month)[1]

    def _ctxh_compute_lines(self):
        """The values of the sheet's lines for its month (the model's rule)."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """The accountant computes the lines from the rates in force; running it again rebuilds the lines of a
        sheet not yet approved."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("draft", "computed")
        for sheet in self:
            vals_list = sheet._ctxh_compute_lines()
            sheet._ctxh_as_action().line_ids.unlink()
            self.env[self._fields["line_ids"].comodel_name]._ctxh_as_action().create(vals_list)
        return self._ctxh_action_write({"state": "computed"})

    def action_approve(self):
        """The director approves the sheet; it is then paid as it stands."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("computed")
        for sheet in self:
            sheet._ctxh_action_write({"state": "approved", "approved_by_id": self.env.uid,
                                      "approved_date": sheet.company_id._ctxh_today()})
        return True

    def action_reset_draft(self):
        """Back to draft before the approval; an approved sheet stays approved."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("computed")
        return self._ctxh_action_write({"state": "draft"})
