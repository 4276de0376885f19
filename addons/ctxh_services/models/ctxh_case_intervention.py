from odoo import api, fields, models
from odoo.exceptions import ValidationError

INTERVENTION_KINDS = [
    ("counselling", "Counselling"),
    ("referral", "Referral to a service"),
    ("benefit", "Help to claim a benefit"),
    ("support_kind", "Emergency support in kind"),
    ("support_cash", "Emergency support in cash"),
    ("school", "School support"),
    ("vocational", "Vocational support"),
    ("other", "Other"),
]


class CtxhCaseIntervention(models.Model):
    """What the centre does for a community case: counselling, a referral, help to claim a benefit, emergency
    support in kind or in cash, school or vocational support; who does it, by when, and whether it was done."""

    _name = "ctxh.case.intervention"
    _description = "Case Plan Intervention"
    _inherit = ["ctxh.case.line.mixin"]
    _ctxh_deletable = "an intervention of an open case (a closed case's plan is kept as it was)"

    kind = fields.Selection(INTERVENTION_KINDS, required=True, default="counselling")
    name = fields.Char(string="Description", required=True)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user)
    date_due = fields.Date(string="Due Date")
    date_done = fields.Date(string="Done On")
    amount = fields.Monetary(string="Amount", currency_field="currency_id",
                             help="Cash support given (VND); for support in kind, describe it.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    status = fields.Selection([("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
                              default="planned", required=True)

    _sql_constraints = [("amount_positive", "CHECK (amount >= 0)", "A cash support cannot be negative.")]

    @api.constrains("kind", "amount", "status")
    def _check_cash(self):
        for line in self:
            if line.kind == "support_cash" and line.status == "done" and not line.amount:
                raise ValidationError(self.env._("Enter the amount of the cash support given: %s.", line.name))
