from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhScreeningInstrument(models.Model):
    """A screening questionnaire (e.g. the SDQ): its items, scales and cut-offs are data an administrator edits."""

    _name = "ctxh.screening.instrument"
    _description = "Screening Instrument"
    _inherit = ["ctxh.write.guard.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)
    # empty: shared by every facility (the SDQ ships as data for all)
    company_id = fields.Many2one("res.company", string="Facility", index=True)
    informant = fields.Selection(
        [("parent", "Parent"), ("teacher", "Teacher"), ("self", "Self-report")], default="parent")
    age_min = fields.Integer(string="Minimum Age")
    age_max = fields.Integer(string="Maximum Age")
    item_min = fields.Integer(string="Lowest Item Score", default=0)
    item_max = fields.Integer(string="Highest Item Score", default=2)
    source = fields.Text(help="Where the scoring and cut-offs come from.")
    item_ids = fields.One2many("ctxh.screening.item", "instrument_id", string="Items", copy=True)
    scale_ids = fields.One2many("ctxh.screening.scale", "instrument_id", string="Scales", copy=True)

    _sql_constraints = [("code_uniq", "unique(code, company_id)", "An instrument code must be unique.")]

    @api.constrains("item_min", "item_max")
    def _check_item_range(self):
        if self.filtered(lambda i: i.item_min >= i.item_max):
            raise ValidationError(self.env._("The highest item score must be above the lowest."))
