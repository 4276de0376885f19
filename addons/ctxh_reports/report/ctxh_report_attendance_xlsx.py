from collections import defaultdict

from odoo import models
from odoo.osv import expression


class ReportCtxhAttendance(models.AbstractModel):
    """Activity programmes in the period: per programme and resident, the sessions held, how many the
    resident attended or missed, and the hours attended. Only sessions marked done count."""

    _name = "report.ctxh_reports.ctxh_report_attendance_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Activity Attendance (XLSX)"
    _ctxh_report_kind = "attendance"

    def _ctxh_generate(self, workbook, wizard, companies):
        held = dict(self.env["ctxh.programme.session"]._read_group(
            expression.AND([self._ctxh_period_domain(wizard, companies, "date_start"), [("state", "=", "done")]]),
            ["programme_id"], ["__count"]))
        groups = self.env["ctxh.programme.attendance"]._read_group(
            expression.AND([self._ctxh_period_domain(wizard, companies, "date"),
                            [("session_id.state", "=", "done")]]),
            ["programme_id", "resident_id", "status"], ["__count", "hours:sum"])
        counts = defaultdict(lambda: {"present": 0, "absent": 0, "excused": 0, "hours": 0.0})
        for programme, resident, status, count, hours in groups:
            line = counts[programme, resident]
            if status in line:
                line[status] += count
            if status == "present":
                line["hours"] += hours
        kinds = dict(self.env["ctxh.programme"]._fields["kind"]._description_selection(self.env))
        rows = sorted(
            ((programme.company_id.name, programme.name, kinds.get(programme.kind), resident.code, resident.name,
              held.get(programme, 0), line["present"], line["absent"], line["excused"], line["hours"])
             for (programme, resident), line in counts.items()),
            key=lambda r: (r[0], r[1], r[4]))
        columns = [
            (self.env._("Facility"), 28, "text"), (self.env._("Programme"), 28, "text"),
            (self.env._("Kind"), 18, "text"), (self.env._("Resident Code"), 16, "text"),
            (self.env._("Resident"), 26, "text"), (self.env._("Sessions Held"), 10, "int"),
            (self.env._("Attended"), 10, "sum"), (self.env._("Absent"), 10, "sum"),
            (self.env._("Excused"), 10, "sum"), (self.env._("Hours Attended"), 10, "hours"),
        ]
        formats = self._ctxh_formats(workbook)
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Attendance"),
                                     title=self.env._("Activity attendance"), columns=columns, freeze_columns=5)
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"),
                         totals={5: sum(held.values())})
