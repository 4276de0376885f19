from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import flag_domain, lock_rows
from ..tools.groups import CARE


class CtxhAdmissionStepLine(models.Model):
    """Where an admission's file is: one line per step of its chain. A step starts when the previous one is done
    (the first on the request date), is due after its working days (else by the admission's overall time limit)
    and is done with the document it produced, which the decision then cites."""

    _name = "ctxh.admission.step.line"
    _description = "Admission Step Progress"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "admission_id"
    # the chain moves by its action (action_done), which dates the steps
    _ctxh_action_fields = ("step_id", "date_start", "date_done", "state")
    # history: a step is never deleted by a user; the code rebuilds the chain of an undecided admission
    _order = "admission_id, sequence, id"
    _check_company_auto = True

    admission_id = fields.Many2one("ctxh.admission", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="admission_id.company_id", store=True, index=True, string="Facility")
    step_id = fields.Many2one("ctxh.admission.step", string="Step", required=True, ondelete="restrict")
    sequence = fields.Integer(related="step_id.sequence", store=True)
    name = fields.Char(related="step_id.name", string="Step Name")
    performer = fields.Selection(related="step_id.performer")
    document = fields.Char(related="step_id.document")
    optional = fields.Boolean(related="step_id.optional")
    state = fields.Selection([("pending", "Waiting"), ("current", "In Progress"), ("done", "Done"),
                              ("skipped", "Not Applicable")],
                             default="pending", required=True, index=True)
    date_start = fields.Date(string="Started On")
    date_due = fields.Date(string="Due", compute="_compute_date_due", store=True, index=True)
    date_done = fields.Date(string="Done On")
    document_ref = fields.Char(string="Document Number", help="Number of the document the step produced.")
    document_date = fields.Date(string="Document Date")
    note = fields.Char()
    late = fields.Boolean(compute="_compute_late", search="_search_late")

    @api.depends("admission_id.display_name", "step_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " - ".join(filter(None, [line.admission_id.display_name, line.step_id.name]))

    @api.depends("date_start", "step_id.working_days", "step_id.counted_from", "admission_id.dossier_deadline",
                 "admission_id.request_date", "admission_id.received_at")
    def _compute_date_due(self):
        for line in self:
            step, admission = line.step_id, line.admission_id
            base = admission._ctxh_chain_start() if step.counted_from == "start" else line.date_start
            if step.working_days and base:
                facility = admission.company_id or self.env.company
                line.date_due = facility._ctxh_add_working_days(base, step.working_days)
            elif step.working_days:
                line.date_due = False  # known when the previous step is done
            else:
                line.date_due = admission.dossier_deadline

    @api.model
    def _ctxh_late_domain(self, today):
        """Steps under way past their due date: the search, the admission's flag and the daily job share it."""
        return [("state", "=", "current"), ("date_due", "<", today)]

    def _compute_late(self):
        late = self.filtered_domain(self._ctxh_late_domain(self.env["res.company"]._ctxh_today()))
        for line in self:
            line.late = line in late

    def _search_late(self, operator, value):
        return flag_domain(self._ctxh_late_domain(self.env["res.company"]._ctxh_today()), operator, value,
                           self.env._("Search late steps with 'is set' or 'is not set'."))

    def _ctxh_check_movable(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        lock_rows(self.admission_id)
        for line in self:
            if line.state != "current":
                raise UserError(self.env._("Step %s is not the one under way.", line.display_name))
            if line.admission_id.state not in ("draft", "submitted", "admitted"):
                raise UserError(self.env._("The admission %s is decided: its chain no longer moves.",
                                           line.admission_id.display_name))

    def _ctxh_close(self, state, day):
        """Close the step on ``day`` and start the next one that day."""
        self._ctxh_action_write({"state": state, "date_done": day})
        following = self.admission_id.step_line_ids.filtered(lambda other: other.state == "pending")[:1]
        following._ctxh_action_write({"state": "current", "date_start": day})

    def action_done(self):
        """The step is done (on the document's date, else today): the next step starts that day."""
        self._ctxh_check_movable()
        for line in self:
            if line.document and not line.document_ref:
                raise UserError(self.env._("Step %(step)s: record the number of %(document)s first.",
                                           step=line.step_id.name, document=line.document))
            line._ctxh_close("done", line.document_date or line.company_id._ctxh_today())
        return True

    def action_skip(self):
        """An optional step that does not apply to the person: the next one starts today."""
        self._ctxh_check_movable()
        for line in self:
            if not line.optional:
                raise UserError(self.env._("Step %s is required by the law: it cannot be skipped.",
                                           line.display_name))
            line._ctxh_close("skipped", line.company_id._ctxh_today())
        return True
