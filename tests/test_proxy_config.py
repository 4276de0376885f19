"""The proxy the README ships for a larger deployment (config/nginx/ctxh.conf.template): the Docker stack's proxy
service gives every variable the template asks for, and nginx accepts the configuration bin/load makes of it (the
one the load test ran behind). Read from the files, no database."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML: in Odoo's image, not among Odoo's own requirements

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bin"))
from ctxh_cli import write_nginx_config  # noqa: E402 - bin/ is not a package

TEMPLATE = ROOT / "config" / "nginx" / "ctxh.conf.template"
# the image's variables are in capitals; nginx's own ($http_host, $scheme, ...) in lower case
VARIABLE = re.compile(r"\$\{([A-Z_]+)\}")


def test_compose_gives_every_variable():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    proxy = services["proxy"]
    asked = set(VARIABLE.findall(TEMPLATE.read_text()))
    assert asked == {"ODOO_HOST", "ODOO_HTTP_PORT", "ODOO_GEVENT_PORT", "NGINX_PORT"}
    assert asked <= set(proxy["environment"]), "the proxy service must give each variable of the template"
    assert proxy["environment"]["ODOO_HOST"] in services, "the proxy passes requests to a service of the stack"
    assert "./config/nginx:/etc/nginx/templates:ro" in proxy["volumes"]


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if not nginx:
        pytest.skip("nginx is not installed here")
    conf = write_nginx_config(tmp_path, "127.0.0.1", 8069, 8072, "127.0.0.1:18080")
    text = (tmp_path / "ctxh.conf").read_text()
    assert not VARIABLE.search(text), "every variable is filled"
    assert "proxy_pass http://ctxh_odoo_websocket" in text and "server 127.0.0.1:8072;" in text
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0, checked.stderr
