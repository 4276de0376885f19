from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ctxh_residents.tests.common import FACILITY_TZ, CtxhPopulatedCase

DOSE_TIMES = (time(7, 0), time(12, 0), time(19, 0))


@tagged("post_install", "-at_install")
class TestCareQueryCounts(CtxhPopulatedCase):
    """The medication rounds (today's doses) and the medication orders cost as many queries for 20 rows as for
    80, and as many with a few days of doses recorded as with weeks more: no query per row shown."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.users"])
        residents = cls._populate(130, cls.facility_a, "A")
        cls._medicate(residents, days=1)

    @classmethod
    def _medicate(cls, residents, days):
        """An active order three times a day for each resident in care, and its doses of the last ``days``
        days up to today: those already past recorded (given, or refused with a reason), the others planned."""
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        orders = env["ctxh.medication"].create([{
            "resident_id": resident.id, "medicine": f"Thuốc {n % 7}", "dose": "1 viên", "route": "oral",
            "times_of_day": ",".join(t.strftime("%H:%M") for t in DOSE_TIMES), "state": "active",
            "date_start": cls.today - timedelta(days=days), "prescriber_id": cls.medical_a.id,
        } for n, resident in enumerate(residents.filtered(lambda r: r.state == "in_care"))])
        tz, now = pytz.timezone(FACILITY_TZ), fields.Datetime.now()
        doses = []
        for n, order in enumerate(orders):
            for day in range(days):
                for moment in DOSE_TIMES:
                    local = tz.localize(datetime.combine(cls.today - timedelta(days=day), moment))
                    scheduled = local.astimezone(pytz.utc).replace(tzinfo=None)
                    vals = {"medication_id": order.id, "scheduled_at": scheduled}
                    if scheduled < now:
                        vals.update(state="refused", reason="Không chịu uống") if n % 5 == 0 else vals.update(
                            state="given", given_at=scheduled, given_by=cls.care_a.id)
                    doses.append(vals)
        env["ctxh.medication.administration"].create(doses)
        env.flush_all()

    def _grow(self):
        """Three hundred more residents, and a week of doses for each of them in care."""
        more = self._populate(240, self.facility_a, "B") | self._populate(60, self.facility_b, "C")
        self._medicate(more, days=7)

    def test_medication_lists_first_page(self):
        """Today's medication round and the active orders: the first page costs the same for 20 and 80 rows,
        before and after a week of doses is added, for the carer who records them and for medical staff."""
        self._assert_lists_constant([
            (self.care_a, "ctxh_care.ctxh_medication_administration_action"),
            (self.medical_a, "ctxh_care.ctxh_medication_administration_action"),
            (self.medical_a, "ctxh_care.ctxh_medication_action"),
        ], self._grow)
