import math

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

# Set in the context by the model's own code (its actions and the private methods they call), never by a
# client: an RPC context is JSON or XML, and cannot hold this object, so no door but the code can forge it.
_ACTION_KEY = "ctxh_action"


_ACTION_TOKEN = object()


# every field but the model's free fields
ALL = "*"


# PostgreSQL's integer (ids, integer fields): a larger number would come back as an SQL error
INT_MAX = 2**31 - 1


# what a state never freezes: the chatter, activities and attachments live beside the record
_ALWAYS_FREE_PREFIXES = ("message_", "activity_", "website_message_")


class CtxhWriteGuardMixin(models.AbstractModel):
    """One home for what only an action decides, and for history that is kept.

    A model declares, on its class:

    - ``_ctxh_action_fields``: the fields only its actions set (state, approver, decision number, date and
      signer, who gave a dose and when...). No create, write, import or web client changes them, whatever the
      user's group; the actions (with their group checks, row locks and state checks) write them through
      ``_ctxh_action_write`` / ``_ctxh_as_action()``.
    - ``_ctxh_frozen``: for each state, the fields it freezes (or ``ALL``: every field but
      ``_ctxh_free_fields``). A decided record stays decided.
    - ``_ctxh_parent_field``: on a line (goal, contract line, payer, sheet line, dossier line), the field to its
      parent. Creating, changing or deleting a line is changing the parent's one2many of lines, frozen or not
      by the parent's state.
    - ``_ctxh_create_by_action``: records are only created by actions (a stay: by admission).
    - ``_ctxh_deletable``: why a record may be deleted (configuration data, a draft line). Without it, a record
      is history: it is archived or cancelled, never deleted, by anyone.

    Privileged code (``sudo``: the scheduled jobs, the system) is not checked: no RPC door runs as superuser.
    """

    _name = "ctxh.write.guard.mixin"
    _description = "Social Assistance Write Guard"

    _ctxh_action_fields = ()
    _ctxh_frozen = {}
    _ctxh_free_fields = ()
    _ctxh_parent_field = None
    _ctxh_create_by_action = False
    _ctxh_deletable = None
    # fields that carry a record to another facility (its company follows them)
    _ctxh_moving_fields = frozenset({"company_id", "resident_id", "stay_id"})

    # ------------------------------------------------------------------
    # For the model's own code
    # ------------------------------------------------------------------
    def _ctxh_as_action(self):
        """These records, in an environment where the model's actions may set what only they decide."""
        return self.with_context(**{_ACTION_KEY: _ACTION_TOKEN})

    def _ctxh_action_write(self, vals):
        self._ctxh_as_action().write(vals)
        return True

    def _ctxh_in_action(self):
        return self.env.su or self.env.context.get(_ACTION_KEY) is _ACTION_TOKEN

    def _ctxh_lang_env(self):
        """The environment to answer the user in: their own language when the client did not say which
        (Odoo's External API over XML-RPC sends no context unless the integration adds one)."""
        return self.env if self.env.lang else self.with_context(lang=self.env.user.lang).env

    def _ctxh_check_state(self, *states):
        """Refuse a step that the state of one of the records does not allow, naming the record and its state."""
        env = self._ctxh_lang_env()
        labels = dict(self._fields["state"]._description_selection(env))
        for record in self.with_env(env):
            if record.state not in states:
                raise UserError(env._(
                    "%(record)s is %(state)s: this step is not possible now.",
                    record=record.display_name, state=labels.get(record.state, record.state)))

    # ------------------------------------------------------------------
    # The rules
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_field_labels(self, fnames, env):
        return ", ".join(sorted(self._fields[f]._description_string(env) for f in fnames if f in self._fields))

    def _ctxh_frozen_fields(self):
        """Names of the fields this record's state freezes (a set; may be overridden per record)."""
        self.ensure_one()
        frozen = self._ctxh_frozen.get(self["state"]) if "state" in self._fields else None
        if frozen == ALL:
            return {name for name in self._fields if name not in self._ctxh_free_fields
                    and not name.startswith(_ALWAYS_FREE_PREFIXES)}
        return set(frozen or ())

    def _ctxh_parent(self):
        return self[self._ctxh_parent_field] if self._ctxh_parent_field else None

    def _ctxh_parent_one2many(self):
        """The parent's one2many holding these lines (its name), found from the registry."""
        parent_model = self.env[self._fields[self._ctxh_parent_field].comodel_name]
        for name, field in parent_model._fields.items():
            if field.type == "one2many" and field.comodel_name == self._name \
                    and field.inverse_name == self._ctxh_parent_field:
                return name
        return None

    def _ctxh_check_action_fields(self, fnames):
        touched = set(fnames).intersection(self._ctxh_action_fields)
        if touched:
            env = self._ctxh_lang_env()
            raise UserError(env._(
                "%(fields)s of %(model)s can only be set by its actions (buttons), not written directly.",
                fields=self._ctxh_field_labels(touched, env), model=self.with_env(env)._ctxh_model_label()))

    def _ctxh_check_frozen(self, fnames):
        fnames = set(fnames)
        for record in self:
            blocked = fnames & record._ctxh_frozen_fields()
            if blocked:
                env = self._ctxh_lang_env()
                labels = dict(self._fields["state"]._description_selection(env))
                raise UserError(env._(
                    "%(record)s is %(state)s: %(fields)s can no longer be changed.",
                    record=record.with_env(env).display_name, state=labels.get(record.state, record.state),
                    fields=self._ctxh_field_labels(blocked, env)))

    def _ctxh_check_parents(self, parents=None):
        """A line is part of its parent: changing it is changing the parent's lines."""
        if not self._ctxh_parent_field:
            return
        parents = self.mapped(self._ctxh_parent_field) if parents is None else parents
        one2many = self._ctxh_parent_one2many()
        if one2many and hasattr(parents, "_ctxh_check_frozen"):
            parents._ctxh_check_frozen([one2many])

    # ------------------------------------------------------------------
    # Values PostgreSQL would refuse with an SQL error (any door, XML-RPC included)
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_check_values(self, vals):
        """Refuse, naming the field, a value the ORM would pass to PostgreSQL only to be refused there: a number
        out of PostgreSQL's integer range (as a value or as an id), a text with a NUL character or a lone
        surrogate. Nothing is written. Other malformed values are refused by the ORM's own conversion."""
        for fname, sent in list(vals.items()):
            field = self._fields.get(fname)
            value, malformed = sent, False
            if field and field.type == "many2one" and isinstance(sent, dict):
                # the web client's form of a many2one ({"id": 7, "display_name": ...}) is the id; anything else
                # sent as a dict would reach Odoo's own code (following, tracking) as a list of keys
                malformed = not isinstance(sent.get("id"), int) or isinstance(sent.get("id"), bool)
                if not malformed:
                    vals[fname] = value = sent["id"]
            if field and (malformed or not self._ctxh_value_fits(value) or not self._ctxh_number_fits(field, value)):
                env = self._ctxh_lang_env()
                raise ValidationError(env._(
                    "The value sent for %(field)s of %(model)s is not valid. Check it and try again.",
                    field=field._description_string(env), model=self.with_env(env)._ctxh_model_label()))

    @api.model
    def _ctxh_number_fits(self, field, value):
        """A number is a finite number: NaN and infinity ("NaN" as text too) are no amount, no duration."""
        if field.type not in ("float", "monetary") or isinstance(value, bool) \
                or not isinstance(value, (int, float, str)):
            return True
        try:
            return math.isfinite(float(value))
        except (ValueError, OverflowError):
            return True  # not a number at all: the ORM's own conversion answers it

    @api.model
    def _ctxh_value_fits(self, value, depth=0):
        if isinstance(value, bool) or value is None:
            fits = True
        elif isinstance(value, int):
            fits = -INT_MAX - 1 <= value <= INT_MAX
        elif isinstance(value, str):
            fits = "\x00" not in value and value.encode("utf-8", "surrogatepass").decode("utf-8", "ignore") == value
        elif isinstance(value, (list, tuple, dict)) and depth < 4:
            items = value.values() if isinstance(value, dict) else value
            fits = all(self._ctxh_value_fits(item, depth + 1) for item in items)
        else:
            fits = True
        return fits

    # ------------------------------------------------------------------
    # Every door: create, write (import and the web client use them), unlink
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ctxh_check_values(vals)
        return super(CtxhWriteGuardMixin, self._ctxh_check_create(vals_list)).create(vals_list)

    @api.model
    def _ctxh_check_create(self, vals_list):
        """Refuse what only an action may create; return the model in a context without forged defaults."""
        if not self._ctxh_in_action():
            self.check_access("create")  # a user without the right is told so first
            if self._ctxh_create_by_action:
                env = self._ctxh_lang_env()
                raise UserError(env._("A %(model)s is only created by its actions, not directly.",
                                      model=self.with_env(env)._ctxh_model_label()))
            # a client's context may carry default_state=approved: defaults of decided fields are the model's own
            forged = {f"default_{f}" for f in self._ctxh_action_fields}.intersection(self.env.context)
            if forged:
                return self.with_context(
                    {k: v for k, v in self.env.context.items() if k not in forged})._ctxh_check_create(vals_list)
            sent = {f for vals in vals_list for f in vals}.intersection(self._ctxh_action_fields)
            if sent:
                # the field's own default is no decision: the web client and the import may send it (not the
                # context's default_*, which a client sets)
                defaults = {f: self._fields[f].default(self) if self._fields[f].default else False for f in sent}
                for vals in vals_list:
                    self._ctxh_check_action_fields(
                        {f for f in sent.intersection(vals) if vals[f] not in (False, None, defaults.get(f))})
            if self._ctxh_parent_field:
                parent_ids = {vals.get(self._ctxh_parent_field) for vals in vals_list} - {None, False}
                parent_model = self.env[self._fields[self._ctxh_parent_field].comodel_name]
                self._ctxh_check_parents(parent_model.browse(
                    [pid for pid in parent_ids if isinstance(pid, int)]).exists())
        return self

    def write(self, vals):
        self._ctxh_check_values(vals)
        if not self._ctxh_in_action():
            self.check_access("write")  # a user without the right is told so first
            self._ctxh_check_action_fields(vals)
            self._ctxh_check_frozen(vals)
            # a line's free fields (how far a goal is reached) follow the work, whatever the parent's state
            if self._ctxh_parent_field and not set(vals) <= set(self._ctxh_free_fields):
                self._ctxh_check_parents()
                if self._ctxh_parent_field in vals:
                    parent_model = self.env[self._fields[self._ctxh_parent_field].comodel_name]
                    target = vals[self._ctxh_parent_field]
                    if isinstance(target, int):
                        self._ctxh_check_parents(parent_model.browse(target).exists())
        result = super().write(vals)
        if not self.env.su and self._ctxh_moving_fields.intersection(vals):
            # after the change the record must still be one the user may change: not in another facility
            self.check_access("write")
        return result

    def export_data(self, fields_to_export):
        # every ctxh model is a door to the sensitive fields of the models it links to (resident_id/hiv_status)
        result = super().export_data(fields_to_export)
        self.env["ctxh.sensitive.access.log"]._ctxh_log_export_paths(self, fields_to_export)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_ctxh_keep_history(self):
        # not even privileged code deletes history: only an action that says so (a stopped order's later doses)
        if self.env.context.get(_ACTION_KEY) is _ACTION_TOKEN:
            return
        if self._ctxh_parent_field:
            self._ctxh_check_parents()
        kept = self - self._ctxh_deletable_records()
        if kept:
            raise UserError(kept[:1]._ctxh_keep_history_message())

    def _ctxh_keep_history_message(self):
        """Why this record is not deleted, and what to do instead."""
        env = self._ctxh_lang_env()
        return env._("%(record)s is part of the history and is never deleted: cancel or archive it instead.",
                     record=self.with_env(env).display_name)

    @api.model
    def _ctxh_model_label(self):
        """The model's name in the user's language (its ir.model name is translated, not _description)."""
        return self.env["ir.model"]._get(self._name).sudo().with_context(lang=self.env.lang).name or self._description

    def _ctxh_deletable_records(self):
        """The records that may be deleted: all of them where the model says why, none otherwise."""
        return self if self._ctxh_deletable else self.browse()
