from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools import vn_date


class CtxhServiceUsage(models.Model):
    """An extra service given during the month (laundry, escort, special care), billed with the month."""

    _name = "ctxh.service.usage"
    _description = "Extra Service Used"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["product_id"]
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("billed_period_start",)
    _ctxh_deletable = "a service recorded by mistake and not yet invoiced"
    _order = "date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one("ctxh.care.contract", required=True, index=True,
                                  domain="[('state', '=', 'active')]")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    resident_id = fields.Many2one(related="contract_id.resident_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True, index=True,
                                 domain="[('ctxh_service_kind', 'in', ('extra_unit', 'home_visit'))]")
    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), index=True)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(string="Unit Price", compute="_compute_price_unit", store=True,
                                 readonly=False, precompute=True)
    note = fields.Char()
    billed_period_start = fields.Date(string="Billed In", readonly=True, copy=False, index=True,
                                      help="First day of the month whose invoices include this service.")

    @api.depends("product_id.display_name", "date")
    def _compute_display_name(self):
        for usage in self:
            usage.display_name = " - ".join(filter(None, [usage.product_id.display_name, vn_date(usage.date)]))

    _sql_constraints = [("quantity_check", "CHECK (quantity > 0)", "The quantity must be positive.")]

    @api.depends("product_id", "date", "contract_id")
    def _compute_price_unit(self):
        PriceList = self.env["ctxh.price.list"]
        for usage in self:
            if usage.product_id and usage.contract_id:
                # the contract's agreed price first, else the price in force on the day
                agreed = usage.contract_id.line_ids.filtered(
                    lambda line, product=usage.product_id: line.product_id == product)[:1]
                facility = usage.contract_id.company_id
                usage.price_unit = agreed.price_unit if agreed else PriceList._get_price(
                    facility, usage.product_id, usage.date or facility._ctxh_today())
            elif not usage.price_unit:
                usage.price_unit = 0.0

    def write(self, vals):
        if set(vals) - {"billed_period_start"} and any(u.billed_period_start for u in self):
            raise UserError(self.env._("This service is already invoiced and cannot be changed."))
        return super().write(vals)

    def _ctxh_deletable_records(self):
        return self.filtered(lambda usage: not usage.billed_period_start)
