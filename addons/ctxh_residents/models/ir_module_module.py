from lxml import etree

from odoo import models
from odoo.modules import get_manifest
from odoo.tools import file_open


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _ctxh_demo_in_vietnamese(self):
        """Load the module's Vietnamese terms before its demo records are made.

        Odoo loads a module's translations only after its demo data (``odoo.modules.loading``), so the chatter of
        demo records would name their models in English ("Stay được tạo") and record names made from translated
        terms would be English; the demo must read as a Vietnamese facility's own database does.
        """
        self._update_translations(filter_lang=["vi_VN"])
        # the loader's environment may hold the English names already (its data records were made in it)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        return True

    def _ctxh_odoo_demo_people(self):
        """Partners and users that the demo data of Odoo's own modules create ("Azure Interior", "Marc Demo",
        "Joel Willis"), read from those modules' demo files: no list of names to keep up to date. The administrator,
        the superuser and the companies' partners, which the demo only edits, are not among them."""
        xmlids = {"res.partner": set(), "res.users": set()}
        for module in self.search([("state", "=", "installed"), ("demo", "=", True)]):
            if module.name.startswith("ctxh_"):
                continue
            manifest = get_manifest(module.name) or {}
            for path in manifest.get("demo", []) + manifest.get("demo_xml", []):
                if not path.endswith(".xml"):
                    continue
                with file_open(f"{module.name}/{path}", "rb") as demo_file:
                    tree = etree.parse(demo_file)
                for record in tree.iter("record"):
                    if record.get("model") in xmlids:
                        xmlid = record.get("id")
                        xmlids[record.get("model")].add(xmlid if "." in xmlid else f"{module.name}.{xmlid}")
        people = {}
        for model, names in xmlids.items():
            records = self.env[model].with_context(active_test=False).browse()
            for xmlid in sorted(names):
                record = self.env.ref(xmlid, raise_if_not_found=False)
                if record and record._name == model:
                    records |= record
            people[model] = records
        kept_users = self.env.ref("base.user_root") | self.env.ref("base.user_admin")
        people["res.users"] -= kept_users
        people["res.partner"] -= kept_users.partner_id | self.env["res.company"].sudo().search([]).partner_id
        return people

    def _ctxh_archive_odoo_demo_people(self):
        """Archive Odoo's demo partners and users in a demo database: a facility's lists (referrers, payers,
        visitors, staff) hold Vietnamese people, not Odoo's sample companies and employees."""
        people = self._ctxh_odoo_demo_people()
        people["res.users"].sudo().write({"active": False})
        # with active_test, or Odoo's check finds the users just archived and refuses to archive their partners
        people["res.partner"].sudo().with_context(active_test=True).write({"active": False})
        return True
