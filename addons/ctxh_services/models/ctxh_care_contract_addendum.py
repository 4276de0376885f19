from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import float_compare

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows
from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR


class CtxhCareContractAddendum(models.Model):
    """An addendum (phụ lục hợp đồng) to a signed care contract: the only way its services, prices and payers
    change once the director has signed it. Drafted by the accountant, signed by the director; signing applies
    it to the contract, which keeps the trace of each addendum."""

    _name = "ctxh.care.contract.addendum"
    _description = "Care Contract Addendum"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("name", "state", "signer_id", "signed_date")
    _ctxh_frozen = {"signed": ALL, "cancelled": ALL}
    _ctxh_deletable = "a draft addendum, never signed"
    _order = "contract_id, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="/", index="trigram")
    contract_id = fields.Many2one("ctxh.care.contract", string="Contract", required=True, index=True,
                                  domain="[('state', '=', 'active')]", tracking=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="contract_id.currency_id")
    resident_id = fields.Many2one(related="contract_id.resident_id", string="Resident")
    reason = fields.Text(required=True, tracking=True, help="Why the contract changes, as agreed with the payers.")
    line_ids = fields.One2many("ctxh.care.contract.addendum.line", "addendum_id", string="Services",
                               help="Each line replaces the contract's line of the same service, or adds it; "
                               "a quantity of 0 removes the service.")
    replace_payers = fields.Boolean(string="Change the Payers",
                                    help="The payers below replace those of the contract; their shares add up to 100%.")
    payer_ids = fields.One2many("ctxh.care.contract.addendum.payer", "addendum_id", string="New Payers")
    state = fields.Selection([("draft", "Draft"), ("signed", "Signed"), ("cancelled", "Cancelled")],
                             default="draft", required=True, tracking=True, copy=False, index=True)
    signer_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    signed_date = fields.Date(readonly=True, copy=False, tracking=True,
                              help="The new services and prices apply to the invoices created from this date.")

    def _ctxh_deletable_records(self):
        return self.filtered(lambda addendum: addendum.state == "draft")

    @api.constrains("replace_payers", "payer_ids")
    def _check_payers(self):
        for addendum in self.filtered("replace_payers"):
            total = sum(addendum.payer_ids.mapped("share"))
            if float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(self.env._(
                    "The new payers' shares of addendum %(addendum)s add up to %(total)s%%, not 100%%.",
                    addendum=addendum.display_name, total=round(total, 2)))

    @api.depends("name", "contract_id.name")
    def _compute_display_name(self):
        for addendum in self:
            if addendum.name and addendum.name != "/":
                addendum.display_name = addendum.name
            else:
                addendum.display_name = self.env._("Draft addendum to %s", addendum.contract_id.name or "")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_sign(self):
        """The director signs the addendum: numbered in the facility's register and applied to the contract."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        lock_rows(self.contract_id)
        self._ctxh_check_state("draft")
        for addendum in self:
            contract = addendum.contract_id
            today = contract.company_id._ctxh_today()
            contract._ctxh_check_state("active")
            if not addendum.line_ids and not addendum.replace_payers:
                raise UserError(self.env._("Addendum %s changes nothing: add services or payers.",
                                           addendum.display_name))
            number = contract.company_id._ctxh_yearly_sequence(
                "ctxh.care.contract.addendum",
                self.env._("Care contract addenda (%s)", contract.company_id.name),
                prefix="PLHĐ-%(range_year)s-").next_by_id(sequence_date=today)
            addendum._ctxh_action_write({"name": number, "state": "signed", "signer_id": self.env.uid,
                                         "signed_date": today})
            contract._ctxh_as_action().write(addendum._prepare_contract_vals())
            contract.message_post(body=self.env._(
                "Addendum %(number)s signed by %(director)s: %(reason)s",
                number=number, director=self.env.user.name, reason=addendum.reason))
        return True

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("draft")
        return self._ctxh_action_write({"state": "cancelled"})

    def _prepare_contract_vals(self):
        """The contract's new lines and payers, as commands (no side effects)."""
        self.ensure_one()
        contract = self.contract_id
        current = {line.product_id: line for line in contract.line_ids}
        line_commands = []
        for line in self.line_ids:
            existing = current.get(line.product_id)
            if float_compare(line.quantity, 0.0, precision_digits=2) <= 0:
                if existing:
                    line_commands.append(Command.unlink(existing.id))
                continue
            vals = {"product_id": line.product_id.id, "quantity": line.quantity, "price_unit": line.price_unit,
                    "discount": line.discount}
            line_commands.append(Command.update(existing.id, vals) if existing else Command.create(vals))
        vals = {"line_ids": line_commands} if line_commands else {}
        if self.replace_payers:
            vals["payer_ids"] = [Command.clear()] + [
                Command.create({"partner_id": payer.partner_id.id, "share": payer.share, "sequence": payer.sequence})
                for payer in self.payer_ids]
        return vals
