"""What each role's web client sends, as Locust users (driven by bin/load, issue 19).

Every user logs in through /web/session/authenticate, then opens lists and forms the way Odoo 18's web client does:
``get_views`` once per model, then ``web_search_read`` / ``web_read`` with the specification made from the view's
fields, ``web_read_group`` for grouped lists, and the buttons (``action_*``) through ``call_button``. Each request
carries a ``name=`` so that the report groups them by kind. ``contacts: list`` is the baseline: Odoo's own contacts
list, measured in the same run.
"""

import random
import xml.etree.ElementTree as ET

from locust import HttpUser, between, task
from locust.exception import RescheduleTask

# logins are filled by bin/load from the database: the demo staff and the province's staff of each role
LOGINS = {"care_staff": ["congtacxahoi"], "medical": ["yte"], "director": ["giamdoc"], "accountant": ["ketoan"],
          "baseline": ["congtacxahoi"]}
NESTED = {"list", "form", "kanban", "tree"}


def _spec(arch, fields, root_tag):
    """The web client's specification: the fields of the view's own level (not of its x2many sub-views),
    relational ones with their display name."""
    spec = {}

    def walk(node, depth):
        for child in node:
            if child.tag == "field" and child.get("name") in fields:
                name = child.get("name")
                kind = fields[name].get("type")
                spec[name] = {"fields": {"display_name": {}}} if kind in ("many2one", "many2many", "one2many") else {}
            if child.tag in NESTED:
                continue  # a sub-view of an x2many field
            walk(child, depth + 1)

    walk(ET.fromstring(arch), 0)
    spec.pop("id", None)
    return spec or {"display_name": {}}


