from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhCollaboratorRate(models.Model):
    """The monthly allowance of a village collaborator as a coefficient of the base salary, valid from a date, for
    a province (set by the provincial People's Council's resolution; Quảng Ninh: 0.2) or the whole country."""

    _name = "ctxh.collaborator.rate"
    _description = "Collaborator Allowance Rate"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a dated rate entered by mistake"
    _order = "state_id desc, date_from desc, id desc"

    date_from = fields.Date(string="Valid From", required=True)
    state_id = fields.Many2one("res.country.state", string="Province", domain="[('country_id.code', '=', 'VN')]",
                               help="Empty: the rate for provinces without their own.")
    coefficient = fields.Float(required=True, digits=(16, 3))
    legal_basis = fields.Char()

    _sql_constraints = [("coefficient_positive", "CHECK (coefficient > 0)", "The coefficient must be positive.")]

    @api.constrains("state_id", "date_from")
    def _check_unique_start(self):
        for rate in self:
            if self.search_count([("id", "!=", rate.id), ("state_id", "=", rate.state_id.id),
                                  ("date_from", "=", rate.date_from)]):
                raise ValidationError(self.env._("A collaborator rate already starts on %(date)s for %(where)s.",
                                                 date=rate.date_from.strftime("%d/%m/%Y"),
                                                 where=rate.state_id.name or self.env._("the whole country")))

    @api.depends("coefficient", "date_from", "state_id")
    def _compute_display_name(self):
        for rate in self:
            rate.display_name = f"{rate.coefficient:g} ({rate.state_id.name or '-'}, {rate.date_from:%d/%m/%Y})" \
                if rate.date_from else str(rate.coefficient)

    @api.model
    def _ctxh_rate(self, state, day):
        """The rate in force on ``day`` for ``state``: the province's own, else the national one."""
        provinces = ([("state_id", "=", state.id)],) if state else ()
        for domain in (*provinces, [("state_id", "=", False)]):
            rate = self.sudo().search([*domain, ("date_from", "<=", day)], order="date_from desc", limit=1)
            if rate:
                return rate
        return self.browse()
