from odoo import fields, models


class CtxhScreeningItem(models.Model):
    """A question of an instrument, scored on the instrument's range; reverse items count the range backwards."""

    _name = "ctxh.screening.item"
    _description = "Screening Item"
    _inherit = ["ctxh.write.guard.mixin"]
    _order = "instrument_id, number"
    _check_company_auto = True

    instrument_id = fields.Many2one("ctxh.screening.instrument", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instrument_id.company_id", store=True, index=True)
    number = fields.Integer(required=True)
    name = fields.Char(string="Text", required=True)
    scale_id = fields.Many2one("ctxh.screening.scale", string="Scale", required=True, ondelete="restrict",
                               domain="[('instrument_id', '=', instrument_id), ('kind', '=', 'subscale')]")
    reverse = fields.Boolean(string="Reverse Scored")

    _sql_constraints = [("number_uniq", "unique(instrument_id, number)", "An item number must be unique.")]
