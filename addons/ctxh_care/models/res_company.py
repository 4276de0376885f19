from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ctxh_visiting_hours = fields.Char(
        string="Visiting Hours",
        help="When families may visit, as the facility posts it; shown to relatives in the portal and in the "
             "answer to their visit requests.")
