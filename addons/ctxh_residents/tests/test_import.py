import base64
import io
from datetime import date

from openpyxl import Workbook, load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CtxhResidentsCase


class CtxhImportCase(CtxhResidentsCase):
    """Import files written as a user would: the wizard's own template, filled in from row 3."""

    def _wizard(self, user):
        return self.env["ctxh.import.wizard"].with_user(user).create({})

    def _file(self, wizard, **sheets):
        """The wizard's template with ``sheets`` (sheet key -> list of rows, each {column key: value})
        written from row 3 on; a sheet the template leaves out for this user is added by hand."""
        book = load_workbook(io.BytesIO(wizard._ctxh_template()))
        for spec in wizard._ctxh_import_sheets():
            keys = [column["key"] for column in spec["columns"]]
            if spec["key"] in sheets and spec["title"] not in book.sheetnames:
                book.create_sheet(spec["title"]).append([column["label"] for column in spec["columns"]])
            for row in sheets.get(spec["key"], []):
                book[spec["title"]].append([row.get(key) for key in keys])
        output = io.BytesIO()
        book.save(output)
        return base64.b64encode(output.getvalue())

    def _check(self, user, valid_only=False, **sheets):
        wizard = self._wizard(user)
        wizard.write({"file": self._file(wizard, **sheets), "filename": "import.xlsx", "valid_only": valid_only})
        wizard.action_check()
        return wizard

    def _problems(self, wizard):
        return {(p.sheet, p.row, p.column): p.message for p in wizard.problem_ids}

    def _residents(self, *names):
        return self.env["ctxh.resident"].with_context(active_test=False).search([("name", "in", list(names))])

    @staticmethod
    def _person(**vals):
        return {"name": "Lê Thị Hồng", "gender": "Female", "birthdate": "02/03/1952",
                "national_id": "020152000123", **vals}