class OdooUser(HttpUser):
    abstract = True
    role = None
    first_task = None  # the method of the role's main list, opened first
    wait_time = between(1, 3)

    def on_start(self):
        # one request per connection, as nginx sends them to Odoo's workers (proxy_http_version 1.0): a prefork worker
        # drops an idle kept-alive connection after 2 s, which a browser behind the proxy never sees
        self.client.headers["Connection"] = "close"
        self.login = random.choice(LOGINS[self.role])
        self.logged_in = False
        self.specs = {}
        # a user records only the doses and attendances of its own slot: two users never record the same one
        self.slot = next(SLOT_COUNTER) % SLOTS[0]

    # ---- the web client's calls --------------------------------------------------------------------------
    def rpc(self, url, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9), "params": params}
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"not JSON (HTTP {response.status_code})")
                raise RescheduleTask from None  # counted as a failure; the user goes on with its next task
            if "error" in body:
                message = body["error"].get("data", {}).get("message") or body["error"].get("message")
                response.failure(f"{self.login}: {message}"[:300])
                raise RescheduleTask
            response.success()
            return body["result"]

    def authenticate(self):
        """Log in before the first call (a login refused by a crowded server is a failure, tried again next task),
        then open the role's main list, as a person starting the day does (and so that a short run has it)."""
        if not self.logged_in:
            self.rpc("/web/session/authenticate", {"db": DB[0], "login": self.login, "password": self.login},
                     name="login")
            self.logged_in = True
            if self.first_task:
                getattr(self, self.first_task)()

    def call(self, model, method, args=(), name=None, **kwargs):
        self.authenticate()
        kwargs.setdefault("context", {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}",
                        {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
                        name=name or f"{model}: {method}")

    def spec(self, model, view_type):
        if (model, view_type) not in self.specs:
            result = self.call(model, "get_views", name=f"{model}: get_views",
                               views=[[False, "list"], [False, "form"], [False, "search"]], options={})
            fields = result["models"][model]["fields"]
            for kind in ("list", "form"):
                self.specs[model, kind] = _spec(result["views"][kind]["arch"], fields, kind)
        return self.specs[model, view_type]

    def open_list(self, model, label, domain=(), limit=80):
        result = self.call(model, "web_search_read", name=f"{label}: list", specification=self.spec(model, "list"),
                           domain=list(domain), offset=0, limit=limit, order="", count_limit=10001)
        return [record["id"] for record in result["records"]]

    def open_form(self, model, label, record_id):
        return self.call(model, "web_read", [[record_id]], name=f"{label}: form",
                         specification=self.spec(model, "form"))

    def list_then_form(self, model, label, domain=()):
        ids = self.open_list(model, label, domain)
        if ids:
            self.open_form(model, label, random.choice(ids))
        return ids

    def button(self, model, method, record_id, label):
        self.authenticate()
        # the URL the web client posts a button to (action_service.js): the model and method in the path
        return self.rpc(f"/web/dataset/call_button/{model}/{method}",
                        {"model": model, "method": method, "args": [[record_id]],
                         "kwargs": {"context": {"lang": "vi_VN"}}}, name=label)


DB = [""]  # set by bin/load


class CareStaff(OdooUser):
    role = "care_staff"
    first_task = "residents"

    @task(3)
    def residents(self):
        self.list_then_form("ctxh.resident", "resident")

    @task(2)
    def stays(self):
        self.list_then_form("ctxh.stay", "stay")

    @task(2)
    def attendance(self):
        ids = self.call("ctxh.programme.attendance", "search", [[("status", "=", False),
                                                                 ("session_state", "=", "planned")]],
                        name="attendance: search", limit=200)
        mine = [i for i in ids if i % SLOTS[0] == self.slot]
        if mine:
            self.button("ctxh.programme.attendance", "action_mark_present", mine[0], "attendance: mark present")


class Medical(OdooUser):
    role = "medical"
    first_task = "health_checks"

    @task(3)
    def health_checks(self):
        self.list_then_form("ctxh.health.check", "health check")

    @task(2)
    def round_list(self):
        self.call("ctxh.medication.administration", "web_read_group", name="dose: round grouped",
                  domain=[("state", "=", "planned")], groupby=["resident_id"], fields=["resident_id"],
                  limit=80, lazy=True)

    @task(2)
    def record_dose(self):
        ids = self.call("ctxh.medication.administration", "search", [[("state", "=", "planned")]],
                        name="dose: search planned", limit=500, order="scheduled_at desc")
        mine = [i for i in ids if i % SLOTS[0] == self.slot]
        if mine:
            self.button("ctxh.medication.administration", "action_given", random.choice(mine), "dose: record given")


class Director(OdooUser):
    role = "director"
    first_task = "admissions"

    @task(3)
    def admissions(self):
        self.list_then_form("ctxh.admission", "admission", [("state", "in", ["submitted", "draft"])])

    @task(2)
    def dashboard(self):
        if not hasattr(self, "dashboard_fields"):
            fields = self.call("res.company", "fields_get", name="dashboard: fields", attributes=["type"])
            self.dashboard_fields = {name: {} for name in fields
                                     if name.startswith("ctxh_") and (name.endswith("_count")
                                                                      or name.startswith("ctxh_receivable"))}
        self.call("res.company", "web_search_read", name="dashboard: refresh",
                  specification={"name": {}, **self.dashboard_fields}, domain=[], limit=40)


class Accountant(OdooUser):
    role = "accountant"
    first_task = "contracts"

    @task(3)
    def contracts(self):
        self.list_then_form("ctxh.care.contract", "contract")

    @task(2)
    def invoices(self):
        self.list_then_form("account.move", "invoice", [("move_type", "=", "out_invoice")])

    @task(1)
    def receipt(self):
        cash = [("payment_type", "=", "inbound"), ("journal_id.type", "=", "cash")]  # bank payments have no receipt
        ids = self.call("account.payment", "search", [cash],
                        name="receipt: search", limit=50)
        if ids:
            self.client.get(f"/report/pdf/ctxh_reports.report_payment_voucher/{random.choice(ids)}",
                            name="receipt: print (PDF)")


class Printing(OdooUser):
    """The baseline of printed documents: Odoo's own invoice PDF (account.report_invoice), which every document of
    the product is compared with (each is one wkhtmltopdf run, seconds of work that no list costs)."""

    role = "accountant"
    wait_time = between(10, 20)  # printed now and then, not in a loop

    @task
    def invoice_pdf(self):
        if not hasattr(self, "invoice_ids"):  # the accountant's list of invoices, opened once and printed from
            self.invoice_ids = self.call("account.move", "search", [[("move_type", "=", "out_invoice"),
                                                                      ("state", "=", "posted")]],
                                         name="invoice: search posted", limit=50)
        ids = self.invoice_ids
        if ids:
            self.client.get(f"/report/pdf/account.report_invoice/{random.choice(ids)}", name=PRINT_BASELINE)


class Contacts(OdooUser):
    """The baseline: Odoo's own contacts list and a contact's form."""

    role = "baseline"
    first_task = "contacts"

    @task
    def contacts(self):
        self.list_then_form("res.partner", "contacts")


SLOTS = [97]  # bin/load sets the run's user count
SLOT_COUNTER = iter(range(10**9))
USER_CLASSES = [CareStaff, Medical, Director, Accountant, Printing, Contacts]
BASELINE = "contacts: list"
PRINT_BASELINE = "Odoo invoice: print (PDF)"
