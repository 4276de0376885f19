"""The access matrix checked over JSON-RPC, the web client's own door: every cell as each demo role, with the
answers an integration sees (a clean refusal, never a traceback)."""

import time

from odoo.tests import tagged

from .access_matrix import ACTIONS, MODELS, OPERATIONS, REFUSED_BEFORE_ACCESS, ROLES, action_method, allowed
from .matrix_common import ACCESS, OK, REFUSED, RpcCase, expectation, mismatch_table


@tagged("post_install", "-at_install", "ctxh_http")
class TestHttpAccessMatrix(RpcCase):
    """The whole access matrix again, over JSON-RPC (/web/dataset/call_kw) against the running server."""

    def _rpc_read(self, model, record):
        """search_read and read of one field: both must agree (a hidden record is not a readable one)."""
        field = record._rec_name if record._rec_name in record._fields else "id"
        found, rows = self._call_kw(model, "search_read", [[("id", "=", record.id)], [field]])
        read, _result = self._call_kw(model, "read", [[record.id], [field]])
        if found == OK and not rows:
            return "hidden", "search_read found nothing"
        outcomes = {self._classify(found), self._classify(read)}
        if len(outcomes) > 1:
            return f"search_read {found} / read {read}", ""
        return outcomes.pop(), "" if found == OK else str(rows)[:120]

    def _rpc_attempt(self, model, operation):
        record = self.records[model]
        if operation == "read":
            return self._rpc_read(model, record)
        if operation == "write":
            name, result = self._call_kw(model, "write", [[record.id], self._write_vals(model)])
        elif operation == "create":
            name, result = self._call_kw(model, "create", [self._create_vals(model)])
        else:
            name, result = self._call_kw(model, "unlink", [[record.id]])
        return self._classify(name), "" if name == OK else str(result)[:120]

    def _rpc_action(self, record, key):
        wizard_vals = self._wizard_vals(record._name)
        if wizard_vals is not None:
            name, wizard_id = self._call_kw(record._name, "create", [wizard_vals])
            if name != OK:
                return self._classify(name), str(wizard_id)[:120]
            name, result = self._call_kw(record._name, action_method(key), [[wizard_id]])
        else:
            name, result = self._call_kw(record._name, action_method(key), [record.ids])
        return self._classify(name), "" if name == OK else str(result)[:120]

    def test_every_cell_over_json_rpc(self):
        """Every model operation and every action, by every role, over JSON-RPC: the error class in the answer
        (odoo.exceptions.AccessError) appears exactly where the matrix denies."""
        started = time.time()
        prepared = {(model, key): self._action_record(model, key) for model in ACTIONS for key in ACTIONS[model]}
        model_rows, action_rows, calls = [], [], 0
        for role in ROLES:
            self._login(role)
            for model in sorted(MODELS):
                for operation in OPERATIONS:
                    outcome, detail = self._isolated_rpc(lambda model=model, operation=operation:
                                                         self._rpc_attempt(model, operation))
                    calls += 2 if operation == "read" else 1
                    expected = allowed(model, operation, role)
                    if expected:
                        good = outcome in (OK, REFUSED)
                    else:
                        good = outcome == ACCESS or (
                            (model, operation) in REFUSED_BEFORE_ACCESS and outcome == REFUSED)
                    if not good:
                        model_rows.append((model, operation, role, expectation(expected), f"{outcome} {detail}"))
            for (model, key), record in prepared.items():
                outcome, detail = self._isolated_rpc(lambda record=record, key=key: self._rpc_action(record, key))
                calls += 1
                expected = role in ACTIONS[model][key]
                good = outcome in (OK, REFUSED) if expected else outcome == ACCESS
                if not good:
                    action_rows.append((model, key, role, expectation(expected), f"{outcome} {detail}"))
        self._logger.info("access matrix over JSON-RPC: %s calls in %.0fs", calls, time.time() - started)
        problems = []
        if model_rows:
            problems.append(mismatch_table("Models over JSON-RPC", model_rows))
        if action_rows:
            problems.append(mismatch_table("Actions over JSON-RPC", action_rows))
        if problems:
            self.fail("\n".join(problems))
