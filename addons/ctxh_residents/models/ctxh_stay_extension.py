from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import vn_date
from ..tools.groups import DIRECTOR
from .ctxh_write_guard_mixin import ALL


class CtxhStayExtension(models.Model):
    """The superior body's decision to keep a person in emergency protection past the type's maximum
    (Decree 20/2021/NĐ-CP Art. 24(4)): the only way a stay's limit moves. Recorded by the director, kept."""

    _name = "ctxh.stay.extension"
    _description = "Emergency Stay Extension"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["resident_id", "decision_number"]
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("date_end_previous", "state")
    _ctxh_frozen = {"done": ALL}
    _order = "stay_id, date_end_new desc, id desc"
    _check_company_auto = True

    stay_id = fields.Many2one("ctxh.stay", string="Stay", required=True, index=True,
                              ondelete="restrict", domain="[('state', '=', 'active')]")
    resident_id = fields.Many2one(related="stay_id.resident_id", store=True, index=True)
    company_id = fields.Many2one(related="stay_id.company_id", store=True, index=True, string="Facility")
    body_id = fields.Many2one("ctxh.supervising.body", string="Decided By", required=True,
                              help="The superior body that decided the extension.")
    decision_number = fields.Char(required=True, help="Number of the superior body's decision.")
    decision_date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today())
    date_end_previous = fields.Date(string="Previous Limit", readonly=True)
    date_end_new = fields.Date(string="New Limit", required=True)
    reason = fields.Text(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Decision (scan)")
    # recorded at once: the record is the decision, it does not go through drafts
    state = fields.Selection([("done", "Recorded")], default="done", required=True, readonly=True)

    @api.depends("resident_id.name", "date_end_new")
    def _compute_display_name(self):
        for extension in self:
            extension.display_name = self.env._("Extension of %(person)s to %(date)s",
                                                person=extension.resident_id.name or "",
                                                date=vn_date(extension.date_end_new))

    @api.model_create_multi
    def create(self, vals_list):
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        extensions = super().create(vals_list)
        for extension in extensions:
            stay = extension.stay_id
            if stay.state != "active":
                raise UserError(self.env._("%s has ended: it cannot be extended.", stay.display_name))
            previous = stay.date_end_limit or stay.date_end_planned
            if not previous or extension.date_end_new <= previous:
                raise ValidationError(self.env._(
                    "The new limit of %(stay)s must come after the current one (%(date)s).",
                    stay=stay.display_name, date=previous and previous.strftime("%d/%m/%Y")))
            extension._ctxh_action_write({"date_end_previous": previous})
            stay._ctxh_action_write({"date_end_limit": extension.date_end_new,
                                     "date_end_planned": extension.date_end_new})
            stay.message_post(body=self.env._(
                "Stay extended to %(date)s by decision %(number)s of %(body)s.",
                date=extension.date_end_new.strftime("%d/%m/%Y"), number=extension.decision_number,
                body=extension.body_id.name))
        return extensions
