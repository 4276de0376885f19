from odoo import api, fields, models


class CtxhCareContractLine(models.Model):
    """A service of the contract at the price agreed when it was added."""

    _name = "ctxh.care.contract.line"
    _description = "Care Contract Line"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "contract_id"
    _ctxh_deletable = "a service of a contract not yet signed (a signed one changes by an addendum)"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ctxh.care.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True,
                                 domain="[('ctxh_service_kind', '!=', False)]")
    service_kind = fields.Selection(related="product_id.ctxh_service_kind")
    name = fields.Char(string="Description", compute="_compute_name", store=True, readonly=False)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    # prices are copied here: a later price list never changes a signed contract
    price_unit = fields.Monetary(string="Unit Price", compute="_compute_price_unit", store=True,
                                 readonly=False, precompute=True)
    discount = fields.Float(string="Discount (%)", digits="Discount")
    price_subtotal = fields.Monetary(string="Amount", compute="_compute_price_subtotal", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        PriceList = self.env["ctxh.price.list"]
        for line in self:
            contract = line.contract_id
            if line.product_id and contract.company_id:
                line.price_unit = PriceList._get_price(
                    contract.company_id, line.product_id, contract.date or contract.company_id._ctxh_today())
            elif not line.price_unit:
                line.price_unit = 0.0

    @api.depends("quantity", "price_unit", "discount")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit * (1 - line.discount / 100.0)
