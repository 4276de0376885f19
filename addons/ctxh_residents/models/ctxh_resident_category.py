from odoo import api, fields, models, tools
from odoo.exceptions import AccessError

from ..tools.groups import SENSITIVE

# the operators of a domain leaf whose value is ids of categories the resident has (or has not)
_POSITIVE = ("=", "in")


_NEGATIVE = ("!=", "not in")


class CtxhResidentCategory(models.Model):
    """Who may be admitted, and on what footing (Decree 20/2021/NĐ-CP Art. 24, Law 73/2021)."""

    _name = "ctxh.resident.category"
    _description = "Resident Category"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a category no resident uses yet"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    group = fields.Selection(
        [
            ("nurture", "Long-term state care"),
            ("emergency", "Emergency protection"),
            ("administrative", "Administrative measure"),
            ("voluntary", "Voluntary paid care"),
            ("rehab", "Drug rehabilitation"),
        ],
        required=True,
    )
    funding_type = fields.Selection(
        [("state", "State budget"), ("self", "Self or sponsor paid"), ("mixed", "Mixed")],
        required=True,
        default="state",
    )
    legal_basis = fields.Char(help="Article of the law that defines the category.")
    description = fields.Text(translate=True)
    age_limited = fields.Boolean(
        string="Age Limit Applies",
        help="State care of this category ends at the child age limit (16, or 22 while studying).")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    sensitive = fields.Boolean(
        string="Sensitive",
        help="The category itself tells something sensitive about the person (HIV, drug use, abuse, trafficking, "
             "an administrative or court measure: sensitive personal data under Law 91/2025/QH15 and Decree "
             "356/2025/NĐ-CP). Only users "
             "with the Sensitive Data group see it, search by it, group by it or find it in the chatter; others "
             "see the legal article on allowance lines and an unnamed line in the workbooks.")

    _sql_constraints = [("code_uniq", "unique(code)", "Each resident category code must be unique.")]

    # ------------------------------------------------------------------
    # Who sees a sensitive category: the one rule, called by the resident, allowances and workbooks.
    # The record rules (security/ctxh_residents_security.xml) hide the categories themselves; what follows
    # covers the doors that reach them by id, not through the category's own search.
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_sees_sensitive(self):
        return self.env.su or self.env.user.has_group(SENSITIVE)

    @api.model
    def _ctxh_hidden_ids(self, ids):
        """Of ``ids`` (categories), those the user may not see."""
        if self._ctxh_sees_sensitive():
            return set()
        return self._ctxh_sensitive_ids().intersection(ids)

    @api.model
    @tools.ormcache()
    def _ctxh_sensitive_ids(self):
        """The ids of the sensitive categories: a handful, read on every read of a resident's categories, so
        kept in the registry's cache (cleared when a category changes)."""
        self.flush_model(["sensitive"])
        rows = self.env.execute_query(tools.SQL("SELECT id FROM ctxh_resident_category WHERE sensitive"))
        return frozenset(row[0] for row in rows)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any(vals.get("sensitive") for vals in vals_list):
            self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if "sensitive" in vals:
            self.env.registry.clear_cache()
        return result

    @api.model
    def _ctxh_domain_without_hidden(self, domain, fname):
        """``domain`` where a leaf on ``fname`` (the categories, by id) no longer names a category the user may not
        see: it then matches as if the category did not exist, so no count reveals who has it."""
        if not domain or self._ctxh_sees_sensitive():
            return domain
        result = []
        for leaf in domain:
            new_leaf = leaf
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and leaf[0] == fname \
                    and leaf[1] in _POSITIVE + _NEGATIVE and not isinstance(leaf[2], (str, bool)):
                values = leaf[2] if isinstance(leaf[2], (list, tuple, set)) else [leaf[2]]
                hidden = self._ctxh_hidden_ids(values)
                if hidden:
                    kept = [v for v in values if v not in hidden]
                    if leaf[1] in _POSITIVE and not kept:
                        new_leaf = (0, "=", 1)  # FALSE_LEAF: nobody has a category the user does not see
                    else:
                        new_leaf = (fname, "in" if leaf[1] in _POSITIVE else "not in", kept)
            result.append(new_leaf)
        return result

    @api.model
    def _ctxh_check_link(self, commands):
        """A user without the Sensitive Data group neither puts a sensitive category on a person nor takes it off:
        they do not see it (ids sent by XML-RPC or an import)."""
        if self._ctxh_sees_sensitive():
            return
        ids = set()
        for command in commands or ():
            if isinstance(command, (list, tuple)) and command:
                if command[0] in (3, 4) and len(command) > 1:
                    ids.add(command[1])
                elif command[0] == 6 and len(command) > 2:
                    ids.update(command[2] or ())
            elif isinstance(command, int):
                ids.add(command)
        if self._ctxh_hidden_ids(ids):
            raise AccessError(self.env._(
                "Only users with the Sensitive Data group (medical staff and directors) set this category."))
