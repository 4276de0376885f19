from odoo import models


class CtxhDischarge(models.Model):
    _inherit = "ctxh.discharge"

    def action_done(self):
        """Leaving the facility ends the resident's care contract: it is terminated and liquidated
        (final prorated invoice or credit notes, deposit refund), and the accountant closes it."""
        result = super().action_done()
        contracts = self.env["ctxh.care.contract"].sudo().search([
            ("resident_id", "in", self.resident_id.ids), ("state", "=", "active"),
        ])
        contracts._ctxh_terminate()
        for contract in contracts:
            contract.message_post(body=self.env._(
                "Terminated and liquidated on the discharge of %s.", contract.resident_id.name))
        return result
