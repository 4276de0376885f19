from odoo import fields, models

SERVICE_KINDS = [
    ("residential_month", "Residential care (month)"),
    ("day_care", "Day care (month)"),
    ("day_care_day", "Day care (day attended)"),
    ("home_visit", "Home visit"),
    ("extra_unit", "Extra service (unit)"),
    ("deposit", "Deposit"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ctxh_service_kind = fields.Selection(
        SERVICE_KINDS, string="Care Service Kind",
        help="How a care contract bills this service: every month, per unit used, or once as a deposit.")
