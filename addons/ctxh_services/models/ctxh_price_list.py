from odoo import api, fields, models


class CtxhPriceList(models.Model):
    """A facility's service prices from a date, as set by the province's price decision."""

    _name = "ctxh.price.list"
    _description = "Care Service Price List"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: prices are copied onto each contract line when it is added"
    _order = "company_id, date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="In Force From", required=True, index=True, tracking=True)
    decision_ref = fields.Char(string="Price Decision", tracking=True,
                               help="The decision setting these prices, e.g. Quyết định 1234/QĐ-UBND.")
    line_ids = fields.One2many("ctxh.price.list.line", "price_list_id", string="Prices", copy=True)
    active = fields.Boolean(default=True)

    @api.model
    def _get_price(self, company, product, date):
        """Price of ``product`` at ``company`` in force on ``date``: the line of the latest price list
        started on or before that date; the product's sales price when no list names it."""
        line = self.env["ctxh.price.list.line"].search([
            ("price_list_id.company_id", "=", company.id),
            ("price_list_id.date_from", "<=", date),
            ("price_list_id.active", "=", True),
            ("product_id", "=", product.id),
        ], order="date_from desc, id desc", limit=1)
        return line.price if line else product.lst_price
