"""The access matrix (access_matrix.py) checked through the ORM: every model and action of every ctxh addon, as
each role, is allowed or refused exactly as the matrix says; a new model or action without a row fails here."""

from odoo.tests import tagged

from .access_matrix import (
    ACTIONS,
    GUARDED_WRITES,
    MODELS,
    OPERATIONS,
    REFUSED_BEFORE_ACCESS,
    ROLES,
    WIZARDS_TESTED_ELSEWHERE,
    action_method,
    allowed,
)
from .matrix_common import (
    ACCESS,
    OK,
    REFUSED,
    MatrixCase,
    ctxh_action_methods,
    ctxh_models,
    expectation,
    mismatch_table,
)


@tagged("post_install", "-at_install")
class TestAccessMatrix(MatrixCase):
    """Every cell of access_matrix.py, checked through the ORM as a real user of each role."""

    # ------------------------------------------------------------------
    # Completeness
    # ------------------------------------------------------------------
    def test_matrix_lists_every_model(self):
        """Every model the ctxh modules define has a row, and every row names a model that exists."""
        defined = ctxh_models(self.env)
        self.assertFalse(sorted(defined - set(MODELS)), "models missing from access_matrix.MODELS")
        self.assertFalse(sorted(set(MODELS) - defined), "rows of access_matrix.MODELS for no model")
        self.assertEqual(set(self.records), set(MODELS), "the fixtures make one record per model of the matrix")

    def test_matrix_lists_every_action(self):
        """Every public action_* method of a ctxh model has a line, and every line names a method that exists."""
        models = (ctxh_models(self.env) | ctxh_models(self.env, transient=True)) - set(WIZARDS_TESTED_ELSEWHERE)
        missing, stale = [], []
        for model in sorted(models | set(ACTIONS)):
            defined = ctxh_action_methods(self.env, model) if model in self.env else set()
            listed = {action_method(key) for key in ACTIONS.get(model, {})}
            missing += [f"{model}.{name}" for name in sorted(defined - listed)]
            stale += [f"{model}.{name}" for name in sorted(listed - defined)]
        self.assertFalse(missing, "actions missing from access_matrix.ACTIONS")
        self.assertFalse(stale, "lines of access_matrix.ACTIONS for no method")

    # ------------------------------------------------------------------
    # Cells
    # ------------------------------------------------------------------
    def _crud_attempt(self, model, operation, user):
        record = self.records[model].with_user(user)
        if operation == "read":
            field = record._rec_name if record._rec_name in record._fields else "id"
            return self._isolated(lambda: record.read([field]))
        if operation == "write":
            return self._isolated(lambda: record.write(self._write_vals(model)))
        if operation == "create":
            return self._isolated(lambda: record.browse().create(self._create_vals(model)))
        return self._isolated(record.unlink)

    def _check_access(self, model, operation, user):
        record = self.records[model].with_user(user)
        if operation == "create":
            record = record.browse()
        return record.has_access(operation)

    def test_every_model_cell(self):
        """Read, write, create and delete of every model, by every role: check_access and a real attempt agree
        with the matrix."""
        rows = []
        for model in sorted(MODELS):
            for role in ROLES:
                user = self.role_users[role]
                for operation in OPERATIONS:
                    expected = allowed(model, operation, role)
                    granted = self._check_access(model, operation, user)
                    outcome, detail = self._crud_attempt(model, operation, user)
                    if expected:
                        good = granted and outcome in (OK, REFUSED)
                    else:
                        refused_first = (model, operation) in REFUSED_BEFORE_ACCESS and outcome == REFUSED
                        good = not granted and (outcome == ACCESS or refused_first)
                    if not good:
                        observed = f"check_access {'granted' if granted else 'denied'}, attempt {outcome} {detail}"
                        rows.append((model, operation, role, expectation(expected), observed))
        if rows:
            self.fail(mismatch_table("Models", rows))

    def _call_action(self, record, key, user):
        wizard_vals = self._wizard_vals(record._name)
        if wizard_vals is not None:
            # a wizard belongs to the user who opens it
            def call():
                getattr(record.with_user(user).create(wizard_vals), action_method(key))()
            return self._isolated(call)
        return self._isolated(getattr(record.with_user(user), action_method(key)))

    def test_every_action_cell(self):
        """Every action, by every role: AccessError exactly where the matrix denies it."""
        rows, refused = [], []
        for model in sorted(ACTIONS):
            for key, roles in ACTIONS[model].items():
                record = self._action_record(model, key)
                for role in ROLES:
                    outcome, detail = self._call_action(record, key, self.role_users[role])
                    expected = role in roles
                    if expected and outcome == REFUSED:
                        refused.append(f"{model}.{key} as {role}: {detail}")
                    good = outcome in (OK, REFUSED) if expected else outcome == ACCESS
                    if not good:
                        rows.append((model, key, role, expectation(expected), f"{outcome} {detail}"))
        # an allowed call refused by a business rule means its record was not in the state it needs
        self.assertFalse(refused, "allowed actions refused by a business rule: prepare their records better")
        if rows:
            self.fail(mismatch_table("Actions", rows))

    def test_decisions_cannot_be_written_directly(self):
        """What an action guards (a decision, an approval, a signature) cannot be written with write()."""
        rows = []
        for model, key, vals, roles in GUARDED_WRITES:
            prepared = self._action_record(model, key)
            for role in ROLES:
                record = prepared.with_user(self.role_users[role])
                outcome, detail = self._isolated(lambda record=record, vals=vals: record.write(vals))
                expected = role in roles
                good = outcome in (OK, REFUSED) if expected else outcome in (ACCESS, REFUSED)
                if not good:
                    rows.append((model, f"write {vals}", role, expectation(expected), f"{outcome} {detail}"))
        if rows:
            self.fail(mismatch_table("Decisions written directly", rows))

    def test_other_facility_reaches_nothing(self):
        """The director of facility B reads, changes and deletes no record of facility A."""
        rows = []
        for model, record in sorted(self.records.items()):
            if "company_id" not in record._fields or record.company_id != self.facility_a:
                continue
            foreign = record.with_user(self.director_b)
            operations = ("read",) if not allowed(model, "write", "director") else ("read", "write", "unlink")
            for operation in operations:
                if foreign.has_access(operation):
                    rows.append((model, operation, "director B", "denied", "check_access granted"))
            outcome, detail = self._isolated(lambda foreign=foreign: foreign.read(["display_name"]))
            if outcome != ACCESS:
                rows.append((model, "read", "director B", "denied", f"{outcome} {detail}"))
        if rows:
            self.fail(mismatch_table("Other facility", rows))
