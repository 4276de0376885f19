"""What only an action decides, tried through Odoo's documented External API (XML-RPC) as the demo users."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "ctxh_http")
class TestDecidedOverXmlRpc(HttpCase):
    """The examples of issue 13, as an integration would send them: each is refused and changes nothing."""

    def _login(self, login):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, f"demo user {login} logs in")
        return uid, login

    def _call(self, user, model, method, *args, **kwargs):
        uid, password = user
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, password, model, method, list(args), kwargs)

    def _refused(self, user, model, method, *args, **kwargs):
        """The call is answered with a readable fault (a user error), never a server error."""
        with mute_logger("odoo.http", "odoo.sql_db"), self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertNotIn("psycopg2", fault.faultString)
        self.assertNotIn("Traceback", fault.faultString)
        return fault.faultString

    def setUp(self):
        super().setUp()
        self.accountant = self._login("ketoan")
        self.care = self._login("congtacxahoi")
        self.director = self._login("giamdoc")
        self.company = self.env.ref("ctxh_residents.user_ctxh_director").company_id

    def test_accountant_cannot_close_a_contract_by_writing_its_state(self):
        """ketoan writes state=closed on an active contract: refused, the contract stays active."""
        contract = self.env["ctxh.care.contract"].search(
            [("state", "=", "active"), ("company_id", "=", self.company.id)], limit=1)
        self.assertTrue(contract, "the demo data has an active contract")
        message = self._refused(self.accountant, "ctxh.care.contract", "write", [contract.id], {"state": "closed"})
        self.assertIn("Trạng thái", message, "the message is in the user's language (Vietnamese)")
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "active")

    def test_care_staff_cannot_approve_a_care_plan_by_writing(self):
        """congtacxahoi writes state, approver and approval date on a draft plan: refused, still a draft."""
        plan = self.env["ctxh.care.plan"].search(
            [("state", "=", "draft"), ("company_id", "=", self.company.id)], limit=1)
        self.assertTrue(plan, "the demo data has a draft care plan")
        director_uid = self.director[0]
        for vals in ({"state": "approved"}, {"approver_id": director_uid}, {"approval_date": "2026-12-01"}):
            self._refused(self.care, "ctxh.care.plan", "write", [plan.id], vals)
        plan.invalidate_recordset()
        self.assertEqual((plan.state, plan.approver_id.id, plan.approval_date), ("draft", False, False))

    def test_an_approved_discharge_cannot_move_to_another_stay(self):
        """giamdoc approves a discharge (the action answers True); congtacxahoi then moves it: refused."""
        stays = self.env["ctxh.stay"].search(
            [("state", "=", "active"), ("company_id", "=", self.company.id)], limit=2)
        self.assertEqual(len(stays), 2, "the demo data has two residents in care")
        reason = self.env["ctxh.discharge.reason"].search([("code", "!=", "death")], limit=1)
        discharge_id = self._call(self.care, "ctxh.discharge", "create",
                                  {"stay_id": stays[0].id, "reason_id": reason.id})
        self.assertIs(self._call(self.director, "ctxh.discharge", "action_approve", [discharge_id]), True)
        self._refused(self.care, "ctxh.discharge", "write", [discharge_id], {"stay_id": stays[1].id})
        discharge = self.env["ctxh.discharge"].browse(discharge_id)
        self.assertEqual((discharge.stay_id, discharge.state), (stays[0], "approved"))

    def test_a_client_context_cannot_create_a_decided_record(self):
        """congtacxahoi creates an admission with default_state=approved in the context: it is a draft."""
        resident = self.env["ctxh.resident"].search([("company_id", "=", self.company.id)], limit=1)
        admission_type = self.env["ctxh.admission.type"].search([("code", "=", "regular")], limit=1)
        admission_id = self._call(
            self.care, "ctxh.admission", "create",
            {"resident_id": resident.id, "admission_type_id": admission_type.id, "company_id": self.company.id},
            context={"default_state": "approved", "default_decision_number": "1/QĐ-GIA"})
        admission = self.env["ctxh.admission"].browse(admission_id)
        self.assertEqual((admission.state, admission.decision_number), ("draft", False))
        self._refused(self.care, "ctxh.admission", "create",
                      {"resident_id": resident.id, "admission_type_id": admission_type.id,
                       "company_id": self.company.id, "state": "approved"})

    def test_a_stay_is_only_started_by_an_admission(self):
        """Nobody creates a stay directly, not even the director: admission, discharge and extension do."""
        resident = self.env["ctxh.resident"].search(
            [("company_id", "=", self.company.id), ("state", "=", "applicant")], limit=1)
        for user in (self.care, self.director):
            self._refused(user, "ctxh.stay", "create", {"resident_id": resident.id, "company_id": self.company.id})
        self.assertFalse(self.env["ctxh.stay"].search_count([("resident_id", "=", resident.id)]))

    def test_hiv_category_only_for_medical_staff(self):
        """The issue's example: the accountant and care staff list the residents of the category "child with HIV in
        a poor household" over XML-RPC. They find nobody and see no such tag or group; medical staff find the
        child."""
        hiv = self.env.ref("ctxh_residents.category_child_hiv_poor")
        children = self.env["ctxh.resident"].search([("category_ids", "in", hiv.ids)])
        self.assertTrue(children, "the demo data has a child with HIV")
        domains = ([("category_ids.code", "=", "child_hiv_poor")], [("category_ids", "in", hiv.ids)],
                   [("category_ids", "ilike", "HIV")])
        for user in (self.accountant, self.care):
            for domain in domains:
                self.assertEqual(self._call(user, "ctxh.resident", "search_read", domain, fields=["name"]), [])
            rows = self._call(user, "ctxh.resident", "read", children.ids, ["category_ids"])
            self.assertNotIn(hiv.id, [i for row in rows for i in row["category_ids"]])
            groups = self._call(user, "ctxh.resident", "read_group", [], ["category_ids"], ["category_ids"])
            self.assertNotIn(hiv.id, [group["category_ids"] and group["category_ids"][0] for group in groups])
            self.assertEqual(self._call(user, "ctxh.resident.category", "search", [("code", "=", "child_hiv_poor")]),
                             [])
        medical = self._login("yte")
        found = self._call(medical, "ctxh.resident", "search", [("category_ids.code", "=", "child_hiv_poor")])
        self.assertEqual(sorted(found), sorted(children.filtered(lambda r: r.company_id == self.company).ids))
