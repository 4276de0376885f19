"""What the bin/ commands share: the repository's place, their messages, loading a configured Odoo, and the
questions they ask a database. Each command imports it from its own directory (``python3 bin/x`` puts bin/ first
on the path)."""

import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the top-level packages (benchmarks/) import from here, whatever the working directory
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class Messages:
    """``[name] message`` on standard error (standard output may carry an archive), and failing with exit 1."""

    def __init__(self, name):
        self.name = name

    def say(self, message):
        print(f"[{self.name}] {message}", file=sys.stderr, flush=True)

    def fail(self, message):
        self.say(f"FAILED: {message}")
        sys.exit(1)


def load_odoo(messages, config_file, data_dir=None):
    """Odoo, configured from the file (or from Odoo's defaults plus this repository's addons), for the database
    functions of the backup and restore commands."""
    try:
        import odoo  # noqa: PLC0415 - a clear message when Odoo is missing, not a traceback
        import odoo.service.db  # noqa: PLC0415
    except ImportError as exc:
        messages.fail(f"Odoo cannot be imported by {sys.executable} ({exc}); see the README.")
    options = ["-c", config_file] if config_file else [f"--addons-path={ROOT / 'addons'}"]
    if data_dir:
        options.append(f"--data-dir={data_dir}")
    odoo.tools.config.parse_config([*options, "--log-level=warn"])  # the command's own messages say enough
    # Odoo guards its database functions with list_db, which hides the web database manager; these commands
    # are run by whoever already holds the database credentials, not through the web.
    odoo.tools.config["list_db"] = True
    return odoo


def open_registry(config_file, database, log_level=None):
    """Odoo configured from the file and the registry of ``database``, for the province and benchmark commands."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    options = ["-c", config_file, "-d", database]
    if log_level:
        options.append(f"--log-level={log_level}")
    odoo.tools.config.parse_config(options)
    odoo.netsvc.init_logger()
    return odoo, Registry(database)


def database_exists(odoo, dbname):
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        return bool(cr.fetchone())


def resident_count(cr):
    """How many residents the database holds (None without the ctxh modules)."""
    cr.execute("SELECT to_regclass('ctxh_resident') IS NOT NULL")
    if not cr.fetchone()[0]:
        return None
    cr.execute("SELECT count(*) FROM ctxh_resident")
    return cr.fetchone()[0]


NGINX_MAIN = """# nginx of bin/load: the shipped server block (config/nginx) in a main configuration of its own
user root;
worker_processes 1;
# the proxy's own work is small; it must never be why a worker waits for a request (a prefork worker drops one that
# does not arrive within 2 s): ahead of Odoo's workers and the load generator on a busy machine
worker_priority -10;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/ctxh.conf;
}}
"""


def write_nginx_config(workdir, odoo_host, http_port, gevent_port, listen):
    """Write ``workdir``/nginx.conf: the server block the README ships (config/nginx/ctxh.conf.template) filled the
    way the nginx image fills it, in a main configuration whose files all stay in ``workdir``."""
    workdir = Path(workdir)
    template = (ROOT / "config" / "nginx" / "ctxh.conf.template").read_text()
    # the image's envsubst fills only the variables it is given: nginx's own $host, $scheme... stay as they are
    (workdir / "ctxh.conf").write_text(string.Template(template).safe_substitute(
        ODOO_HOST=odoo_host, ODOO_HTTP_PORT=http_port, ODOO_GEVENT_PORT=gevent_port, NGINX_PORT=listen))
    (workdir / "nginx.conf").write_text(NGINX_MAIN.format(work=workdir))
    return workdir / "nginx.conf"
