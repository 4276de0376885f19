"""What concurrency could break is held by PostgreSQL: each rule is raced on two real connections.

Like tests/test_concurrency.py, each side runs as an Odoo request does (``retrying``: retried on a concurrent
update, integrity errors turned into validation errors); the first side's work is held uncommitted until the
second is seen waiting in PostgreSQL. Without the database's constraint, the second side would save.
Committed data is removed afterwards with SQL.
"""

from datetime import date, datetime, timedelta

import psycopg2

from odoo import SUPERUSER_ID
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import TwoConnectionsCase

from . import test_concurrency as races  # its class is not imported here: pytest would run it twice


@tagged("post_install", "-at_install")
class TestDatabaseHoldsConcurrency(TwoConnectionsCase):
    # the same two requests in a race as tests/test_concurrency.py (its own races stay in its class)
    _committed = races.TestSimultaneousUsers._committed
    _sql = races.TestSimultaneousUsers._sql
    _race = races.TestSimultaneousUsers._race

    def _resident(self, env, name, gender="female"):
        return env["ctxh.resident"].create({"name": name, "gender": gender,
                                            "company_id": env.ref("base.main_company").id})

    def test_two_directors_sign_two_contracts_of_one_person(self):
        """Two drafts for the same person and period, signed at the same moment by two directors: one is signed,
        the other refused by the exclusion constraint (each director alone saw no other signed contract)."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        admin = self.env.ref("base.user_admin")

        def setup(env):
            resident = self._resident(env, "Thái Thị Hợp")
            product = env["product.product"].search([("ctxh_service_kind", "=", "residential_month")], limit=1)
            partner = env["res.partner"].create({"name": "Thái Văn Đồng"})
            contracts = env["ctxh.care.contract"].create([{
                "resident_id": resident.id, "date": date(2031, 1, 2), "date_start": date(2031, 1, 2),
                "line_ids": [Command.create({"product_id": product.id})],
                "payer_ids": [Command.create({"partner_id": partner.id, "share": 100})],
            } for _i in range(2)])
            return resident.id, partner.id, contracts.ids

        resident_id, partner_id, contract_ids = self._committed(setup)
        try:
            def sign(contract_id, env):
                return env["ctxh.care.contract"].browse(contract_id).action_activate()

            first, second = self._race(lambda env: sign(contract_ids[0], env), lambda env: sign(contract_ids[1], env),
                                       director.id, admin.id)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, ValidationError)
            self.assertIn("already has a signed care contract", str(second))
            states = self._committed(lambda env: env["ctxh.care.contract"].browse(contract_ids).mapped("state"))
            self.assertEqual(sorted(states), ["active", "draft"])
        finally:
            self._sql("DELETE FROM account_move_line WHERE move_id IN (SELECT id FROM account_move "
                      "WHERE ctxh_contract_id IN %s)", [tuple(contract_ids)])
            self._sql("DELETE FROM account_move WHERE ctxh_contract_id IN %s", [tuple(contract_ids)])
            self._sql("DELETE FROM ctxh_care_contract WHERE id IN %s", [tuple(contract_ids)])
            self._sql("DELETE FROM ctxh_resident WHERE id = %s", [resident_id])
            self._sql("DELETE FROM res_partner WHERE id = %s", [partner_id])

    def test_two_care_workers_hand_over_one_stay(self):
        """Two approved discharges of one stay handed over at once: the stay ends once, the second is refused."""
        care = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        def setup(env):
            resident = self._resident(env, "Ninh Thị Hòa")
            stay = env["ctxh.stay"].create({"resident_id": resident.id, "company_id": resident.company_id.id,
                                            "date_start": datetime(2025, 5, 1, 2, 0)})
            reason = env.ref("ctxh_residents.discharge_reason_family_request")
            discharges = env["ctxh.discharge"].create([{"stay_id": stay.id, "reason_id": reason.id,
                                                        "destination": "hospital"} for _i in range(2)])
            discharges.with_user(director).action_approve()
            return resident.id, stay.id, discharges.ids

        resident_id, stay_id, discharge_ids = self._committed(setup)
        try:
            def hand_over(discharge_id, env):
                return env["ctxh.discharge"].browse(discharge_id).action_done()

            first, second = self._race(lambda env: hand_over(discharge_ids[0], env),
                                       lambda env: hand_over(discharge_ids[1], env), care.id, director.id)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, UserError)  # retried on the ended stay, or refused by the database
            done = self._committed(lambda env: env["ctxh.discharge"].search_count(
                [("stay_id", "=", stay_id), ("state", "=", "done")]))
            self.assertEqual(done, 1)
        finally:
            self._sql("DELETE FROM mail_message WHERE model = 'ctxh.discharge' AND res_id IN %s",
                      [tuple(discharge_ids)])
            self._sql("DELETE FROM ctxh_discharge WHERE id IN %s", [tuple(discharge_ids)])
            self._sql("DELETE FROM ctxh_stay WHERE id = %s", [stay_id])
            self._sql("DELETE FROM ctxh_resident WHERE id = %s", [resident_id])

    def test_two_users_take_the_last_seat(self):
        """A programme with one seat left: two care workers enrol two residents at the same moment; one gets
        the seat, the other is told the programme is full (each alone saw a free seat)."""
        care = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        def setup(env):
            programme = env["ctxh.programme"].create({"name": "Lớp thêu", "capacity": 1,
                                                      "company_id": env.ref("base.main_company").id})
            residents = env["ctxh.resident"]
            for name in ("Đinh Thị Na", "Đinh Thị Nụ"):
                resident = self._resident(env, name)
                env["ctxh.stay"].create({"resident_id": resident.id, "company_id": resident.company_id.id})
                residents |= resident
            return programme.id, residents.ids

        programme_id, resident_ids = self._committed(setup)
        try:
            def enrol(resident_id, env):
                return env["ctxh.programme.enrolment"].create({"programme_id": programme_id,
                                                               "resident_id": resident_id}).id

            first, second = self._race(lambda env: enrol(resident_ids[0], env),
                                       lambda env: enrol(resident_ids[1], env), care.id, director.id)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, ValidationError)
            self.assertIn("full", str(second))
            enrolled = self._committed(lambda env: env["ctxh.programme.enrolment"].search_count(
                [("programme_id", "=", programme_id)]))
            self.assertEqual(enrolled, 1)
        finally:
            self._sql("DELETE FROM mail_message WHERE model = 'ctxh.programme.enrolment' AND res_id IN "
                      "(SELECT id FROM ctxh_programme_enrolment WHERE programme_id = %s)", [programme_id])
            self._sql("DELETE FROM ctxh_programme_enrolment WHERE programme_id = %s", [programme_id])
            self._sql("DELETE FROM ctxh_stay WHERE resident_id IN %s", [tuple(resident_ids)])
            self._sql("DELETE FROM ctxh_resident WHERE id IN %s", [tuple(resident_ids)])
            self._sql("DELETE FROM ctxh_programme WHERE id = %s", [programme_id])

    def test_payer_shares_hold_against_another_door(self):
        """While a director signs an addendum that moves the shares (60/40 to 100 for the son), another door (SQL on
        another connection) adds a payer of 10% to the same signed contract: the database refuses it (alone, each
        change kept its own sum; together they would make 110%)."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        def setup(env):
            resident = self._resident(env, "Kiều Thị Vân")
            product = env["product.product"].search([("ctxh_service_kind", "=", "residential_month")], limit=1)
            son, daughter, uncle = env["res.partner"].create(
                [{"name": "Kiều Văn Sơn"}, {"name": "Kiều Thị Sa"}, {"name": "Kiều Văn Chú"}])
            contract = env["ctxh.care.contract"].create({
                "resident_id": resident.id, "date": date(2032, 1, 2), "date_start": date(2032, 1, 2),
                "line_ids": [Command.create({"product_id": product.id})],
                "payer_ids": [Command.create({"partner_id": son.id, "share": 60}),
                              Command.create({"partner_id": daughter.id, "share": 40})]})
            contract.with_user(director).action_activate()
            addendum = env["ctxh.care.contract.addendum"].create({
                "contract_id": contract.id, "reason": "Con trai trả toàn bộ.", "replace_payers": True,
                "payer_ids": [Command.create({"partner_id": son.id, "share": 100})]})
            return resident.id, (son | daughter | uncle).ids, contract.id, addendum.id

        resident_id, partner_ids, contract_id, addendum_id = self._committed(setup)
        try:
            def sign(env):
                return env["ctxh.care.contract.addendum"].browse(addendum_id).action_sign()

            def add_a_payer(env):
                env.cr.execute("""INSERT INTO ctxh_care_contract_payer (contract_id, company_id, partner_id, share,
                                                                        sequence)
                                  SELECT id, company_id, %s, 10, 99 FROM ctxh_care_contract WHERE id = %s""",
                               [partner_ids[2], contract_id])

            first, second = self._race(sign, add_a_payer, director.id, SUPERUSER_ID)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, ValidationError)
            self.assertIn("100%", str(second))
            shares = self._committed(
                lambda env: env["ctxh.care.contract"].browse(contract_id).payer_ids.mapped("share"))
            self.assertEqual(shares, [100.0])
        finally:
            self._sql("DELETE FROM account_move_line WHERE move_id IN (SELECT id FROM account_move "
                      "WHERE ctxh_contract_id = %s)", [contract_id])
            self._sql("DELETE FROM account_move WHERE ctxh_contract_id = %s", [contract_id])
            self._sql("DELETE FROM ctxh_care_contract_addendum WHERE id = %s", [addendum_id])
            self._sql("DELETE FROM mail_message WHERE model = 'ctxh.care.contract' AND res_id = %s", [contract_id])
            self._sql("DELETE FROM ctxh_care_contract WHERE id = %s", [contract_id])
            self._sql("DELETE FROM ctxh_resident WHERE id = %s", [resident_id])
            self._sql("DELETE FROM res_partner WHERE id IN %s", [tuple(partner_ids)])

    def test_an_emergency_stay_stays_within_its_limit(self):
        """On another connection, an UPDATE pushing an emergency stay's planned end past its legal limit is refused
        by PostgreSQL; the director's extension (the superior body's decision) moves both."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        def setup(env):
            resident = self._resident(env, "Lương Thị Khẩn")
            admission = env["ctxh.admission"].create({
                "resident_id": resident.id, "company_id": resident.company_id.id, "brought_by": "Công an phường",
                "admission_type_id": env.ref("ctxh_residents.admission_type_emergency").id})
            admission.with_user(env.ref("ctxh_residents.user_ctxh_social_worker")).action_admit_emergency()
            return resident.id, admission.id, admission.stay_id.id

        resident_id, admission_id, stay_id = self._committed(setup)
        try:
            limit = self._committed(lambda env: env["ctxh.stay"].browse(stay_id).date_end_limit)
            self.assertTrue(limit)
            with self.assertRaises(psycopg2.errors.CheckViolation), self.registry.cursor() as cr:
                cr.execute("UPDATE ctxh_stay SET date_end_planned = %s WHERE id = %s", [limit + timedelta(days=30),
                                                                                       stay_id])

            def extend(env):
                body = env["ctxh.supervising.body"].with_user(director).search([], limit=1)
                return env["ctxh.stay.extension"].with_user(director).create({
                    "stay_id": stay_id, "body_id": body.id, "decision_number": "12/QĐ-SYT",
                    "date_end_new": limit + timedelta(days=30), "reason": "Chưa xác minh được gia đình."}).id

            extension_id = self._committed(extend)
            planned = self._committed(lambda env: env["ctxh.stay"].browse(stay_id).date_end_planned)
            self.assertEqual(planned, limit + timedelta(days=30))
            self._sql("DELETE FROM ctxh_stay_extension WHERE id = %s", [extension_id])
        finally:
            self._sql("DELETE FROM mail_activity WHERE res_model = 'ctxh.admission' AND res_id = %s", [admission_id])
            self._sql("DELETE FROM ctxh_stay_extension WHERE stay_id = %s", [stay_id])
            self._sql("UPDATE ctxh_admission SET stay_id = NULL WHERE id = %s", [admission_id])
            self._sql("DELETE FROM ctxh_stay WHERE id = %s", [stay_id])
            self._sql("DELETE FROM ctxh_admission WHERE id = %s", [admission_id])
            self._sql("DELETE FROM ctxh_resident WHERE id = %s", [resident_id])
