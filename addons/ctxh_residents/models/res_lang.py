from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _ctxh_vietnamese_formats(self):
        """Vietnamese dates and times as the facilities write them: 03/12/2026 and 07:00, no seconds anywhere a
        user looks (forms, lists, the chatter, exports)."""
        self.with_context(active_test=False).search([("code", "=", "vi_VN")]).write(
            {"date_format": "%d/%m/%Y", "time_format": "%H:%M"})
