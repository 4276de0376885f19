import io
from datetime import date, datetime

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase
from odoo.addons.ctxh_services.tests.common import CtxhContractCase

# row 5 of every sheet is the header (rows 1 to 3: report, facilities, period); data starts on row 6
HEADER = 5
Q2 = {"period_kind": "quarter", "year": 2026, "quarter": "2"}


class XlsxReportMixin:
    """Print a report the way the wizard's button does, as ``user``, and read the workbook back."""

    def _wizard(self, user, kind, companies=None, **period):
        return self.env["ctxh.report.wizard"].with_user(user).create({
            "report_kind": kind, "company_ids": [Command.set((companies or self.facility_a).ids)],
            **(period or Q2),
        })

    def _print(self, user, kind, companies=None, context=None, **period):
        # labels are checked in English, whatever the translations
        wizard = self._wizard(user, kind, companies, **period).with_context(**{"lang": "en_US", **(context or {})})
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        content, extension = self.env["ir.actions.report"].with_user(user).with_context(action["context"])._render(
            action["report_name"], action["context"]["active_ids"], action["data"])
        self.assertEqual(extension, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _header(self, sheet):
        return [cell.value for cell in sheet[HEADER] if cell.value is not None]

    def _rows(self, sheet):
        """Rows under the header, as lists of values, up to the first empty row."""
        rows = []
        for values in sheet.iter_rows(min_row=HEADER + 1, values_only=True):
            if all(value is None for value in values):
                break
            rows.append(list(values))
        return rows

    def _by_label(self, sheet, column=0):
        return {row[column]: row for row in self._rows(sheet) if row[column] is not None}

    def _assert_layout(self, sheet, title, facility_names, frozen):
        """Title rows, bold wrapped bordered header, frozen panes below it, column widths set."""
        self.assertEqual(sheet["A1"].value, title)
        self.assertTrue(sheet["A1"].font.b)
        for name in facility_names:
            self.assertIn(name, sheet["A2"].value)
        self.assertTrue(sheet["A3"].value.startswith("From 01/04/2026 to 30/06/2026"), sheet["A3"].value)
        header = sheet["A5"]
        self.assertTrue(header.font.b and header.alignment.wrap_text and header.border.bottom.style)
        self.assertEqual(sheet.freeze_panes, frozen)
        self.assertTrue(sheet.column_dimensions["A"].customWidth)
        self.assertLessEqual(len(sheet.title), 31)


@tagged("post_install", "-at_install")
class TestXlsxReportWizard(XlsxReportMixin, CtxhResidentsCase):
    """The report wizard: periods, facilities and who may print which report."""

    def _form(self, user=None, kind="statistics"):
        Wizard = self.env["ctxh.report.wizard"].with_user(user or self.care_a)
        return Form(Wizard.with_context(default_report_kind=kind))

    def test_quarter_half_year_and_year_periods(self):
        """Quarter 2 of 2026 is 01/04 to 30/06; the second half 01/07 to 31/12; the year and February too."""
        form = self._form()
        form.period_kind = "quarter"
        form.year = 2026
        form.quarter = "2"
        self.assertEqual((form.date_from, form.date_to), (date(2026, 4, 1), date(2026, 6, 30)))
        form.period_kind = "half"
        form.half = "2"
        self.assertEqual((form.date_from, form.date_to), (date(2026, 7, 1), date(2026, 12, 31)))
        form.period_kind = "year"
        self.assertEqual((form.date_from, form.date_to), (date(2026, 1, 1), date(2026, 12, 31)))
        form.period_kind = "month"
        form.month = "2"
        self.assertEqual((form.date_from, form.date_to), (date(2026, 2, 1), date(2026, 2, 28)))
        wizard = form.save()
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 2, 1), date(2026, 2, 28)))
        self.assertEqual(wizard.company_ids, self.facility_a, "the user's current facility by default")
        report = self.env.ref("ctxh_reports.ctxh_report_statistics_xlsx")
        self.assertEqual(safe_eval(report.print_report_name, {"object": wizard.with_context(lang="en_US")}),
                         "Facility statistics 01-02-2026 - 28-02-2026", "the downloaded file's name")
        self.assertEqual(self._wizard(self.care_a, "statistics").date_to, date(2026, 6, 30))

    def test_custom_dates_must_not_be_inverted(self):
        """Custom dates are the user's own; an end before the start is refused with the two dates."""
        form = self._form()
        form.period_kind = "custom"
        form.date_from = date(2026, 5, 10)
        form.date_to = date(2026, 5, 20)
        wizard = form.save()
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 5, 10), date(2026, 5, 20)))
        form = self._form()
        form.period_kind = "custom"
        form.date_from = date(2026, 5, 10)
        form.date_to = date(2026, 5, 1)
        with self.assertRaisesRegex(ValidationError, "01/05/2026, before it starts on 10/05/2026"):
            form.save()
        with self.assertRaises(ValidationError):
            self.env["ctxh.report.wizard"].with_user(self.care_a).create({
                "period_kind": "custom", "date_from": date(2026, 5, 10), "date_to": date(2026, 4, 30)})
        with self.assertRaisesRegex(ValidationError, "year between"):
            self.env["ctxh.report.wizard"].with_user(self.care_a).create({"period_kind": "year", "year": 20266})

    def test_facility_b_cannot_report_on_facility_a(self):
        """The facilities offered are the user's own; a user of facility B who names facility A is refused."""
        domain = self.env["ctxh.report.wizard"].with_user(self.care_b).fields_get(["company_ids"])[
            "company_ids"]["domain"]
        self.assertEqual(self.env["res.company"].search(domain), self.facility_b)
        with self.assertRaises(AccessError):
            self._wizard(self.care_b, "statistics", self.facility_a | self.facility_b).action_print()
        # a wizard naming facility A forced through (sudo keeps the user as its creator) is refused too
        wizard = self.env["ctxh.report.wizard"].with_user(self.care_b).sudo().create({
            "company_ids": [Command.set((self.facility_a | self.facility_b).ids)], **Q2}).sudo(False)
        with self.assertRaisesRegex(AccessError, "Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn"):
            wizard.action_print()
        with self.assertRaisesRegex(AccessError, "Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn"):
            self.env["ir.actions.report"].with_user(self.care_b)._render(
                "ctxh_reports.ctxh_report_statistics_xlsx", wizard.ids, None)

    def test_each_report_for_its_groups(self):
        """Care staff print statistics but not billing, allowances or medication; accountants the
        reverse; medical staff medication; the director everything."""
        allowed = {
            self.care_a: {"statistics", "register", "attendance", "activity"},
            self.medical_a: {"statistics", "register", "attendance", "medication", "activity"},
            self.accountant_a: {"billing", "allowance"},
            self.director_a: {"statistics", "register", "attendance", "medication", "billing", "allowance",
                              "activity"},
        }
        for user, kinds in allowed.items():
            for kind in ("statistics", "register", "attendance", "medication", "billing", "allowance", "activity"):
                with self.subTest(user=user.login, kind=kind):
                    wizard = self._wizard(user, kind)
                    if kind in kinds:
                        self.assertEqual(wizard.action_print()["report_name"], f"ctxh_reports.ctxh_report_{kind}_xlsx")
                    else:
                        with self.assertRaises(AccessError):
                            wizard.action_print()

    def test_report_checks_its_own_group_and_owner(self):
        """A care worker's wizard cannot print billing by calling the report directly; another user
        cannot print or read someone else's wizard."""
        wizard = self._wizard(self.care_a, "statistics")
        Report = self.env["ir.actions.report"].with_user(self.care_a)
        with self.assertRaisesRegex(AccessError, "Accountant"):
            Report._render("ctxh_reports.ctxh_report_billing_xlsx", wizard.ids, None)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.director_a)._render(
                "ctxh_reports.ctxh_report_statistics_xlsx", wizard.ids, None)
        with self.assertRaises(AccessError):
            wizard.with_user(self.care_ab).read(["company_ids"])

    def test_menus_follow_the_groups(self):
        """Accountants see billing and allowances in Reporting, care staff the care reports."""
        def menus(user):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            reporting = self.env["ir.ui.menu"].search([
                ("id", "child_of", self.env.ref("ctxh_reports.menu_ctxh_reporting").id)])
            return {menu.action.context for menu in reporting
                    if menu.id in visible and menu.action and menu.action.res_model == "ctxh.report.wizard"}

        self.assertEqual(len(menus(self.director_a)), 7)
        self.assertEqual(menus(self.accountant_a),
                         {"{'default_report_kind': 'billing'}", "{'default_report_kind': 'allowance'}"})
        self.assertEqual(len(menus(self.care_a)), 4)
        self.assertEqual(len(menus(self.medical_a)), 5)


