from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestDaycareTour(CtxhTourCase):
    def test_social_worker_marks_and_confirms_the_day(self):
        """In the browser, the Quảng Ninh social worker opens today's day-care sheet from the menus, marks Mr Khải
        present and confirms the day: one day of his per-day contract is to bill, delivered by her."""
        worker = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        centre = self.env.ref("base.main_company")
        Sheet = self.env["ctxh.daycare.attendance"]
        today = [("date", "=", centre._ctxh_today()), ("company_id", "=", centre.id)]
        # the demo's days are past: today's sheet is the one the tour makes
        self.assertFalse(Sheet.search(today))
        self.start_tour("/odoo", "ctxh_daycare_tour", login=worker.login)
        sheet = Sheet.search(today)
        self.assertEqual(sheet.state, "confirmed")
        khai = self.env.ref("ctxh_services.contract_qn_daycare_01")
        self.assertEqual(sheet.line_ids.filtered("present").contract_id, khai)
        usage = self.env["ctxh.service.usage"].search([("daycare_line_id", "in", sheet.line_ids.ids)])
        self.assertEqual(usage.contract_id, khai)
        self.assertEqual(usage.price_unit, 150_000)
        self.assertEqual(usage.staff_ids, worker)


@tagged("post_install", "-at_install", "ctxh_tour")
class TestDaycarePhoneTour(CtxhTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_day_care_on_a_phone(self):
        """On a 390 px phone, the social worker marks Mrs Nhung present on her card and confirms the day: her
        monthly contract bills no day by itself (the month is prorated on such days)."""
        centre = self.env.ref("base.main_company")
        today = [("date", "=", centre._ctxh_today()), ("company_id", "=", centre.id)]
        self.start_tour("/odoo", "ctxh_daycare_phone_tour", login="congtacxahoi")
        sheet = self.env["ctxh.daycare.attendance"].search(today)
        self.assertEqual(sheet.state, "confirmed")
        self.assertEqual(sheet.line_ids.filtered("present").contract_id,
                         self.env.ref("ctxh_services.contract_qn_daycare_02"))
        self.assertFalse(self.env["ctxh.service.usage"].search([("daycare_line_id", "in", sheet.line_ids.ids)]))
