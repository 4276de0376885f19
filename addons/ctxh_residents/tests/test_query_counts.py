from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import CtxhPopulatedCase
from .web_client import WebClient, run_queries


@tagged("post_install", "-at_install")
class TestQueryCounts(CtxhPopulatedCase):
    """The registry's lists and the resident form cost as many queries for 20 rows as for 80, and as many
    in a facility of a hundred residents as after three hundred more: no query per row shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 130 residents, 108 of them in care: more than a page of 80 for every list
        cls.residents = cls._populate(130, cls.facility_a, "A")

    def _grow(self):
        """Three hundred more residents, in both facilities, with their stays, beds and relatives."""
        self._populate(240, self.facility_a, "B")
        self._populate(60, self.facility_b, "C")

    def test_lists_first_page(self):
        """Residents (in care), stays (active) and admissions: the first page costs the same for 20 and 80
        rows, before and after the database grows, for care staff and the director."""
        cases = [
            (self.care_a, "ctxh_residents.ctxh_resident_action"),
            (self.director_a, "ctxh_residents.ctxh_resident_action"),
            (self.care_a, "ctxh_residents.ctxh_stay_action"),
            (self.care_a, "ctxh_residents.ctxh_admission_action"),
        ]
        self._assert_lists_constant(cases, self._grow)

    def _add_history(self, resident, years, other_bed):
        """Earlier stays of ``resident`` in ``years``, each with a transfer to ``other_bed`` mid-way, and
        more relatives and documents."""
        stays = self.env["ctxh.stay"].create([{
            "resident_id": resident.id, "company_id": resident.company_id.id, "state": "discharged",
            "date_start": datetime(year, 1, 1, 8, 0), "date_end": datetime(year, 12, 1, 8, 0),
        } for year in years])
        self.env["ctxh.bed.assignment"].create([vals for stay in stays for vals in (
            {"stay_id": stay.id, "bed_id": resident.bed_id.id, "date_start": stay.date_start,
             "date_end": stay.date_start + timedelta(days=100), "company_id": stay.company_id.id},
            {"stay_id": stay.id, "bed_id": other_bed.id, "date_start": stay.date_start + timedelta(days=100),
             "date_end": stay.date_end, "company_id": stay.company_id.id},
        )])
        partners = self.env["res.partner"].create([{"name": f"Người thân {n}"} for n in range(len(years))])
        resident.write({
            "relative_ids": [Command.create({"partner_id": p.id, "relationship": "sibling"}) for p in partners],
            "document_ids": [Command.create({"document_type": "other", "number": str(y)}) for y in years],
        })

    def test_resident_form(self):
        """The resident form (relatives, documents, stays, bed history, duplicates warning, counters) costs
        the same in a small and a large database, and as much for a long history as for a short one, for
        care staff and for the director (who also reads the sensitive details)."""
        newcomer = self.residents[1]  # in care for the first time
        # back for the fourth time, with a transfer in each earlier stay, two relatives, two documents
        veteran = self.residents[6]
        self._add_history(veteran, [2013], self.residents[7].bed_id)
        # the same with seven earlier stays more, eight relatives, eight documents
        long_history = self.residents[12]
        self._add_history(long_history, range(2001, 2014, 2), self.residents[13].bed_id)
        self.assertEqual(len(veteran.bed_assignment_ids), 7)
        self.assertEqual(len(long_history.bed_assignment_ids), 19)
        forms = {user: WebClient(self.env(user=user)).form_request(self.env["ctxh.resident"])
                 for user in (self.care_a, self.director_a)}

        def cost(user, resident):
            return run_queries(self.env, lambda: forms[user](resident))

        small = {user: {"newcomer": cost(user, newcomer), "veteran": cost(user, veteran)} for user in forms}
        self._grow()
        for user in forms:
            self._assert_constant(f"the form of a newcomer as {user.login}", {
                "small database": small[user]["newcomer"], "larger database": cost(user, newcomer)})
            self._assert_constant(f"the form of a resident with a history as {user.login}", {
                "small database": small[user]["veteran"], "larger database": cost(user, veteran),
                "longer history, larger database": cost(user, long_history)})
