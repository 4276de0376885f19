from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhAllowanceArrearsLine(models.Model):
    """One approved allowance line paid again at the level now in force: same days, coefficient and category
    as the original line, which stays as it was approved. A lower level is not reclaimed."""

    _name = "ctxh.allowance.arrears.line"
    _description = "Allowance Arrears Line"
    _rec_name = "resident_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "arrears_id"
    _ctxh_action_fields = ("original_line_id", "level")
    _ctxh_create_by_action = True
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a line of an arrears sheet not yet approved"
    _order = "arrears_id, month, legal_basis, resident_id, id"
    _check_company_auto = True

    arrears_id = fields.Many2one("ctxh.allowance.arrears", string="Arrears Sheet", required=True,
                                 ondelete="cascade", index=True)
    company_id = fields.Many2one(related="arrears_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="arrears_id.currency_id")
    # stored: the unique index below reads it (one payment of arrears per original line)
    state = fields.Selection(related="arrears_id.state", store=True, string="Sheet Status")
    date_paid = fields.Date(related="arrears_id.date_from", store=True, string="Paid In")
    original_line_id = fields.Many2one("ctxh.allowance.sheet.line", string="Allowance Line", required=True,
                                       index=True, ondelete="restrict", check_company=True)
    resident_id = fields.Many2one(related="original_line_id.resident_id", store=True, index=True)
    resident_code = fields.Char(related="original_line_id.resident_code", string="Code")
    month = fields.Date(related="original_line_id.date_from", store=True, string="Month")
    # as on the allowance line: the category only for the Sensitive Data group, the legal article for everyone
    category_id = fields.Many2one(related="original_line_id.category_id", store=True, groups=SENSITIVE)
    legal_basis = fields.Char(related="original_line_id.legal_basis", store=True)
    days = fields.Integer(related="original_line_id.days", string="Days in Care")
    days_in_month = fields.Integer(related="original_line_id.days_in_month")
    coefficient = fields.Float(related="original_line_id.coefficient")
    paid_level = fields.Float(related="original_line_id.level", string="Level Paid")
    paid_amount = fields.Monetary(related="original_line_id.amount", string="Amount Paid")
    level = fields.Float(string="Level in Force", digits=(16, 0))
    due_amount = fields.Monetary(compute="_compute_amount", store=True, string="Amount Due")
    difference = fields.Monetary(compute="_compute_amount", store=True)
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Arrears", aggregator="sum",
                             help="The difference when it is in the resident's favour; a lower level is not "
                             "reclaimed (shown as zero).")
    note = fields.Char(compute="_compute_amount", store=True, readonly=False)

    def init(self):
        # each allowance line is paid its arrears once, whatever door or transaction computes them
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS ctxh_allowance_arrears_line_paid_once
                ON ctxh_allowance_arrears_line (original_line_id) WHERE state IN ('computed', 'approved')
        """)

    @api.model
    def _ctxh_due(self, original, level):
        """What ``original`` (an allowance line) pays at ``level``: the allowance sheet's own formula."""
        return original._ctxh_amount(level, original.coefficient, original.days, original.days_in_month)

    @api.depends("level", "original_line_id.amount", "original_line_id.days", "original_line_id.coefficient")
    def _compute_amount(self):
        for line in self:
            original = line.original_line_id.sudo()
            due = self._ctxh_due(original, line.level) if original else 0.0
            line.due_amount = due
            line.difference = due - original.amount
            line.amount = max(line.difference, 0.0)
            # the law does not claw back: a lower level is shown, paid as zero
            over = f"{-line.difference:,.0f}".replace(",", ".")
            line.note = self.env._("Lower level: nothing is reclaimed (%(amount)s ₫ paid over).", amount=over) \
                if line.difference < 0 else False
