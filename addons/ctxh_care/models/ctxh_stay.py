from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhStay(models.Model):
    _inherit = "ctxh.stay"
    # the stage moves on during the stay
    _ctxh_free_fields = ("case_worker_id", "extension_ids", "rehab_stage_id")

    is_rehab_stay = fields.Boolean(compute="_compute_is_rehab_stay", string="Drug Rehabilitation Stay")
    rehab_stage_id = fields.Many2one("ctxh.rehab.stage", groups=CARE, string="Rehabilitation Stage", tracking=True,
                                     ondelete="restrict", index=True)

    @api.depends("admission_type_id.code")
    def _compute_is_rehab_stay(self):
        for stay in self:
            stay.is_rehab_stay = (stay.admission_type_id.code or "").startswith("rehab")

    @api.constrains("rehab_stage_id", "admission_id")
    def _check_rehab_stage(self):
        for stay in self:
            if stay.rehab_stage_id and not stay.is_rehab_stay:
                raise ValidationError(self.env._(
                    "Only a drug rehabilitation stay goes through rehabilitation stages (%s).",
                    stay.resident_id.name))
