from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestFoundation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root_menu = cls.env.ref("ctxh_residents.menu_ctxh_root")
        cls.care_user = new_test_user(
            cls.env, login="t_care", groups="ctxh_residents.group_ctxh_care_staff"
        )
        cls.plain_user = new_test_user(cls.env, login="t_plain", groups="base.group_user")

    def test_director_implies_every_role(self):
        """A director holds care, medical, accountant and sensitive-data rights."""
        director = new_test_user(
            self.env, login="t_director", groups="ctxh_residents.group_ctxh_director"
        )
        for xmlid in (
            "ctxh_residents.group_ctxh_care_staff",
            "ctxh_residents.group_ctxh_medical",
            "ctxh_residents.group_ctxh_accountant",
            "ctxh_residents.group_ctxh_sensitive",
        ):
            self.assertTrue(director.has_group(xmlid), xmlid)

    def test_accountant_has_no_sensitive_data(self):
        """An accountant sees residents and money but not health or victim details."""
        accountant = new_test_user(
            self.env, login="t_accountant", groups="ctxh_residents.group_ctxh_accountant"
        )
        self.assertFalse(accountant.has_group("ctxh_residents.group_ctxh_care_staff"))
        self.assertFalse(accountant.has_group("ctxh_residents.group_ctxh_sensitive"))
        self.assertFalse(accountant.has_group("ctxh_residents.group_ctxh_medical"))

    def test_accountant_reads_the_registry_without_changing_it(self):
        """An accountant reads residents and stays (for contracts) but cannot edit them."""
        accountant = new_test_user(
            self.env, login="t_accountant2", groups="ctxh_residents.group_ctxh_accountant"
        )
        resident = self.env.ref("ctxh_residents.resident_qn_01").with_user(accountant)
        self.assertTrue(resident.read(["name", "code", "state", "bed_id", "current_stay_id"]))
        self.assertIn(self.root_menu.id, self.env["ir.ui.menu"].with_user(accountant)._visible_menu_ids())
        with self.assertRaises(AccessError):
            resident.write({"name": "Đổi tên"})

    def test_app_menu_visible_only_to_facility_staff(self):
        """Care staff see the Social Assistance app; other internal users do not."""
        menus = self.env["ir.ui.menu"]
        self.assertIn(self.root_menu.id, menus.with_user(self.care_user)._visible_menu_ids())
        self.assertNotIn(self.root_menu.id, menus.with_user(self.plain_user)._visible_menu_ids())

    def test_vietnamese_is_installed_and_translates_the_app(self):
        """vi_VN is active and the app's menus read in Vietnamese."""
        self.assertTrue(self.env["res.lang"]._lang_get("vi_VN").active)
        self.assertEqual(self.root_menu.with_context(lang="vi_VN").name, "Trợ giúp xã hội")
        self.assertEqual(self.root_menu.with_context(lang="en_US").name, "Social Assistance")

    def test_demo_facilities_use_vnd_and_vietnamese_users(self):
        """Demo facilities keep their books in VND and demo staff work in Vietnamese."""
        companies = self.env["res.company"].search([("ctxh_code", "!=", False)])
        self.assertGreaterEqual(len(companies), 3)
        self.assertEqual(set(companies.currency_id.mapped("name")), {"VND"})
        staff = self.env["res.users"].search([("login", "in", ["giamdoc", "congtacxahoi", "yte", "ketoan"])])
        self.assertEqual(len(staff), 4)
        self.assertEqual(set(staff.mapped("lang")), {"vi_VN"})

    @mute_logger("odoo.sql_db")
    def test_negative_capacity_refused_by_database(self):
        """PostgreSQL refuses a facility with a negative licensed capacity."""
        with self.assertRaises(IntegrityError):
            self.env.company.ctxh_capacity = -1
            self.env.flush_all()
