from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


@tagged("post_install", "-at_install")
class TestOutreach(CtxhSocialCase):
    """Group work and outreach: who came (named and counted), what was handed out, held by its action only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._resident(name="Hà Thị Mỷ", birth_year=2012, gender="female")
        cls.worker = cls.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_event_office", "company_id": cls.facility_a.id,
            "company_ids": [cls.facility_a.id], "groups_id": [cls.env.ref(OFFICE_WORKER).id]})
        cls.ward = cls.env["ctxh.office"].create({"name": "VP phường Đông Kinh", "company_id": cls.facility_a.id,
                                                  "user_ids": [cls.worker.id]})

    def _event(self, user=None, **vals):
        return self.env["ctxh.outreach.event"].with_user(user or self.care_a).create({
            "name": "Cà phê tư vấn: kỹ năng làm cha mẹ", "kind": "cafe", "date": datetime(2026, 5, 9, 1, 30),
            **vals})

    def test_participants_named_and_counted(self):
        """Named participants who attended plus those counted; an absent one does not count."""
        event = self._event(count_men=4, count_women=11, count_children=0, participant_ids=[
            Command.create({"resident_id": self.person.id}),
            Command.create({"partner_id": self.client.id, "attended": False}),
        ], material_ids=[Command.create({"name": "Tờ rơi Tổng đài 111", "quantity": 120})])
        self.assertEqual(event.participants_total, 16)
        event.participant_ids.filtered(lambda p: p.partner_id).attended = True
        self.assertEqual(event.participants_total, 17)
        self.assertEqual(event.participant_ids.mapped("display_name"), ["Hà Thị Mỷ", "Hoàng Thị Lụa"])
        with self.assertRaises(ValidationError):
            event.write({"participant_ids": [Command.create({"attended": True})]})

    def test_held_by_its_action_with_someone_there(self):
        event = self._event()
        with self.assertRaisesRegex(ValidationError, "mark who attended or count"):
            event.action_done()
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            event.write({"state": "done"})
        event.count_women = 9
        self.assertTrue(event.action_done())
        self.assertEqual(event.state, "done")
        # a held event's attendance can be corrected: it is planned again first
        event.action_reset_planned()
        self.assertEqual(event.state, "planned")

    def test_office_worker_sees_their_office(self):
        own = self._event(office_id=self.ward.id, material_ids=[Command.create({"name": "Tờ rơi", "quantity": 5})])
        other = self._event()
        self.assertEqual(self.env["ctxh.outreach.event"].with_user(self.worker).search([]), own)
        self.assertEqual(self.env["ctxh.outreach.material"].with_user(self.worker).search([]), own.material_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.worker).read(["name"])
        self.assertEqual(self._event(user=self.worker).office_id, self.ward)
        self.assertFalse(self.env["ctxh.outreach.event"].with_user(self.care_b).search([]))

    def test_bad_counts_are_refused_by_the_database(self):
        """A negative count is refused by PostgreSQL (the web client and RPC show the constraint's message)."""
        with mute_logger("odoo.sql_db"), self.assertRaisesRegex(IntegrityError, "counts_positive"), \
                self.env.cr.savepoint():
            self._event(count_men=-1)

    def test_an_impossible_count_is_refused_in_words(self):
        """A count beyond any event is refused before it reaches the database (where the total would overflow)."""
        event = self._event()
        with self.assertRaisesRegex(ValidationError, "count at most 100.000 people"):
            event.write({"count_children": 2_147_483_647})
