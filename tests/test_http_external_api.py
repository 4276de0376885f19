"""Odoo's documented External API (XML-RPC ``/xmlrpc/2``, JSON-RPC ``/jsonrpc``) as a first-class door.

Generated from the registry: every stored field of every ctxh model receives hostile values, and every public
action of every ctxh model is called; a new model, field or action is covered without anyone adding it here.
"""

import json
import logging
import math
import random
import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .matrix_common import ctxh_action_methods

_logger = logging.getLogger(__name__)

SEED = 20261202
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
# what an integration might send by mistake or on purpose, by field type (XML-RPC carries ints up to 2**31 - 1)
HOSTILE = {
    "char": ["'; DROP TABLE ctxh_resident; --", "\u202e\ufeff" * 50, 12345],
    "integer": [2147483647, "abc", 1.5],
    "float": [1e308, "NaN", "1,5"],
    "date": ["2026-02-30", "0000-00-00", 20260101],
    "datetime": ["2026-13-01 00:00:00", "hôm nay"],
    "boolean": ["yes", 2],
    "selection": ["not_a_value", 0],
    "many2one": [2147483647, -1, "abc", [1]],
    "x2many": [[[6, 0, [2147483647]]], [[4, 2147483647]], "x", [[9, 1]]],
}
HOSTILE["text"] = HOSTILE["html"] = HOSTILE["char"]
HOSTILE["monetary"] = HOSTILE["float"]
HOSTILE["one2many"] = HOSTILE["many2many"] = HOSTILE["x2many"]
# what only JSON can carry: ids and numbers beyond PostgreSQL's integer, a NUL, a lone surrogate
JSON_ONLY = [2**40, -(2**63), "a\x00b", "\ud800"]
ROLES = ("admin", "giamdoc", "congtacxahoi", "yte", "ketoan")


def stored_models(env, ours_only=True):
    """The stored models the ctxh modules define; with ``ours_only`` False, also those they extend (res.users,
    account.payment...), whose actions they may override."""
    data = env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "=like", "ctxh\\_%")])
    names = set(env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
    return sorted(name for name in names if name in env and not env[name]._abstract and not env[name]._transient
                  and env[name]._auto and (not ours_only or name.startswith("ctxh.")))


@tagged("post_install", "-at_install", "ctxh_http")
class TestExternalApi(HttpCase):
    """Hostile values never reach PostgreSQL as an SQL error; every action answers something XML-RPC carries."""

    def setUp(self):
        super().setUp()
        self.db = self.env.cr.dbname
        self.uids = {login: self.xmlrpc_common.authenticate(self.db, login, login, {}) for login in ROLES}
        self.assertTrue(all(self.uids.values()), "the demo users log in")
        self.company = self.env.ref("ctxh_residents.user_ctxh_director").company_id

    def _xmlrpc(self, login, model, method, args, kwargs=None):
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.service.model", "odoo.tools.mail"):
            try:
                return "ok", self.xmlrpc_object.execute_kw(self.db, self.uids[login], login, model, method, args,
                                                           kwargs or {})
            except xmlrpc.client.Fault as fault:
                return "fault", fault.faultString

    def _jsonrpc(self, login, model, method, args):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.db, self.uids[login], login, model, method, args]}}
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.service.model", "werkzeug", "odoo.tools.mail"):
            response = self.url_open("/jsonrpc", data=json.dumps(payload), timeout=60,
                                     headers={"Content-Type": "application/json"})
        if response.status_code != 200:
            return "fault", f"HTTP {response.status_code} server error: {response.text[:300]}"
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return "fault", f"{data.get('name')}: {data.get('message')}\n{data.get('debug', '')}"
        return "ok", body.get("result")

    def _sample(self, model):
        Model = self.env[model].with_context(active_test=False)
        domain = [("company_id", "=", self.company.id)] if "company_id" in Model._fields else []
        return Model.search(domain, limit=1, order="id desc")

    @staticmethod
    def _sql_error(text):
        """An SQL error, or a server error (the answer could not even be written)."""
        return "psycopg2" in text or "sql_db.py" in text or "server error" in text

    def _snapshot(self, record, fname):
        record.invalidate_recordset()
        value = record.sudo()[fname]
        if isinstance(value, float) and math.isnan(value):
            return "NaN"  # NaN is not equal to itself
        return value.ids if hasattr(value, "ids") else value

    def test_hostile_values_on_every_field(self):
        """Every stored field of every ctxh model, over XML-RPC (as the administrator) and JSON-RPC (as each demo
        role in turn): the answer is success, a user error or the ORM's own conversion error, never an SQL error;
        a refused call leaves the record as it was."""
        rng = random.Random(SEED)
        sql_errors, changed, calls, models_done = [], [], 0, 0
        for model in stored_models(self.env):
            record = self._sample(model)
            if not record:
                continue
            models_done += 1
            for fname, field in sorted(self.env[model]._fields.items()):
                if not field.store or fname in MAGIC:
                    continue
                before = self._snapshot(record, fname)
                attempts = [("xmlrpc", "admin", value) for value in HOSTILE.get(field.type, HOSTILE["char"])]
                attempts += [("jsonrpc", rng.choice(ROLES), value) for value in JSON_ONLY]
                for door, login, value in attempts:
                    call = self._xmlrpc if door == "xmlrpc" else self._jsonrpc
                    outcome, answer = call(login, model, "write", [[record.id], {fname: value}])
                    calls += 1
                    if outcome == "fault" and self._sql_error(str(answer)):
                        sql_errors.append(f"{door} {login} {model}.{fname} = {value!r}: {str(answer)[-300:]}")
                    if outcome == "fault" and self._snapshot(record, fname) != before:
                        changed.append(f"{door} {login} {model}.{fname} = {value!r}")
                    if outcome == "ok":
                        before = self._snapshot(record, fname)
        _logger.info("External API: %s hostile calls on %s models (seed %s)", calls, models_done, SEED)
        self.assertGreater(models_done, 40)
        self.assertFalse(sql_errors, "SQL errors reached the client:\n" + "\n".join(sql_errors[:30]))
        self.assertFalse(changed, "refused calls changed the record:\n" + "\n".join(changed[:30]))

    def test_every_public_action_answers_over_xmlrpc(self):
        """Every action_* of every ctxh model, called over XML-RPC by the administrator on a record: when it
        succeeds, its answer is something XML-RPC carries (never None, which the client gets as a fault)."""
        unmarshallable, called = [], 0
        for model in stored_models(self.env, ours_only=False):
            record = self._sample(model)
            if not record:
                continue
            for method in sorted(ctxh_action_methods(self.env, model)):
                outcome, answer = self._xmlrpc("admin", model, method, [record.ids])
                called += 1
                if outcome == "fault" and "cannot marshal" in answer:
                    unmarshallable.append(f"{model}.{method}")
                if outcome == "fault" and self._sql_error(answer):
                    unmarshallable.append(f"{model}.{method} (SQL error)")
        self.assertGreater(called, 60)
        self.assertFalse(unmarshallable, "actions whose answer XML-RPC cannot carry: " + ", ".join(unmarshallable))
