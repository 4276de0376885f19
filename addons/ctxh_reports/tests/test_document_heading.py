from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDocumentHeading(TransactionCase):
    def test_heading_has_motto_number_and_date(self):
        """A decision's heading carries the national motto, its number and the date in words."""
        company = self.env["res.company"].create({"name": "Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn", "city": "Lạng Sơn"})
        html = str(self.env["ir.qweb"]._render("ctxh_reports.ctxh_document_heading", {
            "company": company,
            "supervising_body": "Sở Y tế tỉnh Lạng Sơn",
            "doc_number": "15/QĐ-TTBTXH",
            "doc_date": date(2026, 3, 9),
        }))
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", html)
        self.assertIn("Số: <span>15/QĐ-TTBTXH</span>", html)
        self.assertIn("Lạng Sơn, ngày 09", html)
        self.assertIn("tháng 03", html)
        self.assertIn("năm 2026", html)
        self.assertIn("Sở Y tế tỉnh Lạng Sơn", html)
