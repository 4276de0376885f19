from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhSupervisingBody(models.Model):
    """The authority a facility answers to, for a period.

    Bodies change with reforms (labour department until 2025, health department
    after; provincial police for public rehab centres since March 2025), so each
    is a dated record rather than a name in code.
    """

    _name = "ctxh.supervising.body"
    _description = "Supervising Body"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a body entered by mistake"
    _order = "company_id, date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, help="Full name as printed on documents, e.g. Sở Y tế tỉnh Quảng Ninh.")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", help="Leave empty while the body is current.")
    legal_basis = fields.Char(help="Decision or decree that set this supervision.")

    @api.constrains("date_from", "date_to", "company_id")
    def _check_dates(self):
        for body in self:
            if body.date_to and body.date_to < body.date_from:
                raise ValidationError(self.env._("The end date of a supervising body cannot be before its start date."))
            overlapping = self.search_count([
                ("id", "!=", body.id),
                ("company_id", "=", body.company_id.id),
                ("date_from", "<=", body.date_to or fields.Date.to_date("9999-12-31")),
                "|", ("date_to", "=", False), ("date_to", ">=", body.date_from),
            ])
            if overlapping:
                raise ValidationError(self.env._(
                    "%(facility)s already has a supervising body for part of this period.",
                    facility=body.company_id.name,
                ))
