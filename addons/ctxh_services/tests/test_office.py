from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


@tagged("post_install", "-at_install")
class TestOffice(CtxhSocialCase):
    """Social work offices: office workers see their offices' records, the centre's staff and director all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Office = cls.env["ctxh.office"]
        cls.worker_a = cls.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_office", "company_id": cls.facility_a.id,
            "company_ids": [cls.facility_a.id], "groups_id": [cls.env.ref(OFFICE_WORKER).id],
        })
        cls.ward = Office.create({"name": "Văn phòng CTXH phường Đông Kinh", "kind": "commune",
                                  "company_id": cls.facility_a.id, "phone": "0205 3812 111",
                                  "user_ids": [cls.worker_a.id]})
        cls.school = Office.create({"name": "Phòng CTXH Trường THCS Chi Lăng", "kind": "school",
                                    "company_id": cls.facility_a.id})

    def test_office_worker_sees_only_their_offices(self):
        """Search, group-by and read: the school's call does not reach the ward's worker by any of them."""
        own = self._call(office_id=self.ward.id)
        other = self._call(office_id=self.school.id)
        centre = self._call()
        Call = self.env["ctxh.hotline.call"].with_user(self.worker_a)
        self.assertEqual(Call.search([("id", "in", (own | other | centre).ids)]), own)
        groups = Call.read_group([], ["office_id"], ["office_id"])
        self.assertEqual([g["office_id"][0] for g in groups], [self.ward.id])
        with self.assertRaises(AccessError):
            other.with_user(self.worker_a).read(["summary"])
        with self.assertRaises(AccessError):
            other.with_user(self.worker_a).write({"summary": "Sửa từ văn phòng khác"})
        # the centre's staff and the director see every office
        for user in (self.care_a, self.director_a):
            self.assertEqual(self.env["ctxh.hotline.call"].with_user(user).search(
                [("id", "in", (own | other | centre).ids)]), own | other | centre)

    def test_new_record_belongs_to_the_workers_office(self):
        """A call, a counselling session and a referral created by an office worker belong to their office."""
        call = self._call(user=self.worker_a)
        self.assertEqual(call.office_id, self.ward)
        session = self.env["ctxh.counselling.session"].with_user(self.worker_a).create({
            "name": "Tư vấn cho phụ huynh", "partner_id": self.client.id, "channel": "community"})
        self.assertEqual(session.office_id, self.ward)
        self.assertEqual(call.with_user(self.worker_a).action_create_referral()["context"]["default_office_id"],
                         self.ward.id, "a referral made from the call stays with its office")
        referral = self._referral(user=self.worker_a)
        self.assertEqual(referral.office_id, self.ward)
        self.assertFalse(self._call().office_id, "the centre's staff belong to no office: the centre's own call")

    def test_a_change_of_staff_applies_at_once(self):
        """Moving a worker to another office changes what they see without a restart (rule cache cleared)."""
        other = self._call(office_id=self.school.id)
        Call = self.env["ctxh.hotline.call"].with_user(self.worker_a)
        self.assertFalse(Call.search([("id", "=", other.id)]))
        self.school.user_ids = [(4, self.worker_a.id)]
        self.assertEqual(Call.search([("id", "=", other.id)]), other)
        self.school.user_ids = [(3, self.worker_a.id)]
        self.assertFalse(Call.search([("id", "=", other.id)]))

    def test_every_office_model_has_its_office_rules(self):
        """Generated from the registry: each model of ctxh.office.mixin has the office workers' rule on its
        offices and the directors' rule on all, so that a new model cannot forget them."""
        Rule = self.env["ir.rule"].sudo()
        worker = self.env.ref(OFFICE_WORKER)
        director = self.env.ref("ctxh_residents.group_ctxh_director")
        models = [name for name, model in self.env.registry.items()
                  if not model._abstract and not model._transient
                  and issubclass(model, self.env.registry["ctxh.office.mixin"])]
        self.assertIn("ctxh.hotline.call", models)
        for name in models:
            with self.subTest(model=name):
                rules = Rule.search([("model_id.model", "=", name)])
                worker_rules = rules.filtered(lambda r, g=worker: g in r.groups)
                self.assertEqual(len(worker_rules), 1)
                self.assertEqual(worker_rules.domain_force.replace(" ", ""),
                                 "[('office_id','in',user.ctxh_office_ids.ids)]")
                self.assertTrue(rules.filtered(lambda r, g=director: g in r.groups and r.domain_force
                                               and r.domain_force.replace(" ", "") == "[(1,'=',1)]"))
