from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhCollaborator(models.Model):
    """A village collaborator (cộng tác viên công tác xã hội thôn, tổ dân phố): a resident of the village who
    spots children and families at risk, reports them to the centre's office, and is paid a monthly allowance
    (coefficient x base salary, on the collaborators' allowance sheet). Quảng Ninh works with 1,870 of them."""

    _name = "ctxh.collaborator"
    _description = "Village Collaborator"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin", "ctxh.office.mixin"]
    # a collaborator who worked is archived when they stop, never deleted: sheets and cases name them
    _ctxh_deletable = "configuration: a collaborator registered by mistake"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    active = fields.Boolean(default=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Contact for Payment", check_company=True,
                                 help="The collaborator as a contact: bank account for the monthly allowance.")
    phone = fields.Char()
    village = fields.Char(string="Village or Residential Group", help="Thôn, bản, tổ dân phố.")
    commune = fields.Char(string="Commune or Ward")
    state_id = fields.Many2one("res.country.state", string="Province", domain="[('country_id.code', '=', 'VN')]",
                               default=lambda self: self.env.company.state_id)
    date_start = fields.Date(string="Collaborating Since", required=True, tracking=True,
                             default=lambda self: self.env.company._ctxh_today())
    date_end = fields.Date(string="Stopped On", tracking=True)
    training_ids = fields.One2many("ctxh.collaborator.training", "collaborator_id", string="Trainings")
    training_hours = fields.Float(compute="_compute_training_hours", string="Hours of Training")
    call_ids = fields.One2many("ctxh.hotline.call", "collaborator_id", string="Calls Reported")
    call_count = fields.Integer(compute="_compute_counts")
    case_ids = fields.One2many("ctxh.case", "collaborator_id", string="Cases Reported")
    case_count = fields.Integer(compute="_compute_counts")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for collaborator in self:
            if collaborator.date_end and collaborator.date_end < collaborator.date_start:
                raise ValidationError(self.env._("%s stopped before starting: check the dates.", collaborator.name))

    @api.depends("training_ids.hours")
    def _compute_training_hours(self):
        for collaborator in self:
            collaborator.training_hours = sum(collaborator.training_ids.mapped("hours"))

    def _compute_counts(self):
        calls = dict(self.env["ctxh.hotline.call"]._read_group(
            [("collaborator_id", "in", self.ids)], ["collaborator_id"], ["__count"]))
        cases = dict(self.env["ctxh.case"]._read_group(
            [("collaborator_id", "in", self.ids)], ["collaborator_id"], ["__count"]))
        for collaborator in self:
            collaborator.call_count = calls.get(collaborator, 0)
            collaborator.case_count = cases.get(collaborator, 0)

    def _ctxh_active_in(self, date_from, date_to):
        """The collaborators of these who collaborated on at least one day of [date_from, date_to]."""
        return self.filtered(lambda c: c.date_start <= date_to and (not c.date_end or c.date_end >= date_from))
