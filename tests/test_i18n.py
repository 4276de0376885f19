"""Every user-facing term of every ctxh module has a Vietnamese translation."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"
MODULES = sorted(p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").exists())


@tagged("post_install", "-at_install")
class TestVietnameseTranslations(TransactionCase):
    def test_every_term_translated(self):
        """No term that a module shows to users lacks a Vietnamese msgstr in its vi.po."""
        missing = []
        for module in MODULES:
            po_path = ADDONS / module / "i18n" / "vi.po"
            self.assertTrue(po_path.exists(), f"{module} has no i18n/vi.po")
            po = polib.pofile(str(po_path))
            translated = {entry.msgid for entry in po if entry.msgstr and "fuzzy" not in entry.flags}
            reader = TranslationModuleReader(self.env.cr, modules=[module])
            terms = {row[4] for row in reader if row[0] == module and row[4]}
            missing += [f"{module}: {term!r}" for term in sorted(terms - translated)]
        self.assertFalse(missing, "Untranslated terms (run bin/i18n-update, then translate):\n" + "\n".join(missing))

    def test_translations_are_loaded_in_the_database(self):
        """The Vietnamese terms reach the database, so Vietnamese users see them."""
        menu = self.env.ref("ctxh_residents.menu_ctxh_root").with_context(lang="vi_VN")
        self.assertEqual(menu.name, "Trợ giúp xã hội")
        field = self.env["ir.model.fields"]._get("res.company", "ctxh_capacity").with_context(lang="vi_VN")
        self.assertEqual(field.field_description, "Quy mô được cấp phép")
