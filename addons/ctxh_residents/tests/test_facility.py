from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestBedsAndRooms(CtxhResidentsCase):
    def test_bed_state_follows_assignments(self):
        """A bed is occupied while an assignment is open, free once it ends, out of service when flagged."""
        resident = self._resident()
        self.assertEqual(self.bed1.state, "free")
        stay = self._admit(resident, self.bed1)
        assignment = stay.bed_assignment_ids
        self.assertEqual(self.bed1.state, "occupied")
        self.assertEqual(self.bed1.resident_id, resident)
        self.assertEqual(resident.bed_id, self.bed1)
        self.assertEqual(resident.room_id, self.room)
        self.assertEqual((self.room.free_bed_count, self.room.occupied_bed_count), (2, 1))
        assignment.date_end = assignment.date_start
        self.assertEqual(self.bed1.state, "free")
        self.assertFalse(resident.bed_id)
        self.bed2.out_of_service = True
        self.assertEqual(self.bed2.state, "out_of_service")
        self.assertEqual((self.room.bed_count, self.room.free_bed_count), (3, 2))

    def test_facility_map_shows_each_bed_state(self):
        """The room card lists every bed, coloured by its state."""
        self.bed3.out_of_service = True
        self._admit(self._resident(), self.bed1)
        html = str(self.room.bed_map)
        self.assertEqual(html.count("badge"), 3)
        self.assertIn('text-bg-danger me-1" title="Occupied">G1', html)
        self.assertIn('text-bg-success me-1" title="Free">G2', html)
        self.assertIn('text-bg-secondary me-1" title="Out of service">G3', html)

    def test_room_gender_restriction(self):
        """A man cannot be given a bed in a women's room."""
        man = self._resident(name="Hoàng Văn Nam", gender="male")
        with self.assertRaisesRegex(ValidationError, "restricted"):
            self._admit(man, self.bed1)

    def test_occupancy_of_facility(self):
        """Occupancy is residents in care over licensed capacity."""
        self._admit(self._resident())
        self._admit(self._resident(name="Lục Thị Vân"))
        self._resident(name="Đàm Thị Xuân")
        self.assertEqual(self.facility_a.ctxh_resident_count, 2)
        self.assertAlmostEqual(self.facility_a.ctxh_occupancy_rate, 20.0)

    def test_bed_names_unique_in_room(self):
        """Two beds of one room cannot share a name."""
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["ctxh.bed"].create({"name": "G1", "room_id": self.room.id})


@tagged("post_install", "-at_install")
class TestFacilityData(CtxhResidentsCase):
    @freeze_time("2026-01-15")
    def test_supervising_body_is_read_from_dated_records(self):
        """The facility's supervising body is the one in force today; overlaps are refused."""
        Body = self.env["ctxh.supervising.body"]
        Body.create({"name": "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", "company_id": self.facility_a.id,
                     "date_from": date(2010, 1, 1), "date_to": date(2025, 2, 28)})
        health = Body.create({"name": "Sở Y tế tỉnh Lạng Sơn", "company_id": self.facility_a.id,
                              "date_from": date(2025, 3, 1)})
        self.assertEqual(self.facility_a.ctxh_supervising_body_id, health)
        with self.assertRaises(ValidationError):
            Body.create({"name": "Trùng thời gian", "company_id": self.facility_a.id, "date_from": date(2025, 6, 1)})

    def test_provinces_after_2025_merger(self):
        """34 current provinces; each former one points to its successor; all 63 have a CCCD code."""
        states = self.env["res.country.state"].search([("country_id.code", "=", "VN")])
        self.assertEqual(len(states.filtered(lambda s: not s.ctxh_successor_id)), 34)
        self.assertEqual(len(states.filtered("ctxh_cccd_code")), 63)
        tien_giang = self.env.ref("base.state_vn_VN-46")
        self.assertEqual(tien_giang.ctxh_successor_id, self.env.ref("base.state_vn_VN-45"))
        self.assertEqual(tien_giang.ctxh_cccd_code, "082")

    def test_legal_data_is_complete(self):
        """54 ethnic groups and the categories of Decree 20/2021 Art. 24 are loaded as data."""
        self.assertEqual(self.env["ctxh.ethnicity"].search_count([]), 54)
        groups = set(self.env["ctxh.resident.category"].search([]).mapped("group"))
        self.assertEqual(groups, {"nurture", "emergency", "administrative", "voluntary", "rehab"})

    def test_demo_registry(self):
        """Demo data: two facilities with about 40 beds and about 60 residents with relatives."""
        residents = self.env["ctxh.resident"].search([("code", "=like", "TTBTXH-%")]) | \
            self.env["ctxh.resident"].search([("code", "=like", "CSCNMT-%")])
        self.assertGreaterEqual(len(residents), 55)
        beds = self.env["ctxh.bed"].search([("company_id", "in", residents.company_id.ids)])
        self.assertGreaterEqual(len(beds), 38)
        self.assertGreaterEqual(len(residents.relative_ids), 40)
