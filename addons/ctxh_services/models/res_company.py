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
    ctxh_einvoice_date_from = fields.Date(
        string="E-invoices From",
        help="First invoice date the facility issues through SInvoice: care invoices, deposits and liquidation "
             "credit notes dated from this day are sent when they are confirmed. Empty: none are sent (the law "
             "then forbids confirming care invoices from the date it requires e-invoices).")

    def _ctxh_einvoice_problems(self):
        """What stops the facility from issuing e-invoices through SInvoice, in the accountant's words: the
        account, template and symbol of the facility's SInvoice registration and the seller's details the
        e-invoice must carry (Decree 123/2020 Art. 10)."""
        self.ensure_one()
        _ = self.env._
        company = self.sudo()
        problems = []
        if not company.ctxh_einvoice_date_from:
            problems.append(_("the date from which it issues e-invoices is not set (facility settings, Care Fees)"))
        if not (company.l10n_vn_edi_username and company.l10n_vn_edi_password) and not company.parent_ids.filtered(
                lambda c: c.l10n_vn_edi_username and c.l10n_vn_edi_password):
            problems.append(_("its SInvoice account (user name and password) is not set (Accounting settings)"))
        if not company.vat:
            problems.append(_("its tax code is missing"))
        if not (company.street and company.state_id and company.country_id):
            problems.append(_("its address (street, province, country) is incomplete"))
        symbol = self.env["ir.default"].sudo()._get("res.partner", "l10n_vn_edi_symbol", company_id=self.id)
        if not symbol:
            problems.append(_("no default invoice symbol (ký hiệu hóa đơn) is set (Accounting settings)"))
        return problems

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
