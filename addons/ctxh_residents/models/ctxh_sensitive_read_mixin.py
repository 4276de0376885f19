
import psycopg2

from odoo import api, models

from ..tools.groups import SENSITIVE


def _read_write(method):
    """Mark a reading method read/write for the web client's routes, which take the first ``_readonly`` they
    find along the class's MRO (Odoo's own reading methods say True)."""
    method._readonly = False
    return method


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
