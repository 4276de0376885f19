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
    date_given = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
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
        return self._ctxh_action_write({"state": "withdrawn", "date_withdrawn": fields.Date.context_today(self)})


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

    # consents are care records: accountants, who read residents for the contracts, do not get them
    consent_ids = fields.One2many("ctxh.consent", "resident_id", string="Consents", groups=CARE)

    def _ctxh_has_consent(self, purpose_code, on_date=None):
        """Whether the resident's consent to ``purpose_code`` is in force on ``on_date`` (today by default): the one
        place every use of personal data asks. A child's consent is given by the guardian, and from age 7 by the
        child as well (Law 91/2025/QH15 Art. 24(2)); both ages are legal parameters."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        consents = self.env["ctxh.consent"].sudo().search([
            ("resident_id", "=", self.id), ("purpose.code", "=", purpose_code), ("date_given", "<=", on_date),
            "|", ("state", "=", "given"), ("date_withdrawn", ">", on_date),
        ])
        given_by = set(consents.mapped("given_by"))
        age = self._ctxh_age_on(on_date)
        Parameter = self.env["ctxh.legal.parameter"]
        if age is None or age >= Parameter._get_value("consent_adult_age", 16, on_date):
            return bool(given_by)
        if "guardian" not in given_by:
            return False
        return age < Parameter._get_value("consent_child_own_age", 7, on_date) or "resident" in given_by

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("image_1920") for vals in vals_list):
            raise UserError(self.env._(
                "Record the resident's consent to photos before adding a photo (Law 91/2025/QH15)."))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("image_1920") and not self.env.su:
            refused = self.filtered(lambda resident: not resident._ctxh_has_consent("photo"))
            if refused:
                raise UserError(self.env._(
                    "%s has not consented to photos: record the consent first (Law 91/2025/QH15).",
                    refused[0].name))
        return super().write(vals)
