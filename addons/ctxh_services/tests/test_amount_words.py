from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.ctxh_services.tools.amount_words import amount_to_words_vi


@tagged("post_install", "-at_install")
class TestAmountWords(TransactionCase):
    def test_accounting_style_examples(self):
        """Amounts read the way Vietnamese invoices write them, inner groups in full."""
        cases = {
            0: "Không đồng",
            5: "Năm đồng",
            10: "Mười đồng",
            15: "Mười lăm đồng",
            21: "Hai mươi mốt đồng",
            24: "Hai mươi bốn đồng",
            105: "Một trăm linh năm đồng",
            110: "Một trăm mười đồng",
            1_005: "Một nghìn không trăm linh năm đồng",
            1_000_001: "Một triệu không trăm linh một đồng",
            2_000_015: "Hai triệu không trăm mười lăm đồng",
            5_554_000: "Năm triệu năm trăm năm mươi bốn nghìn đồng",
            3_501_000: "Ba triệu năm trăm linh một nghìn đồng",
            7_500_000: "Bảy triệu năm trăm nghìn đồng",
            1_100_000: "Một triệu một trăm nghìn đồng",
            1_000_100: "Một triệu một trăm đồng",
            1_000_000_005: "Một tỷ không trăm linh năm đồng",
            1_001_000_000: "Một tỷ không trăm linh một triệu đồng",
            12_345_678_901: "Mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn "
                            "chín trăm linh một đồng",
            1_000_000_000_000: "Một nghìn tỷ đồng",
            2_000_000_000_015: "Hai nghìn tỷ không trăm mười lăm đồng",
            -15_000: "Âm mười lăm nghìn đồng",
        }
        for amount, expected in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_words_vi(amount), expected)

    def test_invoice_total_in_words(self):
        """A VND customer invoice states its total in Vietnamese words."""
        vnd = self.env.ref("base.VND")
        partner = self.env["res.partner"].create({"name": "Nguyễn Thị Bình"})
        move = self.env["account.move"].create({
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "currency_id": vnd.id,
            "invoice_line_ids": [Command.create({
                "name": "Phí chăm sóc tháng 11/2026", "quantity": 1, "price_unit": 7_500_000, "tax_ids": [],
            })],
        })
        self.assertEqual(move.amount_total, 7_500_000)
        self.assertEqual(move.ctxh_amount_total_words, "Bảy triệu năm trăm nghìn đồng")
