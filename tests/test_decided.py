"""What only an action decides, what a state freezes, and what history keeps, for every ctxh model.

One mechanism holds these rules (``ctxh.write.guard.mixin``); the cases below are generated from the registry
and the demo data, so a new model or field is covered without anyone adding it here.
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

# fields the ORM itself writes
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
FREE_PREFIXES = ("message_", "activity_", "website_message_")


def ctxh_models(env):
    """The stored models the ctxh modules define (not SQL views, wizards or mixins)."""
    data = env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "=like", "ctxh\\_%")])
    names = set(env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
    return sorted(
        name for name in names
        if name in env and not env[name]._abstract and not env[name]._transient and env[name]._auto
        and (env[name]._original_module or "").startswith("ctxh_")
    )


def other_value(record, fname):
    """A value of ``fname`` different from the record's: what a user would try to write."""
    field = record._fields[fname]
    current = record[fname]
    env = record.env
    today, now = fields.Date.today(), fields.Datetime.now()
    by_type = {
        "selection": lambda: next(
            (value for value, _label in field._description_selection(env) if value != current), False),
        "many2one": lambda: env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1).id or False,
        "one2many": lambda: [Command.clear()],
        "many2many": lambda: [Command.clear()],
        "char": lambda: f"{current or ''} (sửa)",
        "text": lambda: f"{current or ''} (sửa)",
        "html": lambda: f"{current or ''} (sửa)",
        "integer": lambda: (current or 0) + 1,
        "float": lambda: (current or 0) + 1,
        "monetary": lambda: (current or 0) + 1,
        "date": lambda: (current or today) + timedelta(days=1),
        "datetime": lambda: (current or now) + timedelta(hours=1),
        "boolean": lambda: not current,
    }
    return by_type.get(field.type, lambda: False)()


