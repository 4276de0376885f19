import threading

from psycopg2 import IntegrityError

from odoo import http
from odoo.sql_db import db_connect
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools import mute_logger

FACILITY_TZ = "Asia/Ho_Chi_Minh"

class CtxhTourCase(HttpCase):
    """Browser tours of the Social Assistance app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # CPython 3.11 may fail to parse two manifests at once in two server threads
        # ("SystemError: AST constructor recursion depth mismatch"): read them all now,
        # in this thread, before the browser sends its parallel requests.
        cls.static_modules = http.root.statics


class CtxhResidentsCase(TransactionCase):
    """Two facilities with their own staff, a room with beds and a category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # everyone works on Vietnamese time, as the facilities' staff do: "today" is the same day for the
        # test and for every user, even in the hours when it is already tomorrow in Hanoi
        cls.env = cls.env(context=dict(cls.env.context, tz=FACILITY_TZ))
        cls.vnd = cls.env.ref("base.VND")
        cls.facility_a = cls.env["res.company"].create({
            "name": "Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn", "ctxh_code": "TTBTXHLS",
            "ctxh_facility_type": "general", "ctxh_capacity": 10, "currency_id": cls.vnd.id,
        })
        cls.facility_b = cls.env["res.company"].create({
            "name": "Cơ sở cai nghiện ma túy tỉnh Cao Bằng", "ctxh_code": "CSCNCB",
            "ctxh_facility_type": "drug_rehab", "ctxh_capacity": 5, "currency_id": cls.vnd.id,
        })
        a, b = cls.facility_a, cls.facility_b

        def user(login, group, companies):
            return new_test_user(
                cls.env, login=login, groups=f"ctxh_residents.{group},base.group_allow_export",
                company_id=companies[0].id, company_ids=[c.id for c in companies], tz=FACILITY_TZ,
            )

        cls.care_a = user("ls_care", "group_ctxh_care_staff", a)
        cls.medical_a = user("ls_medical", "group_ctxh_medical", a)
        cls.accountant_a = user("ls_accountant", "group_ctxh_accountant", a)
        cls.director_a = user("ls_director", "group_ctxh_director", a)
        cls.care_b = user("cb_care", "group_ctxh_care_staff", b)
        cls.care_ab = user("ab_care", "group_ctxh_care_staff", a | b)

        cls.category = cls.env.ref("ctxh_residents.category_elderly_no_carer")
        cls.room = cls.env["ctxh.room"].create({
            "name": "P101", "building": "Khu A", "company_id": a.id, "gender": "female",
            "bed_ids": [(0, 0, {"name": "G1"}), (0, 0, {"name": "G2"}), (0, 0, {"name": "G3"})],
        })
        cls.bed1, cls.bed2, cls.bed3 = cls.room.bed_ids

    @classmethod
    def _admit(cls, resident, bed=None, **vals):
        """An active stay for ``resident``, in ``bed`` if given."""
        stay = cls.env["ctxh.stay"].create({"resident_id": resident.id, "company_id": resident.company_id.id, **vals})
        if bed:
            stay._assign_bed(bed, stay.date_start)
        return stay

    @classmethod
    def _resident(cls, company=None, **vals):
        values = {"name": "Nguyễn Thị Lành", "gender": "female", "company_id": (company or cls.facility_a).id}
        values.update(vals)
        return cls.env["ctxh.resident"].create(values)


class TwoConnectionsCase(CtxhResidentsCase):
    """Helpers for tests where two users save at the same moment, on two real connections."""

    def _cursor(self):
        # real, independent connections: the test's own cursor would serialise everything
        return db_connect(self.env.cr.dbname).cursor()

    def _race(self, first_query, first_params, second_query, second_params):
        """Run ``first`` on one connection, then ``second`` on another while the first is still open;
        once the second waits for the first, commit the first. Return the error class name the second
        one got ("saved" if none). Both connections are closed; committed rows are the caller's to clean."""
        outcome = {}
        first, second = self._cursor(), self._cursor()
        try:
            first.execute(first_query, first_params)

            def run_second():
                try:
                    second.execute(second_query, second_params)
                    outcome["second"] = "saved"
                except IntegrityError as exc:
                    outcome["second"] = type(exc).__name__

            with mute_logger("odoo.sql_db"):
                thread = threading.Thread(target=run_second)
                thread.start()
                self._wait_until_blocked()
                first.commit()  # pylint: disable=invalid-commit
                thread.join(timeout=60)
        finally:
            second.rollback()
            second.close()
            first.close()
        return outcome.get("second")

    def _wait_until_blocked(self, attempts=600):
        """Poll PostgreSQL until a session of this database waits on a lock (no fixed sleep)."""
        probe = self._cursor()
        try:
            for _attempt in range(attempts):
                probe.execute("""SELECT count(*) FROM pg_stat_activity
                                 WHERE wait_event_type = 'Lock' AND datname = current_database()""")
                if probe.fetchone()[0]:
                    return
                probe.execute("SELECT pg_sleep(0.05)")
            self.fail("the second transaction never waited for the first")
        finally:
            probe.close()
