from odoo import api, fields, models
from odoo.tools import format_datetime

from odoo.addons.ctxh_residents.models.ctxh_session_mixin import SESSION_STATES
from odoo.addons.ctxh_residents.tools.groups import SENSITIVE


class CtxhTherapySession(models.Model):
    """A therapy session of a course: planned, then held or cancelled by its actions; the notes are sensitive."""

    _name = "ctxh.therapy.session"
    _description = "Therapy Session"
    _inherit = ["mail.thread", "ctxh.session.mixin", "ctxh.sensitive.read.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # listed again so that its values are this module's (see ctxh_counselling_session.py)
    state = fields.Selection(SESSION_STATES)

    course_id = fields.Many2one("ctxh.therapy.course", required=True, ondelete="cascade", index=True,
                                check_company=True)
    company_id = fields.Many2one(related="course_id.company_id", store=True, index=True)
    resident_id = fields.Many2one(related="course_id.resident_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    attendance = fields.Selection([("present", "Present"), ("absent", "Absent"), ("late", "Late")],
                                  default="present")
    note = fields.Text(groups=SENSITIVE)
    progress_score = fields.Integer(groups=SENSITIVE, help="From 0 (no progress) to 10.")

    @api.depends("course_id.display_name", "date")
    def _compute_display_name(self):
        for session in self:
            session.display_name = " - ".join(filter(None, [
                session.course_id.display_name,
                session.date and format_datetime(self.env, session.date, dt_format="dd/MM/yyyy")]))
