from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhVisitRequest(models.Model):
    """A relative asks, from Odoo's portal, to visit a resident on a day; care staff accept or refuse it. A
    relative who must not see the resident is refused at once, and is never told why: the reason stays with the
    staff."""

    _name = "ctxh.visit.request"
    _description = "Visit Request"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "decided_by_id", "decided_on")
    # staff write the reason before refusing; once answered, the request is what the family was told
    _DECIDED = ("resident_id", "partner_id", "date", "time_slot", "visitors", "refusal_reason")
    _ctxh_frozen = {"accepted": _DECIDED, "refused": _DECIDED}
    _order = "date desc, id desc"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    partner_id = fields.Many2one("res.partner", string="Requested By", required=True, index=True, tracking=True)
    relative_id = fields.Many2one("ctxh.resident.relative", string="Registered Relative",
                                  compute="_compute_relative_id", store=True)
    date = fields.Date(string="Visit Date", required=True, tracking=True)
    time_slot = fields.Selection([("morning", "Morning"), ("afternoon", "Afternoon")], required=True,
                                 default="morning", tracking=True)
    visitors = fields.Integer(string="Number of Visitors", default=1)
    note = fields.Text(string="Message from the Family")
    state = fields.Selection([("requested", "Requested"), ("accepted", "Accepted"), ("refused", "Refused")],
                             default="requested", required=True, tracking=True, index=True, copy=False)
    refusal_reason = fields.Text(groups=CARE, copy=False,
                                 help="For the staff only: the family is told the request is refused, not why.")
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("resident_id", "partner_id")
    def _compute_relative_id(self):
        relatives = self.env["ctxh.resident.relative"].sudo().search([
            ("resident_id", "in", self.resident_id.ids), ("partner_id", "in", self.partner_id.ids)])
        by_pair = {(r.resident_id.id, r.partner_id.id): r for r in relatives}
        for request in self:
            request.relative_id = by_pair.get((request.resident_id.id, request.partner_id.id))

    @api.depends("partner_id.name", "resident_id.name", "date")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Visit of %(visitor)s to %(person)s on %(date)s", visitor=request.partner_id.name or "",
                person=request.resident_id.name or "", date=request.date.strftime("%d/%m/%Y") if request.date else "")

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        # someone a decision keeps away is refused at once; the family's message says no more than "refused"
        forbidden = requests.filtered(lambda r: r.relative_id.sudo().visit_permission == "forbidden")
        for request in forbidden:
            request.sudo()._ctxh_decide("refused", reason=self.env._(
                "Refused automatically: this relative must not visit the resident. %s",
                request.relative_id.sudo().note or ""))
        return requests

    def action_accept(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("requested")
        if self.filtered(lambda r: r.relative_id.sudo().visit_permission == "forbidden"):
            raise UserError(self.env._("This relative must not visit the resident: the request cannot be accepted."))
        return self._ctxh_decide("accepted")

    def action_refuse(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("requested")
        if self.filtered(lambda r: not r.refusal_reason):
            raise UserError(self.env._("Write why the visit is refused (the family will not see it)."))
        return self._ctxh_decide("refused")

    def _ctxh_decide(self, state, reason=None):
        values = {"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()}
        if reason:
            values["refusal_reason"] = reason
        self._ctxh_action_write(values)
        for request in self:
            request._ctxh_tell_family()
        return True

    def _ctxh_tell_family(self):
        """An e-mail to the relative, in their language: the answer, the day and the visiting hours."""
        self.ensure_one()
        partner = self.partner_id
        request = self.with_context(lang=partner.lang or "vi_VN")
        _ = request.env._
        day = self.date.strftime("%d/%m/%Y")
        if self.state == "accepted":
            body = _("Your visit to %(person)s on %(date)s (%(slot)s) is accepted. Visiting hours: %(hours)s",
                     person=self.resident_id.name, date=day,
                     slot=dict(request._fields["time_slot"]._description_selection(request.env))[self.time_slot],
                     hours=self.company_id.ctxh_visiting_hours or "")
        else:
            body = _("Your request to visit %(person)s on %(date)s cannot be accepted. For any question, call "
                     "%(facility)s: %(phone)s", person=self.resident_id.name, date=day,
                     facility=self.company_id.name, phone=self.company_id.phone or "")
        self.sudo().message_post(body=body, partner_ids=partner.ids, message_type="comment",
                                 subtype_xmlid="mail.mt_comment")
