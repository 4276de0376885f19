"""No English where a Vietnamese user looks: every ctxh view, every field label, help and selection value, and the
names of the records, rendered in vi_VN, are searched for English words of the product's vocabulary and for Odoo's
technical ``model,id`` names. Generated from the registry: a new view, field or model is covered by itself."""

import io
import re

from lxml import etree
from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from .test_decided import ctxh_models

# words of the product's own English vocabulary a translation leaves behind (capitalised, as labels are)
ENGLISH = re.compile(r"\b(?:Draft|Done|Cancelled|Confirm|Approve[d]?|Resident[s]?|Bed[s]?|Room[s]?|Stay[s]?|"
                     r"Contract[s]?|Invoice[s]?|Payment[s]?|Billing|Allowance[s]?|Overdue|Closed|Active|"
                     r"In progress|Created|Manual Payment|eInvoice|Save|Discard|Ok|Warning|Facility|Facilities|"
                     r"Care Plan|Admission|Discharge|Visit|Incident|Dose[s]?|Medication|Given|Refused|Missed|"
                     r"Present|Absent|Excused|Planned|Record|Photo|Name|Date|Status|Note[s]?|Reason|Total|Amount|"
                     r"New|Edit|Delete|Print|Report|Open|Submit|Sessions?|Programme[s]?|Category|Categories|"
                     r"Consent[s]?|Director|Staff|Month|Year|Days?|Hours?|Time|Electronic|Invoicing)\b")
TECHNICAL = re.compile(r"\b[a-z_]+\.[a-z_.]+,\d+\b")
ATTRIBUTES = ("string", "placeholder", "help", "confirm", "title", "sum", "aria-label", "alt")


def _texts(arch):
    """What a user reads in a view: its text nodes and the attributes that show text."""
    for node in arch.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in ("field", "button", "filter", "page", "group", "label", "separator", "list", "form",
                        "kanban", "search", "calendar", "pivot", "graph", "a", "span", "div", "p", "h1", "h2", "h3",
                        "strong", "b", "small", "th", "td", "li", "widget"):
            for attribute in ATTRIBUTES:
                if node.get(attribute):
                    yield node.get(attribute)
        if node.tag not in ("t",) and node.text and node.text.strip() and not node.text.strip().startswith(
                ("record.", "{{")):
            yield node.text.strip()
        if node.tail and node.tail.strip():
            yield node.tail.strip()


