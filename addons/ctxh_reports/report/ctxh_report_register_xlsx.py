from odoo import models


class ReportCtxhRegister(models.AbstractModel):
    """The resident register (sổ theo dõi đối tượng): one row per stay during the period, with the
    admission, the bed and, for those who left before its end, the discharge and its ground."""

    _name = "report.ctxh_reports.ctxh_report_register_xlsx"
    _inherit = "report.ctxh_reports.xlsx_abstract"
    _description = "Resident Register (XLSX)"
    _ctxh_report_kind = "register"

    def _ctxh_generate(self, workbook, wizard, companies):
        stays = self.env["ctxh.stay"].search(
            self._ctxh_stay_domain(wizard, companies), order="company_id, date_start, id")
        discharges = self.env["ctxh.discharge"].search([("stay_id", "in", stays.ids), ("state", "=", "done")])
        ground_by_stay = {discharge.stay_id: discharge.reason_id for discharge in discharges}
        # end of the period in each facility's local time
        ends = {company: self._ctxh_utc_bounds(company, wizard.date_from, wizard.date_to)[1] for company in companies}
        end_by_stay = {stay.id: ends[stay.company_id] for stay in stays}
        bed_by_stay = self._ctxh_last_beds(stays, end_by_stay)
        genders = dict(self.env["ctxh.resident"]._fields["gender"]._description_selection(self.env))
        category_ids = stays.resident_id._ctxh_category_ids_by_resident()  # one query for the register
        columns = [
            (self.env._("No."), 6, "int"), (self.env._("Facility"), 24, "text"),
            (self.env._("Resident Code"), 16, "text"), (self.env._("Full Name"), 28, "text"),
            (self.env._("Sex"), 8, "text"), (self.env._("Date of Birth"), 12, "date"),
            (self.env._("Categories"), 32, "text"), (self.env._("Admitted On"), 12, "date"),
            (self.env._("Admission Type"), 24, "text"), (self.env._("Room"), 10, "text"),
            (self.env._("Bed"), 8, "text"), (self.env._("Discharged On"), 12, "date"),
            (self.env._("Discharge Ground"), 28, "text"),
        ]
        rows = []
        for number, stay in enumerate(stays, 1):
            company, resident = stay.company_id, stay.resident_id
            left = stay.date_end and stay.date_end < end_by_stay[stay.id]
            bed = bed_by_stay.get(stay.id)
            ground = ground_by_stay.get(stay)
            rows.append((
                number, company.name, resident.code, resident.name, genders.get(resident.gender),
                resident.birthdate or (str(resident.birth_year) if resident.birth_year else None),
                self._ctxh_categories_text(category_ids.get(resident.id, [])),
                self._ctxh_local_date(company, stay.date_start), stay.admission_type_id.name,
                bed and bed.room_id.name, bed and bed.name,
                self._ctxh_local_date(company, stay.date_end) if left else None,
                (ground.name if ground else self.env._("Not recorded")) if left else None,
            ))
        formats = self._ctxh_formats(workbook)
        sheet = self._ctxh_add_sheet(workbook, formats, wizard, companies, name=self.env._("Resident register"),
                                     title=self.env._("Resident register"), columns=columns, freeze_columns=4)
        self._ctxh_table(sheet, formats, columns, rows, total_label=self.env._("Total"),
                         totals={3: self.env._("%s residents", len(rows))})

    def _ctxh_categories_text(self, category_ids):
        """The resident's categories the reader may see: a row is one person, so a sensitive category is left out
        for a reader without the Sensitive Data group, as on the resident's form (no hint that there is one)."""
        categories = self.env["ctxh.resident.category"].sudo().browse(category_ids)
        if not self.env["ctxh.resident.category"]._ctxh_sees_sensitive():
            categories = categories.filtered(lambda c: not c.sensitive)
        return ", ".join(categories.with_env(self.env).mapped("name"))

    def _ctxh_last_beds(self, stays, end_by_stay):
        """{stay id: the last bed the stay held before the end of the period} (one search)."""
        assignments = self.env["ctxh.bed.assignment"].search([("stay_id", "in", stays.ids)],
                                                             order="date_start desc, id desc")
        beds = {}
        for assignment in assignments:
            stay_id = assignment.stay_id.id
            if stay_id not in beds and assignment.date_start < end_by_stay[stay_id]:
                beds[stay_id] = assignment.bed_id
        return beds
