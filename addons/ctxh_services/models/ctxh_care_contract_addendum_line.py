from odoo import fields, models


class CtxhCareContractAddendumLine(models.Model):
    """A service of an addendum: its new quantity and price (0 removes it from the contract)."""

    _name = "ctxh.care.contract.addendum.line"
    _description = "Care Contract Addendum Service"
    _rec_name = "product_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "addendum_id"
    _ctxh_deletable = "a line of a draft addendum"
    _order = "addendum_id, id"
    _check_company_auto = True

    addendum_id = fields.Many2one("ctxh.care.contract.addendum", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="addendum_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="addendum_id.currency_id")
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True,
                                 domain="[('ctxh_service_kind', '!=', False)]")
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(string="Unit Price", required=True)
    discount = fields.Float(string="Discount (%)", digits="Discount")

    _sql_constraints = [
        ("quantity_check", "CHECK (quantity >= 0)", "The quantity cannot be negative (0 removes the service)."),
        ("discount_check", "CHECK (discount >= 0 AND discount <= 100)", "The discount is between 0 and 100%."),
    ]
