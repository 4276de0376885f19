import difflib
import logging
import re
import threading
from contextlib import contextmanager
from datetime import date, datetime
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import http
from odoo.fields import Command
from odoo.sql_db import db_connect
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tools import mute_logger

from .web_client import WebClient, run_queries

FACILITY_TZ = "Asia/Ho_Chi_Minh"
PAGE_SIZES = (20, 80)

_logger = logging.getLogger(__name__)

class CtxhTourCase(HttpCase):
    """Browser tours of the Social Assistance app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # CPython 3.11 may fail to parse two manifests at once in two server threads
        # ("SystemError: AST constructor recursion depth mismatch"): read them all now,
        # in this thread, before the browser sends its parallel requests.
        cls.static_modules = http.root.statics

    @contextmanager
    def ctxh_calls_of(self, model, method):
        """Record, while the browser works, each call of a report's method on the server: the user it ran for
        and the records it was given (its last argument), so a tour proves what was printed and for whom."""
        Model = self.registry[model]
        original = getattr(Model, method)
        calls = []

        def spy(record, *args):
            calls.append((record.env.user.login, tuple(args[-1].ids)))
            return original(record, *args)

        with patch.object(Model, method, spy):
            yield calls


class CtxhResidentsCase(TransactionCase):
    """Two facilities with their own staff, a room with beds and a category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # everyone works on Vietnamese time, as the facilities' staff do: "today" is the same day for the
        # test and for every user, even in the hours when it is already tomorrow in Hanoi
        # the tests read messages in English (a test wanting Vietnamese says so); without a language, the write
        # guard would answer in each user's own, as it does over XML-RPC
        cls.env = cls.env(context=dict(cls.env.context, tz=FACILITY_TZ, lang="en_US"))
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
    def _consent_to_followup(cls, resident):
        """The person's consent to visits after reintegration, given on the day of the admission."""
        return cls.env["ctxh.consent"].create({
            "resident_id": resident.id, "purpose": cls.env.ref("ctxh_residents.consent_purpose_followup").id,
            "date_given": date(2020, 1, 1)})

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


FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
GIVEN_NAMES = ["An", "Bình", "Cúc", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Minh", "Nam",
               "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Uyên", "Vân", "Yến"]


