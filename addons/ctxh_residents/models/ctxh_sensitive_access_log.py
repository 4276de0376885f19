from odoo import api, fields, models
from odoo.exceptions import UserError

SENSITIVE = "ctxh_residents.group_ctxh_sensitive"


class CtxhSensitiveAccessLog(models.Model):
    """Who read or exported a resident's sensitive details or health records, and when (Law 91/2025/QH15
    on personal data protection). Written by the system only; read by directors only; never changed."""

    _name = "ctxh.sensitive.access.log"
    _description = "Sensitive Data Access Log"
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
    access_type = fields.Selection([("read", "Read"), ("export", "Export"), ("print", "Print")],
                                   required=True, readonly=True, index=True)
    field_names = fields.Char(string="Details", readonly=True, help="Technical names of the fields read.")

    def write(self, vals):
        if self:
            raise UserError(self.env._("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The access log cannot be deleted."))


class CtxhSensitiveReadMixin(models.AbstractModel):
    """Log every read or export of sensitive fields by a user (not by the system acting for them)."""

    _name = "ctxh.sensitive.read.mixin"
    _description = "Logged Sensitive Reads"

    # a health record (check, medical event, medication order) is sensitive as a whole
    _ctxh_health_record = False
    # fields of a health record that say nothing about health: reading only these is not logged
    _ctxh_unlogged_fields = frozenset({
        "id", "display_name", "resident_id", "company_id", "stay_id", "state", "create_date", "create_uid",
        "write_date", "write_uid", "currency_id",
    })
    _ctxh_unlogged_prefixes = ("message_", "activity_", "has_message", "rating_")

    def _ctxh_sensitive_fields(self):
        """Fields whose reading is logged: every health field of a health record; elsewhere the fields
        restricted to the sensitive data group."""
        if self._ctxh_health_record:
            return {name for name in self._fields if name not in self._ctxh_unlogged_fields
                    and not name.startswith(self._ctxh_unlogged_prefixes)}
        return {name for name, field in self._fields.items()
                if field.groups and SENSITIVE in field.groups.split(",")}

    def _ctxh_log_resident(self):
        """The resident a record is about."""
        return self.resident_id

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        self._ctxh_log_sensitive_access(fields, "read")
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._ctxh_log_sensitive_access([path.split("/")[0] for path in fields_to_export], "export")
        return result

    def _ctxh_log_sensitive_access(self, fnames, access_type):
        if self.env.su or not self:
            return
        sensitive = self._ctxh_sensitive_fields()
        if not fnames:
            # read() of every field returns only those the user may see
            fnames = [name for name in sensitive if self._fields[name].is_accessible(self.env)]
        read = sensitive.intersection(fnames)
        if not read:
            return
        details = ",".join(sorted(read))
        uid = self.env.uid
        self.env["ctxh.sensitive.access.log"].sudo().create([{
            "user_id": uid, "company_id": record.company_id.id, "resident_id": record._ctxh_log_resident().id,
            "res_model": self._name, "res_id": record.id, "access_type": access_type, "field_names": details,
        } for record in self.sudo()])
