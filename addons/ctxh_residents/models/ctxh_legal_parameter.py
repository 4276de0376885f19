from odoo import api, fields, models, tools


class CtxhLegalParameter(models.Model):
    """A figure the law sets (a time limit, an age limit, a schedule), valid from a date.

    Code reads the value in force on a date; when the law changes an administrator
    adds a new record with its date instead of anyone changing code.
    """

    _name = "ctxh.legal.parameter"
    _description = "Legal Parameter"
    _inherit = ["ctxh.write.guard.mixin"]
    # a value that was in force is not deleted but followed by a newer dated one
    _ctxh_deletable = "configuration: a dated value entered by mistake"
    _order = "code, date_from desc"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    value = fields.Float(digits=(16, 2))
    value_text = fields.Char(string="Value (list)", help="For list values, e.g. follow-up months 1,3,6,12.")
    date_from = fields.Date(string="Valid From", required=True, default="2000-01-01")
    legal_basis = fields.Char()
    note = fields.Text()

    _sql_constraints = [
        ("code_date_uniq", "unique(code, date_from)", "A legal parameter already has a value from this date."),
    ]

    @api.model
    def _get(self, code, date=None):
        """The record of ``code`` in force on ``date`` (today by default).

        The law is national: its "today" is Vietnam's (the empty company's clock), which also spares a read of
        the user's company on every call from a list's computed fields."""
        return self.sudo().browse(self._get_id(code, date or self.env["res.company"]._ctxh_today()))

    @api.model
    @tools.ormcache("code", "date")
    def _get_id(self, code, date):
        """Cached like Odoo's system parameters: the overview, the reminder jobs and the round ask the same
        figures many times, and they change only when an administrator records a new dated value."""
        return self.sudo().search([("code", "=", code), ("date_from", "<=", date)],
                                  order="date_from desc", limit=1).id or None

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _get_value(self, code, default=0.0, date=None):
        parameter = self._get(code, date)
        return parameter.value if parameter else default

    @api.model
    def _get_list(self, code, default=(), date=None):
        parameter = self._get(code, date)
        if not parameter.value_text:
            return list(default)
        return [int(part) for part in parameter.value_text.replace(" ", "").split(",") if part]
