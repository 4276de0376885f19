from odoo import models


class AccountMoveReversal(models.TransientModel):
    """Credit notes and replacements made from a care invoice stay on its contract (and a replacement on its
    month): the contract's balance, the billing workbook and the next billing run then see the whole story, and a
    replaced month is not billed a second time."""

    _inherit = "account.move.reversal"

    def _prepare_default_reversal(self, move):
        values = super()._prepare_default_reversal(move)
        if move.ctxh_contract_id:
            values["ctxh_contract_id"] = move.ctxh_contract_id.id
        return values

    def _modify_default_reverse_values(self, origin_move):
        values = super()._modify_default_reverse_values(origin_move)
        if origin_move.ctxh_contract_id:
            # the original is reversed in full by now; writing its payment state first lets the month's unique
            # index (which leaves reversed invoices out) take the replacement
            self.env.flush_all()
            values.update({
                "ctxh_contract_id": origin_move.ctxh_contract_id.id,
                "ctxh_period_start": origin_move.ctxh_period_start,
                "ctxh_billing_run_id": origin_move.ctxh_billing_run_id.id,
            })
        return values
