from collections import defaultdict

from odoo import models
from odoo.osv import expression

# the column of what a facility did itself, outside any office
CENTRE = False


class ReportCtxhActivity(models.AbstractModel):
    """The social work centre's periodic activity report (báo cáo hoạt động định kỳ): what the centre and each of
    its offices did in the period, in the figures the provinces report (calls by topic, counselling by where it
    happened, cases, screening and therapy, placements, group work, collaborators). One sheet per facility, one
    column per office, the centre's own work and the total. Each figure is one grouped query over the records the
    user may read (office workers: their offices), never a query per office or per row."""

    _name = "report.ctxh_reports.ctxh_report_activity_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Social Work Activity (XLSX)"
    _ctxh_report_kind = "activity"

    def _ctxh_generate(self, workbook, wizard, companies):
        formats = self._ctxh_formats(workbook)
        sections = self._ctxh_sections(wizard, companies)
        for company in companies:
            self._ctxh_write_sheet(workbook, formats, wizard, company, sections)

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _ctxh_sections(self, wizard, companies):
        """[(section title, [(row label, {(company_id, office_id): value})])], in the order printed."""
        _ = self.env._
        sections = [
            (_("Hotline"), self._ctxh_calls(wizard, companies)),
            (_("Counselling"), self._ctxh_counselling(wizard, companies)),
            (_("Referrals"), self._ctxh_referrals(wizard, companies)),
            (_("Community cases"), self._ctxh_cases(wizard, companies)),
            (_("Screening and therapy"), self._ctxh_screening(wizard, companies)),
            (_("Temporary foster care"), self._ctxh_foster(wizard, companies)),
            (_("Group work and outreach"), self._ctxh_events(wizard, companies)),
            (_("Village collaborators"), self._ctxh_collaborators(wizard, companies)),
            (_("Day care and home care"), self._ctxh_day_care(wizard, companies)),
        ]
        return [(title, rows) for title, rows in sections if rows]

    def _ctxh_count(self, model, domain, groupby=(), aggregate="__count"):
        """{(company_id, office_id, *groupby ids): value} of one grouped query over ``model``."""
        Model = self.env[model]
        result = {}
        for row in Model._read_group(domain, ["company_id", "office_id", *groupby], [aggregate]):
            *keys, value = row
            result[tuple(key.id if hasattr(key, "_name") else key for key in keys)] = value
        return result

    def _ctxh_date_domain(self, wizard, companies, field_name):
        """Records of ``companies`` whose date ``field_name`` is in the period."""
        return [("company_id", "in", companies.ids), (field_name, ">=", wizard.date_from),
                (field_name, "<=", wizard.date_to)]

    @staticmethod
    def _ctxh_split(counts):
        """{(company, office, key): n} as {key: {(company, office): n}}."""
        rows = defaultdict(dict)
        for (company_id, office_id, key), value in counts.items():
            rows[key][company_id, office_id] = value
        return rows

    def _ctxh_calls(self, wizard, companies):
        _ = self.env._
        domain = self._ctxh_period_domain(wizard, companies, "call_time")
        by_topic = self._ctxh_count("ctxh.hotline.call", domain, ["topic_id"])
        rows = [(_("Calls received"), self._ctxh_sum(by_topic))]
        topics = self.env["ctxh.call.topic"].with_context(active_test=False).browse(
            {key[2] for key in by_topic if key[2]}).sorted(lambda topic: (topic.sequence, topic.id))
        split = self._ctxh_split(by_topic)
        rows += [("    " + topic.name, split[topic.id]) for topic in topics]
        rows.append((_("    of which emergencies"), self._ctxh_count(
            "ctxh.hotline.call", expression.AND([domain, [("urgency", "=", "emergency")]]))))
        return rows

    def _ctxh_counselling(self, wizard, companies):
        _ = self.env._
        domain = expression.AND([self._ctxh_period_domain(wizard, companies, "date"), [("state", "=", "done")]])
        Session = self.env["ctxh.counselling.session"]
        channels = dict(Session._fields["channel"]._description_selection(self.env))
        sessions = self._ctxh_split(self._ctxh_count("ctxh.counselling.session", domain, ["channel"]))
        # a person counselled twice in the period counts once per place (clients are contacts or residents)
        people = defaultdict(lambda: defaultdict(int))
        for field_name in ("partner_id", "resident_id"):
            counts = self._ctxh_count("ctxh.counselling.session", expression.AND([domain, [(field_name, "!=", False)]]),
                                      ["channel"], f"{field_name}:count_distinct")
            for (company_id, office_id, channel), value in counts.items():
                people[channel][company_id, office_id] += value
        rows = [(_("Counselling sessions held"), self._ctxh_sum(
            {(*key, channel): value for channel, values in sessions.items() for key, value in values.items()}))]
        for channel, label in channels.items():
            rows.append((_("    %(where)s: sessions", where=label), sessions.get(channel, {})))
            rows.append((_("    %(where)s: people counselled", where=label), dict(people.get(channel, {}))))
        return rows

    def _ctxh_referrals(self, wizard, companies):
        _ = self.env._
        domain = self._ctxh_date_domain(wizard, companies, "date_sent")
        return [
            (_("Referrals sent"), self._ctxh_count("ctxh.referral", domain)),
            (_("    of which completed"), self._ctxh_count(
                "ctxh.referral", expression.AND([domain, [("state", "=", "completed")]]))),
        ]

    def _ctxh_cases(self, wizard, companies):
        """Cases opened and closed in the period, and open at its end, each by group."""
        _ = self.env._
        company = [("company_id", "in", companies.ids)]
        figures = [
            (_("Cases opened"), [*company, ("date_open", ">=", wizard.date_from), ("date_open", "<=", wizard.date_to)]),
            (_("Cases closed"), [*company, ("state", "=", "closed"), ("date_closed", ">=", wizard.date_from),
                                 ("date_closed", "<=", wizard.date_to)]),
            # open on the last day: opened by then and not closed by then
            (_("Cases open at the end of the period"), [*company, ("date_open", "<=", wizard.date_to), "|",
                                                        ("date_closed", "=", False),
                                                        ("date_closed", ">", wizard.date_to)]),
        ]
        groups = self.env["ctxh.case.group"].with_context(active_test=False).search([])
        rows = []
        for label, domain in figures:
            by_group = self._ctxh_count("ctxh.case", domain, ["group_id"])
            rows.append((label, self._ctxh_sum(by_group)))
            split = self._ctxh_split(by_group)
            rows += [("    " + group.name, split[group.id]) for group in groups if group.id in split]
        return rows

    def _ctxh_screening(self, wizard, companies):
        """Children screened, above the cut-off and referred (the campaigns' own counts, which every reader may
        see: the scores stay with sensitive-data readers), therapy courses started and sessions held."""
        _ = self.env._
        campaigns = [*self._ctxh_date_domain(wizard, companies, "date"), ("state", "!=", "planned")]
        courses = self._ctxh_date_domain(wizard, companies, "date_start")
        return [
            (_("Children screened"), self._ctxh_count("ctxh.screening.campaign", campaigns,
                                                      aggregate="result_count:sum")),
            (_("    above the cut-off"), self._ctxh_count("ctxh.screening.campaign", campaigns,
                                                        aggregate="above_count:sum")),
            (_("    referred to therapy"), self._ctxh_count("ctxh.screening.campaign", campaigns,
                                                          aggregate="referred_count:sum")),
            (_("Therapy courses started"), self._ctxh_count("ctxh.therapy.course", courses)),
            (_("    sessions held in them"), self._ctxh_count("ctxh.therapy.course", courses,
                                                            aggregate="sessions_held:sum")),
        ]

    def _ctxh_events(self, wizard, companies):
        """Events held in the period by kind, their participants, and the materials handed out by kind."""
        _ = self.env._
        held = expression.AND([self._ctxh_period_domain(wizard, companies, "date"), [("state", "=", "done")]])
        Event = self.env["ctxh.outreach.event"]
        kinds = dict(Event._fields["kind"]._description_selection(self.env))
        events = self._ctxh_split(self._ctxh_count("ctxh.outreach.event", held, ["kind"]))
        people = self._ctxh_split(self._ctxh_count("ctxh.outreach.event", held, ["kind"], "participants_total:sum"))
        rows = [(_("Events held"), self._ctxh_sum({(*key, kind): value for kind, values in events.items()
                                                   for key, value in values.items()}))]
        for kind, label in kinds.items():
            if kind in events:
                rows.append((_("    %(kind)s: events", kind=label), events[kind]))
                rows.append((_("    %(kind)s: participants", kind=label), people.get(kind, {})))
        # materials of the held events, by kind (leaflets, booklets...)
        Material = self.env["ctxh.outreach.material"]
        material_kinds = dict(Material._fields["kind"]._description_selection(self.env))
        materials = self._ctxh_split(self._ctxh_count(
            "ctxh.outreach.material", [("event_id", "any", held)], ["kind"], "quantity:sum"))
        rows += [(_("%(material)s distributed", material=material_kinds[kind]), values)
                 for kind, values in materials.items()]
        return rows

    def _ctxh_foster(self, wizard, companies):
        """Families approved and ready at the end of the period, placements started (by kind), in care at its end
        and ended in it, and the monitoring visits made."""
        _ = self.env._
        company = [("company_id", "in", companies.ids)]
        decided = [*company, ("state", "in", ("active", "ended"))]
        kinds = dict(self.env["ctxh.foster.placement"]._fields["kind"]._description_selection(self.env))
        started = self._ctxh_split(self._ctxh_count("ctxh.foster.placement", [
            *decided, ("date_start", ">=", wizard.date_from), ("date_start", "<=", wizard.date_to)], ["kind"]))
        rows = [
            (_("Foster families approved"), self._ctxh_count("ctxh.foster.family", [
                *company, ("state", "=", "approved"), ("approved_date", "<=", wizard.date_to)])),
            (_("Placements started"), self._ctxh_sum({
                (*key, kind): value for kind, by_office in started.items() for key, value in by_office.items()})),
        ]
        rows += [("    " + kinds[kind], started[kind]) for kind in kinds if kind in started]
        rows += [
            # in care on the last day: started by then and not ended by then
            (_("Placements in care at the end of the period"), self._ctxh_count("ctxh.foster.placement", [
                *decided, ("date_start", "<=", wizard.date_to), "|", ("date_end", "=", False),
                ("date_end", ">", wizard.date_to)])),
            (_("Placements ended"), self._ctxh_count("ctxh.foster.placement", [
                *company, ("state", "=", "ended"), ("date_end", ">=", wizard.date_from),
                ("date_end", "<=", wizard.date_to)])),
            (_("Monitoring visits"), self._ctxh_count(
                "ctxh.foster.visit", self._ctxh_date_domain(wizard, companies, "date"))),
        ]
        return rows

    def _ctxh_collaborators(self, wizard, companies):
        """Collaborators at work at the end of the period, and the calls and cases they brought in it."""
        _ = self.env._
        at_work = [("company_id", "in", companies.ids), ("date_start", "<=", wizard.date_to), "|",
                   ("date_end", "=", False), ("date_end", ">=", wizard.date_to)]
        calls = expression.AND([self._ctxh_period_domain(wizard, companies, "call_time"),
                                [("collaborator_id", "!=", False)]])
        cases = [("company_id", "in", companies.ids), ("collaborator_id", "!=", False),
                 ("date_open", ">=", wizard.date_from), ("date_open", "<=", wizard.date_to)]
        return [
            (_("Collaborators at work at the end of the period"), self._ctxh_count(
                "ctxh.collaborator", at_work, aggregate="__count")),
            (_("    calls they reported"), self._ctxh_count("ctxh.hotline.call", calls)),
            (_("    cases they reported"), self._ctxh_count("ctxh.case", cases)),
        ]

    def _ctxh_day_care(self, wizard, companies):
        """Days attended on the confirmed day-care sheets and home visits done in the period, and the people
        they were for: the centre's own work (day care has no office), one grouped query per figure."""
        _ = self.env._
        if self.env.user.has_group("ctxh_services.group_ctxh_office_worker"):
            return []  # an office worker's workbook holds their offices' work only, and day care is the centre's
        attended = [*self._ctxh_date_domain(wizard, companies, "date"), ("sheet_state", "=", "confirmed"),
                    ("present", "=", True)]
        visits = [*self._ctxh_date_domain(wizard, companies, "date"), ("state", "=", "done")]
        line, visit = "ctxh.daycare.attendance.line", "ctxh.home.visit"
        return [
            (_("Day care: days attended"), self._ctxh_count_centre(line, attended)),
            (_("    people who came"), self._ctxh_count_centre(line, attended, "resident_id:count_distinct")),
            (_("Home visits: visits"), self._ctxh_count_centre(visit, visits)),
            (_("    people visited"), self._ctxh_count_centre(visit, visits, "resident_id:count_distinct")),
        ]

    def _ctxh_count_centre(self, model, domain, aggregate="__count"):
        """{(company_id, CENTRE): value} of one grouped query over ``model``, whose records have no office."""
        return {(company.id, CENTRE): value
                for company, value in self.env[model]._read_group(domain, ["company_id"], [aggregate])}

    @staticmethod
    def _ctxh_sum(counts):
        """{(company, office, ...): n} summed by (company, office)."""
        total = defaultdict(int)
        for key, value in counts.items():
            total[key[:2]] += value
        return dict(total)

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _ctxh_write_sheet(self, workbook, formats, wizard, company, sections):
        _ = self.env._
        offices = self.env["ctxh.office"].search([("company_id", "=", company.id)])
        if wizard.office_ids:
            offices &= wizard.office_ids
        columns = [(_("Indicator"), 46, "text")]
        columns += [(office.name, 16, "int") for office in offices]
        keys = [(company.id, office.id) for office in offices]
        if not wizard.office_ids:
            columns.append((_("Centre (no office)"), 16, "int"))
            keys.append((company.id, CENTRE))
        columns.append((_("Total"), 14, "int"))
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, company, name=company.ctxh_code or company.name,
                                     title=_("Social work activity"), columns=columns, freeze_columns=1)
        row = 5
        for title, rows in sections:
            sheet.merge_range(row, 0, row, len(columns) - 1, title, formats["section"])
            row += 1
            for label, values in rows:
                figures = [values.get(key, 0) for key in keys]
                self._ctxh_cell(sheet, row, 0, label, formats["text"])
                for col, value in enumerate(figures, start=1):
                    self._ctxh_cell(sheet, row, col, value, formats["int"])
                self._ctxh_cell(sheet, row, len(columns) - 1, sum(figures), formats["total_int"])
                row += 1
        return sheet
