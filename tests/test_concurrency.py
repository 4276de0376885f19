"""Two people doing the same thing at the same moment, through the ORM on two real connections.

Each side runs the way an Odoo request does (``odoo.service.model.retrying``: retried on a concurrent update,
integrity errors turned into validation errors, committed at the end). The first side's work is held
uncommitted until the second is seen waiting in PostgreSQL, then committed: the overlap is certain, without
any sleep. Data is committed for the race, so each test removes it afterwards with SQL.
"""

import threading
from datetime import date, datetime
from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_residents.tests.common import TwoConnectionsCase


@tagged("post_install", "-at_install")
class TestSimultaneousUsers(TwoConnectionsCase):
    def _committed(self, func):
        """Run ``func(env)`` as the superuser in its own committed transaction."""
        with self.registry.cursor() as cr:
            return func(api.Environment(cr, SUPERUSER_ID, {}))

    def _sql(self, query, params=()):
        with self.registry.cursor() as cr:
            cr.execute(query, params)

    def _race(self, first, second, first_uid, second_uid, second_waits=True):
        """Run ``first(env)`` and hold it uncommitted; run ``second(env)`` on another connection; commit the
        first once the second waits on it (or at once when ``second_waits`` is False, the second then failing
        fast). Return (first outcome, second outcome): "ok" or the exception."""
        outcome = {}
        cr1 = self.registry.cursor()
        try:
            env1 = api.Environment(cr1, first_uid, {})
            first(env1)
            outcome["first"] = "ok"
            env1.cr.flush()

            def run_second():
                with self.registry.cursor() as cr2:
                    env2 = api.Environment(cr2, second_uid, {})
                    try:
                        retrying(partial(second, env2), env2)
                        outcome["second"] = "ok"
                    except Exception as exc:
                        outcome["second"] = exc

            with mute_logger("odoo.sql_db", "odoo.service.model"):
                thread = threading.Thread(target=run_second)
                thread.start()
                if second_waits:
                    self._wait_until_blocked()
                else:
                    thread.join(timeout=120)
                cr1.commit()
                thread.join(timeout=120)
            self.assertFalse(thread.is_alive(), "the second user never got an answer")
        finally:
            cr1.close()
        return outcome["first"], outcome["second"]

    # ------------------------------------------------------------------
    def test_two_directors_approve_the_same_admission(self):
        """One decision is numbered and signed; the other director is told the admission is decided."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        admin = self.env.ref("base.user_admin")

        def setup(env):
            company = env.ref("base.main_company")
            resident = env["ctxh.resident"].create({"name": "Triệu Thị Đua", "gender": "female",
                                                    "company_id": company.id})
            admission = env["ctxh.admission"].create({
                "resident_id": resident.id, "company_id": company.id,
                "admission_type_id": env.ref("ctxh_residents.admission_type_regular").id})
            admission.document_line_ids.write({"received": True})
            admission.action_submit()
            return resident.id, admission.id

        resident_id, admission_id = self._committed(setup)
        try:
            def approve(env):
                return env["ctxh.admission"].browse(admission_id).action_approve()

            first, second = self._race(approve, approve, director.id, admin.id)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, UserError)
            self.assertNotIsInstance(second, (ValidationError, AccessError))
            self.assertRegex(str(second), "already has an admission decision|this step is not possible now")
            def decided(env):
                admission = env["ctxh.admission"].browse(admission_id)
                return admission.state, admission.decision_signer_id.id, admission.decision_number

            def next_number(env):
                register = env.ref("base.main_company")._ctxh_decision_sequence()
                today = date.today()
                return register.date_range_ids.filtered(lambda r: r.date_from <= today <= r.date_to).number_next_actual

            state, signer, number = self._committed(decided)
            self.assertEqual((state, signer), ("approved", director.id))
            self.assertEqual(self._committed(next_number), int(number.split("/")[0]) + 1,
                             "the refused second decision took no number from the register")
        finally:
            self._sql("DELETE FROM mail_activity WHERE res_model = 'ctxh.admission' AND res_id = %s", [admission_id])
            self._sql("DELETE FROM ctxh_admission WHERE id = %s", [admission_id])
            self._sql("DELETE FROM ctxh_resident WHERE id = %s", [resident_id])

    def test_two_users_book_the_same_bed(self):
        """The bed goes to the first; the second is told the bed is taken, and nothing half-saved remains."""
        care = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        director = self.env.ref("ctxh_residents.user_ctxh_director")

        def setup(env):
            company = env.ref("base.main_company")
            room = env["ctxh.room"].create({"name": "P-THỬ", "building": "Khu thử", "company_id": company.id,
                                            "bed_ids": [(0, 0, {"name": "G1"})]})
            stays = env["ctxh.stay"]
            for name in ("Lưu Thị Hiền", "Lưu Thị Hậu"):
                resident = env["ctxh.resident"].create({"name": name, "gender": "female", "company_id": company.id})
                stays |= env["ctxh.stay"].create({"resident_id": resident.id, "company_id": company.id})
            return room.id, room.bed_ids.id, stays.ids, stays.resident_id.ids

        room_id, bed_id, stay_ids, resident_ids = self._committed(setup)
        try:
            when = datetime(2031, 1, 5, 3, 0)

            def book(stay_id, env):
                stay = env["ctxh.stay"].browse(stay_id)
                return stay._assign_bed(env["ctxh.bed"].browse(bed_id), when)

            first, second = self._race(partial(book, stay_ids[0]), partial(book, stay_ids[1]), care.id, director.id)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, ValidationError)
            self.assertIn("This bed is already taken", str(second))
            booked = self._committed(
                lambda env: env["ctxh.bed.assignment"].search([("bed_id", "=", bed_id)]).stay_id.ids)
            self.assertEqual(booked, stay_ids[:1])
        finally:
            self._sql("DELETE FROM ctxh_bed_assignment WHERE bed_id = %s", [bed_id])
            self._sql("DELETE FROM ctxh_stay WHERE id IN %s", [tuple(stay_ids)])
            self._sql("DELETE FROM ctxh_resident WHERE id IN %s", [tuple(resident_ids)])
            self._sql("DELETE FROM ctxh_bed WHERE id = %s", [bed_id])
            self._sql("DELETE FROM ctxh_room WHERE id = %s", [room_id])

    def test_two_accountants_run_the_same_month(self):
        """The first run invoices the month; the second is told another run is at work and creates nothing;
        run again afterwards, it creates nothing new either."""
        accountant = self.env.ref("ctxh_residents.user_ctxh_accountant")
        admin = self.env.ref("base.user_admin")
        month = date(2031, 1, 1)
        contracts = self.env["ctxh.care.contract"].search([
            ("company_id", "=", self.env.ref("base.main_company").id), ("state", "=", "active")])
        if not contracts:
            self.skipTest("the demo data has no active contract")

        def setup(env):
            Run = env["ctxh.billing.run"]
            company = env.ref("base.main_company")
            return [Run.create({"company_id": company.id, "date_from": month}).id for _i in range(2)]

        run_ids = self._committed(setup)
        try:
            def generate(run_id, env):
                return env["ctxh.billing.run"].browse(run_id).action_generate()

            first, second = self._race(partial(generate, run_ids[0]), partial(generate, run_ids[1]),
                                       accountant.id, admin.id, second_waits=False)
            self.assertEqual(first, "ok")
            self.assertIsInstance(second, UserError)
            self.assertNotIsInstance(second, AccessError)
            self.assertIn("Another billing run", str(second))
            def invoiced(env):
                moves = env["account.move"].search([("ctxh_period_start", "=", month)])
                return len(moves), moves.ctxh_billing_run_id.ids

            self.assertEqual(self._committed(invoiced), (len(contracts.payer_ids), run_ids[:1]))
            self._committed(lambda env: env["ctxh.billing.run"].browse(run_ids[1]).action_generate())
            self.assertEqual(self._committed(invoiced)[0], len(contracts.payer_ids), "nothing created twice")
        finally:
            self._sql("DELETE FROM account_move WHERE ctxh_period_start = %s", [month])
            # the extra services (demo days of day care, home visits) the run billed are to bill again
            self._sql("UPDATE ctxh_service_usage SET billed_period_start = NULL WHERE billed_period_start = %s",
                      [month])
            self._sql("DELETE FROM mail_message WHERE model = 'ctxh.billing.run' AND res_id IN %s", [tuple(run_ids)])
            self._sql("DELETE FROM ctxh_billing_run WHERE id IN %s", [tuple(run_ids)])
