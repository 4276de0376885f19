from odoo import models
from odoo.tools.misc import formatLang

from ..tools.amount_words import amount_to_words_vi


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def ctxh_amount_to_words(self, amount):
        """Amount in words for documents: Vietnamese accounting style for VND."""
        self.ensure_one()
        if self.name == "VND":
            return amount_to_words_vi(self.round(amount))
        return self.amount_to_text(amount)

    def ctxh_format(self, amount):
        """Amount with the currency as the user's language writes it (1.000.000 ₫ in Vietnamese)."""
        self.ensure_one()
        return formatLang(self.env, amount, currency_obj=self)
