from odoo import api, fields, models
from odoo.tools import float_round

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows
from odoo.addons.ctxh_residents.tools.groups import DIRECTOR

MULTIPLIER = "burial_support_multiplier"  # legal parameter


class CtxhBurialSupport(models.Model):
    """Burial support (hỗ trợ mai táng) when a state-funded resident dies in the facility: a multiple of the
    standard level in force on the date of death (at least 50 times, Decree 20/2021/NĐ-CP Art. 25(3); the 20 times of
    Art. 11 is for people on monthly allowances in the community), both dated data."""

    _name = "ctxh.burial.support"
    _description = "Burial Support"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "approved_by_id")
    _ctxh_frozen = {"approved": ALL}
    _ctxh_free_fields = ("note",)
    _ctxh_deletable = "a support not yet approved"
    _order = "date_of_death desc, id desc"
    _check_company_auto = True

    # the resident sets the facility (company_id is theirs): a company check would offer nobody on a new record
    resident_id = fields.Many2one("ctxh.resident", required=True, index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="company_id.currency_id")
    sheet_id = fields.Many2one("ctxh.allowance.sheet", string="Allowance Sheet", index=True, check_company=True,
                               ondelete="set null")
    date_of_death = fields.Date(required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Beneficiary", tracking=True, check_company=True,
                                 help="Who organises the burial and receives the support.")
    level = fields.Float(string="Standard Level", digits=(16, 0), compute="_compute_amount", store=True)
    multiplier = fields.Float(digits=(16, 1), required=True, compute="_compute_multiplier", store=True,
                              readonly=False, precompute=True,
                              help="Times the standard level in force on the date of death (legal parameter "
                                   "burial_support_multiplier); a province may pay more.")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id", tracking=True)
    amount_words = fields.Char(compute="_compute_amount_words", string="In Words")
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved")], default="draft", required=True,
                             tracking=True, copy=False, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ("resident_uniq", "unique(resident_id)", "This resident already has a burial support record."),
    ]

    @api.depends("resident_id", "date_of_death")
    def _compute_display_name(self):
        for support in self:
            support.display_name = self.env._("Burial support: %s", support.resident_id.name or "")

    @api.depends("date_of_death")
    def _compute_multiplier(self):
        Parameter = self.env["ctxh.legal.parameter"]
        for support in self:
            support.multiplier = Parameter._get_value(MULTIPLIER, 50.0, support.date_of_death or None)

    @api.depends("date_of_death", "company_id.state_id", "multiplier")
    def _compute_amount(self):
        Level = self.env["ctxh.assistance.level"]
        for support in self:
            if not support.date_of_death:
                support.level = support.amount = 0.0
                continue
            support.level = Level._get_level(support.date_of_death, support.company_id.state_id)
            support.amount = float_round(support.level * support.multiplier, precision_digits=0)

    @api.depends("amount", "currency_id")
    def _compute_amount_words(self):
        for support in self:
            support.amount_words = support.currency_id.ctxh_amount_to_words(support.amount) if support.amount else False

    def _ctxh_deletable_records(self):
        return self.filtered(lambda support: support.state != "approved")

    def action_approve(self):
        """The director approves the support; approved, it is paid as approved and never changed."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("draft")
        return self._ctxh_action_write({"state": "approved", "approved_by_id": self.env.uid})
