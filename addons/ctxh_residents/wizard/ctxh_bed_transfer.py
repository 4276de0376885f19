from odoo import api, fields, models

from ..tools.groups import CARE


class CtxhBedTransfer(models.TransientModel):
    """Move a resident to another bed; the bed history keeps the old one."""

    _name = "ctxh.bed.transfer"
    _description = "Bed Transfer"

    stay_id = fields.Many2one("ctxh.stay", required=True)
    company_id = fields.Many2one(related="stay_id.company_id")
    current_bed_id = fields.Many2one(related="stay_id.bed_id", string="Current Bed")
    resident_gender = fields.Selection(related="stay_id.resident_id.gender", string="Sex of the Person")
    bed_id = fields.Many2one("ctxh.bed", string="New Bed", required=True,
                             domain="[('state', '=', 'free'), ('company_id', '=', company_id), "
                                    "('room_id.gender', 'in', [False, resident_gender])]")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    @api.model
    def _check_access_transfer(self):
        self.env["res.users"]._ctxh_check_group(CARE)

    def action_confirm(self):
        self._check_access_transfer()
        for wizard in self:
            wizard.stay_id._assign_bed(wizard.bed_id, wizard.date)
        return {"type": "ir.actions.act_window_close"}
