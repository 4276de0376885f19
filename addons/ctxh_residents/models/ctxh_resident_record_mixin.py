from odoo import api, fields, models


class CtxhResidentRecordMixin(models.AbstractModel):
    """A record about one resident during one stay (assessment, plan, health check, ...).

    The stay defaults to the resident's current one; the facility is the resident's, so
    multi-company rules on ``company_id`` keep each facility's records apart.
    """

    _name = "ctxh.resident.record.mixin"
    _description = "Resident Record"
    _inherit = ["ctxh.write.guard.mixin"]
    _check_company_auto = True

    # the resident sets the facility (company_id is theirs): a company check would offer nobody on a new record
    resident_id = fields.Many2one("ctxh.resident", string="Resident", required=True, index=True,
                                  tracking=True, ondelete="restrict")
    stay_id = fields.Many2one("ctxh.stay", string="Stay", compute="_compute_stay_id", store=True, readonly=False,
                              precompute=True, index=True, check_company=True,
                              domain="[('resident_id', '=', resident_id)]")
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")

    @api.depends("resident_id")
    def _compute_stay_id(self):
        for record in self:
            if record.stay_id.resident_id != record.resident_id:
                record.stay_id = record.resident_id.current_stay_id
