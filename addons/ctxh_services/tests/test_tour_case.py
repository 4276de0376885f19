from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestCaseTour(CtxhTourCase):
    def test_office_worker_opens_a_case_from_a_call(self):
        """In the browser, the ward office's worker opens a call of his office from the menus and opens a case
        from it: the case belongs to his office and links the call."""
        call = self.env.ref("ctxh_services.call_hue_05")
        self.start_tour("/odoo", "ctxh_case_tour", login="ctxh.thuanhoa")
        case = self.env["ctxh.case"].search([("hotline_call_id", "=", call.id)])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.office_id, self.env.ref("ctxh_services.office_hue_thuanhoa"))
        self.assertEqual(case.resident_id.name, "Nguyễn Thị Lài")
        self.assertEqual(case.user_id.login, "ctxh.thuanhoa")
        self.assertEqual(case.source, "hotline")