@tagged("post_install", "-at_install")
class TestXlsxReports(XlsxReportMixin, CtxhResidentsCase):
    """Known stays, discharges, allowances, attendance and doses in facility A (and one stay in B),
    reported for the second quarter of 2026 (the facilities' local time is UTC+7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.elderly = ref("ctxh_residents.category_elderly_no_carer")
        cls.child = ref("ctxh_residents.category_child_no_carer")
        cls.death = ref("ctxh_residents.discharge_reason_death")
        cls.family = ref("ctxh_residents.discharge_reason_family_request")
        resident = cls._resident
        elderly, child = [cls.elderly.id], [cls.child.id]
        # in care before and after the quarter
        cls.r1 = resident(name="Vi Thị Nhàn", birthdate=date(1944, 5, 1), category_ids=elderly)
        cls.s1 = cls._admit(cls.r1, cls.bed1, date_start=datetime(2025, 12, 1, 3, 0))
        # in care before, back to the family on 5 May
        cls.r2 = resident(name="Hoàng Văn Sáu", gender="male", birthdate=date(1950, 7, 15), category_ids=elderly)
        cls.s2 = cls._admit(cls.r2, date_start=datetime(2026, 1, 10, 3, 0))
        # in care before, died on 10 June
        cls.r3 = resident(name="Lò Thị Bảy", birthdate=date(1938, 3, 3), category_ids=elderly)
        cls.s3 = cls._admit(cls.r3, cls.bed2, date_start=datetime(2026, 2, 1, 3, 0))
        # arrived at 03:00 on 1 April local time (31 March UTC), emergency admission
        cls.r4 = resident(name="Hà Văn Tư", gender="male", birthdate=date(2015, 3, 1), category_ids=child)
        emergency = cls.env["ctxh.admission"].create({
            "resident_id": cls.r4.id, "company_id": cls.facility_a.id,
            "admission_type_id": ref("ctxh_residents.admission_type_emergency").id})
        cls.s4 = cls._admit(cls.r4, date_start=datetime(2026, 3, 31, 20, 0), admission_id=emergency.id)
        # admitted on 20 April, left on 25 June without a discharge record; two categories
        cls.r5 = resident(name="Đinh Thị Năm", birthdate=date(2021, 1, 1), category_ids=elderly + child)
        cls.s5 = cls._admit(cls.r5, date_start=datetime(2026, 4, 20, 3, 0))
        # admitted on 1 May; only the year of birth, sex and category not recorded
        cls.r6 = resident(name="Người không rõ", gender=False, birth_year=2009)
        cls.s6 = cls._admit(cls.r6, date_start=datetime(2026, 5, 1, 3, 0))
        # gone before the quarter; arrived after it
        cls.r7 = resident(name="Lục Thị Bảy", category_ids=elderly)
        cls._admit(cls.r7, date_start=datetime(2025, 6, 1, 3, 0))._end(datetime(2026, 3, 20, 3, 0))
        cls.r8 = resident(name="Nông Văn Tám", gender="male", birthdate=date(1990, 1, 1), category_ids=elderly)
        cls._admit(cls.r8, date_start=datetime(2026, 7, 2, 3, 0))
        # left at 01:00 on 1 July local time (30 June UTC): still in care at the end of the quarter
        cls.r9 = resident(name="Triệu Thị Chín", birthdate=date(1960, 1, 1), category_ids=elderly)
        cls.s9 = cls._admit(cls.r9, cls.bed3, date_start=datetime(2026, 1, 1, 3, 0))
        # facility B: one admission in the quarter
        cls.r10 = resident(company=cls.facility_b, name="Bế Thị Mười", birthdate=date(1980, 2, 2))
        cls._admit(cls.r10, date_start=datetime(2026, 4, 10, 3, 0))

        # allowance sheets of March (before the quarter), April and May, computed while everyone is in care
        sheets = cls.env["ctxh.allowance.sheet"].with_user(cls.accountant_a).create([
            {"company_id": cls.facility_a.id, "date_from": date(2026, month, 1)} for month in (3, 4, 5)])
        sheets.action_compute()
        cls.sheets = sheets[1:]
        cls._activities()
        cls._doses()

        cls._discharge(cls.s2, cls.family, datetime(2026, 5, 5, 3, 0))
        cls._discharge(cls.s3, cls.death, datetime(2026, 6, 10, 3, 0))
        cls.s5._end(datetime(2026, 6, 25, 3, 0))
        cls.s9._end(datetime(2026, 6, 30, 18, 0))

    @classmethod
    def _discharge(cls, stay, reason, when):
        discharge = cls.env["ctxh.discharge"].with_user(cls.care_a).create({
            "stay_id": stay.id, "reason_id": reason.id, "destination": "family", "handover_date": when})
        discharge.with_user(cls.director_a).action_approve()
        discharge.with_user(cls.care_a).action_done()

    @classmethod
    def _activities(cls):
        """Three sessions done in the quarter, one still planned, one done in July."""
        as_care = cls.env(user=cls.care_a)
        cls.programme = as_care["ctxh.programme"].create({
            "name": "Lớp đan len", "kind": "vocational", "company_id": cls.facility_a.id, "hours_per_session": 2.0,
        })
        cls.programme.action_open()
        as_care["ctxh.programme.enrolment"].create([
            {"programme_id": cls.programme.id, "resident_id": r.id} for r in (cls.r1, cls.r4, cls.r6)])
        marks = [
            (datetime(2026, 4, 6, 2, 0), 2.0, ("present", "present", "absent")),
            (datetime(2026, 5, 4, 2, 0), 1.5, ("present", "absent", "excused")),
            (datetime(2026, 6, 1, 2, 0), 2.0, ("absent", "present", "present")),
            (datetime(2026, 7, 6, 2, 0), 2.0, ("present", "present", "present")),
        ]
        for start, hours, statuses in marks:
            session = as_care["ctxh.programme.session"].create({
                "programme_id": cls.programme.id, "date_start": start, "hours": hours})
            for resident, status in zip((cls.r1, cls.r4, cls.r6), statuses, strict=True):
                session.attendance_ids.filtered(lambda a, r=resident: a.resident_id == r).status = status
            session.action_done()
        as_care["ctxh.programme.session"].create({
            "programme_id": cls.programme.id, "date_start": datetime(2026, 6, 15, 2, 0)})

    @classmethod
    def _doses(cls):
        """Ten doses of amlodipine for r1 in the quarter (7 given, 1 refused, 1 missed, 1 never recorded),
        one in July; four doses of vitamin C for r4, all given."""
        as_medical = cls.env(user=cls.medical_a)
        Order = as_medical["ctxh.medication"]
        cls.amlodipine = Order.create({"resident_id": cls.r1.id, "medicine": "Amlodipin 5mg", "dose": "1 viên",
                                       "date_start": date(2026, 4, 1)})
        cls.vitamin = Order.create({"resident_id": cls.r4.id, "medicine": "Vitamin C", "dose": "1 viên",
                                    "date_start": date(2026, 4, 1)})
        # the rounds' outcomes as a fixture: written by the system, as recording them would
        Dose = as_medical["ctxh.medication.administration"].sudo()
        doses = Dose.create([{"medication_id": cls.amlodipine.id, "scheduled_at": datetime(2026, 4, day, 0, 0)}
                             for day in range(1, 11)])
        doses[:7].write({"state": "given"})
        doses[7].write({"state": "refused", "reason": "Không chịu uống"})
        doses[8].write({"state": "missed", "reason": "Đi viện"})
        Dose.create({"medication_id": cls.amlodipine.id, "scheduled_at": datetime(2026, 7, 1, 0, 0),
                     "state": "given"})
        Dose.create([{"medication_id": cls.vitamin.id, "scheduled_at": datetime(2026, 5, day, 0, 0),
                      "state": "given"} for day in range(1, 5)])

    # ------------------------------------------------------------------
    # Facility statistics
    # ------------------------------------------------------------------
    def test_statistics_by_category_sex_and_age(self):
        """Q2 in facility A: 4 at the start, 3 admitted, 3 discharged (one death, one to the family,
        one with no record), 4 at the end, and every breakdown adds up to that."""
        workbook = self._print(self.care_a, "statistics")
        self.assertEqual(workbook.sheetnames, ["TTBTXHLS"])
        sheet = workbook["TTBTXHLS"]
        self._assert_layout(sheet, "Facility statistics", [self.facility_a.name], "B6")
        self.assertEqual(self._header(sheet), [
            "Group", "At the start of the period", "Admitted", "Discharged", "of which deaths",
            f"of which: {self.family.name}", "of which: ground not recorded", "At the end of the period"])
        rows = self._by_label(sheet)
        # opening, admitted, discharged, deaths, to the family, no ground, closing
        expected = {
            "Total": [4, 3, 3, 1, 1, 1, 4],
            self.child.name: [0, 2, 1, 0, 0, 1, 1],  # r4; r5 (child first by the order of categories)
            self.elderly.name: [4, 0, 2, 1, 1, 0, 2],  # r1, r2, r3, r9
            "No category": [0, 1, 0, 0, 0, 0, 1],  # r6
            "Female": [3, 1, 2, 1, 0, 1, 2],
            "Male": [1, 1, 1, 0, 1, 0, 1],
            "Sex not recorded": [0, 1, 0, 0, 0, 0, 1],
            "Under 6": [0, 1, 1, 0, 0, 1, 0],
            "6-15": [0, 1, 0, 0, 0, 0, 1],
            "16-17": [0, 1, 0, 0, 0, 0, 1],  # r6, from the year of birth
            "18-59": [0, 0, 0, 0, 0, 0, 0],
            "60-79": [2, 0, 1, 0, 1, 0, 1],  # r2 (75), r9 (66)
            "80 and over": [2, 0, 1, 1, 0, 0, 1],  # r1 (82), r3 (88)
        }
        for label, values in expected.items():
            self.assertEqual(rows[label][1:], values, label)
        self.assertNotIn("Age not recorded", rows)
        for label in ("By resident category", "By sex", "By age group"):
            self.assertIn(label, rows)
        self.assertTrue(sheet["A6"].font.b, "the totals row is bold")
        self.assertEqual(sheet["B6"].number_format, "#,##0")
        # every breakdown adds up to the total, and start + admitted - discharged = end on every row
        sections = {"category": [self.child.name, self.elderly.name, "No category"],
                    "sex": ["Female", "Male", "Sex not recorded"],
                    "age": ["Under 6", "6-15", "16-17", "18-59", "60-79", "80 and over"]}
        for section, labels in sections.items():
            self.assertEqual([sum(rows[label][col] for label in labels) for col in range(1, 8)],
                             expected["Total"], section)
        for label in expected:
            opening, admitted, discharged, *grounds, closing = rows[label][1:]
            self.assertEqual(opening + admitted - discharged, closing, label)
            self.assertEqual(sum(grounds), discharged, label)
        # the same figures from the database
        start, end = datetime(2026, 3, 31, 17, 0), datetime(2026, 6, 30, 17, 0)  # local days in UTC
        Stay = self.env["ctxh.stay"]
        company = [("company_id", "=", self.facility_a.id)]
        self.assertEqual(Stay.search_count([*company, ("date_start", "<", start),
                                            "|", ("date_end", "=", False), ("date_end", ">=", start)]), 4)
        self.assertEqual(Stay.search_count([*company, ("date_start", ">=", start), ("date_start", "<", end)]), 3)
        self.assertEqual(Stay.search_count([*company, ("date_end", ">=", start), ("date_end", "<", end)]), 3)
        self.assertEqual(Stay.search_count([*company, ("date_start", "<", end),
                                            "|", ("date_end", "=", False), ("date_end", ">=", end)]), 4)
        self.assertEqual(self.env["ctxh.discharge"].search_count([
            *company, ("reason_id", "=", self.death.id), ("state", "=", "done")]), 1)

    def test_statistics_of_two_facilities_with_a_total(self):
        """Both facilities: one sheet each (a long name cut to 31 characters) and a total sheet, even when
        the company switcher shows only facility B."""
        self.facility_a.ctxh_code = False
        workbook = self._print(self.care_ab, "statistics", self.facility_a | self.facility_b,
                               context={"allowed_company_ids": [self.facility_b.id]})
        long_name = self.facility_a.name[:31].strip()
        self.assertEqual(workbook.sheetnames, [long_name, "CSCNCB", "Total"])
        self.assertEqual(self._by_label(workbook[long_name])["Total"][1:], [4, 3, 3, 1, 1, 1, 4])
        b_rows = self._by_label(workbook["CSCNCB"])
        self.assertEqual(b_rows["Total"][1:], [0, 1, 0, 0, 0, 0, 1])
        self.assertEqual(b_rows["18-59"][1:], [0, 1, 0, 0, 0, 0, 1])
        total = workbook["Total"]
        self._assert_layout(total, "Facility statistics", [self.facility_a.name, self.facility_b.name], "B6")
        rows = self._by_label(total)
        self.assertEqual(rows["Total"][1:], [4, 4, 3, 1, 1, 1, 5])
        self.assertEqual(rows["Female"][1:], [3, 2, 2, 1, 0, 1, 3])
        self.assertEqual(rows["No category"][1:], [0, 2, 0, 0, 0, 0, 2])

    # ------------------------------------------------------------------
    # Resident register
    # ------------------------------------------------------------------
    def test_register_lists_every_stay_of_the_period(self):
        """One row per stay in the quarter, by date of admission, with bed, admission type and discharge."""
        workbook = self._print(self.medical_a, "register")
        sheet = workbook.active
        self._assert_layout(sheet, "Resident register", [self.facility_a.name], "E6")
        self.assertEqual(self._header(sheet), [
            "No.", "Facility", "Resident Code", "Full Name", "Sex", "Date of Birth", "Categories", "Admitted On",
            "Admission Type", "Room", "Bed", "Discharged On", "Discharge Ground"])
        rows = self._rows(sheet)
        *lines, total = rows
        residents = [self.r1, self.r9, self.r2, self.r3, self.r4, self.r5, self.r6]
        self.assertEqual([line[3] for line in lines], [r.name for r in residents])
        self.assertEqual([line[0] for line in lines], list(range(1, 8)))
        self.assertEqual([line[2] for line in lines], [r.code for r in residents])
        by_name = {line[3]: line for line in lines}
        self.assertEqual(by_name[self.r2.name][4:], [
            "Male", datetime(1950, 7, 15), self.elderly.name, datetime(2026, 1, 10), None, None, None,
            datetime(2026, 5, 5), self.family.name])
        self.assertEqual(by_name[self.r3.name][9:], ["P101", "G2", datetime(2026, 6, 10), self.death.name])
        emergency = self.env.ref("ctxh_residents.admission_type_emergency")
        self.assertEqual(by_name[self.r4.name][7:9], [datetime(2026, 4, 1), emergency.name])
        self.assertEqual(by_name[self.r5.name][6], f"{self.child.name}, {self.elderly.name}")
        self.assertEqual(by_name[self.r5.name][11:], [datetime(2026, 6, 25), "Not recorded"])
        self.assertEqual(by_name[self.r6.name][4:6], [None, "2009"])
        self.assertEqual(by_name[self.r9.name][9:], ["P101", "G3", None, None],
                         "left on 1 July local time: not a discharge of the quarter")
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[3], "7 residents")
        admitted = sheet.cell(row=HEADER + 1, column=8)
        self.assertEqual(admitted.number_format, "dd/mm/yyyy")

    def test_query_count_does_not_grow_with_residents(self):
        """The statistics and the register cost the same number of queries for 7 stays as for 13:
        no query per resident."""
        def count_queries(kind):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._print(self.care_a, kind)
            return self.env.cr.sql_log_count - before

        kinds = ("statistics", "register")
        for kind in kinds:
            count_queries(kind)  # warm the registry's caches
        small = [count_queries(kind) for kind in kinds]
        room = self.env["ctxh.room"].create({
            "name": "P201", "company_id": self.facility_a.id,
            "bed_ids": [Command.create({"name": f"G{i}"}) for i in range(6)]})
        for i, bed in enumerate(room.bed_ids):
            resident = self._resident(name=f"Người thứ {i}", birth_year=1950 + i,
                                      category_ids=[self.child.id if i % 2 else self.elderly.id])
            self._admit(resident, bed, date_start=datetime(2026, 4, 2 + i, 3, 0))
        self.assertEqual([count_queries(kind) for kind in kinds], small)

    # ------------------------------------------------------------------
    # State allowances
    # ------------------------------------------------------------------
    def test_allowance_lines_and_totals_by_category(self):
        """Every line of the April and May sheets, and per category the residents and amounts the
        database holds."""
        workbook = self._print(self.accountant_a, "allowance")
        self.assertEqual(workbook.sheetnames, ["Allowance lines", "By category", "Arrears"])
        lines_sheet = workbook["Allowance lines"]
        self._assert_layout(lines_sheet, "State allowances", [self.facility_a.name], "E6")
        Line = self.env["ctxh.allowance.sheet.line"]
        db_lines = Line.search([("sheet_id", "in", self.sheets.ids)])
        self.assertEqual(len(db_lines), 12, "r1, r2, r3, r4, r5 (from 20 April) and r9, in April and May")
        *rows, total = self._rows(lines_sheet)
        self.assertEqual(len(rows), 12, "no line of March")
        self.assertEqual(sorted((r[1], r[2], r[10]) for r in rows),
                         sorted((f"{line.date_from:%m/%Y}", line.resident_code, line.amount) for line in db_lines))
        april_r1 = next(r for r in rows if r[1] == "04/2026" and r[3] == self.r1.name)
        self.assertEqual(april_r1[4:11], [self.elderly.name, 81, 500000, 4.0, 30, 30, 2000000])
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[10], sum(db_lines.mapped("amount")))
        self.assertIsNone(total[6], "the standard level is not added up")
        amount_cell = lines_sheet.cell(row=HEADER + 1, column=11)
        self.assertEqual(amount_cell.number_format, "#,##0")
        self.assertTrue(lines_sheet.cell(row=HEADER + 1 + len(rows), column=11).font.b)

        by_category = self._by_label(workbook["By category"], column=1)
        expected = Line._read_group([("sheet_id", "in", self.sheets.ids)], ["category_id"],
                                    ["resident_id:count_distinct", "amount:sum"])
        self.assertEqual(len(expected), 2)
        for category, residents, amount in expected:
            self.assertEqual(by_category[category.name][2:], [residents, amount], category.name)
        totals_row = self._rows(workbook["By category"])[-1]
        self.assertEqual(totals_row[0], "Total")
        self.assertEqual(totals_row[2:], [len(db_lines.resident_id), sum(db_lines.mapped("amount"))])

    @freeze_time("2026-05-20 03:00:00")
    def test_allowance_arrears_apart_from_the_month(self):
        """A level of 540,000 from April entered late in May: April's approved lines stay on the allowance sheet,
        the arrears paid in May are on a sheet of their own, line by line, with their total."""
        april = self.sheets[0]
        april.with_user(self.director_a).action_approve()
        self.env["ctxh.assistance.level"].with_user(self.accountant_a).create(
            {"date_from": date(2026, 4, 1), "amount": 540000, "legal_basis": "Nghị định thử nghiệm"})
        arrears = self.env["ctxh.allowance.arrears"].search(
            [("company_id", "=", self.facility_a.id), ("date_from", "=", date(2026, 5, 1))])
        self.assertEqual(arrears.line_ids.original_line_id, april.line_ids)
        workbook = self._print(self.accountant_a, "allowance")
        self.assertEqual(workbook.sheetnames, ["Allowance lines", "By category", "Arrears"])
        *lines, _total = self._rows(workbook["Allowance lines"])
        self.assertEqual(len(lines), 12, "the month's allowances, as approved")
        self.assertEqual({row[6] for row in lines}, {500000})
        *rows, total = self._rows(workbook["Arrears"])
        self.assertEqual(sorted((row[1], row[2], row[3], row[13]) for row in rows),
                         sorted(("05/2026", "04/2026", line.resident_code, line.amount) for line in arrears.line_ids))
        r1 = next(row for row in rows if row[4] == self.r1.name)
        self.assertEqual(r1[5:14], [self.elderly.name, 4.0, 30, 30, 500000, 540000, 2000000, 2160000, 160000])
        self.assertEqual(total[13], arrears.amount_total)
        self.assertIsNone(total[10], "the level is not added up")

    def test_allowance_headers_in_vietnamese(self):
        """In Vietnamese the resident's age is “Tuổi”, not the debt age of the receivables (“Tuổi nợ”)."""
        workbook = self._print(self.accountant_a, "allowance", context={"lang": "vi_VN"})
        header = self._header(workbook.worksheets[0])
        self.assertIn("Tuổi", header)
        self.assertNotIn("Tuổi nợ", header)

    def test_sensitive_category_is_an_unnamed_line(self):
        """r4 is an HIV child. The statistics count r4 on an unnamed row for care staff and under the category
        for medical staff; the allowance workbook shows the accountant the legal article and an unnamed total,
        the director the category; the register leaves the category out for care staff."""
        hiv = self.env.ref("ctxh_residents.category_child_hiv_poor")
        self.r4.category_ids = [Command.set([hiv.id])]
        self.sheets.with_user(self.accountant_a).action_compute()
        protected = "Other categories (protected)"
        self.env.invalidate_all()
        rows = self._by_label(self._print(self.care_a, "statistics").active)
        self.assertNotIn(hiv.name, rows)
        self.assertEqual(rows[protected][1:], [0, 1, 0, 0, 0, 0, 1])
        self.assertEqual(rows[self.child.name][1:], [0, 1, 1, 0, 0, 1, 0])  # r5 alone
        self.env.invalidate_all()
        rows = self._by_label(self._print(self.medical_a, "statistics").active)
        self.assertEqual(rows[hiv.name][1:], [0, 1, 0, 0, 0, 0, 1])
        self.assertNotIn(protected, rows)

        self.env.invalidate_all()
        workbook = self._print(self.accountant_a, "allowance")
        lines = [row for row in self._rows(workbook["Allowance lines"]) if row[3] == self.r4.name]
        self.assertEqual({row[4] for row in lines}, {hiv.legal_basis})
        self.assertNotIn("HIV", str(self._rows(workbook["Allowance lines"])))
        by_category = self._by_label(workbook["By category"], column=1)
        self.assertNotIn(hiv.name, by_category)
        self.assertEqual(by_category[protected][2], 1)
        self.env.invalidate_all()
        workbook = self._print(self.director_a, "allowance")
        self.assertIn(hiv.name, self._by_label(workbook["By category"], column=1))

        self.env.invalidate_all()
        register = {row[3]: row for row in self._rows(self._print(self.care_a, "register").active)}
        self.assertFalse(register[self.r4.name][6])
        self.env.invalidate_all()
        register = {row[3]: row for row in self._rows(self._print(self.medical_a, "register").active)}
        self.assertEqual(register[self.r4.name][6], hiv.name)

    # ------------------------------------------------------------------
    # Activity attendance
    # ------------------------------------------------------------------
    def test_attendance_per_programme_and_resident(self):
        """Three sessions done in the quarter (the planned one and July's do not count): sessions
        attended, missed and excused, and hours, per resident."""
        workbook = self._print(self.care_a, "attendance")
        sheet = workbook.active
        self._assert_layout(sheet, "Activity attendance", [self.facility_a.name], "F6")
        rows = self._by_label(sheet, column=4)
        # held, attended, absent, excused, hours
        self.assertEqual(rows[self.r1.name][5:], [3, 2, 1, 0, 3.5])
        self.assertEqual(rows[self.r4.name][5:], [3, 2, 1, 0, 4.0])
        self.assertEqual(rows[self.r6.name][5:], [3, 1, 1, 1, 2.0])
        self.assertEqual(rows[self.r1.name][:4], [self.facility_a.name, "Lớp đan len", "Vocational training",
                                                  self.r1.code])
        total = self._rows(sheet)[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[5:], [3, 5, 3, 1, 9.5])
        # the same from the database
        Attendance = self.env["ctxh.programme.attendance"]
        in_quarter = [("programme_id", "=", self.programme.id), ("session_id.state", "=", "done"),
                      ("date", ">=", datetime(2026, 3, 31, 17, 0)), ("date", "<", datetime(2026, 6, 30, 17, 0))]
        self.assertEqual(Attendance.search_count([*in_quarter, ("status", "=", "present")]), 5)
        self.assertEqual(sum(Attendance.search([*in_quarter, ("resident_id", "=", self.r1.id),
                                                ("status", "=", "present")]).mapped("hours")), 3.5)
        self.assertEqual(sheet.cell(row=HEADER + 1, column=10).number_format, "#,##0.0")

    # ------------------------------------------------------------------
    # Medication compliance
    # ------------------------------------------------------------------
    def test_medication_compliance(self):
        """Amlodipine: 10 doses due, 7 given, 1 refused, 1 missed, 1 not recorded, 70%; vitamin C 100%;
        the July dose does not count."""
        workbook = self._print(self.medical_a, "medication")
        sheet = workbook.active
        self._assert_layout(sheet, "Medication administration compliance", [self.facility_a.name], "E6")
        rows = self._by_label(sheet, column=3)
        self.assertEqual(rows["Amlodipin 5mg"][:3], [self.facility_a.name, self.r1.code, self.r1.name])
        self.assertEqual(rows["Amlodipin 5mg"][5:], [10, 7, 1, 1, 1, 0.7])
        self.assertEqual(rows["Vitamin C"][5:], [4, 4, 0, 0, 0, 1])
        total = self._rows(sheet)[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[5:10], [14, 11, 1, 1, 1])
        self.assertAlmostEqual(total[10], 11 / 14)
        self.assertEqual(sheet.cell(row=HEADER + 1, column=11).number_format, "0.0%")
        Dose = self.env["ctxh.medication.administration"]
        self.assertEqual(Dose.search_count([("medication_id", "=", self.amlodipine.id), ("state", "=", "given"),
                                            ("scheduled_at", "<", datetime(2026, 6, 30, 17, 0))]), 7)

    def test_care_staff_and_accountants_get_no_compliance(self):
        """Doses are medical: care staff and accountants cannot print the compliance report."""
        for user in (self.care_a, self.accountant_a):
            with self.assertRaises(AccessError):
                self._print(user, "medication")


