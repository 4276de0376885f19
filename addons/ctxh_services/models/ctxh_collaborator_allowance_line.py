from odoo import api, fields, models


class CtxhCollaboratorAllowanceLine(models.Model):
    """A collaborator's allowance for the month, as computed: the figures are kept as they were that month."""

    _name = "ctxh.collaborator.allowance.line"
    _description = "Collaborator Allowance Line"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "sheet_id"
    # only the sheet's compute writes who is paid and the figures
    _ctxh_action_fields = ("collaborator_id", "coefficient", "base_salary", "days", "days_in_month", "amount",
                           "legal_basis")
    _ctxh_deletable = "a line of a sheet not yet approved"
    _order = "sheet_id, collaborator_name, id"
    _check_company_auto = True

    sheet_id = fields.Many2one("ctxh.collaborator.allowance.sheet", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="sheet_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="sheet_id.currency_id")
    collaborator_id = fields.Many2one("ctxh.collaborator", required=True, ondelete="restrict", index=True,
                                      check_company=True)
    collaborator_name = fields.Char(related="collaborator_id.name", store=True, string="Name")
    office_id = fields.Many2one(related="collaborator_id.office_id", string="Office")
    village = fields.Char(related="collaborator_id.village")
    bank_account = fields.Char(compute="_compute_bank_account", string="Bank Account")
    coefficient = fields.Float(digits=(16, 3), readonly=True)
    base_salary = fields.Monetary(currency_field="currency_id", readonly=True)
    days = fields.Integer(string="Days Worked", readonly=True)
    days_in_month = fields.Integer(readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    legal_basis = fields.Char(readonly=True)
    note = fields.Char()

    @api.depends("collaborator_id.name", "sheet_id.date_from")
    def _compute_display_name(self):
        for line in self:
            month = line.sheet_id.date_from.strftime("%m/%Y") if line.sheet_id.date_from else ""
            line.display_name = " - ".join(filter(None, [line.collaborator_id.name, month]))

    def _compute_bank_account(self):
        for line in self:
            bank = line.collaborator_id.partner_id.bank_ids[:1]
            line.bank_account = " - ".join(filter(None, [bank.acc_number, bank.bank_id.name])) if bank else False
