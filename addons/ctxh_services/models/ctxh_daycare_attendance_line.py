from odoo import fields, models


class CtxhDaycareAttendanceLine(models.Model):
    """Whether one person under a day-care contract came on the sheet's day."""

    _name = "ctxh.daycare.attendance.line"
    _description = "Day Care Attendance"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "attendance_id"
    _ctxh_deletable = "a line of a sheet not yet confirmed"
    _order = "attendance_id, resident_name, id"
    _rec_name = "resident_id"
    _check_company_auto = True

    attendance_id = fields.Many2one("ctxh.daycare.attendance", string="Sheet", required=True, ondelete="cascade",
                                    index=True)
    company_id = fields.Many2one(related="attendance_id.company_id", store=True, index=True, string="Facility")
    date = fields.Date(related="attendance_id.date", store=True, index=True)
    sheet_state = fields.Selection(related="attendance_id.state", store=True, index=True, string="Sheet State")
    contract_id = fields.Many2one("ctxh.care.contract", required=True, index=True, check_company=True,
                                  ondelete="restrict", domain="[('state', '=', 'active')]")
    resident_id = fields.Many2one(related="contract_id.resident_id", store=True, index=True, string="Person")
    resident_name = fields.Char(related="resident_id.name", store=True, string="Name")
    present = fields.Boolean()
    note = fields.Char()

    _sql_constraints = [
        ("attendance_contract_uniq", "unique(attendance_id, contract_id)", "This person is already on the sheet."),
    ]
