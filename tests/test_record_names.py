"""Every record's name as a Vietnamese user reads it (in a many2one, a breadcrumb, the chatter's title): never
Odoo's technical fallback ``model,id`` and never an ISO date. Generated from the registry and the demo data."""

import re

from lxml import etree

from odoo.tests import TransactionCase, tagged

from .test_decided import ctxh_models

TECHNICAL = re.compile(r"^[a-z0-9_.]+,\d+$")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@tagged("post_install", "-at_install")
class TestRecordNames(TransactionCase):
    def test_every_record_has_a_readable_name(self):
        env = self.env(context={"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"})
        named = 0
        for model in ctxh_models(env):
            records = env[model].sudo().with_context(active_test=False).search([], limit=5)
            for record in records:
                with self.subTest(model=model, id=record.id):
                    name = record.display_name
                    self.assertTrue(name, f"{model} {record.id} has no name")
                    self.assertFalse(TECHNICAL.match(name), f"{model}: “{name}” is a technical name")
                    self.assertFalse(ISO_DATE.search(name), f"{model}: “{name}” shows an ISO date")
                    named += 1
        self.assertGreater(named, 100)

    def test_years_are_shown_as_years(self):
        """Every integer field that holds a year is shown without a thousands separator in every ctxh view
        ("1939", not "1.939")."""
        views = self.env["ir.ui.view"].search(
            [("model", "=like", "ctxh.%"), ("type", "in", ("list", "form")), ("mode", "=", "primary")])
        checked = 0
        for view in views:
            Model = self.env[view.model]
            arch = etree.fromstring(Model.get_views([(view.id, view.type)])["views"][view.type]["arch"])
            for node in arch.iter("field"):
                field = Model._fields.get(node.get("name"))
                if field and field.type == "integer" and "year" in field.name:
                    with self.subTest(view=view.xml_id, field=field.name):
                        self.assertIn("'format': false", (node.get("options") or "").replace('"', "'"))
                        checked += 1
        self.assertGreaterEqual(checked, 3)

    def test_vietnamese_dates_and_times(self):
        """Dates dd/mm/yyyy and times without seconds, as the web client shows them to a Vietnamese user."""
        lang = self.env["res.lang"]._lang_get("vi_VN")
        self.assertEqual((lang.date_format, lang.time_format), ("%d/%m/%Y", "%H:%M"))
