from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.tools import vn_date


class CtxhAssistanceLevel(models.Model):
    """The standard social assistance level (mức chuẩn trợ giúp xã hội) in force from a date,
    nationally or in one province that set a higher level."""

    _name = "ctxh.assistance.level"
    _description = "Standard Social Assistance Level"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a level entered by mistake (approved sheets keep the level they used)"
    _order = "state_id desc, date_from desc, id desc"

    date_from = fields.Date(string="Valid From", required=True)
    amount = fields.Float(string="Amount (VND/month)", required=True, digits=(16, 0))
    state_id = fields.Many2one(
        "res.country.state", string="Province", domain="[('country_id.code', '=', 'VN')]", index=True,
        help="Leave empty for the national level; set it for a province's own, higher level.")
    legal_basis = fields.Char()

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "The standard level must be positive."),
    ]

    @api.constrains("state_id", "date_from")
    def _check_unique_start(self):
        for level in self:
            if self.search_count([("id", "!=", level.id), ("state_id", "=", level.state_id.id),
                                  ("date_from", "=", level.date_from)]):
                raise ValidationError(self.env._(
                    "A level already starts on %(date)s for %(where)s.", date=level.date_from,
                    where=level.state_id.name or self.env._("the whole country")))

    @api.model_create_multi
    def create(self, vals_list):
        levels = super().create(vals_list)
        levels._ctxh_open_arrears()
        return levels

    def write(self, vals):
        result = super().write(vals)
        if {"amount", "date_from", "state_id"}.intersection(vals):
            self._ctxh_open_arrears()
        return result

    def _ctxh_open_arrears(self):
        """A level in force since a past date reaches allowance sheets already approved: they are never edited;
        the difference is computed on an arrears sheet (truy lĩnh) of each facility concerned, for the director
        to approve."""
        Line = self.env["ctxh.allowance.sheet.line"].sudo()
        Arrears = self.env["ctxh.allowance.arrears"]
        for level in self:
            domain = [("sheet_id.state", "=", "approved"), ("date_from", ">=", level.date_from)]
            if level.state_id:
                domain.append(("company_id.partner_id.state_id", "=", level.state_id.id))
            for [company] in Line._read_group(domain, ["company_id"]):
                Arrears._ctxh_open_for(company, level.date_from)

    @api.depends("amount", "date_from", "state_id")
    def _compute_display_name(self):
        for level in self:
            where = level.state_id.name or self.env._("National")
            amount = f"{level.amount:,.0f}".replace(",", ".")
            level.display_name = self.env._("%(where)s: %(amount)s ₫ (from %(date)s)", where=where, amount=amount,
                                            date=vn_date(level.date_from))

    @api.model
    def _get_level_record(self, on_date, state=None):
        """The level record in force on ``on_date`` for province ``state``: the province's own
        level if it set one, never below the national level (Decree 20/2021/NĐ-CP Art. 4(3))."""
        Level = self.sudo()
        national = Level.search([("state_id", "=", False), ("date_from", "<=", on_date)],
                                order="date_from desc", limit=1)
        if state:
            own = Level.search([("state_id", "=", state.id), ("date_from", "<=", on_date)],
                               order="date_from desc", limit=1)
            if own and own.amount >= national.amount:
                return own
        return national

    @api.model
    def _get_level(self, on_date, state=None):
        """The standard level (VND per month) in force on ``on_date`` for province ``state``."""
        return self._get_level_record(on_date, state).amount
