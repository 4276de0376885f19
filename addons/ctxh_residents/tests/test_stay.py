from datetime import datetime

from psycopg2 import IntegrityError, errors

from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CtxhResidentsCase, TwoConnectionsCase


@tagged("post_install", "-at_install")
class TestStayAndBeds(CtxhResidentsCase):
    def test_transfer_keeps_history(self):
        """A transfer ends the old assignment and opens a new one; both beds follow."""
        resident = self._resident()
        stay = self._admit(resident, self.bed1, date_start=datetime(2026, 1, 1, 8, 0))
        wizard = self.env["ctxh.bed.transfer"].with_user(self.care_a).create({
            "stay_id": stay.id, "bed_id": self.bed2.id, "date": datetime(2026, 3, 1, 9, 0)})
        wizard.action_confirm()
        self.assertEqual(len(stay.bed_assignment_ids), 2)
        old = stay.bed_assignment_ids.filtered(lambda a: a.bed_id == self.bed1)
        self.assertEqual(old.date_end, datetime(2026, 3, 1, 9, 0))
        self.assertEqual((self.bed1.state, self.bed2.state), ("free", "occupied"))
        self.assertEqual(resident.bed_id, self.bed2)
        self.assertEqual(self.room.occupied_bed_count, 1)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_one_bed_for_two_stays(self):
        """Two stays cannot hold one bed at the same time; the user reads a clear message."""
        self._admit(self._resident(), self.bed1)
        other = self._admit(self._resident(name="Vi Thị Mai"))
        with self.assertRaises(errors.ExclusionViolation) as caught, self.cr.savepoint():
            other._assign_bed(self.bed1)
        message = str(_as_validation_error(self.env, caught.exception))
        self.assertIn("This bed is already taken", message)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_two_beds_for_one_stay(self):
        """A stay cannot hold two beds at once."""
        stay = self._admit(self._resident(), self.bed1)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["ctxh.bed.assignment"].create({
                "stay_id": stay.id, "bed_id": self.bed2.id, "company_id": self.facility_a.id})

    @mute_logger("odoo.sql_db")
    def test_one_active_stay_per_person_and_readmission(self):
        """A person has one active stay; after discharge a new stay opens and history stays."""
        resident = self._resident()
        first = self._admit(resident, self.bed1)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._admit(resident)
        first._end(datetime.now())
        self.assertEqual(resident.state, "discharged")
        self.assertEqual(self.bed1.state, "free")
        second = self._admit(resident, self.bed3)
        self.assertEqual(resident.state, "in_care")
        self.assertEqual(resident.current_stay_id, second)
        self.assertEqual(resident.stay_count, 2)
        self.assertEqual(len(resident.bed_assignment_ids), 2)


@tagged("post_install", "-at_install")
class TestBedConcurrency(TwoConnectionsCase):
    """Two users save a bed for two different stays at the same moment."""

    def test_two_cursors_cannot_book_one_bed(self):
        """The second transaction waits for the first, then fails: the bed holds one stay."""
        company_id = self.env.ref("base.main_company").id
        ids = self._setup_committed(company_id)
        insert = """INSERT INTO ctxh_bed_assignment (stay_id, bed_id, company_id, date_start)
                    VALUES (%s, %s, %s, now() at time zone 'UTC')"""
        try:
            result = self._race(insert, [ids["stays"][0], ids["bed"], company_id],
                                insert, [ids["stays"][1], ids["bed"], company_id])
            self.assertEqual(result, "ExclusionViolation")
        finally:
            self._cleanup(ids)

    def _setup_committed(self, company_id):
        cr = self._cursor()
        try:
            cr.execute("INSERT INTO ctxh_room (name, company_id, room_type, active) "
                       "VALUES ('Phòng thử đồng thời', %s, 'dormitory', true) RETURNING id", [company_id])
            room_id = cr.fetchone()[0]
            cr.execute("INSERT INTO ctxh_bed (name, room_id, company_id, state, active) "
                       "VALUES ('G1', %s, %s, 'free', true) RETURNING id", [room_id, company_id])
            bed_id = cr.fetchone()[0]
            residents, stays = [], []
            for name in ("Người thứ nhất", "Người thứ hai"):
                cr.execute("INSERT INTO ctxh_resident (name, company_id, active, state) "
                           "VALUES (%s, %s, true, 'in_care') RETURNING id", [name, company_id])
                residents.append(cr.fetchone()[0])
                cr.execute("INSERT INTO ctxh_stay (resident_id, company_id, date_start, state) "
                           "VALUES (%s, %s, now() at time zone 'UTC', 'active') RETURNING id",
                           [residents[-1], company_id])
                stays.append(cr.fetchone()[0])
            # two independent connections must see these rows
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()
        return {"room": room_id, "bed": bed_id, "residents": residents, "stays": stays}

    def _cleanup(self, ids):
        cr = self._cursor()
        try:
            cr.execute("DELETE FROM ctxh_bed_assignment WHERE bed_id = %s", [ids["bed"]])
            cr.execute("DELETE FROM ctxh_stay WHERE id IN %s", [tuple(ids["stays"])])
            cr.execute("DELETE FROM ctxh_resident WHERE id IN %s", [tuple(ids["residents"])])
            cr.execute("DELETE FROM ctxh_bed WHERE id = %s", [ids["bed"]])
            cr.execute("DELETE FROM ctxh_room WHERE id = %s", [ids["room"]])
            # two independent connections must see these rows
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.close()

