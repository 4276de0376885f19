from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools import vn_date
from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhFosterVisit(models.Model):
    """A monitoring visit to a foster family: how the person is doing, what the social worker saw (sensitive,
    logged) and when the next visit is due (else the placement's schedule)."""

    _name = "ctxh.foster.visit"
    _description = "Foster Placement Visit"
    _inherit = ["ctxh.write.guard.mixin", "ctxh.sensitive.read.mixin"]
    _ctxh_parent_field = "placement_id"
    _ctxh_deletable = "a visit recorded by mistake on a placement still in care"
    _order = "date desc, id desc"
    _check_company_auto = True

    placement_id = fields.Many2one("ctxh.foster.placement", string="Placement", required=True, index=True,
                                   ondelete="cascade", domain="[('state', '=', 'active')]")
    company_id = fields.Many2one(related="placement_id.company_id", store=True, index=True, string="Facility")
    # stored for the activity report's count by office
    office_id = fields.Many2one(related="placement_id.office_id", store=True, index=True, string="Office")
    resident_id = fields.Many2one(related="placement_id.resident_id", string="Person")
    family_id = fields.Many2one(related="placement_id.family_id", string="Foster Family")
    date = fields.Date(required=True, index=True, default=lambda self: self.env.company._ctxh_today())
    user_id = fields.Many2one("res.users", string="Visited By", required=True, default=lambda self: self.env.user,
                              check_company=True)
    outcome = fields.Selection([("well", "Doing well"), ("concerns", "Some concerns"), ("unsafe", "Not safe")],
                               required=True, default="well")
    observations = fields.Text(groups=SENSITIVE, help="What the social worker saw and heard; sensitive.")
    next_visit_date = fields.Date(string="Next Visit",
                                  help="Empty: the placement's schedule (days between visits, a legal parameter).")

    @api.depends("placement_id.name", "date")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = " - ".join(filter(None, [visit.placement_id.name, vn_date(visit.date)]))
