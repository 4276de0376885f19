from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhDoseCorrection(models.TransientModel):
    """Correct a dose recorded against the wrong outcome or time: the wrong record is kept beside the right one."""

    _name = "ctxh.dose.correction"
    _description = "Dose Correction"

    dose_id = fields.Many2one("ctxh.medication.administration", string="Dose", required=True, readonly=True)
    recorded_state = fields.Selection(related="dose_id.state", string="Recorded As")
    state = fields.Selection([("given", "Given"), ("refused", "Refused"), ("missed", "Missed")],
                             string="Correct Outcome", required=True)
    given_at = fields.Datetime(string="Actual Time", required=True, default=fields.Datetime.now)
    reason = fields.Text(string="Reason for the Correction", required=True)

    @api.model
    def _check_access_correction(self):
        self.env["res.users"]._ctxh_check_group(CARE)

    def action_confirm(self):
        self._check_access_correction()
        for wizard in self:
            wizard.dose_id._ctxh_correct(wizard.state, wizard.given_at, wizard.reason)
        return {"type": "ir.actions.act_window_close"}
