"""A PostgreSQL primary and its streaming hot standby on this machine, and the proof that Odoo sends its read-only
requests to the standby (README "Larger deployments", issue 19).

Both clusters are made in a work directory with PostgreSQL's own tools: ``initdb`` for the primary (listening on
127.0.0.1 only, trust authentication, replication allowed), a copy of an existing database into it (``pg_dump`` |
``pg_restore``), ``pg_basebackup -R`` for the standby, each started with ``pg_ctl`` on its own port. Nothing of the
machine's own PostgreSQL changes. Run as root, the clusters belong to the ``postgres`` system user (PostgreSQL
refuses to run as root).

Used by ``bin/test`` (the replica step) and by ``bin/replica``, which leaves the pair running to try.
"""

import contextlib
import getpass
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


def runuser():
    """util-linux's runuser, which runs the clusters as the postgres system user when we are root (it lives in
    /usr/sbin, which a minimal PATH, CI's among them, leaves out)."""
    found = shutil.which("runuser")
    return found or next((path for path in ("/usr/sbin/runuser", "/sbin/runuser") if os.path.exists(path)), None)


def pg_bindir():
    """The newest PostgreSQL server tools installed (Debian's /usr/lib/postgresql/<major>/bin), else pg_config's."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    probe = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
    return Path(probe.stdout.strip())


class ClusterPair:
    """A primary and its hot standby, made from database ``dbname`` of the main server."""

    def __init__(self, primary_port, replica_port, role=None, root=None):
        # a directory of its own: the postgres system user must reach it (a test's work directory is root's, 0700)
        self.root = Path(root or tempfile.mkdtemp(prefix="ctxh-replica-"))
        self.bindir = pg_bindir()
        self.primary_port, self.replica_port = primary_port, replica_port
        self.role = role or os.environ.get("PGUSER") or getpass.getuser()
        self.as_root = os.geteuid() == 0
        self.primary_dir, self.replica_dir = self.root / "primary", self.root / "replica"
        self.primary_log, self.replica_log = self.root / "primary.log", self.root / "replica.log"

    # ------------------------------------------------------------------
    def _cmd(self, tool, *args):
        cmd = [str(self.bindir / tool), *map(str, args)]
        # the clusters' files and processes belong to the postgres system user when we are root
        return [runuser(), "-u", "postgres", "--", *cmd] if self.as_root else cmd

    def _run(self, tool, *args, env=None):
        done = subprocess.run(self._cmd(tool, *args), capture_output=True, text=True, check=False, env=env,
                              cwd=self.root)
        if done.returncode:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}")
        return done

    def _psql(self, port, sql, dbname="postgres", user="postgres"):
        out = self._run("psql", "-h", "127.0.0.1", "-p", port, "-U", user, "-d", dbname, "-v", "ON_ERROR_STOP=1",
                        "-Atc", sql)
        return out.stdout.strip()

    def _pg_ctl_start(self, datadir, port, log, *settings):
        options = " ".join([f"-p {port}", "-c listen_addresses=127.0.0.1", f"-k {self.root}", *settings])
        self._run("pg_ctl", "-D", datadir, "-l", log, "-w", "-t", "120", "-o", options, "start")

    def start(self, dbname, source_env):
        """Make and start both clusters, ``dbname`` of the main server (``source_env``: PG* variables) copied in."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.root.chmod(0o755)
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", self.primary_dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C.UTF-8")
        # fsync off: a throwaway cluster; every statement logged, to see which cluster answered what
        self._pg_ctl_start(self.primary_dir, self.primary_port, self.primary_log, "-c fsync=off",
                           "-c wal_level=replica", "-c max_wal_senders=4", "-c log_statement=all")
        self._psql(self.primary_port, f'CREATE ROLE "{self.role}" SUPERUSER LOGIN')
        dump = self.root / "source.dump"
        done = subprocess.run([str(self.bindir / "pg_dump"), "-Fc", "-f", str(dump), dbname], check=False,
                              env=source_env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"pg_dump of {dbname} failed: {done.stderr.strip()[-500:]}")
        if self.as_root:
            shutil.chown(dump, "postgres", "postgres")
        self._psql(self.primary_port, f'CREATE DATABASE "{dbname}" OWNER "{self.role}"')
        self._run("pg_restore", "-h", "127.0.0.1", "-p", self.primary_port, "-U", self.role, "-d", dbname,
                  "--no-owner", "-j", "2", dump)
        dump.unlink()
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", self.primary_port, "-U", "postgres", "-D",
                  self.replica_dir, "-R", "-X", "stream", "-c", "fast")
        self._pg_ctl_start(self.replica_dir, self.replica_port, self.replica_log, "-c hot_standby=on",
                           "-c log_statement=all")
        self.wait_caught_up()

    def wait_caught_up(self, timeout=60):
        """Until the standby, in recovery, has replayed what the primary has written."""
        target = self._psql(self.primary_port, "SELECT pg_current_wal_lsn()")
        deadline = time.time() + timeout
        while time.time() < deadline:
            with contextlib.suppress(RuntimeError):
                state = self._psql(self.replica_port, "SELECT pg_is_in_recovery(), "
                                   f"pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
                if state == "t|t":
                    return
            time.sleep(0.5)  # the standby is still replaying
        raise RuntimeError("the standby did not catch up with the primary")

    def stop(self, remove=True):
        for datadir in (self.replica_dir, self.primary_dir):
            if (datadir / "postmaster.pid").exists():
                with contextlib.suppress(RuntimeError):
                    self._run("pg_ctl", "-D", datadir, "-m", "fast", "-w", "stop")
        if remove:
            shutil.rmtree(self.root, ignore_errors=True)

    def odoo_settings(self):
        """The Odoo configuration lines of the pair: writes to the primary, read-only requests to the standby."""
        return {"db_host": "127.0.0.1", "db_port": self.primary_port, "db_user": self.role,
                "db_replica_host": "127.0.0.1", "db_replica_port": self.replica_port}


# ----------------------------------------------------------------------
# The proof: which cluster answered which request
# ----------------------------------------------------------------------
class OdooClient:
    """A web client's session: JSON-RPC and report downloads, as the browser sends them."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def json(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()
        request = urllib.request.Request(self.url + path, body, {"Content-Type": "application/json"})
        with self.opener.open(request, timeout=120) as response:
            answer = json.loads(response.read())
        if answer.get("error"):
            raise RuntimeError(f"{path}: {answer['error'].get('data', {}).get('message') or answer['error']}")
        return answer["result"]

    def login(self, db, login, password):
        return self.json("/web/session/authenticate", {"db": db, "login": login, "password": password})

    def call(self, model, method, *args, **kwargs):
        return self.json(f"/web/dataset/call_kw/{model}/{method}",
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def get(self, path):
        with self.opener.open(self.url + path, timeout=300) as response:
            return response.status, response.read()

    def post_form(self, path, fields):
        """A form POST as the web client's export sends it, with the session's CSRF token."""
        if not getattr(self, "csrf_token", None):
            # the login form carries the session's token (the web client's page would load the whole menu)
            _status, page = self.get("/web/login")
            self.csrf_token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({**fields, "csrf_token": self.csrf_token}).encode()
        with self.opener.open(urllib.request.Request(self.url + path, body), timeout=300) as response:
            return response.status, response.read()


def statements_during(pair, action):
    """(result of ``action``, what the primary logged meanwhile, what the standby logged meanwhile)."""
    sizes = [log.stat().st_size for log in (pair.primary_log, pair.replica_log)]
    result = action()
    time.sleep(1)  # the servers write their log lines as they run the statements: let the last ones land
    texts = []
    for log, size in zip((pair.primary_log, pair.replica_log), sizes, strict=True):
        with open(log, errors="replace") as handle:
            handle.seek(size)
            texts.append(handle.read())
    return result, texts[0], texts[1]


def check_routing(pair, url, dbname, login, password):
    """[(check, passed, detail)]: the office overview (a dashboard) and the activity workbook (a report) read on the
    standby, the primary seeing none of their queries; a hotline call recorded on the primary."""
    client = OdooClient(url)
    client.login(dbname, login, password)
    # the table whose reads tell which cluster answered: calls are what the overview and the workbook count
    marker = re.compile(r'\bFROM "?ctxh_hotline_call"?', re.I)
    results = []
    offices = client.call("ctxh.office", "search", [])

    def dashboard():
        return client.call("ctxh.office", "web_search_read", [("id", "in", offices)],
                           specification={"name": {}, "ctxh_call_month_count": {}, "ctxh_call_open_count": {}})

    _result, primary, replica = statements_during(pair, dashboard)
    results.append(("the office overview is read on the standby",
                    bool(marker.search(replica)) and not marker.search(primary),
                    f"standby {len(marker.findall(replica))} reads of calls, primary {len(marker.findall(primary))}"))

    wizard = client.call("ctxh.report.wizard", "create", {"report_kind": "activity", "period_kind": "year"})

    def workbook():
        return client.get(f"/report/xlsx/ctxh_reports.ctxh_report_activity_xlsx/{wizard}")

    (status, content), primary, replica = statements_during(pair, workbook)
    results.append(("the activity workbook is read on the standby",
                    status == 200 and content[:2] == b"PK" and bool(marker.search(replica))
                    and not marker.search(primary),
                    f"HTTP {status}, {len(content)} bytes; standby {len(marker.findall(replica))} reads of calls, "
                    f"primary {len(marker.findall(primary))}"))

    # Odoo lets only the users of its export group export: the administrator here, as a deployment's would
    exporter = OdooClient(url)
    exporter.login(dbname, "admin", "admin")

    def export():
        data = {"model": "ctxh.office", "ids": offices, "domain": [], "groupby": [], "context": {},
                "fields": [{"name": "name", "label": "Name"}, {"name": "phone", "label": "Phone"}],
                "import_compat": False}
        return exporter.post_form("/web/export/xlsx", {"data": json.dumps(data)})

    (status, content), primary, replica = statements_during(pair, export)
    office = re.compile(r'\bFROM "?ctxh_office"?', re.I)
    results.append(("an export of offices is read on the standby",
                    status == 200 and content[:2] == b"PK" and bool(office.search(replica))
                    and not office.search(primary),
                    f"HTTP {status}; standby {len(office.findall(replica))} reads of offices, "
                    f"primary {len(office.findall(primary))}"))

    topic = client.call("ctxh.call.topic", "search", [], limit=1)

    def write():
        return client.call("ctxh.hotline.call", "create", {"topic_id": topic[0], "caller_type": "parent"})

    _result, primary, replica = statements_during(pair, write)
    insert = re.compile(r'INSERT INTO "ctxh_hotline_call"', re.I)
    results.append(("a recorded call is written on the primary", bool(insert.search(primary)),
                    f"primary {len(insert.findall(primary))} inserts"))
    return results
