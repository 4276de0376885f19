from odoo import fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_deposit_account_id = fields.Many2one(
        "account.account", string="Deposit Account",
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current')), "
               "('company_ids', 'in', id)]",
        help="Liability account that holds care deposits until they are given back "
             "(344 Nhận ký quỹ, ký cược in the Vietnamese chart, used when this is empty).")

    def _ctxh_deposit_account(self):
        """The account of care deposits: money held for the payer, never income."""
        self.ensure_one()
        account = self.ctxh_deposit_account_id
        if not account:
            Account = self.env["account.account"].with_company(self).sudo()
            account = Account.search([
                *Account._check_company_domain(self), ("code", "=like", "344%"),
                ("account_type", "in", ("liability_current", "liability_non_current")),
            ], order="code", limit=1)
        if not account:
            raise UserError(self.env._(
                "Set the deposit account (a liability account) of %s in its facility settings.", self.name))
        return account
