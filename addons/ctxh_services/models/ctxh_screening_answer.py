from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhScreeningAnswer(models.Model):
    """The answer to one item; its points follow the item's reverse flag."""

    _name = "ctxh.screening.answer"
    _description = "Screening Answer"
    _inherit = ["ctxh.write.guard.mixin", "ctxh.sensitive.read.mixin"]
    _order = "result_id, item_number"
    _check_company_auto = True

    result_id = fields.Many2one("ctxh.screening.result", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="result_id.company_id", store=True, index=True)
    resident_id = fields.Many2one(related="result_id.resident_id")
    item_id = fields.Many2one("ctxh.screening.item", required=True, ondelete="restrict")
    item_number = fields.Integer(related="item_id.number", store=True)
    scale_id = fields.Many2one(related="item_id.scale_id", store=True)
    value = fields.Integer(string="Answer", groups=SENSITIVE,
                           help="As ticked on the form: 0 not true, 1 somewhat true, 2 certainly true.")
    answered = fields.Boolean(groups=SENSITIVE)
    points = fields.Integer(compute="_compute_points", store=True, groups=SENSITIVE)

    @api.depends("item_id.number", "item_id.name")
    def _compute_display_name(self):
        for answer in self:
            answer.display_name = f"{answer.item_id.number}. {answer.item_id.name}"

    @api.depends("value", "answered", "item_id.reverse", "item_id.instrument_id.item_min",
                 "item_id.instrument_id.item_max")
    def _compute_points(self):
        for answer in self:
            instrument = answer.item_id.instrument_id
            if not answer.answered:
                answer.points = 0
            elif answer.item_id.reverse:
                answer.points = instrument.item_min + instrument.item_max - answer.value
            else:
                answer.points = answer.value

    @api.onchange("value")
    def _onchange_value(self):
        self.answered = True

    @api.constrains("value", "item_id")
    def _check_value(self):
        for answer in self.sudo():
            instrument = answer.item_id.instrument_id
            if not instrument.item_min <= answer.value <= instrument.item_max:
                raise ValidationError(self.env._("Item %(item)s is answered from %(low)s to %(high)s.",
                                                 item=answer.item_id.number, low=instrument.item_min,
                                                 high=instrument.item_max))
