from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhDoseRecord(models.TransientModel):
    """The dialog of the round's buttons: the reason of a refused or missed dose, asked before it is recorded,
    and the confirmation of a dose recorded far from its scheduled time."""

    _name = "ctxh.dose.record"
    _description = "Record a Dose"

    dose_id = fields.Many2one("ctxh.medication.administration", string="Dose", required=True, readonly=True)
    resident_id = fields.Many2one(related="dose_id.resident_id")
    medicine = fields.Char(related="dose_id.medicine")
    state = fields.Selection([("given", "Given"), ("refused", "Refused"), ("missed", "Missed")],
                             string="Outcome", required=True, readonly=True)
    reason = fields.Text(help="Why the dose was refused or missed.")
    warning = fields.Char(readonly=True)

    @api.model
    def _check_access_record(self):
        self.env["res.users"]._ctxh_check_group(CARE)

    def action_confirm(self):
        self._check_access_record()
        for wizard in self:
            if wizard.reason:
                wizard.dose_id.write({"reason": wizard.reason})
            wizard.dose_id._record(wizard.state)
        return {"type": "ir.actions.act_window_close"}
