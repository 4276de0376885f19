"""JSON-RPC checks against a real multi-worker Odoo server (README, "Larger deployments").

The HttpCase suites of tests/ build their fixtures inside a test transaction the server shares; a
separate multi-worker server cannot see those, so this suite works on the demo data as it is and logs in
over HTTP like a browser, as the demo users (password = login). It reuses the access matrix of
tests/ (``access_matrix.py``, loaded from its file: it imports nothing) and checks:

- read access, every model of the matrix by every role: the demo user of the role reads the model's
  records, or gets an AccessError where the matrix denies it; a model with no demo record in the role's
  facility cannot prove a read and is reported as skipped;
- the resident's sensitive fields: absent from fields_get and refused in search_read for care staff and
  accountants, present for medical staff and the director;
- two directors approving the same admission at the same moment, served by two worker processes: exactly
  one decision is made, the other director is told the admission is decided.

It writes (a test admission, a user without a Social Assistance group): run it against a copy of a database,
never production. ``bin/test`` starts ``odoo-bin --workers=2 --db-filter=^<copy>$`` on a copy of its test
database and runs ``pytest -p no:odoo tests/server`` (pytest-odoo would load a registry in the test process)
with CTXH_SERVER_URL (the server, e.g. http://127.0.0.1:8069) and CTXH_SERVER_DB (its database). PostgreSQL
is reached with PGHOST, PGPORT, PGUSER and PGPASSWORD to hold the admission and watch the two requests wait;
each worker is told apart by its connections' application_name (odoo-<pid>), which is the worker's own only
when the server is started without -d (with -d the master opens the database and the workers inherit it).
Without CTXH_SERVER_URL the suite is skipped.
"""

import importlib.util
import itertools
import os
import threading
import time
from pathlib import Path

import psycopg2
import pytest
import requests

SERVER_URL = os.environ.get("CTXH_SERVER_URL", "").rstrip("/")
SERVER_DB = os.environ.get("CTXH_SERVER_DB", "")
if not SERVER_URL:
    pytest.skip("CTXH_SERVER_URL is not set: no multi-worker server to check", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "ctxh_access_matrix", ROOT / "tests" / "access_matrix.py")
matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(matrix)

OK = "ok"
ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"
# the demo users of README "Run it (Docker)", one per role; "user" (no Social Assistance group) is made here
DEMO_LOGINS = {"care": "congtacxahoi", "medical": "yte", "accountant": "ketoan", "director": "giamdoc"}
PLAIN_LOGIN = "ctxh_rpc_plain_user"


