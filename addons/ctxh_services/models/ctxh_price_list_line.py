from odoo import fields, models


class CtxhPriceListLine(models.Model):
    _name = "ctxh.price.list.line"
    _description = "Care Service Price"
    _rec_name = "product_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: prices are copied onto each contract line when it is added"
    _order = "price_list_id, id"
    _check_company_auto = True

    price_list_id = fields.Many2one("ctxh.price.list", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="price_list_id.company_id", store=True, index=True, string="Facility")
    date_from = fields.Date(related="price_list_id.date_from", store=True)
    currency_id = fields.Many2one(related="price_list_id.currency_id")
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True,
                                 domain="[('ctxh_service_kind', '!=', False)]")
    price = fields.Monetary(required=True)

    _sql_constraints = [
        ("product_uniq", "unique(price_list_id, product_id)", "A service appears once in a price list."),
    ]
