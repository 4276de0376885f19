from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCareMenus(TransactionCase):
    def test_care_menus_sit_in_the_app(self):
        """Care and Medical menus hang under Social Assistance; Medical is for medical staff."""
        root = self.env.ref("ctxh_residents.menu_ctxh_root")
        care_menu = self.env.ref("ctxh_care.menu_ctxh_care")
        medical_menu = self.env.ref("ctxh_care.menu_ctxh_care_medical")
        self.assertEqual((care_menu | medical_menu).parent_id, root)
        self.assertEqual(medical_menu.groups_id, self.env.ref("ctxh_residents.group_ctxh_medical"))
