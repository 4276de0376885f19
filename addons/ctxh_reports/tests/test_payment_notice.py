"""The payment notice (thông báo thu phí) and the contract tell a payer how to transfer: the facility's
account, the transfer reference that names the invoice, and a VietQR code for the amount still due; Odoo's own
invoice shows the same code."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.common import CtxhContractCase

from .test_documents import DocumentCaseMixin

NOTICE = "ctxh_reports.action_report_payment_notice"


@tagged("post_install", "-at_install")
class TestPaymentNotice(DocumentCaseMixin, CtxhContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.bank = cls.env["res.partner.bank"].create({
            "acc_number": "0091000123456", "acc_holder_name": "TRUNG TAM BAO TRO XA HOI TINH LANG SON",
            "partner_id": cls.facility_a.partner_id.id, "company_id": cls.facility_a.id,
            "bank_id": cls.env.ref("ctxh_services.res_bank_vcb").id, "allow_out_payment": True,
            "proxy_type": "bank_acc", "proxy_value": "0091000123456", "include_reference": True,
        })
        cls.facility_a.qr_code = True
        cls.resident, cls.stay, cls.contract = cls._resident_under_contract(deposit_amount=2_000_000)
        run = cls._run(cls, date(2026, 3, 1))
        run.action_post()
        cls.invoice = run.move_ids.filtered(lambda m: m.partner_id == cls.son)

    def test_notice_says_what_to_pay_and_how(self):
        invoice = self.invoice
        self.assertTrue(self._offered(NOTICE, invoice))
        html = self._html(NOTICE, invoice, self.accountant_a)
        text = self._text(html)
        self.assertIn("THÔNG BÁO THU PHÍ", text)
        self.assertIn("Phí chăm sóc tháng 03/2026", text)
        self.assertIn("Kính gửi: Hoàng Văn Hải", text)
        self.assertIn(f"phí chăm sóc của Hoàng Thị Mận theo hợp đồng số {self.contract.name}", text)
        self.assertIn("Cộng 4.500.000", text)
        self.assertIn("Số tiền bằng chữ: Bốn triệu năm trăm nghìn đồng", text)
        self.assertIn("tài khoản số 0091000123456", text)
        self.assertIn("Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)", text)
        self.assertIn(f"Nội dung chuyển khoản: {invoice.payment_reference}", text)
        self.assertRegex(invoice.payment_reference, r"^TTBTXHLS[A-Z0-9]{6,}$")
        self.assertIn('alt="VietQR"', html)
        self.assertIn("data:image/png;base64,", html)
        self.assertEqual(self._file_name(NOTICE, invoice), f"Thông báo thu phí {invoice.name}")

        # a part paid: the notice says what is left, and the code asks for that
        self._pay(invoice, amount=1_500_000)
        text = self._render(NOTICE, invoice, self.accountant_a)
        self.assertIn("Đã thanh toán: 1.500.000 đồng; còn phải nộp: 3.000.000 đồng", text)
        qr_payload = self.bank._get_qr_vals("emv_qr", invoice.amount_residual, invoice.currency_id,
                                            invoice.partner_id, invoice.payment_reference, invoice.payment_reference)
        self.assertIn("3000000", qr_payload)
        self.assertIn(invoice.payment_reference, qr_payload)
        # paid in full: no code to scan
        self._pay(invoice)
        self.assertNotIn('alt="VietQR"', self._html(NOTICE, invoice, self.accountant_a))

    def test_notice_is_the_accountants_and_for_care_invoices(self):
        with self.assertRaises(AccessError):
            self._html(NOTICE, self.invoice, self.care_a)
        draft = self._run(date(2026, 4, 1)).move_ids[:1]
        self.assertFalse(self._offered(NOTICE, draft))
        with self.assertRaisesRegex(UserError, "not a confirmed care invoice"):
            self._html(NOTICE, draft, self.accountant_a)

    def test_odoo_invoice_and_contract_carry_the_code(self):
        """Odoo's own invoice prints the VietQR code (company setting), and the contract the deposit's."""
        self.assertTrue(self.invoice._generate_qr_code(silent_errors=True))
        html = self._html("account.account_invoices", self.invoice, self.accountant_a)
        self.assertIn("qrcode_info", html)
        contract_html = self._html("ctxh_reports.action_report_care_contract", self.contract, self.accountant_a)
        text = self._text(contract_html)
        self.assertIn("chuyển khoản vào tài khoản số 0091000123456", text)
        self.assertIn(f"Nội dung chuyển khoản: {self.contract.deposit_move_id.payment_reference}", text)
        self.assertIn('alt="VietQR"', contract_html)

