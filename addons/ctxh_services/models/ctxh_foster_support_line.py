from odoo import api, fields, models


class CtxhFosterSupportLine(models.Model):
    """A foster family's support for one person in its care that month, as computed: the figures are kept as they
    were that month."""

    _name = "ctxh.foster.support.line"
    _description = "Foster Support Line"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "sheet_id"
    # only the sheet's compute writes who is paid and the figures
    _ctxh_action_fields = ("placement_id", "family_id", "resident_id", "kind", "days", "days_in_month",
                           "daily_rate", "level", "coefficient", "amount", "legal_basis")
    _ctxh_deletable = "a line of a sheet not yet approved"
    _order = "sheet_id, id"
    _check_company_auto = True

    sheet_id = fields.Many2one("ctxh.foster.support.sheet", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="sheet_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="sheet_id.currency_id")
    placement_id = fields.Many2one("ctxh.foster.placement", string="Placement", required=True, index=True,
                                   ondelete="restrict", check_company=True)
    family_id = fields.Many2one("ctxh.foster.family", string="Foster Family", required=True, index=True,
                                ondelete="restrict", check_company=True)
    resident_id = fields.Many2one("ctxh.resident", string="Person", required=True, ondelete="restrict")
    kind = fields.Selection([("emergency", "Emergency"), ("regular", "Regular")], readonly=True)
    days = fields.Integer(string="Days in Care", readonly=True)
    days_in_month = fields.Integer(readonly=True)
    daily_rate = fields.Monetary(currency_field="currency_id", readonly=True)
    level = fields.Monetary(string="Standard Level", currency_field="currency_id", readonly=True)
    coefficient = fields.Float(digits=(16, 2), readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    legal_basis = fields.Char(readonly=True)
    note = fields.Char()

    @api.depends("family_id.name", "resident_id.name", "sheet_id.date_from")
    def _compute_display_name(self):
        for line in self:
            month = line.sheet_id.date_from.strftime("%m/%Y") if line.sheet_id.date_from else ""
            line.display_name = " - ".join(filter(None, [line.family_id.name, line.resident_id.name, month]))
