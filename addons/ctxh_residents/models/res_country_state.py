from odoo import fields, models


class ResCountryState(models.Model):
    """Vietnam's 63 provinces became 34 on 1 July 2025 (Resolution 202/2025/QH15).

    The former provinces stay (residents' native places and old papers name them),
    each linked to the province that absorbed it; new addresses use current ones.
    """

    _inherit = "res.country.state"

    ctxh_successor_id = fields.Many2one(
        "res.country.state",
        string="Merged Into",
        help="Province that absorbed this one; empty for a current province.",
    )
    ctxh_merge_date = fields.Date(string="Merged On")
    ctxh_cccd_code = fields.Char(
        string="Citizen ID Code",
        size=3,
        help="Three-digit province code that opens a citizen identity number (CCCD), "
        "Circular 59/2021/TT-BCA.",
    )
