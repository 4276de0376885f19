import io
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.test_import import CtxhImportCase

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestImportContracts(CtxhContractCase, CtxhImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared_room.default_code = "PHONG-CHUNG"
        cls.resident = cls._resident(name="Hoàng Thị Lành", birthdate=date(1952, 3, 2), national_id="020152000123")
        cls.Contract = cls.env["ctxh.care.contract"]

    def _contract_rows(self, **first):
        """Contract HĐ1 of the resident: the shared room paid 60% by the son, special care 40% by the
        daughter, named by her citizen ID on the sheet of relatives."""
        return [
            {"contract": "HĐ1", "resident": "020152000123", "date": "05/01/2026", "date_start": date(2026, 2, 1),
             "billing_mode": "In arrears", "deposit": "1.000.000", "service": "PHONG-CHUNG",
             "payer": "Hoàng Văn Hải", "share": 60, **first},
            {"contract": "hđ1", "service": "Phụ phí chăm sóc đặc biệt", "quantity": 1, "price": 1_500_000,
             "payer": "020085000321", "share": "40"},
        ]

    def _daughter_row(self):
        return {"resident": "020152000123", "name": "Hoàng Thị Hoa", "relationship": "Child",
                "national_id": "020085000321", "phone": "0987654321"}

    def test_template_sheets_follow_the_groups(self):
        """Directors get every sheet; accountants only the sheet of contracts; care staff none of it."""
        def sheets(user):
            wizard = self._wizard(user)
            return load_workbook(io.BytesIO(wizard._ctxh_template())).sheetnames

        self.assertEqual(sheets(self.director_a), ["Residents", "Relatives", "Contracts", "Lists"])
        self.assertEqual(sheets(self.accountant_a), ["Contracts", "Lists"])
        self.assertEqual(sheets(self.care_a), ["Residents", "Relatives", "Lists"])

    def test_contract_with_two_payers_and_two_services(self):
        """Two rows of one contract: two services, at the price list's price or the one written, and two
        payers at 60% and 40%; the contract is created in draft for the director to sign."""
        wizard = self._check(self.director_a, relative=[self._daughter_row()], contract=self._contract_rows())
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        wizard.action_import()
        contract = wizard.contract_ids
        self.assertEqual(len(contract), 1)
        self.assertRecordValues(contract, [{
            "resident_id": self.resident.id, "company_id": self.facility_a.id, "state": "draft",
            "date": date(2026, 1, 5), "date_start": date(2026, 2, 1), "billing_mode": "arrears",
            "deposit_amount": 1_000_000,
        }])
        self.assertRecordValues(contract.line_ids.sorted("sequence"), [
            {"product_id": self.shared_room.id, "quantity": 1, "price_unit": 7_500_000},
            {"product_id": self.special_care.id, "quantity": 1, "price_unit": 1_500_000},
        ])
        daughter = self.resident.relative_ids.partner_id
        self.assertEqual(daughter.name, "Hoàng Thị Hoa")
        self.assertRecordValues(contract.payer_ids.sorted("sequence"), [
            {"partner_id": self.son.id, "share": 60}, {"partner_id": daughter.id, "share": 40},
        ])
        self.assertEqual(contract.amount_monthly, 9_000_000)
        self.assertIn("Contracts: 1 created", wizard.summary)

    def test_shares_of_60_and_30_are_refused(self):
        """Shares adding up to 90% are a problem of the contract; nothing is saved."""
        rows = self._contract_rows()
        rows[1]["share"] = 30
        wizard = self._check(self.director_a, relative=[self._daughter_row()], contract=rows)
        problems = self._problems(wizard)
        self.assertEqual(set(problems), {("Contracts", 4, "K"), ("Contracts", 3, "")})
        self.assertIn("add up to 90%, not 100%", problems["Contracts", 4, "K"])
        self.assertIn("Row 4 of contract HĐ1 has problems", problems["Contracts", 3, ""])
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.Contract.search([("resident_id", "=", self.resident.id)]))
        self.assertFalse(self.resident.relative_ids)

    def test_care_staff_cannot_import_contracts(self):
        """A care worker's sheet of contracts is refused as a whole; the other sheets can still be imported."""
        wizard = self._check(self.care_a, valid_only=True, relative=[self._daughter_row()],
                             contract=self._contract_rows())
        self.assertEqual(self._problems(wizard), {
            ("Contracts", 1, ""): "Only Accountant may import the sheet Contracts: none of its rows can be imported.",
        })
        wizard.action_import()
        self.assertEqual(self.resident.relative_ids.partner_id.name, "Hoàng Thị Hoa")
        self.assertFalse(self.Contract.search([("resident_id", "=", self.resident.id)]))

    def test_accountant_imports_contracts_not_residents(self):
        """An accountant imports contracts, paid by a relative already registered; residents are refused."""
        daughter = self.env["res.partner"].create({"name": "Hoàng Thị Hoa", "company_id": self.facility_a.id})
        self.env["ctxh.resident.relative"].create({
            "resident_id": self.resident.id, "partner_id": daughter.id, "relationship": "child",
            "national_id": "020085000321"})
        wizard = self._check(self.accountant_a, valid_only=True, resident=[self._person(name="Ai Đó")],
                             contract=self._contract_rows(payer="hoàng thị hoa", share=100)[:1])
        self.assertEqual(set(self._problems(wizard)), {("Residents", 1, "")})
        wizard.action_import()
        self.assertRecordValues(wizard.contract_ids.payer_ids, [{"partner_id": daughter.id, "share": 100}])
        self.assertFalse(self._residents("Ai Đó"))

    def test_problems_of_contract_rows(self):
        """Unknown service and payer, a contract date given twice differently, a contract without resident,
        and a contract of the same resident and date already in draft: each reported where it is."""
        self._contract(self.resident, activate=False)  # HĐ of 05/01/2026, in draft
        other = self._resident(name="Phan Văn Lực", gender="male", birthdate=date(1950, 1, 1))
        wizard = self._check(self.accountant_a, contract=[
            *self._contract_rows(),                                                          # rows 3-4
            {"contract": "HĐ2", "resident": other.code, "date": "01/02/2026", "service": "Không có",
             "payer": "Người Lạ", "share": 100},                                              # row 5
            {"contract": "HĐ2", "date": "02/02/2026"},                                        # row 6
            {"contract": "HĐ3", "date": "01/02/2026", "service": "PHONG-CHUNG", "payer": self.son.name,
             "share": 100},                                                                  # row 7
        ])
        problems = self._problems(wizard)
        self.assertIn("Hoàng Thị Lành already has contract", problems["Contracts", 3, "C"])
        self.assertIn("No relative has the citizen ID 020085000321", problems["Contracts", 4, "J"])
        self.assertIn("“Không có” is not in the list of the column Service", problems["Contracts", 5, "G"])
        self.assertIn("No relative of the resident or contact is named Người Lạ", problems["Contracts", 5, "J"])
        self.assertIn("Row 5 gives contract HĐ2 another value", problems["Contracts", 6, "C"])
        self.assertEqual(problems["Contracts", 7, "B"], "Contract HĐ3 names no resident.")
        self.assertFalse(wizard.valid_row_count)

    def test_contract_of_a_resident_of_the_same_file(self):
        """A contract names a resident and a payer created by the same file."""
        wizard = self._check(self.director_a, resident=[self._person(name="Lục Thị Mới", national_id="020152000130")],
                             relative=[{**self._daughter_row(), "resident": "020152000130"}],
                             contract=[{"contract": "1", "resident": "020152000130", "date": date(2026, 3, 1),
                                        "service": "PHONG-CHUNG", "payer": "Hoàng Thị Hoa", "share": 100}])
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        wizard.action_import()
        contract = wizard.contract_ids
        self.assertEqual(contract.resident_id, wizard.resident_ids)
        self.assertEqual(contract.payer_ids.partner_id, wizard.resident_ids.relative_ids.partner_id)
        self.assertEqual(contract.line_ids.price_unit, 7_500_000)

    def test_checking_200_contract_rows_takes_a_bounded_number_of_queries(self):
        """100 contracts of two rows, paid by registered relatives named by name: a few searches in all."""
        residents = self.env["ctxh.resident"].create([{
            "name": f"Người Số {i}", "gender": "female", "company_id": self.facility_a.id,
            "relative_ids": [Command.create({
                "partner_id": self.env["res.partner"].create({"name": f"Con Số {i}"}).id, "relationship": "child",
            })],
        } for i in range(100)])
        rows = []
        for i, resident in enumerate(residents):
            rows += [
                {"contract": f"HĐ{i}", "resident": resident.code, "date": "05/01/2026", "service": "PHONG-CHUNG",
                 "payer": f"Con Số {i}", "share": 100},
                {"contract": f"HĐ{i}", "service": "Giặt là (lần)", "quantity": 4},
            ]
        wizard = self._wizard(self.accountant_a)
        wizard.file = self._file(wizard, contract=rows)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        wizard.action_check()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        self.assertEqual(wizard.valid_row_count, 200)
        self.assertLess(queries, 60)
