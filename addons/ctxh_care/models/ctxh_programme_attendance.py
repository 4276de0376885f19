from odoo import fields, models


class CtxhProgrammeAttendance(models.Model):
    """Whether one resident came to one session."""

    _name = "ctxh.programme.attendance"
    _description = "Session Attendance"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "session_id"
    _ctxh_deletable = "a line of a session not yet held"
    _order = "session_id, resident_name, id"
    _rec_name = "resident_id"
    _check_company_auto = True

    session_id = fields.Many2one("ctxh.programme.session", required=True, ondelete="cascade", index=True)
    programme_id = fields.Many2one(related="session_id.programme_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    date = fields.Datetime(related="session_id.date_start", store=True, index=True)
    hours = fields.Float(related="session_id.hours", store=True)
    session_state = fields.Selection(related="session_id.state")
    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="restrict", index=True,
                                  check_company=True)
    resident_name = fields.Char(related="resident_id.name", store=True, string="Resident Name")
    status = fields.Selection([("present", "Present"), ("absent", "Absent"), ("excused", "Excused")])
    note = fields.Char()

    _sql_constraints = [
        ("session_resident_uniq", "unique(session_id, resident_id)",
         "This resident is already on the attendance list of this session."),
    ]

    # the buttons of a resident's card on a phone: one tap marks the resident (the session's rules still hold)
    def action_mark_present(self):
        return self.write({"status": "present"})

    def action_mark_absent(self):
        return self.write({"status": "absent"})

    def action_mark_excused(self):
        return self.write({"status": "excused"})
