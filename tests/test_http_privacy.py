"""Sensitive details over HTTP: call_kw, the views' field lists, CSV export and the chatter's tracked values give
care staff and accountants nothing of HIV, drug use or victim details."""

import json
from types import SimpleNamespace

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .matrix_common import RpcMixin
from .privacy_common import HEALTH_LINKS, NO_CONTROL, SENSITIVE_FIELDS, PrivacyCase

ACCESS_ERROR = "odoo.exceptions.AccessError"
SECRET_NAMES = (*SENSITIVE_FIELDS, *HEALTH_LINKS.values(), "medical_count")
# the resident's HIV status went from positive to negative: its values, in English and in Vietnamese
HIV_VALUES = ("Positive", "Negative", "Dương tính", "Âm tính")


@tagged("post_install", "-at_install", "ctxh_http")
class TestHttpPrivacy(RpcMixin, HttpCase, PrivacyCase):
    """Over JSON-RPC and the web client's routes, as care staff and as an accountant: sensitive details and
    health records do not come out, whatever the door; medical staff get them through the same doors."""

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def test_call_kw_doors(self):
        """read, search_read, web_read, web_search_read, domains, sorting, read_group, web_read_group,
        export_data, onchange, related paths and nested reads: AccessError for care staff and accountants."""
        doors = self.sensitive_doors() + self.health_doors()
        opened, closed_to_medical = [], []
        for user in (self.care_a, self.accountant_a):
            self._as(user)
            for label, model, method, args, kwargs in doors + self.admin_doors():
                name, result = self._call_kw(model, method, args, kwargs)
                if name != ACCESS_ERROR:
                    opened.append(f"{user.login}: {label} {model}.{method}{args} -> {name} {str(result)[:100]}")
            for label, model, method, args, kwargs in self.hidden_lists():
                name, result = self._call_kw(model, method, args, kwargs)
                if name != ACCESS_ERROR and result != []:
                    opened.append(f"{user.login}: {label} of {args[0]} -> {name} {str(result)[:100]}")
        self._as(self.medical_a)
        for label, model, method, args, kwargs in doors:
            if label in NO_CONTROL:
                continue
            name, result = self._call_kw(model, method, args, kwargs)
            if name != "ok":
                closed_to_medical.append(f"{label} {model}.{method}{args} -> {name} {str(result)[:100]}")
        self.assertFalse(opened, "doors open to care staff or accountants over JSON-RPC")
        self.assertFalse(closed_to_medical, "doors closed to medical staff too: the check proves nothing there")

    def test_views_field_lists_and_export_lists(self):
        """get_views, fields_get and the export dialog's field list (/web/export/get_fields) name no sensitive
        field and no health record for care staff and accountants; they do for medical staff."""
        views = [[False, kind] for kind in ("list", "form", "kanban", "search")]
        for user in (self.care_a, self.accountant_a, self.medical_a):
            self._as(user)
            sent = json.dumps([
                self._call_kw("ctxh.resident", "get_views", [views], {}),
                self._call_kw("ctxh.resident", "fields_get", [], {"attributes": ["string"]}),
                self._post("/web/export/get_fields", {"model": "ctxh.resident", "domain": [], "import_compat": False}),
            ])
            for name in SECRET_NAMES:
                if user == self.medical_a:
                    continue
                self.assertNotIn(f'"{name}"', sent, f"{user.login} is sent {name}")
            if user == self.medical_a:
                self.assertIn('"hiv_status"', sent)

    def test_csv_export_is_refused(self):
        """The CSV export route (/web/export/csv, also grouped by a sensitive field) gives care staff and
        accountants an error and no value; medical staff get the file."""
        def export(groupby):
            data = {"model": "ctxh.resident", "ids": self.resident.ids, "domain": [], "groupby": groupby,
                    "context": {}, "import_compat": False,
                    "fields": [{"name": "name", "label": "Name"}, {"name": "hiv_status", "label": "HIV"}]}
            token = http.Request.csrf_token(SimpleNamespace(env=self.env, session=self.session))
            with mute_logger("odoo.http", "odoo.addons.web.controllers.export"):
                return self.url_open("/web/export/csv", data={"data": json.dumps(data), "csrf_token": token})

        for user in (self.care_a, self.accountant_a):
            self._as(user)
            for groupby in ([], ["hiv_status"]):
                response = export(groupby)
                self.assertNotEqual(response.status_code, 200, f"{user.login} exports HIV status {groupby}")
                self.assertIn("AccessError", response.text)
                for value in HIV_VALUES:
                    self.assertNotIn(value, response.text)
        self._as(self.medical_a)
        response = export([])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(any(value in response.text for value in HIV_VALUES), response.text)

    def test_chatter_hides_tracked_hiv_status(self):
        """The chatter (/mail/thread/messages) of a resident whose HIV status changed shows care staff and
        accountants the message but neither the field nor its old or new value; medical staff see them. The
        chatter of a health record shows them nothing."""
        params = {"thread_model": "ctxh.resident", "thread_id": self.resident.id, "limit": 30}
        for user in (self.care_a, self.accountant_a):
            self._as(user)
            name, result = self._post("/mail/thread/messages", params)
            self.assertEqual(name, "ok", result)
            text = json.dumps(result, ensure_ascii=False)
            self.assertTrue(result["messages"], "the chatter itself is readable")
            for secret in ("hiv_status", "HIV Status", "Tình trạng HIV", *HIV_VALUES):
                self.assertNotIn(secret, text, f"{user.login} sees {secret} in the chatter")
            for model, record in self.records_by_model.items():
                name, result = self._post("/mail/thread/messages", {"thread_model": model, "thread_id": record.id})
                self.assertTrue(name == ACCESS_ERROR or not result.get("messages"),
                                f"{user.login} reads the chatter of {model}: {str(result)[:200]}")
        self._as(self.medical_a)
        name, result = self._post("/mail/thread/messages", params)
        text = json.dumps(result, ensure_ascii=False)
        self.assertIn("hiv_status", text, "medical staff see the tracked change")
        self.assertTrue(any(value in text for value in HIV_VALUES), "and its values")
        name, result = self._post("/mail/thread/messages", {"thread_model": "ctxh.medical.event",
                                                            "thread_id": self.event.id})
        self.assertTrue(result["messages"], "medical staff read the chatter of a medical event")
