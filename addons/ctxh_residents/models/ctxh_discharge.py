from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import lock_rows
from ..tools.groups import CARE, DIRECTOR
from .ctxh_write_guard_mixin import ALL

DECISION_DAYS = "discharge_decision_days"  # legal parameter: working days for the discharge decision


class CtxhDischarge(models.Model):
    """Leaving the facility: request, director's decision, handover, then follow-up."""

    _name = "ctxh.discharge"
    _description = "Discharge"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "decision_number", "decision_date", "decision_signer_id")
    # the director decided that this person leaves this stay, on this ground, to this destination
    _DECIDED = ("stay_id", "reason_id", "destination", "requested_by", "requester_name", "request_date",
                "receiving_partner_id", "request_attachment_ids")
    _ctxh_frozen = {"approved": _DECIDED, "done": ALL, "cancelled": ALL}
    # the follow-up visits go on after the handover
    _ctxh_free_fields = ("followup_ids",)
    _order = "request_date desc, id desc"
    _check_company_auto = True

    stay_id = fields.Many2one("ctxh.stay", required=True, index=True, tracking=True,
                              domain="[('state', '=', 'active')]")
    resident_id = fields.Many2one(related="stay_id.resident_id", store=True, index=True)
    company_id = fields.Many2one(related="stay_id.company_id", store=True, index=True, string="Facility")
    reason_id = fields.Many2one("ctxh.discharge.reason", string="Ground", required=True, tracking=True)
    request_date = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), index=True)
    requested_by = fields.Selection(
        [
            ("resident", "The resident"),
            ("family", "Family or guardian"),
            ("facility", "The facility"),
            ("authority", "An authority"),
        ],
        required=True, default="family",
    )
    requester_name = fields.Char(string="Requester")
    request_attachment_ids = fields.Many2many("ir.attachment", string="Request Form (Form 09)")
    destination = fields.Selection(
        [
            ("family", "Family"),
            ("community", "Community (commune)"),
            ("facility", "Another facility"),
            ("hospital", "Hospital"),
            ("other", "Other or unknown"),
        ],
        required=True, default="family", tracking=True,
    )
    receiving_partner_id = fields.Many2one("res.partner", string="Received By",
                                           help="Family member, commune or facility that takes the person.")
    handover_date = fields.Datetime(string="Handover", tracking=True)
    handover_note = fields.Text(string="Handover Record")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    decision_number = fields.Char(readonly=True, copy=False, tracking=True)
    decision_date = fields.Date(readonly=True, copy=False)
    decision_signer_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    decision_deadline = fields.Date(
        string="Decision Due", compute="_compute_decision_deadline", store=True, index=True,
        help="The director's decision is due within the working days the law sets after the request (a dated "
             "legal parameter), counted on the facility's calendar.")
    # follow-up visits are care records: not for accountants, who read discharges for the contracts
    followup_ids = fields.One2many("ctxh.followup", "discharge_id", string="Follow-up Visits",
                                   groups=CARE)

    _sql_constraints = [
        # two hand-overs of the same stay at once: one ends the stay, the other is refused
        ("one_done_per_stay", "EXCLUDE (stay_id WITH =) WHERE (state = 'done')",
         "This stay has already been handed over: a stay ends once."),
    ]

    @api.depends("request_date", "company_id")
    def _compute_decision_deadline(self):
        Parameter = self.env["ctxh.legal.parameter"]
        for discharge in self:
            start = discharge.request_date
            if not start or not (1900 <= start.year <= 2100):
                discharge.decision_deadline = False
                continue
            days = int(Parameter._get_value(DECISION_DAYS, 7, start))
            discharge.decision_deadline = discharge.company_id._ctxh_add_working_days(start, days)

    @api.depends("resident_id.name", "reason_id.name")
    def _compute_display_name(self):
        for discharge in self:
            discharge.display_name = " - ".join(filter(None, [discharge.resident_id.name, discharge.reason_id.name]))

    def action_approve(self):
        """The director's discharge decision: numbered in the facility's decision register."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        self._ctxh_check_state("draft")
        for discharge in self:
            today = discharge.company_id._ctxh_today()
            discharge._ctxh_action_write({
                "decision_number": discharge.company_id._ctxh_next_decision_number(today),
                "decision_date": today,
                "decision_signer_id": self.env.user.id,
                "state": "approved",
            })
        return True

    def action_done(self):
        """Hand the person over: the stay ends, the bed is freed, follow-ups are planned."""
        self.env["res.users"]._ctxh_check_group(CARE)
        lock_rows(self.stay_id)
        self._ctxh_check_state("approved")
        for discharge in self:
            if discharge.stay_id.state != "active":
                raise UserError(self.env._(
                    "The stay of %s has already been handed over: a stay ends once.", discharge.resident_id.name))
            when = discharge.handover_date or fields.Datetime.now()
            discharge.stay_id._end(when)
            discharge._ctxh_action_write({"state": "done", "handover_date": when})
            discharge._schedule_followups()
        return True

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft", "approved")
        return self._ctxh_action_write({"state": "cancelled"})

    def action_plan_followups(self):
        """Plan the visits after reintegration once the person (or the guardian) has consented to them."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("done")
        self.filtered(lambda discharge: not discharge.sudo().followup_ids)._schedule_followups()
        return True

    def _schedule_followups(self):
        """Visits after reintegration, by default 1, 3, 6 and 12 months after the handover, for a person who
        consented to them (Law 91/2025/QH15: consent per purpose); otherwise the case worker is asked to obtain
        the consent, and plans the visits from the discharge once it is recorded."""
        months = self.env["ctxh.legal.parameter"]._get_list("followup_months", default=(1, 3, 6, 12))
        vals_list = []
        for discharge in self:
            if not discharge.reason_id.followup or discharge.destination not in ("family", "community"):
                continue
            if not discharge.resident_id._ctxh_has_consent("followup", discharge.handover_date.date()):
                discharge.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=(discharge.stay_id.case_worker_id or self.env.user).id,
                    summary=self.env._("Obtain the consent to follow-up visits, then plan them"))
                continue
            start = discharge.handover_date.date()
            user = discharge.stay_id.case_worker_id or self.env.user
            vals_list += [{
                "discharge_id": discharge.id,
                "date_planned": start + relativedelta(months=month),
                "user_id": user.id,
                "name": self.env._("Visit after %s months", month),
            } for month in months]
        return self.env["ctxh.followup"].create(vals_list) if vals_list else self.env["ctxh.followup"]