class CtxhPopulatedCase(CtxhResidentsCase):
    """Facilities filled the way years of use fill them, and what the web client's requests cost there."""

    @classmethod
    def _populate(cls, count, company, tag, start=datetime(2021, 1, 4, 8, 0)):
        """``count`` residents of ``company`` (names marked ``tag``): one in three came twice before (2015 and
        2017, with a bed transfer in the first stay), half of those are back; everyone else is in care. Those
        in care have a bed since ``start``. Each resident has one or two categories, one or two relatives (one
        a guardian), an identity document and, for each stay, an admission. A new room holds the beds.
        Returns the residents."""
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True,
                                   mail_notrack=True))
        # plain categories: a sensitive one would show on some forms and not others (hidden from care staff)
        categories = env["ctxh.resident.category"].search([("sensitive", "=", False)])
        ethnicities = env["ctxh.ethnicity"].search([], limit=5)
        provinces = env["res.country.state"].search([("country_id.code", "=", "VN")], limit=5)
        admission_type = env.ref("ctxh_residents.admission_type_regular")
        room = env["ctxh.room"].create({
            "name": f"{tag}-R", "building": f"Khu {tag}", "company_id": company.id,
            "bed_ids": [Command.create({"name": f"{tag}-G{i}"}) for i in range(count)],
        })
        residents = env["ctxh.resident"].create([{
            "name": f"{FAMILY_NAMES[i % 13]} {tag} {GIVEN_NAMES[i % 24]} {i}",
            "gender": "female" if i % 2 else "male", "birth_year": 1940 + i % 70, "company_id": company.id,
            "category_ids": [Command.set(categories[i % len(categories):][:1 + i % 2].ids)],
            "ethnicity_id": ethnicities[i % 5].id, "state_id": provinces[i % 5].id,
            "document_ids": [Command.create({"document_type": "birth_certificate", "number": f"{tag}{i}"})],
        } for i in range(count)])
        kin = [(i, k) for i in range(count) for k in range(1 + i % 2)]
        partners = env["res.partner"].create([
            {"name": f"Người thân {tag} {i}-{k}", "phone": f"09{i:04d}{k}"} for i, k in kin])
        env["ctxh.resident.relative"].create([{
            "resident_id": residents[i].id, "partner_id": partner.id, "relationship": "child", "is_guardian": not k,
        } for (i, k), partner in zip(kin, partners, strict=True)])
        in_care = [i for i in range(count) if i % 3 or not i % 6]
        discharged = [i for i in range(count) if not i % 3]
        stay_vals, beds = [], room.bed_ids
        # the earlier stays of those who left: 2015 and 2017; the current ones from ``start``
        for i in discharged:
            for year in (2015, 2017):
                stay_vals.append({"resident_id": residents[i].id, "company_id": company.id, "state": "discharged",
                                  "date_start": datetime(year, 3, 1, 8, 0), "date_end": datetime(year + 1, 3, 1, 8, 0)})
        stay_vals += [{"resident_id": residents[i].id, "company_id": company.id, "date_start": start,
                       "case_worker_id": cls.care_a.id} for i in in_care]
        stays = env["ctxh.stay"].create(stay_vals)
        assignment_vals = []
        for stay in stays:
            bed = beds[residents.ids.index(stay.resident_id.id)]
            if stay.state == "active":
                assignment_vals.append({"stay_id": stay.id, "bed_id": bed.id, "date_start": stay.date_start,
                                        "company_id": company.id})
                continue
            middle = stay.date_start + (stay.date_end - stay.date_start) / 2
            other = beds[(residents.ids.index(stay.resident_id.id) + 1) % count] if stay.date_start.year == 2015 \
                else bed
            assignment_vals += [
                {"stay_id": stay.id, "bed_id": bed.id, "date_start": stay.date_start, "date_end": middle,
                 "company_id": company.id},
                {"stay_id": stay.id, "bed_id": other.id, "date_start": middle, "date_end": stay.date_end,
                 "company_id": company.id},
            ]
        env["ctxh.bed.assignment"].create(assignment_vals)
        env["ctxh.admission"].create([{
            "resident_id": stay.resident_id.id, "company_id": company.id, "admission_type_id": admission_type.id,
            "request_date": stay.date_start.date(), "state": "admitted", "stay_id": stay.id,
            "case_worker_id": cls.care_a.id,
        } for stay in stays])
        env.flush_all()
        return residents

    def _list_costs(self, user, xmlid):
        """{rows: queries} of the first page of the list of ``xmlid`` opened by ``user``."""
        env = self.env(user=user)
        first_page = WebClient(env).list_request(xmlid)
        costs = {}
        for rows in PAGE_SIZES:
            self.assertEqual(len(first_page(rows)["records"]), rows, f"{xmlid}: a full page is needed to measure")
            costs[rows] = run_queries(env, lambda r=rows: first_page(r))
        return costs

    def _assert_constant(self, what, runs):
        """``runs``: {measure: queries}; all must run as many queries."""
        counts = {measure: len(queries) for measure, queries in runs.items()}
        _logger.info("queries of %s: %s", what, counts)
        if len(set(counts.values())) > 1:
            fewest, most = min(runs.values(), key=len), max(runs.values(), key=len)
            diff = difflib.unified_diff([re.sub(r"\d+", "N", q) for q in fewest],
                                        [re.sub(r"\d+", "N", q) for q in most], lineterm="", n=0)
            self.fail(f"{what}: the number of queries depends on the rows or the database: {counts}\n"
                      + "\n".join(diff))

    def _assert_lists_constant(self, cases, grow):
        """The first page of each list (user, action xmlid) costs as many queries for 20 rows as for 80,
        before and after ``grow()`` adds to the database."""
        small = {case: self._list_costs(*case) for case in cases}
        grow()
        for user, xmlid in cases:
            large = self._list_costs(user, xmlid)
            self._assert_constant(f"{xmlid} as {user.login}", {
                **{f"{rows} rows": queries for rows, queries in small[user, xmlid].items()},
                **{f"{rows} rows, larger database": queries for rows, queries in large.items()},
            })
