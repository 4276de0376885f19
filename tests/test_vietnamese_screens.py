"""No English where a Vietnamese user looks: every ctxh view, every field label, help and selection value, and the
names of the records, rendered in vi_VN, are searched for English words of the product's vocabulary and for Odoo's
technical ``model,id`` names. Generated from the registry: a new view, field or model is covered by itself."""

import re

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .test_decided import ctxh_models

# words of the product's own English vocabulary a translation leaves behind (capitalised, as labels are)
ENGLISH = re.compile(r"\b(?:Draft|Done|Cancelled|Confirm|Approve[d]?|Resident[s]?|Bed[s]?|Room[s]?|Stay[s]?|"
                     r"Contract[s]?|Invoice[s]?|Payment[s]?|Billing|Allowance[s]?|Overdue|Closed|Active|"
                     r"In progress|Created|Manual Payment|eInvoice|Save|Discard|Ok|Warning|Facility|Facilities|"
                     r"Care Plan|Admission|Discharge|Visit|Incident|Dose[s]?|Medication|Given|Refused|Missed|"
                     r"Present|Absent|Excused|Planned|Record|Photo|Name|Date|Status|Note[s]?|Reason|Total|Amount|"
                     r"New|Edit|Delete|Print|Report|Open|Submit|Sessions?|Programme[s]?|Category|Categories|"
                     r"Consent[s]?|Director|Staff|Month|Year|Days?|Hours?|Time)\b")
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
