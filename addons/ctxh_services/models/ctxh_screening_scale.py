from odoo import fields, models


class CtxhScreeningScale(models.Model):
    """A scale of an instrument: a subscale summing its items, or a total summing the subscales marked for it."""

    _name = "ctxh.screening.scale"
    _description = "Screening Scale"
    _inherit = ["ctxh.write.guard.mixin"]
    _order = "instrument_id, sequence, id"
    _check_company_auto = True

    instrument_id = fields.Many2one("ctxh.screening.instrument", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="instrument_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    kind = fields.Selection([("subscale", "Subscale"), ("total", "Total")], required=True, default="subscale")
    in_total = fields.Boolean(string="Counts in Total",
                              help="The total scale of the instrument sums the subscales so marked.")
    item_ids = fields.One2many("ctxh.screening.item", "scale_id", string="Items")
    band_ids = fields.One2many("ctxh.screening.band", "scale_id", string="Bands", copy=True)

    _sql_constraints = [("code_uniq", "unique(instrument_id, code)", "A scale code must be unique per instrument.")]

    def _band_for(self, score):
        self.ensure_one()
        return self.band_ids.filtered(lambda b: b.score_from <= score <= b.score_to)[:1]
