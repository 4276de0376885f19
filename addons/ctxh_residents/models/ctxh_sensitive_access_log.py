import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import vn_datetime
from ..tools.groups import DIRECTOR, SENSITIVE

_logger = logging.getLogger(__name__)


def _read_write(method):
    """Mark a reading method read/write for the web client's routes, which take the first ``_readonly`` they
    find along the class's MRO (Odoo's own reading methods say True)."""
    method._readonly = False
    return method


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

    # Odoo answers the reading methods on a read-only transaction (@api.readonly) and replays the request on a
    # read/write one, with a warning, when it writes: a read of sensitive data writes its log line, so these
    # models' reading methods are read/write from the start (Odoo's signatures, marked read/write).
    @_read_write
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load)

    @_read_write
    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        return super().search_read(domain, fields, offset, limit, order, **read_kwargs)

    @_read_write
    def web_read(self, specification):
        return super().web_read(specification)

    @_read_write
    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):  # noqa: PLR0917 - Odoo's signature
        return super().web_search_read(domain, specification, offset, limit, order, count_limit)

    @_read_write
    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):  # noqa: PLR0917 - Odoo's signature
        return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)

    @_read_write
    @api.model
    def web_read_group(self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True):  # noqa: PLR0917 - Odoo's signature
        return super().web_read_group(domain, fields, groupby, limit, offset, orderby, lazy)

    # Every door that sends field values to a user goes through one of these: read, search_read, web_read and
    # web_search_read through _read_format; read_group, web_read_group and the pivot through _read_group;
    # exports through export_data (paths through other models are logged by the write guard's export_data);
    # printed documents call _ctxh_log_sensitive_access themselves.
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if fnames:  # the chatter asks for no field at all (read() itself always names them)
            self._ctxh_log_sensitive_access(fnames, "read")
        return result

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):  # noqa: PLR0917 - Odoo's signature
        result = super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        if not self.env.su:
            specs = [*groupby, *aggregates, *(term[0] for term in having if isinstance(term, (list, tuple)))]
            fnames = {spec.split(":")[0].split(".")[0] for spec in specs if isinstance(spec, str)}
            if fnames & self._ctxh_sensitive_fields():
                # what a grouping or a total reveals is the value of each record it counts
                self.search(domain or [])._ctxh_log_sensitive_access(list(fnames), "group")
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
        vals_list = [{
            "user_id": uid, "company_id": record.company_id.id, "resident_id": record._ctxh_log_resident().id,
            "res_model": self._name, "res_id": record.id, "access_type": access_type, "field_names": details,
        } for record in self.sudo()]
        if getattr(self.env.cr, "readonly", False):
            # the web client reads on a read-only transaction, which Odoo replays on a read/write one as soon as
            # it must write: ask for that replay here, before the read is answered, rather than through an SQL
            # error in the server log (the log line and the answer then belong to one transaction)
            raise psycopg2.errors.ReadOnlySqlTransaction("The access log is written on a read/write transaction.")
        self.env["ctxh.sensitive.access.log"].sudo().create(vals_list)