@tagged("post_install", "-at_install")
class TestDecidedEverywhere(TransactionCase):
    """The rules of every guarded model, as a director of every facility (the most any user may do)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = cls.env["res.company"].search([])
        cls.director = new_test_user(
            cls.env, login="giamdoc_tat_ca", name="Giám đốc mọi cơ sở",
            groups="base.group_user,ctxh_residents.group_ctxh_director",
            company_id=companies[0].id, company_ids=[Command.set(companies.ids)])
        cls.director_env = cls.env(user=cls.director, context=dict(cls.env.context, lang="en_US",
                                                                   allowed_company_ids=companies.ids))
        cls.models = ctxh_models(cls.env)

    def _samples(self, name, domain=(), limit=2):
        return self.director_env[name].with_context(active_test=False).search(list(domain), limit=limit, order="id")

    def test_every_model_is_guarded(self):
        """Every stored ctxh model goes through the write guard, so its rules hold at every door."""
        unguarded = [name for name in self.models if "_unlink_ctxh_keep_history" not in
                     [method.__name__ for method in self.env[name]._ondelete_methods]]
        self.assertFalse(unguarded, "models outside ctxh.write.guard.mixin")
        self.assertGreater(len(self.models), 50)

    def test_action_fields_are_written_by_actions_only(self):
        """No field an action decides is written directly, not even by the director."""
        checked = []
        for name in self.models:
            Model = self.director_env[name]
            for record in self._samples(name):
                for fname in Model._ctxh_action_fields:
                    with self.subTest(model=name, field=fname, record=record.id):
                        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
                            record.write({fname: other_value(record, fname)})
                        checked.append((name, fname))
        self.assertGreater(len({model for model, _field in checked}), 15, "too few models exercised")

    def test_action_fields_are_not_created_decided(self):
        """A record is not created already decided (approved, signed, given...) by create or import."""
        checked = 0
        for name in self.models:
            Model = self.director_env[name]
            if not Model._ctxh_action_fields or not Model.has_access("create"):
                continue
            record = self._samples(name, limit=1)
            for fname in Model._ctxh_action_fields:
                value = other_value(record, fname) if record else False
                default = Model._fields[fname].default(Model) if Model._fields[fname].default else False
                default = getattr(default, "id", default)
                if value in (False, None, default):
                    continue
                with self.subTest(model=name, field=fname):
                    with self.assertRaises(UserError):
                        Model.create({fname: value})
                    checked += 1
        self.assertGreater(checked, 20)

    def test_frozen_fields_stay_as_decided(self):
        """Each state freezes its fields: a decided record stays decided, whatever field is tried."""
        exercised = set()
        for name in self.models:
            Model = self.director_env[name]
            for state in Model._ctxh_frozen:
                for record in self._samples(name, [("state", "=", state)], limit=1):
                    frozen = record._ctxh_frozen_fields() - MAGIC - set(Model._ctxh_action_fields)
                    for fname in sorted(frozen):
                        field = Model._fields[fname]
                        if not field.store or fname.startswith(FREE_PREFIXES):
                            continue
                        with self.subTest(model=name, state=state, field=fname):
                            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                                record.write({fname: other_value(record, fname)})
                            exercised.add((name, state))
        self.assertGreater(len(exercised), 15, "too few models and states exercised")

    def test_lines_of_a_decided_record_are_frozen_with_it(self):
        """A line (goal, contract service, payer, sheet line...) of a decided record is neither changed,
        added nor deleted; its free fields (how far a goal is reached) still follow the work."""
        exercised = set()
        for name in self.models:
            Model = self.director_env[name]
            parent_field = Model._ctxh_parent_field
            if not parent_field:
                continue
            one2many = Model._ctxh_parent_one2many()
            for line in self._samples(name, limit=50):
                if one2many not in line[parent_field]._ctxh_frozen_fields():
                    continue
                editable = [f for f, field in Model._fields.items() if field.store and not field.readonly
                            and f not in MAGIC and f != parent_field and f not in Model._ctxh_free_fields
                            and f not in Model._ctxh_action_fields and field.type not in ("one2many", "many2many")]
                with self.subTest(model=name, line=line.id):
                    with self.assertRaisesRegex(UserError, "can no longer be changed"):
                        line.write({editable[0]: other_value(line, editable[0])})
                    with self.assertRaises(UserError):
                        line.unlink()
                    with self.assertRaisesRegex(UserError, "can no longer be changed"):
                        Model.create({parent_field: line[parent_field].id})
                    exercised.add(name)
                break
        self.assertGreaterEqual(len(exercised), 4, f"lines exercised: {sorted(exercised)}")

    @mute_logger("odoo.models.unlink")
    def test_history_is_never_deleted(self):
        """A model that records what happened refuses deletion, by the director and by privileged code alike;
        a model that may be deleted says why."""
        exercised, without_sample = set(), []
        for name in self.models:
            Model = self.director_env[name]
            if Model._ctxh_deletable:
                self.assertGreater(len(Model._ctxh_deletable.strip()), 10, f"{name}: say why it may be deleted")
                continue
            samples = self._samples(name)
            if not samples:
                without_sample.append(name)
                continue
            for record in samples:
                with self.subTest(model=name, record=record.id):
                    # refused for want of the right, or by the rule: either way nothing is deleted
                    with self.assertRaises(UserError if Model.has_access("unlink") else AccessError):
                        record.unlink()
                    with self.assertRaisesRegex(UserError, "never deleted|kept for good|can no longer be changed"):
                        record.sudo().unlink()
                    self.assertTrue(record.exists())
                    exercised.add(name)
        self.assertGreaterEqual(len(exercised), 15, f"history models without demo data: {without_sample}")

    def test_a_decided_state_names_the_record(self):
        """A step the state does not allow is refused with the record's name and state, in Vietnamese."""
        plan = self.env["ctxh.care.plan"].search([("state", "=", "closed")], limit=1)
        self.assertTrue(plan, "demo data has a closed care plan")
        with self.assertRaises(UserError) as caught:
            plan.with_context(lang="vi_VN").with_user(self.director).action_approve()
        message = str(caught.exception)
        self.assertIn(plan.with_context(lang="vi_VN").display_name, message)
        self.assertIn("Đã đóng", message)
