from odoo import api, fields, models

OFFICE_KINDS = [
    ("centre", "Centre"),
    ("district", "District"),
    ("commune", "Commune or Ward"),
    ("school", "School"),
    ("hospital", "Hospital"),
]


class CtxhOffice(models.Model):
    """A social work office (văn phòng / điểm công tác xã hội) through which a centre works outside its walls: in a
    district, a commune or ward, a school or a hospital, with its own telephone line and staff. Calls, counselling,
    cases and events belong to one; its staff in the Office Worker group see only their offices' records."""

    _name = "ctxh.office"
    _description = "Social Work Office"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    # an office that worked is archived, not deleted: its calls and cases keep naming it
    _ctxh_deletable = "configuration: an office created by mistake"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=False)
    code = fields.Char(help="Short code printed on the office's records and reports, e.g. VP-TH.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    kind = fields.Selection(OFFICE_KINDS, string="Kind", required=True, default="commune", tracking=True)
    phone = fields.Char(string="Telephone Line", tracking=True)
    email = fields.Char()
    street = fields.Char(string="Address")
    commune = fields.Char(string="Commune or Ward")
    state_id = fields.Many2one("res.country.state", string="Province",
                               domain="[('country_id.code', '=', 'VN')]")
    host_partner_id = fields.Many2one("res.partner", string="Hosted By", check_company=True,
                                      help="The school, hospital or commune people's committee hosting the office.")
    manager_id = fields.Many2one("res.users", string="Head of Office", check_company=True, tracking=True)
    user_ids = fields.Many2many("res.users", "ctxh_office_res_users_rel", "office_id", "user_id", string="Staff",
                                check_company=True)
    staff_count = fields.Integer(compute="_compute_staff_count")
    note = fields.Text()

    _sql_constraints = [
        ("code_company_uniq", "UNIQUE (company_id, code)", "Two offices of a facility cannot share a code."),
    ]

    @api.depends("user_ids")
    def _compute_staff_count(self):
        for office in self:
            office.staff_count = len(office.user_ids)

    # the office rules read user.ctxh_office_ids, and Odoo caches a user's rule domains: a change of staff must
    # reach them at once, not at the next restart
    @api.model_create_multi
    def create(self, vals_list):
        offices = super().create(vals_list)
        if any(vals.get("user_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        return offices

    def write(self, vals):
        res = super().write(vals)
        if "user_ids" in vals or "active" in vals or "company_id" in vals:
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    def _ctxh_default_office(self, company=None):
        """The office a new record of the current user belongs to: their first office in the facility."""
        company = company or self.env.company
        return self.env.user.ctxh_office_ids.filtered(lambda office: office.company_id == company)[:1]
