"""The accountant imports the bank's statement with OCA's sheet import and the mapping of the facility's bank;
transfers whose message carries an invoice's transfer reference pay it (one bank advice, giấy báo Có, per
invoice, matched with the statement line), in part or two invoices at once; the rest wait with a suggestion."""

import base64
import io
from datetime import date, datetime

import openpyxl

from odoo.tests import tagged

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestBankStatement(CtxhContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.facility_a.id), ("type", "=", "bank")], limit=1)
        cls.contracts = cls.env["ctxh.care.contract"]
        for index in range(16):
            resident = cls._resident(name=f"Nguyễn Văn Sao Kê {index}")
            stay = cls._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
            cls.contracts |= cls._contract(resident, stay, payers={cls.son: 60, cls.daughter: 40})

    def _invoices(self):
        run = self._run(date(2026, 3, 1))
        run.action_post()
        invoices = run.move_ids.sorted("id")
        self.assertEqual(len(invoices), 32)
        return invoices

    def _import(self, mapping, filename, data):
        wizard = self.env["account.statement.import"].with_user(self.accountant_a).with_context(
            journal_id=self.journal.id).create({
                "statement_filename": filename, "statement_file": base64.b64encode(data),
                "sheet_mapping_id": self.env.ref(f"ctxh_services.statement_mapping_{mapping}").id,
            })
        return wizard.import_file_button()

    @staticmethod
    def _bidv_csv(rows):
        """BIDV's CSV: semicolons, dd/mm/yyyy, thousands with dots, debit and credit columns."""
        lines = ["STT;Ngày giao dịch;Số tham chiếu;Ghi nợ;Ghi có;Mô tả giao dịch"]
        for number, (day, amount, text) in enumerate(rows, start=1):
            money = f"{abs(int(amount)):,}".replace(",", ".")
            debit, credit = ("", money) if amount > 0 else (money, "")
            lines.append(f"{number};{day:%d/%m/%Y};FT26{number:06d};{debit};{credit};{text}")
        return "\n".join(lines).encode("utf-8-sig")

    def test_a_statement_of_fifty_lines_pays_what_it_names(self):
        invoices = self._invoices()
        ref = [invoice.payment_reference for invoice in invoices]
        due = [invoice.amount_total for invoice in invoices]
        day = date(2026, 3, 10)
        rows = []
        # 20 transfers each paying one invoice in full, written as banking apps write them
        for i in range(20):
            prefix = ("MBVCB.8812345.", "IBFT ", "", "TKThe :19031234, tai TCB. ")[i % 4]
            rows.append((day, due[i], f"{prefix}{ref[i]} nop phi cham soc thang 3"))
        # 3 transfers each paying two invoices
        for i in (20, 22, 24):
            rows.append((day, due[i] + due[i + 1], f"{ref[i]} {ref[i + 1]} phi T3"))
        # 3 invoices each paid in two halves
        for i in (26, 27, 28):
            half = due[i] // 2
            rows += [(day, half, f"{ref[i]} lan 1"), (day, due[i] - half, f"{ref[i].lower()} lan 2")]
        # 2 transfers paying more than the invoice they name
        for i in (29, 30):
            rows.append((day, due[i] + 100_000, f"{ref[i]} gui them"))
        # 1 transfer paying part of an invoice
        rows.append((day, 1_000_000, f"{ref[31]} tra truoc mot phan"))
        # 5 transfers naming an invoice paid by an earlier line of the same statement
        for i in range(5):
            rows.append((day, due[i], f"{ref[i]} chuyen lai"))
        # 13 lines without a reference: the payer's name, other amounts, the bank's fees and interest
        for i in range(5):
            rows.append((day, 2_345_000 + i, "HOANG THI HOA chuyen tien cho ba"))
        for i in range(4):
            rows.append((day, 777_000 + i, "CK tu thien"))
        rows += [(day, -11_000, "Phi quan ly tai khoan")] * 4
        self.assertEqual(len(rows), 50)

        Payment = self.env["account.payment"]
        before = Payment.search([("company_id", "=", self.facility_a.id)])
        action = self._import("bidv", "saoke_bidv_032026.csv", self._bidv_csv(rows))
        self.assertIn("32 of 46 incoming transfers paid", action["params"]["message"])

        statement = self.env["account.bank.statement"].search([("journal_id", "=", self.journal.id)], order="id desc",
                                                              limit=1)
        lines = statement.line_ids.sorted("sequence")
        self.assertEqual(len(lines), 50)
        self.assertTrue(all(invoice.payment_state in ("paid", "in_payment") for invoice in invoices[:31]))
        self.assertEqual(invoices[31].amount_residual, due[31] - 1_000_000)
        self.assertEqual(invoices[31].payment_state, "partial")
        # one bank advice per invoice paid (two for the halves), numbered in the facility's register
        payments = Payment.search([("company_id", "=", self.facility_a.id)]) - before
        self.assertEqual(len(payments), 20 + 6 + 6 + 2 + 1)
        self.assertEqual(sorted(payments.mapped("ctxh_voucher_number")),
                         [f"BC-2026-{n:04d}" for n in range(1, 36)])
        self.assertTrue(all(p.state == "paid" for p in payments), "each advice is matched with its bank line")
        self.assertTrue(all(lines[:29].mapped("is_reconciled")))
        overpaid = lines[29:31]
        self.assertFalse(any(overpaid.mapped("is_reconciled")), "what a line pays beyond waits for the accountant")
        self.assertIn("100.000", overpaid[0].ctxh_match_note)
        self.assertTrue(lines[31].is_reconciled)
        self.assertIn(invoices[31].name, lines[31].ctxh_match_note)
        left = lines[32:]
        self.assertFalse(any(left.mapped("is_reconciled")))
        self.assertIn("perhaps", left[5].ctxh_match_note, "the payer's name in the message")
        self.assertIn("Hoàng Thị Hoa", left[5].ctxh_match_note)
        self.assertIn(invoices[0].name, lines[0].ctxh_match_note)
        self.assertIn(invoices[20].name, lines[20].ctxh_match_note)
        self.assertIn(invoices[21].name, lines[20].ctxh_match_note, "one transfer, two invoices")

        # importing the same file again creates nothing and pays nothing twice
        with self.assertRaisesRegex(Exception, "already imported"):
            self._import("bidv", "saoke_bidv_032026.csv", self._bidv_csv(rows))

    def test_each_bank_layout(self):
        """Vietcombank and VietinBank export XLSX, Agribank CSV: each mapping reads its layout."""
        invoices = self._invoices()
        first, second, third = invoices[:3]

        def xlsx(title_rows, header, rows):
            book = openpyxl.Workbook()
            sheet = book.active
            for row in title_rows:
                sheet.append(row)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
            stream = io.BytesIO()
            book.save(stream)
            return stream.getvalue()

        vcb = xlsx([["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"], ["SAO KÊ TÀI KHOẢN"]],
                   ["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"],
                   [[1, "05/03/2026", "5123.1", "0", f"{first.amount_total:,.0f}", f"{first.payment_reference} HAI"]])
        self._import("vietcombank", "vcb.xlsx", vcb)
        self.assertEqual(first.payment_state, "paid")

        vtb = xlsx([["LỊCH SỬ GIAO DỊCH"]],
                   ["STT", "Ngày giao dịch", "Số giao dịch", "Nợ", "Có", "Mô tả giao dịch"],
                   [[1, "06/03/2026", "98765", "0", f"{second.amount_total:,.0f}",
                     f"CT DEN:{second.payment_reference}"]])
        self._import("vietinbank", "vietinbank.xlsx", vtb)
        self.assertEqual(second.payment_state, "paid")

        agribank = "\n".join([
            "STT,Ngày GD,Số CT,Số tiền nợ,Số tiền có,Nội dung",
            f'1,07/03/2026,AG0001,,"{third.amount_total:,.0f}",{third.payment_reference} nop tien',
        ]).encode()
        self._import("agribank", "agribank.csv", agribank)
        self.assertEqual(third.payment_state, "paid")
