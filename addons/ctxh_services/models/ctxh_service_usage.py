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
    # the sheet or visit a usage bills is set by that record's action only
    _ctxh_action_fields = ("billed_period_start", "daycare_line_id", "home_visit_id")
    _ctxh_deletable = "a service recorded by mistake and not yet invoiced"
    _order = "date desc, id desc"
    _check_company_auto = True

    contract_id = fields.Many2one("ctxh.care.contract", required=True, index=True,
                                  domain="[('state', '=', 'active')]")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    resident_id = fields.Many2one(related="contract_id.resident_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True, index=True,
                                 domain="[('ctxh_service_kind', 'in', ('extra_unit', 'home_visit', 'day_care_day'))]")
    date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), index=True)
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    price_unit = fields.Monetary(string="Unit Price", compute="_compute_price_unit", store=True,
                                 readonly=False, precompute=True)
    note = fields.Char()
    staff_ids = fields.Many2many("res.users", "ctxh_service_usage_staff_rel", "usage_id", "user_id",
                                 string="Delivered By", domain="[('share', '=', False)]")
    daycare_line_id = fields.Many2one("ctxh.daycare.attendance.line", string="Day Care Attendance", readonly=True,
                                      index="btree_not_null", ondelete="restrict", copy=False)
    home_visit_id = fields.Many2one("ctxh.home.visit", string="Home Visit", readonly=True,
                                    index="btree_not_null", ondelete="restrict", copy=False)
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
        # the fields only actions set are refused as such by the write guard, billed or not
        if set(vals) - set(self._ctxh_action_fields) and any(u.billed_period_start for u in self):
            raise UserError(self.env._("This service is already invoiced and cannot be changed."))
        return super().write(vals)

    def _ctxh_deletable_records(self):
        # a day attended or a visit done is removed by reopening its sheet or cancelling its visit
        return self.filtered(lambda usage: not usage.billed_period_start and not usage.daycare_line_id
                             and not usage.home_visit_id)