@tagged("post_install", "-at_install")
class TestVietnameseScreens(TransactionCase):
    def setUp(self):
        super().setUp()
        self.vi = self.env(context={"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})

    def _check(self, where, text):
        with self.subTest(where=where):
            self.assertFalse(ENGLISH.search(text), f"{where}: English in “{text}”")
            self.assertFalse(TECHNICAL.search(text), f"{where}: technical name in “{text}”")

    def test_views(self):
        views = self.vi["ir.ui.view"].search([("model", "=like", "ctxh.%"), ("mode", "=", "primary"),
                                              ("type", "in", ("form", "list", "kanban", "search", "calendar"))])
        self.assertGreater(len(views), 50)
        for view in views:
            arch = etree.fromstring(self.vi[view.model].get_views([(view.id, view.type)])["views"][view.type]["arch"])
            for text in _texts(arch):
                self._check(view.xml_id, text)

    def test_odoo_screens_in_our_menus(self):
        """Odoo's own screens our menus open (invoices, payments, service kinds, facilities): their texts and the
        labels of the fields they show; what Odoo leaves in English gets a translation in our i18n_extra."""
        root = self.vi.ref("ctxh_residents.menu_ctxh_root")
        actions = self.vi["ir.ui.menu"].search([("id", "child_of", root.id)]).mapped("action")
        models = {a.res_model for a in actions if a and a._name == "ir.actions.act_window"}
        models = sorted(m for m in models if not m.startswith("ctxh."))
        self.assertIn("account.move", models)
        for model in models:
            labels = self.vi[model].fields_get(attributes=["string"])
            for view_type in ("form", "list", "search", "kanban"):
                arch = etree.fromstring(self.vi[model].get_views([(False, view_type)])["views"][view_type]["arch"])
                for text in _texts(arch):
                    self._check(f"{model} {view_type}", text)
                for node in arch.iter("field"):
                    if node.get("string") or node.get("name") not in labels or "1" in (
                            node.get("invisible"), node.get("column_invisible"), node.get("nolabel")):
                        continue
                    # a label shows for a list's column, a search field, and a form's field in a group
                    parent = node.getparent()
                    if view_type in ("list", "search") or (view_type == "form" and parent.tag == "group"):
                        self._check(f"{model} {view_type} {node.get('name')}", labels[node.get("name")]["string"])

    def test_fields(self):
        for model in ctxh_models(self.vi):
            for name, description in self.vi[model].fields_get(attributes=["string", "help", "selection"]).items():
                if name.startswith(("message_", "activity_", "website_message")) or name in (
                        "create_uid", "write_uid", "create_date", "write_date", "display_name", "id"):
                    continue
                self._check(f"{model}.{name}", description.get("string") or "")
                self._check(f"{model}.{name} (help)", description.get("help") or "")
                for _value, label in description.get("selection") or ():
                    self._check(f"{model}.{name} (value)", label)

    def test_record_names(self):
        for model in ctxh_models(self.vi):
            for record in self.vi[model].sudo().with_context(active_test=False).search([], limit=5):
                self._check(f"{model} {record.id}", record.display_name or "")

    def test_model_names(self):
        """The model's name is what the chatter says was created ("Đợt lưu trú được tạo")."""
        for model in ctxh_models(self.vi):
            self._check(model, self.vi["ir.model"]._get(model).name)

    def test_chatter(self):
        """Every message and tracked value on a ctxh record of the demo, as the chatter shows it in vi_VN. The demo
        goes through the product's actions (admissions, extensions, approvals, billing runs, payments), so the messages
        our code posts are among them."""
        # the demo's records (tests that commit, such as the two-connection races, leave records made in English)
        demo = self.vi["ir.model.data"].sudo().search([("module", "=like", "ctxh\\_%"), ("model", "=like", "ctxh.%")])
        demo_records = {(data.model, data.res_id) for data in demo}
        messages = self.vi["mail.message"].sudo().search([("model", "=like", "ctxh.%")]).filtered(
            lambda message: (message.model, message.res_id) in demo_records)
        self.assertGreater(len(messages), 100)
        self.assertGreater(len(messages.tracking_value_ids), 20)
        for message in messages:
            where = f"{message.model} {message.res_id} message {message.id}"
            self._check(where, html2plaintext(message.body or ""))
            self._check(where, message.subject or "")
            self._check(where, message.record_name or "")
            self._check(where, message.subtype_id.name or "")
        for formatted in messages.tracking_value_ids._tracking_value_format():
            where = f"tracking {formatted['id']}"
            self._check(where, formatted["changedField"])
            for side in ("oldValue", "newValue"):
                value = formatted[side]["value"]
                if isinstance(value, str):
                    self._check(where, value)

    def test_reports(self):
        """Every printed document of the product, rendered as HTML in vi_VN for records of the demo data."""
        reports = self.vi["ir.actions.report"].search([("model", "=like", "ctxh.%"),
                                                       ("report_type", "=", "qweb-pdf")])
        self.assertGreater(len(reports), 5)
        rendered = 0
        for report in reports:
            for record in self.vi[report.model].sudo().search([], limit=3):
                try:
                    html, _kind = self.vi["ir.actions.report"].sudo()._render_qweb_html(report, record.ids)
                except UserError:
                    continue  # not printable in this record's state (an undecided admission has no decision)
                rendered += 1
                text = html2plaintext(html.decode())
                for line in filter(None, (line.strip() for line in text.splitlines())):
                    self._check(f"{report.report_name} {record.id}", line)
                break
        self.assertGreater(rendered, len(reports) // 2)

    def test_workbooks(self):
        """Every statutory workbook, printed by the demo director for the year in vi_VN: every cell that is text."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        env = self.env(user=director, context={"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh",
                                              "allowed_company_ids": director.company_ids.ids})
        Wizard = env["ctxh.report.wizard"]
        kinds = [kind for kind, _label in Wizard._fields["report_kind"].selection]
        self.assertGreater(len(kinds), 4)
        for kind in kinds:
            wizard = Wizard.create({"report_kind": kind, "period_kind": "year",
                                    "company_ids": [(6, 0, director.company_id.ids)]})
            action = wizard.action_print()
            content, _extension = env["ir.actions.report"].with_context(action["context"])._render(
                action["report_name"], action["context"]["active_ids"], action["data"])
            for sheet in load_workbook(io.BytesIO(content)).worksheets:
                self._check(f"{kind} sheet", sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        if isinstance(value, str):
                            self._check(f"{kind} {sheet.title}", value)
