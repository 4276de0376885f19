from odoo import fields, models


class CtxhCareContractAddendumPayer(models.Model):
    """A payer of the contract after the addendum, with the share they pay."""

    _name = "ctxh.care.contract.addendum.payer"
    _description = "Care Contract Addendum Payer"
    _rec_name = "partner_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "addendum_id"
    _ctxh_deletable = "a line of a draft addendum"
    _order = "addendum_id, sequence, id"
    _check_company_auto = True

    addendum_id = fields.Many2one("ctxh.care.contract.addendum", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="addendum_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Payer", required=True, check_company=True)
    share = fields.Float(string="Share (%)", required=True, default=100.0, digits=(5, 2))

    _sql_constraints = [
        ("share_check", "CHECK (share > 0 AND share <= 100)", "A payer's share is between 0 and 100%."),
        ("partner_uniq", "unique(addendum_id, partner_id)", "A payer appears once on an addendum."),
    ]
