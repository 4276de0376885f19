from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import SQL, mute_logger

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestResident(CtxhResidentsCase):
    @freeze_time("2026-05-10")
    def test_codes_follow_each_facility_sequence(self):
        """Each facility numbers its residents on its own, with its code and the year."""
        first_a = self._resident(name="Hoàng Văn Thụ", gender="male")
        second_a = self._resident(name="Lương Thị Mai")
        first_b = self._resident(company=self.facility_b, name="Nông Văn Dền", gender="male")
        self.assertEqual(first_a.code, "TTBTXHLS-2026-0001")
        self.assertEqual(second_a.code, "TTBTXHLS-2026-0002")
        self.assertEqual(first_b.code, "CSCNCB-2026-0001")

    @freeze_time("2026-05-10")
    def test_age_from_birthdate_or_year(self):
        """Age comes from the date of birth, or from the year alone when it is approximate."""
        exact = self._resident(birthdate=date(1950, 5, 11))
        self.assertEqual((exact.birth_year, exact.age), (1950, 75))
        approximate = self._resident(name="Bé Na", birth_year=2019, birthdate_approximate=True)
        self.assertEqual(approximate.age, 7)

    def test_age_turns_at_the_facility_midnight(self):
        """At 01:00 on 16 March in Vietnam (18:00 UTC on the 15th) a resident born on 16 March is a year older, also
        for a user whose own time zone (New York) is still on the 15th; so is an insurance card expiring the 15th."""
        resident = self._resident(birthdate=date(2000, 3, 16), hi_card_expiry=date(2026, 3, 15))
        with freeze_time("2026-03-15 18:00:00"):
            seen = resident.with_context(tz="America/New_York")
            seen.invalidate_recordset(["age", "hi_card_expired"])
            self.assertEqual(seen.age, 26)
            self.assertTrue(seen.hi_card_expired)

    def test_age_in_sql_is_the_same_rule(self):
        """The age the reports count in SQL is the resident's own: on the eve of a birthday, on the day, from the
        year alone, and unknown."""
        residents = (self._resident(birthdate=date(1950, 5, 11))
                     | self._resident(name="Bé Na", birth_year=2019, birthdate_approximate=True)
                     | self._resident(name="Không rõ tuổi"))
        residents.flush_recordset()
        for day in (date(2026, 5, 10), date(2026, 5, 11)):
            self.env.cr.execute(SQL("SELECT r.id, %s FROM ctxh_resident r WHERE r.id IN %s",
                                    self.env["ctxh.resident"]._ctxh_age_sql(day), tuple(residents.ids)))
            in_sql = dict(self.env.cr.fetchall())
            for resident in residents:
                self.assertEqual(in_sql[resident.id], resident._ctxh_age_on(day), (resident.name, day))

    def test_birth_in_future_refused(self):
        """A date of birth in the future is refused."""
        with self.assertRaises(ValidationError):
            self._resident(birthdate=date(2999, 1, 1))

    def test_citizen_id_must_be_valid(self):
        """A CCCD has 12 digits, a province code, and digits that match gender and birth year."""
        ok = self._resident(birthdate=date(1952, 3, 2), national_id="020152000123")
        self.assertEqual(ok.national_id, "020152000123")
        bad_values = {
            "02015200012": "12 digits",               # too short
            "02015200012A": "12 digits",              # not digits
            "999152000123": "province code",          # no such province
            "020052000124": "does not match",         # 4th digit says male
            "020161000125": "does not match",         # year 61, not 52
        }
        for number, message in bad_values.items():
            with self.subTest(number=number), self.assertRaisesRegex(ValidationError, message):
                self._resident(name="Vi Thị Sáu", birthdate=date(1952, 3, 2), national_id=number)

    def test_citizen_id_with_approximate_year_skips_year_check(self):
        """When the year of birth is only estimated, the CCCD is not checked against it."""
        resident = self._resident(birth_year=1950, birthdate_approximate=True, national_id="020155000126")
        self.assertTrue(resident.national_id)

    def test_duplicate_citizen_id_names_the_other_record_in_vietnamese(self):
        """A second resident with the same CCCD is refused with a Vietnamese message naming the first."""
        first = self._resident(name="Hà Thị Nhất", birthdate=date(1952, 3, 2), national_id="020152000127")
        with self.assertRaises(ValidationError) as error:
            self.env["ctxh.resident"].with_user(self.care_a).with_context(lang="vi_VN").create({
                "name": "Hà Thị Nhì", "gender": "female", "birthdate": date(1952, 3, 2),
                "national_id": "020152000127", "company_id": self.facility_a.id,
            })
        text = str(error.exception)
        self.assertIn("Hà Thị Nhất", text)
        self.assertIn(first.code, text)
        self.assertIn("đã được đăng ký", text)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_duplicate_citizen_id(self):
        """Even bypassing the ORM check, PostgreSQL refuses the same CCCD twice."""
        self._resident(name="Hà Thị Ba", birthdate=date(1952, 3, 2), national_id="020152000128")
        other = self._resident(name="Hà Thị Bốn")
        self.env.flush_all()
        self.env.cr.execute("SET CONSTRAINTS ctxh_resident_national_id_uniq IMMEDIATE")
        with self.assertRaises(IntegrityError):
            self.env.cr.execute("UPDATE ctxh_resident SET national_id = '020152000128' WHERE id = %s", [other.id])

    def test_possible_duplicates_flagged_across_visible_facilities(self):
        """Same name and birth date in another facility is flagged for a user allowed in both."""
        self._resident(company=self.facility_b, name="Lò Văn Pả", gender="male", birthdate=date(1980, 1, 1))
        form = Form(self.env["ctxh.resident"].with_user(self.care_ab).with_company(self.facility_a))
        form.name = "lò văn pả"
        form.gender = "male"
        form.birthdate = date(1980, 1, 1)
        self.assertEqual(form.duplicate_count, 1)
        form_a_only = Form(self.env["ctxh.resident"].with_user(self.care_a))
        form_a_only.name = "Lò Văn Pả"
        form_a_only.birthdate = date(1980, 1, 1)
        self.assertEqual(form_a_only.duplicate_count, 0, "facility B is not visible to this user")

    def test_guardian_and_visit_permission(self):
        """The guardian is the relative flagged as such; a banned relative is recorded as such."""
        mother = self.env["res.partner"].create({"name": "Đào Thị Gấm", "phone": "0912345678"})
        abuser = self.env["res.partner"].create({"name": "Lý Văn Côn"})
        resident = self._resident(relative_ids=[
            (0, 0, {"partner_id": abuser.id, "relationship": "spouse", "visit_permission": "forbidden"}),
            (0, 0, {"partner_id": mother.id, "relationship": "mother", "is_guardian": True}),
        ])
        self.assertEqual(resident.guardian_id, mother)
        self.assertEqual(resident.relative_ids.filtered("is_guardian").phone, "0912345678")
        self.assertEqual(
            resident.relative_ids.filtered(lambda r: r.visit_permission == "forbidden").partner_id, abuser)

    def test_care_worker_registers_resident_through_form(self):
        """A care worker fills the form; the resident gets a code, categories and a document."""
        form = Form(self.env["ctxh.resident"].with_user(self.care_a))
        form.name = "Triệu Thị Hoa"
        form.gender = "female"
        form.birthdate = date(1948, 7, 20)
        form.category_ids.add(self.category)
        form.ethnicity_id = self.env.ref("ctxh_residents.ethnicity_02")
        form.state_id = self.env.ref("base.state_vn_VN-09")
        with form.document_ids.new() as document:
            document.document_type = "citizen_id"
            document.number = "020148000999"
        resident = form.save()
        self.assertTrue(resident.code.startswith("TTBTXHLS-"))
        self.assertEqual(resident.company_id, self.facility_a)
        self.assertEqual(resident.document_count, 1)
        self.assertEqual(resident.ethnicity_id.name, "Tày")
