from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT


class CtxhImportWizard(models.TransientModel):
    """The import gains the sheet Contracts (its own file) for accountants, and shows the contracts it made."""

    _name = "ctxh.import.wizard"
    _inherit = ["ctxh.import.wizard", "ctxh.import.sheet.contract"]

    contract_ids = fields.Many2many("ctxh.care.contract", string="Imported Contracts", readonly=True)

    # ------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_import_sheets(self):
        return [*super()._ctxh_import_sheets(), {
            "key": "contract", "title": self.env._("Contracts"), "group": ACCOUNTANT,
            "columns": self._ctxh_contract_columns(),
        }]

    # ------------------------------------------------------------------
    # Access and results
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_check_import_access(self):
        # accountants import contracts without being care staff; each sheet checks its own group
        if self.env.su or self.env.user.has_group(ACCOUNTANT):
            return
        super()._ctxh_check_import_access()

    def _ctxh_import_done_vals(self, created):
        vals = super()._ctxh_import_done_vals(created)
        vals["contract_ids"] = [Command.set(created.get("contract", self.env["ctxh.care.contract"]).ids)]
        return vals

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_care_contract_action")
        action["domain"] = [("id", "in", self.contract_ids.ids)]
        return action
