"""What the bin/ commands share: the repository's place, their messages, loading a configured Odoo, and the
questions they ask a database. Each command imports it from its own directory (``python3 bin/x`` puts bin/ first
on the path)."""

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
