import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import vn_datetime
from ..tools.groups import DIRECTOR

_logger = logging.getLogger(__name__)


class CtxhSensitiveAccessLog(models.Model):
    """Who read or exported a resident's sensitive details or health records, and when (Law 91/2025/QH15
    on personal data protection). Written by the system only; read by directors only; never changed."""

    _name = "ctxh.sensitive.access.log"
    _description = "Sensitive Data Access Log"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["user_id", "field_names"]
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_create_by_action = True
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True,
                              ondelete="restrict")
    company_id = fields.Many2one("res.company", string="Facility", readonly=True, index=True)
    resident_id = fields.Many2one("ctxh.resident", string="Resident", readonly=True, index=True, ondelete="restrict")
    res_model = fields.Char(string="Record Type", readonly=True, required=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", readonly=True, required=True)
    access_type = fields.Selection(
        [("read", "Read"), ("group", "Grouped or totalled"), ("export", "Export"), ("print", "Print"),
         ("identity_collision", "Citizen ID registered elsewhere"), ("transfer_request", "Transfer requested")],
        required=True, readonly=True, index=True,
        help="Citizen ID registered elsewhere: a user typed or imported the citizen ID of a person registered "
             "in a facility they do not work in; they were told only that, and the director may request a transfer.")
    field_names = fields.Char(string="Details", readonly=True, help="Technical names of the fields read.")

    @api.depends("user_id.name", "access_type", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["access_type"]._description_selection(self.env))
        for log in self:
            log.display_name = " - ".join(filter(None, [log.user_id.name, kinds.get(log.access_type),
                                                        vn_datetime(log.company_id, log.date)]))

    def write(self, vals):
        if self:
            raise UserError(self.env._("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The access log cannot be deleted."))

    @api.model
    def _ctxh_log_export_paths(self, records, paths):
        """Log the sensitive fields an export reaches through a path (``resident_id/hiv_status`` from a stay)."""
        for path in paths:
            parts = path.split("/")
            targets = records
            for part in parts[:-1]:
                field = targets._fields.get(part)
                if not field or not field.relational:
                    break
                targets = targets[part]
            else:
                if len(parts) > 1 and "_ctxh_sensitive_fields" in dir(targets) \
                        and parts[-1] in targets._ctxh_sensitive_fields():
                    targets._ctxh_log_sensitive_access([parts[-1]], "export")

    # ------------------------------------------------------------------
    # A citizen ID registered in another facility
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_log_identity_collisions(self, company, others):
        """Log that the user met the citizen ID of ``others`` (residents of facilities they do not work in) while
        working in ``company``. Written on a cursor of its own: the refusal that follows rolls the user's work
        back, not the log."""
        vals_list = [{
            "user_id": self.env.uid, "company_id": company.id, "res_model": "ctxh.resident", "res_id": other.id,
            "access_type": "identity_collision", "field_names": "national_id",
        } for other in others]
        try:
            with self.env.registry.cursor() as cr:
                self.env(cr=cr, su=True)["ctxh.sensitive.access.log"].create(vals_list)
        except psycopg2.Error:
            # the user or facility is not committed yet (made in the same transaction): the refusal still holds
            _logger.warning("Citizen ID collision of user %s not logged", self.env.uid, exc_info=True)

    def action_ctxh_request_transfer(self):
        """The director asks the facility holding the person's record for its transfer: its director gets an
        activity on the record, the request is logged; nothing of the other facility is shown here."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        collisions = self.filtered(lambda log: log.access_type == "identity_collision")
        if collisions != self:
            raise UserError(self.env._("A transfer is requested from a line “Citizen ID registered elsewhere”."))
        for log in collisions:
            other = self.env["ctxh.resident"].sudo().browse(log.res_id).exists()
            if not other:
                continue
            director = other.company_id.ctxh_director_id
            if not director:
                raise UserError(self.env._(
                    "The facility holding this record has no director in the system: ask for the transfer in writing."))
            other.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=director.id,
                summary=self.env._("Transfer requested by %s", log.company_id.name),
                note=self.env._("%(director)s, director of %(facility)s, asks for the transfer of the record of "
                                "citizen ID %(number)s: a person of that number came to them.",
                                director=self.env.user.name, facility=log.company_id.name,
                                number=other.national_id))
        self.sudo()._ctxh_as_action().create([{
            "user_id": self.env.uid, "company_id": log.company_id.id, "res_model": "ctxh.resident",
            "res_id": log.res_id, "access_type": "transfer_request", "field_names": "national_id",
        } for log in collisions])
        return True
