from odoo import api, fields, models


class AccountStatementImport(models.TransientModel):
    _inherit = "account.statement.import"

    # OCA's import learns the bank journal from the journal dashboard it is opened from; the accountants of a
    # facility open it from the Billing menu, so they choose the journal here (the facility's first by default)
    ctxh_journal_id = fields.Many2one(
        "account.journal", string="Bank Journal", domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        default=lambda self: self._ctxh_default_journal())
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.model
    def _ctxh_default_journal(self):
        journal_id = self.env.context.get("journal_id")
        if journal_id:
            return self.env["account.journal"].browse(journal_id)
        return self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(self.env.company), ("type", "=", "bank")], limit=1)

    @api.onchange("ctxh_journal_id")
    def _onchange_ctxh_journal_id(self):
        # the bank's layout the journal imports with, as OCA keeps it on the journal
        if self.ctxh_journal_id.default_sheet_mapping_id:
            self.sheet_mapping_id = self.ctxh_journal_id.default_sheet_mapping_id

    def import_file_button(self):
        if self.ctxh_journal_id and not self.env.context.get("journal_id"):
            return super(AccountStatementImport, self.with_context(journal_id=self.ctxh_journal_id.id)
                         ).import_file_button()
        return super().import_file_button()

    def _import_file(self):
        """After OCA's import, the lines whose message names a care invoice pay it (see the statement line);
        the import's notice says how many were matched and how many wait for the accountant."""
        result = super()._import_file()
        lines = self.env["account.bank.statement"].browse(result["statement_ids"]).line_ids
        incoming = lines.filtered(lambda line: line.currency_id.compare_amounts(line.amount, 0) > 0)
        matched = incoming._ctxh_reconcile_by_reference()
        result["notifications"].append(self.env._(
            "%(matched)s of %(count)s incoming transfers paid the care invoices their message names; "
            "%(left)s wait for the accountant (see the Matching column).",
            matched=len(matched), count=len(incoming), left=len(incoming - matched)))
        return result
