from collections import defaultdict

from odoo import fields, models

DOSE_STATES = ("given", "refused", "missed", "planned")


class ReportCtxhMedication(models.AbstractModel):
    """Medication administration compliance: per resident and medication order, the doses due in the
    period, how many were given, refused or missed, and the share given. Doses not due yet (after
    the time of printing) are not counted; a due dose never recorded counts as not recorded."""

    _name = "report.ctxh_reports.ctxh_report_medication_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Medication Compliance (XLSX)"
    _ctxh_report_kind = "medication"

    def _ctxh_generate(self, workbook, wizard, companies):
        groups = self.env["ctxh.medication.administration"]._read_group(
            self._ctxh_period_domain(wizard, companies, "scheduled_at", end=fields.Datetime.now()),
            ["resident_id", "medication_id", "state"], ["__count"])
        counts = defaultdict(lambda: dict.fromkeys(DOSE_STATES, 0))
        for resident, medication, state, count in groups:
            counts[resident, medication][state] += count
        rows = []
        for (resident, medication), line in counts.items():
            due = sum(line.values())
            rows.append((resident.company_id.name, resident.code, resident.name, medication.medicine,
                         medication.dose, due, line["given"], line["refused"], line["missed"], line["planned"],
                         line["given"] / due if due else None))
        rows.sort(key=lambda r: (r[0], r[2], r[3]))
        columns = [
            (self.env._("Facility"), 28, "text"), (self.env._("Resident Code"), 16, "text"),
            (self.env._("Resident"), 26, "text"), (self.env._("Medicine"), 24, "text"),
            (self.env._("Dose"), 16, "text"), (self.env._("Doses Due"), 10, "sum"),
            (self.env._("Given"), 10, "sum"), (self.env._("Refused"), 10, "sum"), (self.env._("Missed"), 10, "sum"),
            (self.env._("Not Recorded"), 10, "sum"), (self.env._("Compliance"), 11, "percent"),
        ]
        due = sum(r[5] for r in rows)
        formats = self._ctxh_formats(workbook)
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Compliance"),
                                     title=self.env._("Medication administration compliance"), columns=columns,
                                     freeze_columns=4)
        row = self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"),
                               totals={10: sum(r[6] for r in rows) / due if due else None})
        sheet.write(row + 1, 0, self.env._(
            "Compliance: doses given out of the doses due. Doses scheduled after the time of printing are not "
            "counted."), formats["note"])
