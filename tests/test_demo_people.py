"""No Odoo demo partner or user in a facility's lists: the people our forms offer to choose and the people our
records name are Vietnamese, never Odoo's sample companies and staff ("Azure Interior", "Marc Demo").

Generated from the registry: every many2one and many2many of a ctxh model to a partner or a user is checked, as
each demo role, in the list the user opens to fill it (``name_search``) and in the records that hold it.
"""

from odoo.tests import TransactionCase, tagged

from .test_decided import ctxh_models

ROLES = ("user_ctxh_social_worker", "user_ctxh_medical", "user_ctxh_accountant", "user_ctxh_director")
PEOPLE = ("res.partner", "res.users")


@tagged("post_install", "-at_install")
class TestNoOdooDemoPeople(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.odoo_demo = cls.env["ir.module.module"]._ctxh_odoo_demo_people()

    def _fields(self):
        for model in ctxh_models(self.env):
            for name, field in self.env[model]._fields.items():
                if field.type in ("many2one", "many2many") and field.comodel_name in PEOPLE and field.store:
                    yield model, name, field

    def test_odoo_demo_people_are_known(self):
        """The helper finds Odoo's demo people, so the checks below test something; the administrator is not one."""
        if not self.env.ref("base.module_base").demo:
            self.skipTest("a database without demo data has no Odoo demo people")
        names = self.odoo_demo["res.partner"].mapped("name")
        self.assertIn("Azure Interior", names)
        self.assertIn("Marc Demo", self.odoo_demo["res.users"].mapped("name"))
        self.assertNotIn(self.env.ref("base.user_admin"), self.odoo_demo["res.users"])
        self.assertNotIn(self.env.ref("base.main_company").partner_id, self.odoo_demo["res.partner"])

    def test_lookups_offer_no_odoo_demo_people(self):
        fields_ = list(self._fields())
        self.assertGreater(len(fields_), 10)
        for login in ROLES:
            user = self.env.ref(f"ctxh_residents.{login}")
            env = self.env(user=user, context={"lang": "vi_VN", "allowed_company_ids": user.company_ids.ids})
            for model, name, field in fields_:
                domain = field.domain if isinstance(field.domain, list) else []
                offered = env[field.comodel_name].name_search("", domain, limit=None)
                demo = self.odoo_demo[field.comodel_name] & env[field.comodel_name].browse([i for i, _ in offered])
                with self.subTest(user=login, field=f"{model}.{name}"):
                    self.assertFalse(demo, f"{model}.{name} offers Odoo's demo {demo.mapped('display_name')}")

    def test_records_name_no_odoo_demo_people(self):
        for model, name, _field in self._fields():
            demo = self.odoo_demo[self.env[model]._fields[name].comodel_name]
            holders = self.env[model].sudo().with_context(active_test=False).search_count([(name, "in", demo.ids)])
            with self.subTest(field=f"{model}.{name}"):
                self.assertEqual(holders, 0, f"{holders} {model} name Odoo's demo people in {name}")

    def test_administrator_has_a_vietnamese_name(self):
        self.assertNotIn("Admin", self.env.ref("base.user_admin").name)