@tagged("post_install", "-at_install")
class TestXlsxBillingReport(XlsxReportMixin, CtxhContractCase):
    """Care fees of the first half of 2026: March and April billed to a son (60%) and a daughter (40%)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Hoàng Thị Mận")
        cls.stay = cls._admit(cls.resident, date_start=datetime(2025, 12, 1, 3, 0))
        cls.contract = cls._contract(cls.resident, cls.stay, payers={cls.son: 60, cls.daughter: 40})

    def test_invoiced_collected_outstanding_and_ageing(self):
        """March is collected in part (son in full, daughter 1,000,000); April not at all and the son gets a
        500,000 credit note: the report's amounts, per month, per payer and by age, match the invoices."""
        for month in (date(2026, 3, 1), date(2026, 4, 1)):
            self._run(month).action_post()
        moves = self.contract.move_ids
        march = moves.filtered(lambda m: m.ctxh_period_start == date(2026, 3, 1))
        self._pay(march.filtered(lambda m: m.partner_id == self.son), day=date(2026, 3, 20))
        self._pay(march.filtered(lambda m: m.partner_id == self.daughter), day=date(2026, 3, 25), amount=1_000_000)
        credit = self.env["account.move"].with_user(self.accountant_a).create({
            "move_type": "out_refund", "partner_id": self.son.id, "company_id": self.facility_a.id,
            "ctxh_contract_id": self.contract.id, "invoice_date": date(2026, 4, 15),
            "invoice_date_due": date(2026, 4, 15),
            "invoice_line_ids": [Command.create({"product_id": self.shared_room.id, "quantity": 1,
                                                 "price_unit": 500_000, "tax_ids": [Command.clear()]})],
        })
        credit.action_post()
        self.assertEqual(sorted(moves.mapped("invoice_date_due")),
                         [date(2026, 3, 11)] * 2 + [date(2026, 4, 11)] * 2, "due within 10 days")

        workbook = self._print(self.accountant_a, "billing", period_kind="half", year=2026, half="1")
        self.assertEqual(workbook.sheetnames, ["By month", "By contract and payer", "Receivables ageing"])
        months = workbook["By month"]
        self.assertEqual(months["A3"].value, "From 01/01/2026 to 30/06/2026")
        self.assertEqual(months.freeze_panes, "C6")
        self.assertEqual(self._header(months), ["Facility", "Month", "Invoiced", "Credit Notes", "Net Invoiced",
                                                "Collected", "Outstanding"])
        # invoiced, credit notes, net, collected, outstanding
        *rows, total = self._rows(months)
        self.assertEqual(rows, [[self.facility_a.name, "03/2026", 7_500_000, 0, 7_500_000, 5_500_000, 2_000_000],
                                [self.facility_a.name, "04/2026", 7_500_000, 500_000, 7_000_000, 0, 7_000_000]])
        self.assertEqual(total, ["Total", None, 15_000_000, 500_000, 14_500_000, 5_500_000, 9_000_000])
        self.assertEqual(months.cell(row=HEADER + 1, column=3).number_format, "#,##0")
        self.assertTrue(months.cell(row=HEADER + 3, column=3).font.b)
        # the same from the database
        posted = self.env["account.move"].search([("ctxh_contract_id", "=", self.contract.id),
                                                  ("state", "=", "posted")])
        invoices = posted.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(sum(invoices.mapped("amount_total")), total[2])
        self.assertEqual(sum((posted - invoices).mapped("amount_total")), total[3])
        self.assertEqual(sum(posted.mapped("amount_residual_signed")), total[6])
        self.assertEqual(self.contract.with_user(self.accountant_a).amount_due, total[6])

        by_payer = {row[3]: row for row in self._rows(workbook["By contract and payer"])}
        self.assertEqual(by_payer[self.son.name], [self.facility_a.name, self.contract.name, self.resident.name,
                                                   self.son.name, 9_000_000, 500_000, 8_500_000, 4_500_000,
                                                   4_000_000])
        self.assertEqual(by_payer[self.daughter.name][4:], [6_000_000, 0, 6_000_000, 1_000_000, 5_000_000])
        self.assertEqual(self._rows(workbook["By contract and payer"])[-1],
                         ["Total", None, None, None, 15_000_000, 500_000, 14_500_000, 5_500_000, 9_000_000])

        ageing = workbook["Receivables ageing"]
        self.assertIn("days overdue at 30/06/2026", ageing["A3"].value)
        self.assertEqual(self._header(ageing)[4:], ["Not Due", "1-30 Days Overdue", "31-60 Days Overdue",
                                                    "61-90 Days Overdue", "Over 90 Days Overdue", "Total"])
        by_payer = {row[1]: row for row in self._rows(ageing)}
        # son: April 4,500,000 (80 days) less the credit note (76 days); daughter: March 2,000,000 (111 days)
        # and April 3,000,000
        self.assertEqual(by_payer[self.son.name][4:], [0, 0, 0, 4_000_000, 0, 4_000_000])
        self.assertEqual(by_payer[self.daughter.name][4:], [0, 0, 0, 3_000_000, 2_000_000, 5_000_000])
        self.assertEqual(self._rows(ageing)[-1][4:], [0, 0, 0, 7_000_000, 2_000_000, 9_000_000])

    def test_care_staff_cannot_print_billing(self):
        """Billing is for accountants and the director: care staff are refused."""
        wizard = self._wizard(self.care_a, "billing")
        with self.assertRaisesRegex(AccessError, "Accountant"):
            wizard.action_print()
        self.assertTrue(self._print(self.director_a, "billing"))

    def test_ageing_counted_today_for_a_period_not_over(self):
        """For the year 2026, not over yet, days overdue are counted today."""
        self._run(date(2026, 3, 1)).action_post()
        workbook = self._print(self.accountant_a, "billing", period_kind="year", year=2026)
        today = min(date(2026, 12, 31), fields.Date.context_today(self.env["res.users"].with_user(self.accountant_a)))
        self.assertIn(f"days overdue at {today:%d/%m/%Y}", workbook["Receivables ageing"]["A3"].value)
