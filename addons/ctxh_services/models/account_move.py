from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    ctxh_amount_total_words = fields.Char(
        string="Amount in Words",
        compute="_compute_ctxh_amount_total_words",
        help="Total amount as written on Vietnamese invoices and receipts (bằng chữ).",
    )

    @api.depends("amount_total", "currency_id")
    def _compute_ctxh_amount_total_words(self):
        for move in self:
            currency = move.currency_id
            move.ctxh_amount_total_words = (
                currency.ctxh_amount_to_words(move.amount_total) if currency else False
            )
