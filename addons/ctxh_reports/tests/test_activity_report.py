import io
from datetime import date, datetime

from openpyxl import load_workbook

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.ctxh_reports.tests.test_xlsx_reports import XlsxReportMixin
from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"
# the second quarter of 2026; calls at 08:00 in Vietnam (01:00 UTC)
Q2 = {"period_kind": "quarter", "year": 2026, "quarter": "2"}


@tagged("post_install", "-at_install")
class TestActivityReport(XlsxReportMixin, CtxhSocialCase):
    """The centre's periodic activity workbook: figures by office and period, the centre's own column, totals,
    and each user's record rules (an office worker's workbook holds their offices only)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Office = cls.env["ctxh.office"]
        cls.worker = cls.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_office_report", "company_id": cls.facility_a.id,
            "company_ids": [cls.facility_a.id], "groups_id": [cls.env.ref(OFFICE_WORKER).id],
        })
        cls.ward = Office.create({"name": "VP phường Đông Kinh", "kind": "commune", "sequence": 1,
                                  "company_id": cls.facility_a.id, "user_ids": [cls.worker.id]})
        cls.school = Office.create({"name": "Phòng CTXH THCS Chi Lăng", "kind": "school", "sequence": 2,
                                    "company_id": cls.facility_a.id})
        cls.legal = cls.env.ref("ctxh_services.call_topic_legal")

    def _calls(self, office, count, topic=None, when=datetime(2026, 5, 4, 1, 0), **vals):
        return self.env["ctxh.hotline.call"].create([{
            "caller_type": "parent", "topic_id": (topic or self.topic).id, "call_time": when,
            "office_id": office.id if office else False, "company_id": self.facility_a.id, **vals,
        } for _i in range(count)])

    def _session(self, office, channel, client, when=datetime(2026, 5, 5, 2, 0), done=True):
        session = self.env["ctxh.counselling.session"].create({
            "name": "Tư vấn", "partner_id": client.id, "channel": channel, "date": when,
            "office_id": office.id if office else False, "company_id": self.facility_a.id})
        if done:
            session.with_user(self.care_a).action_done()
        return session

    def _figures(self, user, offices=None):
        """The header and the rows by label of the first sheet, printed as ``user`` for the quarter."""
        wizard = self._wizard(user, "activity", **Q2)
        if offices:
            wizard.office_ids = [Command.set(offices.ids)]
        action = wizard.with_context(lang="en_US").action_print()
        content, _extension = self.env["ir.actions.report"].with_user(user).with_context(action["context"])._render(
            action["report_name"], action["context"]["active_ids"], action["data"])
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        return self._header(sheet), self._by_label(sheet)

    def test_figures_by_office_and_period(self):
        """Calls by topic, emergencies, counselling by where it happened (people once per place), referrals:
        per office, the centre's own and the total; what falls outside the quarter or was cancelled is left out."""
        self._calls(self.ward, 3)
        self._calls(self.ward, 1, urgency="emergency")
        self._calls(self.school, 2, topic=self.legal)
        self._calls(False, 1)
        self._calls(self.ward, 5, when=datetime(2026, 3, 31, 16, 59))  # 31/03 23:59 in Vietnam: Q1
        self._calls(self.ward, 1, when=datetime(2026, 3, 31, 17, 0))   # 01/04 00:00 in Vietnam: Q2
        other = self.env["res.partner"].create({"name": "Lục Văn Khánh", "company_id": self.facility_a.id})
        self._session(self.ward, "community", self.client)
        self._session(self.ward, "community", self.client)
        self._session(self.ward, "community", other)
        self._session(self.school, "phone", self.client)
        self._session(False, "centre", other)
        self._session(self.ward, "centre", other, done=False)
        header, rows = self._figures(self.care_a)
        self.assertEqual(header, ["Indicator", self.ward.name, self.school.name, "Centre (no office)", "Total"])
        self.assertEqual(rows["Calls received"][1:], [5, 2, 1, 8])
        self.assertEqual(rows["    " + self.topic.name][1:], [5, 0, 1, 6])
        self.assertEqual(rows["    " + self.legal.name][1:], [0, 2, 0, 2])
        self.assertEqual(rows["    of which emergencies"][1:], [1, 0, 0, 1])
        self.assertEqual(rows["Counselling sessions held"][1:], [3, 1, 1, 5])
        self.assertEqual(rows["    In the community: sessions"][1:], [3, 0, 0, 3])
        self.assertEqual(rows["    In the community: people counselled"][1:], [2, 0, 0, 2])
        self.assertEqual(rows["    By telephone: people counselled"][1:], [0, 1, 0, 1])
        self.assertEqual(rows["    At the centre: sessions"][1:], [0, 0, 1, 1], "the planned session is not held")

    def test_office_worker_reports_on_their_offices_only(self):
        """The ward's worker prints the same report: the school's and the centre's calls are not in it."""
        self._calls(self.ward, 2)
        self._calls(self.school, 4)
        self._calls(False, 1)
        header, rows = self._figures(self.worker)
        self.assertEqual(rows["Calls received"][-1], 2)
        self.assertEqual(rows["Calls received"][header.index(self.school.name)], 0)

    def test_chosen_offices_only(self):
        """With offices chosen, only their columns (no centre column)."""
        self._calls(self.ward, 2)
        self._calls(self.school, 4)
        header, rows = self._figures(self.care_a, self.school)
        self.assertEqual(header, ["Indicator", self.school.name, "Total"])
        self.assertEqual(rows["Calls received"][1:], [4, 4])

    def test_queries_do_not_grow_with_the_records(self):
        """One grouped query per figure: ten times the calls and sessions cost no more queries."""
        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._figures(self.care_a)
            return self.env.cr.sql_log_count - before

        self._calls(self.ward, 2)
        self._session(self.ward, "community", self.client)
        few = queries()
        self._calls(self.ward, 20)
        self._calls(self.school, 20, topic=self.legal)
        for _i in range(10):
            self._session(self.school, "phone", self.client)
        many = queries()
        self.assertLessEqual(many, few + 2, f"{few} queries for 3 records, {many} for 53")

    def test_office_card_figures_and_buttons(self):
        """The office overview counts the month's calls and sessions per office and opens them."""
        today_utc = self.facility_a._ctxh_day_bounds(self.facility_a._ctxh_today())[0]
        self._calls(self.ward, 2, when=today_utc)
        self._calls(self.school, 1, when=today_utc, outcome="advice")
        offices = (self.ward | self.school).with_user(self.care_a)
        self.assertEqual(offices.mapped("ctxh_call_month_count"), [2, 1])
        self.assertEqual(offices.mapped("ctxh_call_open_count"), [2, 0])
        action = self.ward.with_user(self.care_a).with_context(ctxh_figure="call_open").action_ctxh_office_open()
        self.assertEqual(self.env["ctxh.hotline.call"].with_user(self.care_a).search_count(action["domain"]), 2)

    def test_cases_opened_closed_and_open_by_group(self):
        """Cases opened and closed in the quarter and open at its end, by office and group; a case closed after
        the quarter was still open at its end."""
        child = self.env.ref("ctxh_services.case_group_child")
        elderly = self.env.ref("ctxh_services.case_group_elderly")
        person = self._resident(name="Hà Văn Sinh", birth_year=2012)
        Case = self.env["ctxh.case"]

        def case(office, group, opened, closed=None):
            record = Case.create({"resident_id": person.id, "title": "Hỗ trợ", "group_id": group.id,
                                  "office_id": office.id if office else False, "date_open": opened})
            if closed:
                record.write({"closure_reason_id": self.env.ref("ctxh_services.case_closure_goals_met").id,
                              "outcome": "Ổn định."})
                record.action_close()
                record._ctxh_action_write({"date_closed": closed})
            return record

        case(self.ward, child, date(2026, 4, 10))
        case(self.ward, child, date(2026, 3, 1), date(2026, 5, 20))
        case(self.school, elderly, date(2026, 5, 1), date(2026, 8, 1))
        case(self.school, elderly, date(2026, 7, 2))  # after the quarter
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Cases opened"][1:], [1, 1, 0, 2])
        self.assertEqual(rows["Cases closed"][1:], [1, 0, 0, 1])
        self.assertEqual(rows["Cases open at the end of the period"][1:], [1, 1, 0, 2])
        labels = list(rows)
        opened = labels.index("Cases opened")
        self.assertEqual(rows[labels[opened + 1]][0], "    " + child.name)
        ward = self.ward.with_user(self.care_a)
        self.assertEqual(ward.ctxh_case_open_count, 1)

    def test_collaborators_at_work_and_what_they_reported(self):
        """Collaborators at work on the last day, by office; the calls they passed on in the quarter."""
        Collaborator = self.env["ctxh.collaborator"]
        luc = Collaborator.create({"name": "Lục Văn Ba", "company_id": self.facility_a.id, "office_id": self.ward.id,
                                   "date_start": date(2025, 1, 1)})
        Collaborator.create({"name": "Mã Thị Hoa", "company_id": self.facility_a.id, "office_id": self.ward.id,
                             "date_start": date(2025, 1, 1), "date_end": date(2026, 5, 31)})
        Collaborator.create({"name": "Nông Văn Hải", "company_id": self.facility_a.id,
                             "office_id": self.school.id, "date_start": date(2026, 7, 1)})
        self._calls(self.ward, 2, collaborator_id=luc.id)
        self._calls(self.ward, 1)
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Collaborators at work at the end of the period"][1:], [1, 0, 0, 1])
        self.assertEqual(rows["    calls they reported"][1:], [2, 0, 0, 2])

    def test_events_participants_and_leaflets(self):
        """Held events by kind and office, their participants (named who came and counted), the leaflets they
        handed out; a planned event is not counted."""
        Event = self.env["ctxh.outreach.event"]

        def event(office, kind, held=True, **vals):
            record = Event.create({"name": "Sự kiện", "kind": kind, "company_id": self.facility_a.id,
                                   "office_id": office.id if office else False,
                                   "date": datetime(2026, 5, 9, 1, 30), **vals})
            if held:
                record.action_done()
            return record

        event(self.ward, "cafe", count_women=10, participant_ids=[Command.create({"partner_id": self.client.id})],
              material_ids=[Command.create({"name": "Tờ rơi 111", "quantity": 200})])
        event(self.ward, "cafe", count_men=5)
        event(self.school, "communication", count_children=80,
              material_ids=[Command.create({"name": "Tờ rơi học đường", "quantity": 300}),
                            Command.create({"name": "Áp phích", "kind": "poster", "quantity": 10})])
        event(self.school, "cafe", held=False, count_men=50,
              material_ids=[Command.create({"name": "Tờ rơi", "quantity": 999})])
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Events held"][1:], [2, 1, 0, 3])
        self.assertEqual(rows["    Counselling café: participants"][1:], [16, 0, 0, 16])
        self.assertEqual(rows["    Community communication event: participants"][1:], [0, 80, 0, 80])
        self.assertEqual(rows["Leaflet distributed"][1:], [200, 300, 0, 500])
        self.assertEqual(rows["Poster distributed"][1:], [0, 10, 0, 10])

    def test_screening_and_therapy_figures(self):
        """Children screened and above the cut-off come from the campaigns' counts, read by care staff who may
        not read a single score; therapy courses started in the quarter by office."""
        sdq = self.env.ref("ctxh_services.screening_instrument_sdq_parent")
        campaign = self.env["ctxh.screening.campaign"].create({
            "name": "Sàng lọc SDQ khối 6", "instrument_id": sdq.id, "company_id": self.facility_a.id,
            "office_id": self.school.id, "date": date(2026, 4, 20)})
        children = [self._resident(name=f"Học sinh {n}", birth_year=2014) for n in range(3)]
        results = self.env["ctxh.screening.result"].create([
            {"campaign_id": campaign.id, "resident_id": child.id} for child in children])
        for scale in ("emo", "hyp"):
            results[0].score_ids.filtered(lambda s, c=scale: s.scale_id.code == c).manual_score = 10
        campaign.action_start()
        self.env["ctxh.therapy.course"].create({"resident_id": children[0].id, "company_id": self.facility_a.id,
                                                "office_id": self.school.id, "date_start": date(2026, 5, 2)})
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Children screened"][1:], [0, 3, 0, 3])
        self.assertEqual(rows["    above the cut-off"][1:], [0, 1, 0, 1])
        self.assertEqual(rows["Therapy courses started"][1:], [0, 1, 0, 1])

    def test_foster_care_figures(self):
        """Families approved by the end of the quarter, placements started by kind, in care on its last day,
        ended in it, and the monitoring visits, by office (records written as decided, by the system)."""
        Family = self.env["ctxh.foster.family"]
        ward_family = Family.create({"name": "Hộ bà Hoàng Thị Nhung", "company_id": self.facility_a.id,
                                     "office_id": self.ward.id, "state": "approved",
                                     "approved_date": date(2026, 4, 2), "capacity": 3})
        Family.create({"name": "Hộ ông Vi Văn Đông", "company_id": self.facility_a.id, "office_id": self.ward.id,
                       "state": "approved", "approved_date": date(2026, 7, 2)})
        Family.create({"name": "Bà Lương Thị Thu", "company_id": self.facility_a.id, "office_id": self.school.id})
        children = [self._resident(name=f"Trẻ {n}", birth_year=2015) for n in range(4)]

        def placement(child, kind, start, state="active", end=None):
            return self.env["ctxh.foster.placement"].create({
                "resident_id": child.id, "family_id": ward_family.id, "kind": kind, "date_start": start,
                "state": state, "date_end": end})

        first = placement(children[0], "emergency", date(2026, 4, 10), "ended", date(2026, 6, 20))
        placement(children[1], "emergency", date(2026, 5, 1))
        placement(children[2], "regular", date(2025, 9, 1))
        placement(children[3], "regular", date(2026, 6, 1), "draft")
        self.env["ctxh.foster.visit"].create([
            {"placement_id": first.id, "date": date(2026, 5, 10)},
            {"placement_id": first.id, "date": date(2026, 6, 10)},
            {"placement_id": first.id, "date": date(2026, 3, 10)},
        ])
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Foster families approved"][1:], [1, 0, 0, 1])
        self.assertEqual(rows["Placements started"][1:], [2, 0, 0, 2])
        self.assertEqual(rows["    Emergency"][1:], [2, 0, 0, 2])
        self.assertEqual(rows["Placements in care at the end of the period"][1:], [2, 0, 0, 2])
        self.assertEqual(rows["Placements ended"][1:], [1, 0, 0, 1])
        self.assertEqual(rows["Monitoring visits"][1:], [2, 0, 0, 2])
    def test_day_care_days_and_home_visits_in_the_centre_column(self):
        """Days attended on confirmed day-care sheets and home visits done in the quarter, and the people they were
        for, count in the centre's column; a draft sheet, a planned visit and a day of another quarter do not."""
        day = self.env["product.product"].create({"name": "Chăm sóc ban ngày (ngày)", "type": "service",
                                                  "ctxh_service_kind": "day_care_day", "list_price": 150_000})
        visit_service = self.env["product.product"].create({"name": "Chăm sóc tại nhà (lượt)", "type": "service",
                                                            "ctxh_service_kind": "home_visit",
                                                            "list_price": 200_000})
        payer = self.env["res.partner"].create({"name": "Vũ Minh Tuấn"})
        contracts = self.env["ctxh.care.contract"].create([{
            "resident_id": self._resident(name=name).id, "date": date(2026, 1, 5), "date_start": date(2026, 1, 5),
            "line_ids": [Command.create({"product_id": day.id}), Command.create({"product_id": visit_service.id})],
            "payer_ids": [Command.create({"partner_id": payer.id, "share": 100})],
        } for name in ("Vũ Văn Khải", "Phạm Thị Nhung")])
        contracts.with_user(self.director_a).action_activate()
        khai, nhung = contracts
        Sheet = self.env["ctxh.daycare.attendance"].with_user(self.care_a)
        for when, present, confirm in [(date(2026, 4, 6), khai | nhung, True), (date(2026, 4, 7), khai, True),
                                       (date(2026, 4, 8), khai, False), (date(2026, 3, 31), khai, True)]:
            sheet = Sheet.create({"date": when, "company_id": self.facility_a.id})
            sheet.line_ids.filtered(lambda line, p=present: line.contract_id in p).present = True
            if confirm:
                sheet.action_confirm()
        Visit = self.env["ctxh.home.visit"].with_user(self.care_a)
        visits = Visit.create([{"contract_id": khai.id, "date": date(2026, 5, d)} for d in (4, 18)])
        visits.action_done()
        Visit.create({"contract_id": nhung.id, "date": date(2026, 5, 6)})
        _header, rows = self._figures(self.care_a)
        self.assertEqual(rows["Day care: days attended"][1:], [0, 0, 3, 3])
        self.assertEqual(rows["    people who came"][1:], [0, 0, 2, 2])
        self.assertEqual(rows["Home visits: visits"][1:], [0, 0, 2, 2])
        self.assertEqual(rows["    people visited"][1:], [0, 0, 1, 1])
        _header, rows = self._figures(self.worker)
        self.assertNotIn("Day care: days attended", rows, "the ward's worker reports on the ward only")
