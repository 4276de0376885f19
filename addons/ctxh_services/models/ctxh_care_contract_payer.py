from odoo import fields, models


class CtxhCareContractPayer(models.Model):
    """Who pays which share of a contract (the resident, a son, a daughter, a sponsor)."""

    _name = "ctxh.care.contract.payer"
    _description = "Care Contract Payer"
    _rec_name = "partner_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "contract_id"
    _ctxh_deletable = "a payer of a contract not yet signed (a signed one changes by an addendum)"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ctxh.care.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Payer", required=True, check_company=True, index=True)
    share = fields.Float(string="Share (%)", required=True, default=100.0, digits=(5, 2))

    _sql_constraints = [
        ("share_check", "CHECK (share > 0 AND share <= 100)", "A payer's share is between 0 and 100%."),
        ("partner_uniq", "unique(contract_id, partner_id)", "A payer appears once on a contract."),
    ]