class Client:
    """One logged-in browser session: its own cookie, its own connections."""

    _ids = itertools.count(1)

    def __init__(self, login, password=None):
        self.login = login
        self.http = requests.Session()
        name, result = self.post("/web/session/authenticate",
                                 {"db": SERVER_DB, "login": login, "password": password or login})
        assert name == OK and result.get("uid"), f"{login} cannot log in to {SERVER_URL} ({SERVER_DB}): {result}"
        self.uid = result["uid"]
        self.company_ids = [int(key) for key in result["user_companies"]["allowed_companies"]]

    def post(self, route, params):
        """A JSON-RPC call: ("ok", result), or (the error's class name, its message)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        response = self.http.post(SERVER_URL + route, json=payload, timeout=120)
        if response.status_code != 200:
            return f"HTTP {response.status_code}", response.text[:300]
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return data.get("name") or body["error"].get("message"), (data.get("message") or "")[:300]
        return OK, body.get("result")

    def call(self, model, method, *args, **kwargs):
        return self.post(f"/web/dataset/call_kw/{model}/{method}",
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def ok(self, model, method, *args, **kwargs):
        """The result of a call that must succeed."""
        name, result = self.call(model, method, *args, **kwargs)
        assert name == OK, f"{self.login}: {model}.{method} -> {name}: {result}"
        return result


@pytest.fixture(scope="session")
def admin():
    assert SERVER_DB, "set CTXH_SERVER_DB to the server's database"
    return Client("admin")


@pytest.fixture(scope="session")
def clients(admin):
    """A logged-in session for every role of the matrix."""
    if not admin.ok("res.users", "search", [("login", "=", PLAIN_LOGIN)]):
        [group] = admin.ok("ir.model.data", "search_read", [("module", "=", "base"), ("name", "=", "group_user")],
                           ["res_id"])
        director = Client(DEMO_LOGINS["director"])
        admin.ok("res.users", "create", {
            "name": "Người dùng không thuộc nhóm Trợ giúp xã hội", "login": PLAIN_LOGIN, "password": PLAIN_LOGIN,
            "groups_id": [(6, 0, [group["res_id"]])], "company_id": director.company_ids[0],
            "company_ids": [(6, 0, director.company_ids)]})
    sessions = {role: Client(login) for role, login in DEMO_LOGINS.items()}
    sessions["user"] = Client(PLAIN_LOGIN)
    # medical staff open a resident's sensitive details: the access log gets a line the director can read
    medical = sessions["medical"]
    medical.ok("ctxh.resident", "read", medical.ok("ctxh.resident", "search", [], limit=1), ["hiv_status"])
    assert set(sessions) == set(matrix.ROLES), "a role of the matrix has no session here"
    return sessions


# ----------------------------------------------------------------------
# Read access: the matrix's "r", model by model and role by role
# ----------------------------------------------------------------------
@pytest.mark.parametrize(("model", "role"), [(model, role) for model in sorted(matrix.MODELS) for role in matrix.ROLES])
def test_read_access_matches_the_matrix(clients, admin, model, role):
    """The demo user of ``role`` reads the demo records of ``model`` where the matrix allows it, and gets an
    AccessError where it does not."""
    client = clients[role]
    name, rows = client.call(model, "search_read", [], ["display_name"], limit=20)
    if not matrix.allowed(model, "read", role):
        assert name == ACCESS_ERROR, f"the matrix denies {role} ({client.login}) reading {model}; got {name} {rows}"
        return
    assert name == OK, f"the matrix lets {role} ({client.login}) read {model}; got {name}: {rows}"
    if rows:
        assert all(row["display_name"] for row in rows), f"{model} records without a name for {role}: {rows}"
        return
    in_facility = admin.ok(model, "search_count", [], context={"allowed_company_ids": client.company_ids})
    assert not in_facility, f"{role} ({client.login}) sees none of the {in_facility} {model} records of their facility"
    pytest.skip(f"no demo record of {model} in {client.login}'s facility: {role}'s read access is not proven")


# ----------------------------------------------------------------------
# Sensitive details of the resident
# ----------------------------------------------------------------------
@pytest.mark.parametrize("role", ["care", "accountant", "medical", "director"])
def test_sensitive_fields_only_for_the_sensitive_group(clients, role):
    """fields_get names the sensitive fields, and search_read returns them, for medical staff and the director
    only; care staff and accountants are not told the fields exist and get an AccessError when they ask."""
    client = clients[role]
    sees = role in matrix.SENSITIVE_ROLES
    fields = client.ok("ctxh.resident", "fields_get", attributes=["string"])
    listed = [field for field in matrix.SENSITIVE_FIELDS if field in fields]
    assert listed == (list(matrix.SENSITIVE_FIELDS) if sees else []), f"fields_get for {role} lists {listed}"
    default_row = client.ok("ctxh.resident", "search_read", [], limit=1)
    assert default_row, f"{client.login} reads no resident at all"
    leaked = [field for field in matrix.SENSITIVE_FIELDS if field in default_row[0]]
    assert leaked == (list(matrix.SENSITIVE_FIELDS) if sees else []), f"search_read of all fields for {role}: {leaked}"
    for field in matrix.SENSITIVE_FIELDS:
        name, rows = client.call("ctxh.resident", "search_read", [], ["name", field], limit=5)
        if sees:
            assert name == OK and rows and field in rows[0], f"{role} cannot read {field}: {name} {rows}"
        else:
            assert name == ACCESS_ERROR, f"{role} asked for {field} and got {name} {rows}"


# ----------------------------------------------------------------------
# Two workers, one decision
# ----------------------------------------------------------------------
def _pg():
    conn = psycopg2.connect(dbname=SERVER_DB)
    conn.autocommit = False
    return conn


def _wait_for_waiting_requests(count, attempts=600):
    """The application names (odoo-<pid>) of ``count`` server sessions waiting on a lock; fails if they never
    all wait (with one worker, the second request would never reach PostgreSQL)."""
    probe = psycopg2.connect(dbname=SERVER_DB)
    probe.autocommit = True
    try:
        with probe.cursor() as cr:
            for _attempt in range(attempts):
                cr.execute("""SELECT application_name FROM pg_stat_activity
                              WHERE datname = current_database() AND wait_event_type = 'Lock'
                                AND application_name LIKE 'odoo-%'""")
                names = [row[0] for row in cr.fetchall()]
                if len(names) >= count:
                    return names
                cr.execute("SELECT pg_sleep(0.05)")
    finally:
        probe.close()
    pytest.fail(f"{count} requests never waited at the same moment (seen: {names}): is the server running with "
                f"--workers=2 or more?")


def test_two_directors_approve_on_two_workers(clients):
    """Two director sessions approve the same submitted admission at the same moment; both requests are held
    in PostgreSQL on the admission's row, each in its own worker process; once the row is free, exactly one
    decision is numbered and signed, the other director is told the admission is already decided."""
    care = clients["care"]
    company = care.company_ids[0]
    [regular] = care.ok("ctxh.admission.type", "search", [("code", "=", "regular")])
    resident = care.ok("ctxh.resident", "create", {"name": "Triệu Thị Đua", "gender": "female", "company_id": company})
    admission = care.ok("ctxh.admission", "create", {"resident_id": resident, "admission_type_id": regular,
                                                     "company_id": company})
    [documents] = care.ok("ctxh.admission", "read", [admission], ["document_line_ids"])
    care.ok("ctxh.admission.document", "write", documents["document_line_ids"], {"received": True})
    care.ok("ctxh.admission", "action_submit", [admission])
    directors = [Client(DEMO_LOGINS["director"]) for _i in range(2)]  # two sessions, two connections

    outcomes = [None, None]

    def approve(index):
        try:
            outcomes[index] = directors[index].call("ctxh.admission", "action_approve", [admission])
        except requests.RequestException as exc:
            outcomes[index] = (type(exc).__name__, str(exc))

    holder = _pg()
    try:
        with holder.cursor() as cr:  # hold the row: both approvals must arrive before either can decide
            cr.execute("SELECT id FROM ctxh_admission WHERE id = %s FOR UPDATE", [admission])
        threads = [threading.Thread(target=approve, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        waiting = _wait_for_waiting_requests(2)
        assert len(set(waiting)) == 2, (
            f"both requests waited in one process ({waiting}): a threaded server (workers = 0), or workers that "
            f"inherited the master's connections (started with -d or db_name: use --db-filter instead)")
    finally:
        holder.rollback()
        holder.close()
    started = time.time()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), f"no answer after {time.time() - started:.0f}s"

    names = sorted(name for name, _result in outcomes)
    assert names == sorted([OK, USER_ERROR]), f"expected one decision and one refusal: {outcomes}"
    refusal = next(result for name, result in outcomes if name == USER_ERROR)
    assert "already has an admission decision" in refusal or "not possible now" in refusal, refusal
    [decided] = care.ok("ctxh.admission", "read", [admission], ["state", "decision_number", "decision_signer_id"])
    assert decided["state"] == "approved" and decided["decision_number"], decided
    assert decided["decision_signer_id"][0] == directors[0].uid
