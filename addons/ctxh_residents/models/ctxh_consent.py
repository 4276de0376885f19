from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.groups import CARE
from .ctxh_write_guard_mixin import ALL


class CtxhConsent(models.Model):
    """A resident's (or guardian's) consent to one purpose, from the day it was given until it is withdrawn.
    A consent given is not rewritten: it is withdrawn, and a new one recorded."""

    _name = "ctxh.consent"
    _description = "Consent"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "date_withdrawn")
    _ctxh_frozen = {
        "given": ("resident_id", "purpose", "given_by", "relative_id", "date_given", "attachment_ids"),
        "withdrawn": ALL,
    }
    _order = "date_given desc, id desc"
    _check_company_auto = True

    # the resident sets the facility (company_id is theirs): a company check would offer nobody on a new record
    resident_id = fields.Many2one("ctxh.resident", string="Resident", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    purpose = fields.Many2one("ctxh.consent.purpose", required=True, index=True, tracking=True)
    given_by = fields.Selection([("resident", "The resident"), ("guardian", "The guardian")], required=True,
                                default="resident",
                                help="A child's consent is given by the guardian (and the child's own from age 7).")
    relative_id = fields.Many2one("ctxh.resident.relative", string="Guardian",
                                  domain="[('resident_id', '=', resident_id)]")
    date_given = fields.Date(required=True, default=lambda self: self.env.company._ctxh_today(), tracking=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Signed Form")
    state = fields.Selection([("given", "Given"), ("withdrawn", "Withdrawn")], default="given", required=True,
                             tracking=True, index=True)
    date_withdrawn = fields.Date(readonly=True, tracking=True)
    withdraw_reason = fields.Text(string="Reason for Withdrawal", tracking=True)

    @api.depends("resident_id.name", "purpose.name")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = " - ".join(filter(None, [consent.resident_id.name, consent.purpose.name]))

    def action_withdraw(self):
        """The person withdraws the consent: from today the purpose is no longer served; the consent is kept."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("given")
        for consent in self:
            if not (consent.withdraw_reason or "").strip():
                raise UserError(self.env._("Write how %s withdrew the consent (in writing, orally, by whom).",
                                           consent.resident_id.name))
        return self._ctxh_action_write({"state": "withdrawn", "date_withdrawn": self.company_id[:1]._ctxh_today()})
