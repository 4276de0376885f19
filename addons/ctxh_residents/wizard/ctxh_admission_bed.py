from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.groups import CARE


class CtxhAdmissionBed(models.TransientModel):
    """The dialog of "Admit": the bed is chosen among those the person may use (free, here, in a room open to
    their sex) before the stay starts; admitting without a bed is a choice made in so many words."""

    _name = "ctxh.admission.bed"
    _description = "Admit: Choose a Bed"

    admission_id = fields.Many2one("ctxh.admission", required=True, readonly=True)
    resident_id = fields.Many2one(related="admission_id.resident_id")
    company_id = fields.Many2one(related="admission_id.company_id")
    resident_gender = fields.Selection(related="admission_id.resident_gender")
    is_emergency = fields.Boolean(related="admission_id.is_emergency")
    bed_id = fields.Many2one("ctxh.bed", string="Bed",
                             domain="[('state', '=', 'free'), ('company_id', '=', company_id), "
                                    "('room_id.gender', 'in', [False, resident_gender])]")

    @api.model
    def _check_access_admit(self):
        self.env["res.users"]._ctxh_check_group(CARE)

    def _admit(self, bed):
        self._check_access_admit()
        for wizard in self:
            admission = wizard.admission_id
            if admission.bed_id != bed:
                admission.bed_id = bed
            if admission.is_emergency and admission.state in ("draft", "submitted"):
                admission.action_admit_emergency()
            else:
                admission.action_admit()
        return {"type": "ir.actions.act_window_close"}

    def action_admit(self):
        """Admit in the chosen bed."""
        self.ensure_one()
        if not self.bed_id:
            raise UserError(self.env._("Choose a bed for %s, or admit without a bed.", self.resident_id.name))
        return self._admit(self.bed_id)

    def action_admit_without_bed(self):
        """Admit now; the bed is assigned later (Bed Transfer on the stay)."""
        return self._admit(self.env["ctxh.bed"])
