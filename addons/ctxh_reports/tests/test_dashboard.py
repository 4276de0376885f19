from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestDashboard(CtxhContractCase):
    """Facility A: three beds, residents admitted, an emergency stay, a departure, a follow-up visit,
    a care plan due for review, a dose not given and unpaid care fees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.company"])
        now = fields.Datetime.now()
        month_start = datetime.combine(cls.today.replace(day=1), datetime.min.time())
        # two residents in beds since January; one admitted this month without a bed
        cls.old_1 = cls._resident(name="Lý Thị Nga")
        cls.stay_old_1 = cls._admit(cls.old_1, cls.bed1, date_start=datetime(2026, 1, 5, 3, 0))
        cls.old_2 = cls._resident(name="Vương Thị Sử")
        cls.stay_old_2 = cls._admit(cls.old_2, cls.bed2, date_start=datetime(2026, 1, 6, 3, 0))
        cls.new = cls._resident(name="Đàm Thị Yến")
        cls.stay_new = cls._admit(cls.new, date_start=max(month_start, now - timedelta(hours=1)))
        emergency = cls.env.ref("ctxh_residents.admission_type_emergency")
        cls.stays_emergency = cls.env["ctxh.stay"]
        # three emergency stays: one ends within the warning days, one in two months, one six days ago
        for name, days in (("Mùa Thị Dợ", 5), ("Giàng A Páo", 60), ("Thào Thị Mỷ", -6)):
            resident = cls._resident(name=name)
            admission = cls.env["ctxh.admission"].create({
                "resident_id": resident.id, "company_id": cls.facility_a.id, "admission_type_id": emergency.id})
            stay = cls._admit(resident, date_start=datetime(2026, 1, 10, 3, 0),
                              date_end_planned=cls.today + timedelta(days=days))
            stay.admission_id = admission
            cls.stays_emergency |= stay
        # one resident went home this month, with a follow-up visit already late
        cls.gone = cls._resident(name="Hà Văn Tùng", gender="male")
        cls.stay_gone = cls._admit(cls.gone, date_start=datetime(2026, 2, 1, 3, 0))
        discharge = cls.env["ctxh.discharge"].create({
            "stay_id": cls.stay_gone.id, "destination": "family",
            "reason_id": cls.env.ref("ctxh_residents.discharge_reason_family_request").id,
            "handover_date": max(month_start, now - timedelta(minutes=30))})
        discharge.with_user(cls.director_a).action_approve()
        discharge.with_user(cls.care_a).action_done()
        # the visits the handover planned are called off (kept, cancelled): the test plans its own below
        cls.env["ctxh.followup"].search([("discharge_id", "=", discharge.id)]).with_user(cls.care_a).action_cancel()
        cls.followups = cls.env["ctxh.followup"].create([
            {"name": "Thăm 1 tháng", "discharge_id": discharge.id, "date_planned": cls.today - timedelta(days=3)},
            {"name": "Thăm 3 tháng", "discharge_id": discharge.id, "date_planned": cls.today + timedelta(days=60)},
        ])
        # a care plan in force, reviewed in 3 days
        cls.plan = cls.env["ctxh.care.plan"].create({"resident_id": cls.old_1.id,
                                                     "review_date": cls.today + timedelta(days=3)})
        cls.plan.state = "approved"
        # a dose planned three hours ago and not given
        order = cls.env["ctxh.medication"].create({
            "resident_id": cls.old_2.id, "medicine": "Amlodipin 5mg", "dose": "1 viên 5mg",
            "times_of_day": "07:00", "date_start": date(2026, 3, 1)})
        cls.dose = cls.env["ctxh.medication.administration"].create({
            "medication_id": order.id, "scheduled_at": now - timedelta(hours=3)})
        # care fees: March billed and posted for the first resident, nothing paid
        cls.contract = cls._contract(cls.old_1, cls.stay_old_1, payers={cls.son: 60, cls.daughter: 40},
                                     deposit_amount=1_000_000)
        run = cls.env["ctxh.billing.run"].with_user(cls.accountant_a).create({
            "company_id": cls.facility_a.id, "date_from": date(2026, 3, 1)})
        run.action_generate()
        run.action_post()
        cls.march = run.move_ids

    def _card(self, user):
        return self.facility_a.with_user(user).with_context(allowed_company_ids=[self.facility_a.id])

    def test_overview_figures_match_the_records(self):
        """The card of the facility counts what was set up, no more."""
        card = self._card(self.director_a)
        self.assertEqual((card.ctxh_bed_count, card.ctxh_bed_free_count), (3, 1))
        # the room of the fixture is for women: its free bed is none for a man
        self.assertEqual((card.ctxh_bed_free_female_count, card.ctxh_bed_free_male_count), (1, 0))
        self.assertEqual(card.ctxh_admission_month_count, 1)
        self.assertEqual(card.ctxh_discharge_month_count, 1)
        self.assertEqual(card.ctxh_emergency_near_count, 1, "a stay past its limit is not near it")
        self.assertEqual(card.ctxh_emergency_past_count, 1)
        self.assertEqual(card.ctxh_followup_overdue_count, 1)
        self.assertEqual(card.ctxh_review_due_count, 1)
        self.assertEqual(card.ctxh_dose_overdue_count, 1)
        self.assertEqual(card.ctxh_receivable_total, 7_500_000 + 1_000_000, "March and the unpaid deposit")
        self.assertEqual(card.ctxh_receivable_overdue, 7_500_000, "the deposit falls due today, March is late")

    def test_buttons_open_the_records_counted(self):
        """Each figure opens exactly the records it counts, in this facility."""
        card = self._card(self.director_a)
        expected = {
            "bed_free": ("ctxh.bed", self.bed3),
            "bed_free_female": ("ctxh.bed", self.bed3),
            "admission_month": ("ctxh.stay", self.stay_new),
            "discharge_month": ("ctxh.stay", self.stay_gone),
            "emergency_near": ("ctxh.stay", self.stays_emergency[0]),
            "emergency_past": ("ctxh.stay", self.stays_emergency[2]),
            "followup_overdue": ("ctxh.followup", self.followups[0]),
            "review_due": ("ctxh.care.plan", self.plan),
            "dose_overdue": ("ctxh.medication.administration", self.dose),
        }
        for figure, (model, records) in expected.items():
            with self.subTest(figure=figure):
                action = card.with_context(ctxh_figure=figure).action_ctxh_dashboard_open()
                self.assertEqual(action["res_model"], model)
                found = self.env[model].with_user(self.director_a).search(action["domain"])
                self.assertEqual(found, records)
        action = card.with_context(ctxh_figure="receivable").action_ctxh_dashboard_open()
        rows = self.env[action["res_model"]].with_user(self.director_a).search(action["domain"])
        self.assertEqual(rows.move_id, self.march | self.contract.deposit_move_id)

    def test_what_waits_for_the_director(self):
        """Admissions, care plans and discharges waiting for the director's signature come first on the director's
        card, each opening its records; zero when nothing waits, and only the director sees them."""
        card = self._card(self.director_a)
        figures = ("ctxh_admission_pending_count", "ctxh_plan_pending_count", "ctxh_discharge_pending_count")
        self.assertEqual([card[f] for f in figures], [0, 0, 0])
        waiting = self._resident(name="Lò Văn Pình", gender="male")
        admission = self.env["ctxh.admission"].with_user(self.care_a).create({
            "resident_id": waiting.id, "company_id": self.facility_a.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_regular").id})
        admission.action_submit()
        plan = self.env["ctxh.care.plan"].with_user(self.care_a).create({
            "resident_id": self.old_2.id, "review_date": self.today + timedelta(days=90),
            "goal_ids": [fields.Command.create({"objective": "Đi lại với khung tập đi"})]})
        plan.action_submit()
        discharge = self.env["ctxh.discharge"].with_user(self.care_a).create({
            "stay_id": self.stay_new.id, "destination": "family",
            "reason_id": self.env.ref("ctxh_residents.discharge_reason_family_request").id})
        self.env.invalidate_all()
        card = self._card(self.director_a)
        self.assertEqual([card[f] for f in figures], [1, 1, 1])
        for figure, records in (("admission_pending", admission), ("plan_pending", plan),
                                ("discharge_pending", discharge)):
            with self.subTest(figure=figure):
                action = card.with_context(ctxh_figure=figure).action_ctxh_dashboard_open()
                self.assertEqual(self.env[action["res_model"]].with_user(self.director_a).search(action["domain"]),
                                 records)
                with self.assertRaises(AccessError):
                    self._card(self.care_a).with_context(ctxh_figure=figure).action_ctxh_dashboard_open()
        with self.assertRaises(AccessError):
            self._card(self.care_a).read(["ctxh_plan_pending_count"])
        arch = self.env["res.company"].with_user(self.director_a).get_views(
            [(self.env.ref("ctxh_reports.res_company_view_kanban_ctxh_overview").id, "kanban")],
        )["views"]["kanban"]["arch"]
        # what needs action comes before beds and movements
        self.assertLess(arch.index("ctxh_admission_pending_count"), arch.index("ctxh_bed_free_count"))
        self.assertLess(arch.index("ctxh_emergency_past_count"), arch.index("ctxh_admission_month_count"))

    def test_figures_follow_the_groups(self):
        """Care staff see no money nor doses; accountants no care figures; a made-up figure is refused."""
        for user, field in ((self.care_a, "ctxh_receivable_total"), (self.care_a, "ctxh_dose_overdue_count"),
                            (self.accountant_a, "ctxh_review_due_count")):
            with self.subTest(user=user.login, field=field), self.assertRaises(AccessError):
                self._card(user).read([field])
        self.assertEqual(self._card(self.medical_a).read(["ctxh_dose_overdue_count"])[0]["ctxh_dose_overdue_count"], 1)
        self.assertEqual(self._card(self.care_a).read(["ctxh_emergency_near_count"])[0]["ctxh_emergency_near_count"], 1)
        with self.assertRaises(AccessError):
            self._card(self.care_a).with_context(ctxh_figure="dose_overdue").action_ctxh_dashboard_open()
        with self.assertRaises(AccessError):
            self._card(self.care_a).with_context(ctxh_figure="receivable").action_ctxh_dashboard_open()
        with self.assertRaises(UserError):
            self._card(self.director_a).with_context(ctxh_figure="salaries").action_ctxh_dashboard_open()
        arch = self.env["res.company"].with_user(self.care_a).get_views(
            [(self.env.ref("ctxh_reports.res_company_view_kanban_ctxh_overview").id, "kanban")],
        )["views"]["kanban"]["arch"]
        self.assertIn("ctxh_emergency_near_count", arch)
        self.assertNotIn("ctxh_receivable_total", arch)
        self.assertNotIn("ctxh_dose_overdue_count", arch)

    def test_movements_over_time(self):
        """Every stay started is an admission and every stay ended a discharge with its ground;
        another facility's staff see none of them."""
        Report = self.env["ctxh.movement.report"].with_user(self.care_a)
        rows = Report.search([("company_id", "=", self.facility_a.id)])
        stays = self.env["ctxh.stay"].search([("company_id", "=", self.facility_a.id)])
        self.assertEqual(rows.filtered(lambda r: r.kind == "admission").stay_id, stays)
        departures = rows.filtered(lambda r: r.kind == "discharge")
        self.assertEqual(departures.stay_id, self.stay_gone)
        self.assertEqual(departures.reason_id, self.env.ref("ctxh_residents.discharge_reason_family_request"))
        self.assertEqual(departures.date, self.stay_gone.date_end)
        by_month = dict(Report._read_group([("company_id", "=", self.facility_a.id), ("kind", "=", "admission")],
                                           ["date:month"], ["movement_count:sum"]))
        self.assertEqual(sum(by_month.values()), len(stays))
        self.assertFalse(self.env["ctxh.movement.report"].with_user(self.care_b).search(
            [("company_id", "=", self.facility_a.id)]))

    def test_receivables_by_age(self):
        """Unpaid March invoices and the deposit sit in the bucket of their days past due; once paid they
        leave the report, and credit notes show as owed back."""
        Report = self.env["ctxh.receivable.report"].with_user(self.accountant_a)
        rows = Report.search([("company_id", "=", self.facility_a.id)])
        self.assertEqual(sum(rows.mapped("amount_residual")), 8_500_000)
        for row in rows:
            late = (self.today - row.invoice_date_due).days
            bucket = ("not_due" if late <= 0 else "1_30" if late <= 30 else "31_60" if late <= 60
                      else "61_90" if late <= 90 else "over_90")
            self.assertEqual((row.age_bucket, row.days_overdue), (bucket, max(late, 0)), row.move_id.name)
        son_invoice = self.march.filtered(lambda m: m.partner_id == self.son)
        self._pay(son_invoice)
        self.env.invalidate_all()
        self.assertEqual(sum(Report.search([("company_id", "=", self.facility_a.id)]).mapped("amount_residual")),
                         8_500_000 - 4_500_000)
        with self.assertRaises(AccessError):
            self.env["ctxh.receivable.report"].with_user(self.care_a).search([])

    def test_dashboard_views_load(self):
        """The graph, pivot, list and kanban views of the dashboards open for the people they are for."""
        checks = [
            (self.care_a, "ctxh_reports.ctxh_occupancy_action"),
            (self.care_a, "ctxh_reports.ctxh_movement_report_action"),
            (self.care_a, "ctxh_reports.ctxh_overview_action"),
            (self.medical_a, "ctxh_reports.ctxh_dose_report_action"),
            (self.accountant_a, "ctxh_reports.ctxh_receivable_report_action"),
        ]
        for user, xmlid in checks:
            with self.subTest(action=xmlid):
                action = self.env.ref(xmlid).sudo()
                modes = action.view_mode.split(",")
                views = [(view.view_id.id, view.view_mode) for view in action.view_ids] or [
                    (action.view_id.id if mode == modes[0] and action.view_id else False, mode) for mode in modes]
                result = self.env[action.res_model].with_user(user).get_views(views)
                self.assertEqual(set(result["views"]), {mode for _view, mode in views})