@tagged("post_install", "-at_install")
class TestImportResidents(CtxhImportCase):
    def test_template_has_one_sheet_per_kind_with_labels_and_hints(self):
        """The template has the sheets Residents, Relatives and Lists, labels on row 1, hints on row 2."""
        wizard = self._wizard(self.care_a)
        action = wizard.action_download_template()
        self.assertEqual(action["target"], "download")
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        self.assertEqual(book.sheetnames, ["Residents", "Relatives", "Lists"],
                         "care staff get no sheet of contracts")
        residents = book["Residents"]
        self.assertEqual(residents["B1"].value, "Full Name *")
        self.assertEqual(residents["D1"].value, "Date of Birth")
        self.assertIn("dd/mm/yyyy", residents["D2"].value)
        validations = {str(v.sqref): v.formula1 for v in residents.data_validations.dataValidation}
        self.assertIn("C3:C1001", validations, "the gender has a drop-down list")
        self.assertEqual(validations["C3:C1001"], "'Lists'!$A$2:$A$3")
        self.assertEqual([c.value for c in book["Lists"]["A"]][1:3], ["Male", "Female"])
        self.assertIn("elderly_no_carer", [c.value for c in book["Lists"]["C"]])

    def test_valid_file_creates_exactly_its_rows(self):
        """A valid file creates its residents and relatives with every field, in the user's facility."""
        existing = self._resident(name="Hoàng Văn Tư", gender="male", birthdate=date(1948, 1, 1))
        wizard = self._check(
            self.care_a,
            resident=[
                self._person(categories="elderly_no_carer, disabled_severe", ethnicity="Tày",
                             religion="Phật giáo", native_state="Bắc Giang", native_commune="Xã Hương Sơn",
                             street="Thôn Nà Sla", commune="Xã Tân Đoàn", state="Tỉnh Lạng Sơn",
                             hi_card_number="BT2202012345678", hi_card_expiry=date(2027, 6, 30)),
                {"code": "SO-CU-07", "name": "Bé Na", "gender": "Female", "birthdate": 2019},
            ],
            relative=[
                {"resident": "020152000123", "name": "Hoàng Văn Hải", "relationship": "Child",
                 "is_guardian": "Yes", "phone": "0912345678", "national_id": "020080000456"},
                {"resident": "SO-CU-07", "name": "Lò Thị Sim", "relationship": "Mother",
                 "visit_permission": "Must not visit", "note": "Theo quyết định của tòa"},
                {"resident": existing.code, "name": "Hoàng Thị Ba", "relationship": "Sibling"},
            ],
        )
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        self.assertEqual((wizard.row_count, wizard.valid_row_count), (5, 5))
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        na, hong = wizard.resident_ids.sorted("name")
        self.assertEqual(len(wizard.resident_ids), 2)
        self.assertRecordValues(hong, [{
            "name": "Lê Thị Hồng", "gender": "female", "birthdate": date(1952, 3, 2), "birth_year": 1952,
            "birthdate_approximate": False, "national_id": "020152000123", "company_id": self.facility_a.id,
            "ethnicity_id": self.env.ref("ctxh_residents.ethnicity_02").id,
            "religion_id": self.env.ref("ctxh_residents.religion_buddhism").id,
            "native_state_id": self.env.ref("base.state_vn_VN-54").id, "native_commune": "Xã Hương Sơn",
            "street": "Thôn Nà Sla", "commune": "Xã Tân Đoàn", "state_id": self.env.ref("base.state_vn_VN-09").id,
            "hi_card_number": "BT2202012345678", "hi_card_expiry": date(2027, 6, 30),
        }])
        self.assertEqual(set(hong.category_ids.mapped("code")), {"elderly_no_carer", "disabled_severe"})
        self.assertRegex(hong.code, r"^TTBTXHLS-\d{4}-\d{4}$", "numbered by the facility's register")
        self.assertRecordValues(na, [{"code": "SO-CU-07", "birthdate": False, "birth_year": 2019,
                                      "birthdate_approximate": True, "national_id": False}])
        son = hong.relative_ids
        self.assertRecordValues(son, [{"relationship": "child", "is_guardian": True, "phone": "0912345678",
                                       "national_id": "020080000456", "visit_permission": "allowed"}])
        self.assertEqual(son.partner_id.name, "Hoàng Văn Hải")
        self.assertEqual(son.partner_id.company_id, self.facility_a)
        self.assertRecordValues(na.relative_ids, [{"relationship": "mother", "visit_permission": "forbidden",
                                                   "note": "Theo quyết định của tòa"}])
        self.assertEqual(existing.relative_ids.partner_id.name, "Hoàng Thị Ba")
        self.assertIn("2 created", wizard.summary)

    def test_one_bad_row_saves_nothing_and_says_where(self):
        """Bad citizen ID, unknown category, impossible or malformed date, missing name: each problem is
        reported by row and column, and nothing is saved."""
        wizard = self._check(self.care_a, resident=[
            self._person(name="Người Tốt", national_id=""),                            # row 3
            self._person(name="Số Sai", national_id="020152000"),                       # row 4
            self._person(name="Diện Lạ", national_id="", categories="elderly_no_carer, khong_co"),  # row 5
            self._person(name="Ngày Ngược", national_id="", birthdate="03/25/1950"),    # row 6
            self._person(name="Ngày Hỏng", national_id="", birthdate="ngày 3 tháng 5"),  # row 7
            self._person(name="", national_id=""),                                      # row 8
            self._person(name="Tỉnh Cũ", national_id="", state="Bắc Giang"),            # row 9
        ])
        problems = self._problems(wizard)
        self.assertEqual(set(problems), {
            ("Residents", 4, "E"), ("Residents", 5, "F"), ("Residents", 6, "D"), ("Residents", 7, "D"),
            ("Residents", 8, "B"), ("Residents", 9, "M"),
        })
        self.assertIn("exactly 12 digits", problems["Residents", 4, "E"])
        self.assertIn("“khong_co” is not in the list of the column Categories", problems["Residents", 5, "F"])
        self.assertIn("“03/25/1950” is not a date of birth", problems["Residents", 6, "D"])
        self.assertIn("write it as dd/mm/yyyy", problems["Residents", 7, "D"])
        self.assertEqual(problems["Residents", 8, "B"], "This cell is required.")
        self.assertIn("merged into Bắc Ninh", problems["Residents", 9, "M"])
        line = wizard.problem_ids.filtered(lambda p: p.row == 4)
        self.assertEqual((line.column_label, line.value), ("Citizen ID (CCCD)", "020152000"))
        with self.assertRaisesRegex(UserError, "Nothing was imported: the file has 6 problems"):
            wizard.action_import()
        self.assertFalse(self._residents("Người Tốt", "Số Sai", "Diện Lạ", "Ngày Ngược", "Tỉnh Cũ"))

    def test_valid_rows_only_leaves_out_bad_rows_and_rows_needing_them(self):
        """With "valid rows only", good rows are saved; bad rows and the relatives of bad rows are not."""
        wizard = self._check(self.care_a, valid_only=True, resident=[
            self._person(name="Người Tốt"),
            self._person(name="Năm Sai", national_id="020161000125"),
        ], relative=[
            {"resident": "020152000123", "name": "Con Người Tốt", "relationship": "Child"},
            {"resident": "020161000125", "name": "Con Năm Sai", "relationship": "Child"},
        ])
        problems = self._problems(wizard)
        self.assertEqual(set(problems), {("Residents", 4, "E"), ("Relatives", 4, "A")})
        self.assertIn("Row 4 of the sheet Residents", problems["Relatives", 4, "A"])
        wizard.action_import()
        self.assertEqual(wizard.resident_ids.mapped("name"), ["Người Tốt"])
        self.assertEqual(wizard.resident_ids.relative_ids.partner_id.name, "Con Người Tốt")
        self.assertFalse(self._residents("Năm Sai"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Con Năm Sai")]))

    def test_duplicates_are_reported_not_created(self):
        """The same citizen ID, or the same name and birth date, in the database or twice in the file,
        is a problem of the row naming the other record; with valid rows only, it is not created."""
        # the collision is logged on a cursor of its own: here, the test's
        self.registry.enter_test_mode(self.env.cr)
        self.addCleanup(self.registry.leave_test_mode)
        other_facility = self._resident(company=self.facility_b, name="Vi Thị Hạnh", national_id="020152000127",
                                         birthdate=date(1952, 3, 2))
        same_person = self._resident(name="Lý Thị Mai", birthdate=date(1940, 7, 1))
        wizard = self._check(self.care_a, valid_only=True, resident=[
            self._person(name="Vi Thị Hạnh", national_id="020152000127"),           # row 3: CCCD in facility B
            self._person(name="lý thị  mai", birthdate="01/07/1940", national_id=""),  # row 4: same person
            self._person(name="Nông Thị Lan", national_id="020152000128"),          # row 5
            self._person(name="Nông Thị Lan Anh", national_id="020152000128"),      # row 6: CCCD of row 5
            self._person(name="Mã Văn Hòa", gender="Male", birthdate="09/09/1945", national_id=""),  # row 7
            self._person(name="Mã Văn Hoà", gender="Male", birthdate="09/09/1945", national_id=""),  # row 8
        ])
        problems = self._problems(wizard)
        self.assertEqual(set(problems), {("Residents", 3, "E"), ("Residents", 4, "B"), ("Residents", 6, "E"),
                                         ("Residents", 8, "B")})
        # facility B is not care_a's: the answer names neither the person nor the facility, and is logged
        self.assertEqual(problems["Residents", 3, "E"], "This citizen ID number is already registered in another "
                                                        "facility: ask the director to request a transfer.")
        self.assertNotIn(other_facility.code, str(problems))
        collision = self.env["ctxh.sensitive.access.log"].search([("access_type", "=", "identity_collision"),
                                                                  ("user_id", "=", self.care_a.id)])
        self.assertEqual((collision.user_id, collision.res_id, collision.company_id),
                         (self.care_a, other_facility.id, self.facility_a))
        self.assertIn(same_person.code, problems["Residents", 4, "B"])
        self.assertIn("The same person is on row 5", problems["Residents", 6, "E"])
        self.assertIn("The same person is on row 7", problems["Residents", 8, "B"])
        wizard.action_import()
        self.assertEqual(sorted(wizard.resident_ids.mapped("name")), ["Mã Văn Hòa", "Nông Thị Lan"])
        self.assertEqual(len(self._residents("Vi Thị Hạnh")), 1)
        self.assertEqual(len(self._residents("Lý Thị Mai", "lý thị  mai")), 1)

    def test_relatives_of_residents_of_the_same_file(self):
        """Relatives name residents of the same file by citizen ID or by the code given in the file;
        one citizen ID on two rows is one person, related to both residents."""
        wizard = self._check(self.care_a, resident=[
            self._person(name="Đinh Thị Một"),
            {"code": "CU-002", "name": "Đinh Văn Hai", "gender": "Male", "birthdate": "1950"},
        ], relative=[
            {"resident": "020152000123", "name": "Đinh Văn Con", "relationship": "Child",
             "national_id": "020085000999", "is_guardian": "Yes"},
            {"resident": "cu-002", "name": "Đinh Văn Con", "relationship": "Child", "national_id": "020085000999"},
            {"resident": "CU-999", "name": "Không Ai", "relationship": "Other"},
        ])
        self.assertEqual(set(self._problems(wizard)), {("Relatives", 5, "A")})
        self.assertIn("No resident has the citizen ID or code “CU-999”", self._problems(wizard)["Relatives", 5, "A"])
        wizard.valid_only = True
        wizard.action_import()
        one, two = wizard.resident_ids.sorted("name")
        self.assertEqual((one.name, two.name), ("Đinh Thị Một", "Đinh Văn Hai"))
        self.assertEqual(one.guardian_id.name, "Đinh Văn Con")
        self.assertEqual(one.relative_ids.partner_id, two.relative_ids.partner_id, "one person, one contact")

    def test_relatives_already_registered_are_reported(self):
        """A relative the resident already has, twice in the file, or with the citizen ID of another
        registered relative, is reported; a registered relative's citizen ID reuses that contact."""
        mother = self._resident(name="Hà Thị Mẹ", birthdate=date(1950, 1, 1))
        son = self.env["res.partner"].create({"name": "Hà Văn Con", "company_id": self.facility_a.id})
        self.env["ctxh.resident.relative"].create({"resident_id": mother.id, "partner_id": son.id,
                                                   "relationship": "child", "national_id": "020080000111"})
        father = self._resident(name="Hà Văn Bố", gender="male", birthdate=date(1948, 1, 1))
        wizard = self._check(self.care_a, valid_only=True, relative=[
            {"resident": mother.code, "name": "HÀ VĂN CON", "relationship": "Child"},               # row 3
            {"resident": father.code, "name": "Hà Văn Con", "relationship": "Child",
             "national_id": "020080000111"},                                                       # row 4
            {"resident": father.code, "name": "Hà Văn Con", "relationship": "Child"},              # row 5
            {"resident": father.code, "name": "Người Khác", "relationship": "Other",
             "national_id": "020080000111"},                                                       # row 6
        ])
        problems = self._problems(wizard)
        self.assertEqual(set(problems), {("Relatives", 3, "B"), ("Relatives", 5, "B"), ("Relatives", 6, "B"),
                                         ("Relatives", 6, "F")})
        self.assertEqual(problems["Relatives", 3, "B"], "Hà Văn Con is already registered as a relative of Hà Thị Mẹ.")
        self.assertIn("on row 4", problems["Relatives", 5, "B"])
        self.assertEqual(wizard.problem_ids.filtered(lambda p: p.row == 6 and p.column == "F").mapped("message"), [
            "This citizen ID is registered for Hà Văn Con, another relative.",
            "Row 4 gives this citizen ID to someone else.",
        ])
        wizard.action_import()
        self.assertEqual(father.relative_ids.partner_id, son, "the registered contact, not a new one")
        self.assertEqual(len(mother.relative_ids), 1)

    def test_a_file_made_by_hand_is_read_by_its_labels(self):
        """Columns in another order, no row of hints, a citizen ID typed as a number: still read."""
        book = Workbook()
        sheet = book.active
        sheet.title = "Residents"
        sheet.append(["Date of Birth", "Citizen ID (CCCD)", "full name", "Gender"])
        sheet.append([date(1952, 3, 2), 20152000123, "Tạ Thị Tâm", "female"])
        output = io.BytesIO()
        book.save(output)
        wizard = self._wizard(self.care_a)
        wizard.file = base64.b64encode(output.getvalue())
        wizard.action_check()
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        wizard.action_import()
        self.assertRecordValues(wizard.resident_ids, [{"name": "Tạ Thị Tâm", "national_id": "020152000123"}])

    def test_unknown_column_and_unreadable_file(self):
        """An unknown column is a problem of the sheet; a file that is not a workbook is refused."""
        book = Workbook()
        book.active.title = "Residents"
        book.active.append(["Full Name", "Biệt danh"])
        book.active.append(["Tạ Văn Tài", "Tài còi"])
        output = io.BytesIO()
        book.save(output)
        wizard = self._wizard(self.care_a)
        wizard.file = base64.b64encode(output.getvalue())
        wizard.action_check()
        self.assertEqual(self._problems(wizard), {
            ("Residents", 1, "B"): "Unknown column: name it as in the template, or delete it."})
        wizard.valid_only = True
        with self.assertRaisesRegex(UserError, "no row of the file is without problems"):
            wizard.action_import()
        wizard.file = base64.b64encode(b"Name;Gender\nA;B\n")
        with self.assertRaisesRegex(UserError, "cannot be read as an Excel workbook"):
            wizard.action_check()

    def test_facility_b_user_imports_into_facility_b(self):
        """A user of facility B imports into facility B, numbered by its register."""
        wizard = self._check(self.care_b, resident=[self._person(name="Nông Văn Dền", gender="Male",
                                                                 national_id="020052000129")])
        wizard.action_import()
        self.assertEqual(wizard.resident_ids.company_id, self.facility_b)
        self.assertTrue(wizard.resident_ids.code.startswith("CSCNCB-"))

    def test_only_the_current_facility_and_care_staff(self):
        """The import runs in the facility it was opened in, and only for care staff."""
        wizard = self._wizard(self.care_ab)
        wizard.file = self._file(wizard, resident=[self._person()])
        with self.assertRaisesRegex(UserError, "switch to that facility"):
            wizard.with_context(allowed_company_ids=[self.facility_b.id, self.facility_a.id]).action_check()
        outsider = new_test_user(self.env, login="outsider", groups="base.group_user",
                                 company_id=self.facility_a.id)
        with self.assertRaises(AccessError):
            wizard.with_user(outsider).action_check()

    def _count_check_queries(self, residents, relatives):
        wizard = self._wizard(self.care_a)
        wizard.file = self._file(wizard, resident=residents, relative=relatives)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        wizard.action_check()
        self.env.flush_all()
        return wizard, self.env.cr.sql_log_count - before

    def test_checking_200_rows_takes_a_bounded_number_of_queries(self):
        """Checking 200 residents and 200 relatives runs a few searches per sheet, not one per row,
        whether the rows are valid or every one of them has a problem."""
        residents = [self._person(name=f"Người Số {i}", national_id=f"0201520{i:05d}",
                                  birthdate=f"{i % 28 + 1}/03/1952", categories="elderly_no_carer",
                                  ethnicity="Kinh", native_state="Lạng Sơn") for i in range(200)]
        relatives = [{"resident": f"0201520{i:05d}", "name": f"Con Số {i}", "relationship": "Child",
                      "national_id": f"0200800{i:05d}"} for i in range(200)]
        wizard, queries = self._count_check_queries(residents, relatives)
        self.assertFalse(wizard.problem_ids, self._problems(wizard))
        self.assertEqual(wizard.row_count, 400)
        self.assertLess(queries, 60)

        for resident in residents:
            resident["national_id"] = "999" + resident["national_id"][3:]  # no such province
        for relative in relatives:
            relative["resident"] = "MA-" + relative["resident"]  # no such resident
        wizard, queries = self._count_check_queries(residents, relatives)
        self.assertEqual((wizard.row_count, wizard.valid_row_count, len(wizard.problem_ids)), (400, 0, 400))
        self.assertLess(queries, 60)
