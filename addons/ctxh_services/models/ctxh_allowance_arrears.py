from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ctxh_residents.tools.groups import DIRECTOR


class CtxhAllowanceArrears(models.Model):
    """Arrears (truy lĩnh) of state allowances: a standard level entered late, with a past date, is paid on a
    sheet of its own for the months already approved; the approved sheets are never edited. Its month is the
    month the arrears are paid (ctxh.month.sheet.mixin: computed by the accountant, approved by the director)."""

    _name = "ctxh.allowance.arrears"
    _description = "Allowance Arrears Sheet"
    _inherit = ["ctxh.month.sheet.mixin"]

    name = fields.Char(compute="_compute_name", store=True)
    date_since = fields.Date(
        string="Arrears Since", required=True, tracking=True,
        default=lambda self: self.env.company._ctxh_today().replace(day=1),
        help="The approved allowance sheets of this month and after are checked against the levels now in force.")
    line_ids = fields.One2many("ctxh.allowance.arrears.line", "arrears_id", string="Lines", copy=False)
    line_count = fields.Integer(compute="_compute_line_count", string="Lines Paid")

    _sql_constraints = [
        ("company_month_uniq", "unique(company_id, date_from)",
         "This facility already has an arrears sheet for this month."),
    ]

    @api.depends("date_from")
    def _compute_name(self):
        for sheet in self:
            month = sheet.date_from and sheet.date_from.strftime("%m/%Y")
            sheet.name = self.env._("Arrears %(month)s", month=month) if month else False

    @api.depends("date_from")
    def _compute_display_name(self):
        # the stored name is in its creator's language: the reader sees the name in theirs
        for sheet in self:
            month = sheet.date_from and sheet.date_from.strftime("%m/%Y")
            sheet.display_name = self.env._("Arrears %(month)s", month=month) if month else sheet.name

    @api.depends("line_ids")
    def _compute_line_count(self):
        for sheet in self:
            sheet.line_count = len(sheet.line_ids)

    @api.constrains("date_since", "date_from")
    def _check_date_since(self):
        for sheet in self:
            if sheet.date_since and sheet.date_from and sheet.date_since > sheet.date_from + relativedelta(months=1):
                raise ValidationError(self.env._("Arrears are paid for months already passed: the start of the "
                                                 "arrears cannot be after the month they are paid."))

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    def _ctxh_compute_lines(self):
        self.ensure_one()
        vals_list = self._ctxh_arrears_vals(self.company_id, self.date_since, self)
        return [dict(vals, arrears_id=self.id) for vals in vals_list]

    @api.model
    def _ctxh_arrears_vals(self, company, since, sheet=None):
        """One line per approved allowance line of ``company`` since the month of ``since`` whose amount, with
        the levels now in force, differs from what was paid; a line already paid its arrears on another computed
        or approved arrears sheet (than ``sheet``) is not paid again."""
        # as the system: the categories of the lines may be sensitive, the amounts are not
        ArrearsLine = self.env["ctxh.allowance.arrears.line"].sudo()
        paid = ArrearsLine.search([
            ("company_id", "=", company.id), ("state", "in", ("computed", "approved")),
            ("arrears_id", "not in", sheet.ids if sheet else []),
        ]).original_line_id
        originals = self.env["ctxh.allowance.sheet.line"].sudo().search([
            ("company_id", "=", company.id), ("sheet_id.state", "=", "approved"),
            ("date_from", ">=", since.replace(day=1)), ("id", "not in", paid.ids),
        ], order="date_from, legal_basis, resident_id, id")
        Level = self.env["ctxh.assistance.level"]
        levels = {}
        vals_list = []
        for original in originals:
            month = original.date_from
            if month not in levels:
                levels[month] = Level._get_level(month, company.state_id)
            level = levels[month]
            if level and ArrearsLine._ctxh_due(original, level) != original.amount:
                vals_list.append({"original_line_id": original.id, "level": level})
        return vals_list

    def action_approve(self):
        """The director approves the arrears; each allowance line is paid its arrears once."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        for sheet in self:
            sheet._ctxh_check_paid_once()
        return super().action_approve()

    def _ctxh_check_paid_once(self):
        """Said in words before the unique index answers (it holds when two users approve at the same moment)."""
        self.ensure_one()
        others = self.env["ctxh.allowance.arrears.line"].sudo().search([
            ("original_line_id", "in", self.sudo().line_ids.original_line_id.ids),
            ("state", "in", ("computed", "approved")), ("arrears_id", "!=", self.id),
        ], limit=1)
        if others:
            raise UserError(self.env._(
                "%(resident)s (%(month)s) is already paid arrears on %(sheet)s: recompute this sheet.",
                resident=others.resident_id.name, month=others.month.strftime("%m/%Y"),
                sheet=others.arrears_id.display_name))

    @api.model
    def _ctxh_open_for(self, company, since):
        """The arrears sheet of ``company`` where arrears since ``since`` are paid, computed: this month's if
        it is not yet approved, else next month's (created when needed). None when nothing is due."""
        month = company._ctxh_today().replace(day=1)
        Sheet = self.sudo()
        sheet = Sheet.search([("company_id", "=", company.id), ("date_from", "=", month)])
        if sheet.state == "approved":
            month += relativedelta(months=1)
            sheet = Sheet.search([("company_id", "=", company.id), ("date_from", "=", month)])
        if not sheet:
            if not self._ctxh_arrears_vals(company, since):
                return None
            sheet = Sheet.create({"company_id": company.id, "date_from": month, "date_since": since})
        elif since < sheet.date_since:
            sheet.date_since = since
        sheet.action_compute()
        sheet.message_post(body=self.env._(
            "A standard level in force since %(date)s was entered late: arrears computed for the approved "
            "allowance sheets since then, for the director to approve.", date=since.strftime("%d/%m/%Y")))
        return sheet
