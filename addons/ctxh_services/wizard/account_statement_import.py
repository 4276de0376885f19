from odoo import models


class AccountStatementImport(models.TransientModel):
    _inherit = "account.statement.import"

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
