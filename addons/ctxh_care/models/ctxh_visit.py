from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import create_index

from odoo.addons.ctxh_residents.tools import vn_datetime
from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhVisit(models.Model):
    """A family visit: who came, when, what they brought, whether staff supervised it."""

    _name = "ctxh.visit"
    _description = "Family Visit"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["visitor_partner_id", "resident_id"]
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _order = "time_in desc, id desc"
    _check_company_auto = True

    # the resident sets the facility (company_id is theirs): a company check would offer nobody on a new record
    resident_id = fields.Many2one("ctxh.resident", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    relative_id = fields.Many2one("ctxh.resident.relative", string="Registered Relative",
                                  domain="[('resident_id', '=', resident_id)]")
    visitor_partner_id = fields.Many2one("res.partner", string="Visitor", required=True, tracking=True, index=True,
                                         compute="_compute_visitor_partner_id", store=True, readonly=False,
                                         precompute=True)
    relationship = fields.Selection(related="relative_id.relationship")
    identity_document = fields.Char(string="Visitor's ID Document")
    time_in = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    time_out = fields.Datetime(tracking=True)
    items_brought = fields.Text()
    supervised = fields.Boolean(tracking=True)
    supervisor_id = fields.Many2one("res.users", string="Supervised By")
    note = fields.Text()
    forbidden_warning = fields.Char(compute="_compute_forbidden_warning")

    @api.depends("visitor_partner_id.name", "resident_id.name", "time_in")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = self.env._(
                "Visit of %(visitor)s to %(person)s, %(time)s", visitor=visit.visitor_partner_id.name or "",
                person=visit.resident_id.name or "", time=vn_datetime(visit.company_id, visit.time_in))

    @api.depends("relative_id")
    def _compute_visitor_partner_id(self):
        for visit in self:
            if visit.relative_id:
                visit.visitor_partner_id = visit.relative_id.partner_id

    def _forbidden_relatives(self):
        """Relatives of the visited residents marked 'must not visit' who match the visitor."""
        relatives = self.env["ctxh.resident.relative"].sudo().search([
            ("resident_id", "in", self.resident_id.ids),
            ("partner_id", "in", self.visitor_partner_id.ids),
            ("visit_permission", "=", "forbidden"),
        ])
        return {(r.resident_id.id, r.partner_id.id): r for r in relatives}

    @api.depends("resident_id", "visitor_partner_id")
    def _compute_forbidden_warning(self):
        forbidden = self._forbidden_relatives()
        for visit in self:
            match = forbidden.get((visit.resident_id.id, visit.visitor_partner_id.id))
            visit.forbidden_warning = self.env._(
                "%(visitor)s must not see %(resident)s. %(note)s",
                visitor=visit.visitor_partner_id.name, resident=visit.resident_id.name, note=match.note or "",
            ) if match else False

    def init(self):
        result = super().init()
        # the filters "In Progress" and "Supervised": a few visits among years of them
        create_index(self.env.cr, "ctxh_visit_in_progress_index", self._table, ["resident_id"],
                     where="time_out IS NULL")
        create_index(self.env.cr, "ctxh_visit_supervised_index", self._table, ["time_in"], where="supervised")
        return result

    @api.constrains("resident_id", "visitor_partner_id")
    def _check_visit_allowed(self):
        for visit in self:
            if visit.forbidden_warning:
                raise ValidationError(self.env._("This visit cannot be registered: %s", visit.forbidden_warning))

    @api.constrains("time_in", "time_out")
    def _check_times(self):
        for visit in self:
            if visit.time_out and visit.time_out < visit.time_in:
                raise ValidationError(self.env._("A visit cannot end before it starts."))

    def action_leave(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self.filtered(lambda v: not v.time_out).write({"time_out": fields.Datetime.now()})
        return True
