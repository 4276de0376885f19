from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhReferral(models.Model):
    """A referral of a person to an outside service (hospital, legal aid, police...) and its result."""

    _name = "ctxh.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "ctxh.write.guard.mixin", "ctxh.office.mixin"]
    _ctxh_action_fields = ("state",)
    _order = "date_sent desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Client", check_company=True, index=True, tracking=True)
    resident_id = fields.Many2one("ctxh.resident", string="Resident", check_company=True, index=True,
                                  tracking=True)
    service_type = fields.Selection(
        [
            ("health", "Health"),
            ("legal_aid", "Legal aid"),
            ("education", "Education"),
            ("employment", "Employment"),
            ("shelter", "Shelter"),
            ("police", "Police"),
            ("other", "Other"),
        ],
        string="Service", required=True, default="health", tracking=True,
    )
    organisation_id = fields.Many2one("res.partner", string="Receiving Organisation", required=True,
                                      check_company=True, tracking=True, index=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Referred By", default=lambda self: self.env.user,
                              tracking=True, index=True)
    date_sent = fields.Date(string="Date Sent", copy=False, tracking=True, index=True)
    date_due = fields.Date(string="Due Date", tracking=True,
                           help="Date by which the organisation should answer or deliver the service.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("completed", "Completed"),
        ],
        default="draft", required=True, tracking=True, copy=False, index=True, group_expand=True,
    )
    result = fields.Text(tracking=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    ctxh_hotline_call_id = fields.Many2one("ctxh.hotline.call", string="From Call", check_company=True,
                                           copy=False, readonly=True)

    @api.depends("name", "partner_id.name", "resident_id.name")
    def _compute_display_name(self):
        for referral in self:
            client = referral.resident_id.name or referral.partner_id.name
            referral.display_name = " - ".join(filter(None, [referral.name, client]))

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        for referral in self:
            referral.is_overdue = (referral.state in ("sent", "accepted") and bool(referral.date_due)
                                   and referral.date_due < referral.company_id._ctxh_today())

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue referrals."))
        today = self.env.company._ctxh_today()
        if (operator == "=") == value:
            return [("state", "in", ("sent", "accepted")), ("date_due", "<", today)]
        return ["|", "|", ("state", "not in", ("sent", "accepted")), ("date_due", "=", False),
                ("date_due", ">=", today)]

    # company_id always has a value on create, so the check also runs when no client is given
    @api.constrains("partner_id", "resident_id", "company_id")
    def _check_client(self):
        if self.filtered(lambda r: not r.partner_id and not r.resident_id):
            raise ValidationError(self.env._("A referral needs a client or a resident."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ctxh.referral") or "/"
        referrals = super().create(vals_list)
        for referral in referrals.filtered("ctxh_hotline_call_id"):
            call = referral.ctxh_hotline_call_id
            call.write({"referral_id": referral.id, "outcome": call.outcome or "referred"})
        return referrals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_result(self):
        for referral in self:
            if not (referral.result or "").strip():
                raise UserError(self.env._("Write the result of referral %s first.", referral.name))

    def action_send(self):
        """Send to the receiving organisation; the due date follows the configured delay if empty."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        # a resident's health is shared with the receiving health service only with the consent to it
        for referral in self.filtered(lambda r: r.resident_id and r.service_type == "health"):
            on_date = referral.date_sent or referral.company_id._ctxh_today()
            if not referral.resident_id._ctxh_has_consent("share_hospital", on_date):
                raise UserError(self.env._(
                    "%s has not consented to sharing their health information with a hospital: record the "
                    "consent before sending the referral.", referral.resident_id.name))
        days = int(self.env["ctxh.legal.parameter"]._get_value("referral_response_days", 14))
        for referral in self:
            date_sent = referral.date_sent or referral.company_id._ctxh_today()
            referral._ctxh_action_write({
                "state": "sent",
                "date_sent": date_sent,
                "date_due": referral.date_due or date_sent + relativedelta(days=days),
            })
        return True

    def action_accept(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("sent")
        return self._ctxh_action_write({"state": "accepted"})

    def action_refuse(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("sent")
        self._check_result()
        return self._ctxh_action_write({"state": "refused"})

    def action_complete(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("accepted")
        self._check_result()
        self._ctxh_action_write({"state": "completed"})
        self.activity_unlink(["ctxh_residents.mail_activity_type_ctxh_reminder"])
        return True

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("refused")
        return self._ctxh_action_write({"state": "draft", "date_sent": False})

    # ------------------------------------------------------------------
    # Scheduled jobs
    # ------------------------------------------------------------------
    @api.model
    def _cron_overdue(self):
        """Remind the referring social worker of referrals past their due date."""
        self.search([("is_overdue", "=", True)])._ctxh_remind(
            self.env._("Referral overdue: contact the receiving organisation"),
            lambda r: r.user_id or r.company_id.ctxh_director_id,
        )
