from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows, vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR


class CtxhHomeVisit(models.Model):
    """A paid visit of the facility's staff to a person at home, billed with the contract's month once done."""

    _name = "ctxh.home.visit"
    _description = "Home Care Visit"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin", "ctxh.sensitive.read.mixin"]
    _ctxh_action_fields = ("state", "usage_id")
    _ctxh_frozen = {"done": ALL, "cancelled": ALL}
    _ctxh_deletable = "a visit still planned, which has billed nothing"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, tracking=True, index=True, default=lambda self: self.env.company._ctxh_today())
    # the contract sets the facility (company_id is its): a company check would offer nothing on a new visit
    contract_id = fields.Many2one("ctxh.care.contract", string="Contract", required=True, index=True, tracking=True,
                                  domain="[('state', '=', 'active')]")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True, string="Facility")
    resident_id = fields.Many2one(related="contract_id.resident_id", store=True, index=True, string="Person")
    staff_ids = fields.Many2many("res.users", "ctxh_home_visit_staff_rel", "visit_id", "user_id",
                                 string="Delivered By", default=lambda self: self.env.user,
                                 domain="[('share', '=', False)]", help="The staff who went to the home.")
    duration = fields.Float(string="Duration (hours)", default=1.0)
    product_id = fields.Many2one("product.product", string="Service", required=True, check_company=True,
                                 compute="_compute_product_id", store=True, readonly=False, precompute=True,
                                 domain="[('ctxh_service_kind', '=', 'home_visit')]")
    # about a person's home and family: read by care staff and directors only, and each read is logged
    note = fields.Text(string="Notes", groups=f"{CARE},{DIRECTOR}")
    state = fields.Selection([("draft", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")], default="draft",
                             required=True, tracking=True, copy=False, index=True)
    usage_id = fields.Many2one("ctxh.service.usage", string="Billed Service", readonly=True, copy=False,
                               ondelete="set null")

    _sql_constraints = [
        ("duration_check", "CHECK (duration >= 0 AND duration <= 24)", "A visit lasts between 0 and 24 hours."),
    ]

    @api.depends("resident_id.name", "date")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = " - ".join(filter(None, [visit.resident_id.name, vn_date(visit.date)]))

    @api.depends("contract_id")
    def _compute_product_id(self):
        for visit in self:
            if visit.product_id or not visit.contract_id:
                continue
            # the contract's own home-visit service, else the facility's
            contract = visit.contract_id.sudo()
            product = contract.line_ids.product_id.filtered(lambda p: p.ctxh_service_kind == "home_visit")[:1]
            visit.product_id = product or self.env["product.product"].search([
                *self.env["product.product"]._check_company_domain(contract.company_id),
                ("ctxh_service_kind", "=", "home_visit")], limit=1)

    def _ctxh_sensitive_fields(self):
        # the notes describe the person's home: logged like the sensitive fields, though care staff read them
        return super()._ctxh_sensitive_fields() | {"note"}

    def _ctxh_deletable_records(self):
        return self.filtered(lambda visit: visit.state == "draft")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """The visit took place: it is billed once, with the contract's month."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self.check_access("write")
        lock_rows(self)
        self._ctxh_check_state("draft")
        for visit in self:
            if visit.contract_id.state != "active":
                raise UserError(self.env._("The contract of %s is not active: the visit cannot be billed.",
                                           visit.display_name))
            # sudo: the rights were checked on the visit above; care staff have no right on the usages (prices,
            # invoices), which only this action creates for them
            usage = self.env["ctxh.service.usage"].sudo().create({
                "contract_id": visit.contract_id.id, "product_id": visit.product_id.id, "date": visit.date,
                "quantity": 1.0, "staff_ids": visit.staff_ids.ids, "home_visit_id": visit.id,
            })
            visit._ctxh_action_write({"state": "done", "usage_id": usage.id})
        return True

    def action_cancel(self):
        """Cancel a visit that did not happen (or was recorded by mistake), while it is not invoiced."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self.check_access("write")
        lock_rows(self)
        self._ctxh_check_state("draft", "done")
        usages = self.sudo().usage_id
        if usages.filtered("billed_period_start"):
            raise UserError(self.env._(
                "This visit is already invoiced: it can no longer be cancelled. Correct the invoice with a credit "
                "note instead."))
        self._ctxh_action_write({"state": "cancelled", "usage_id": False})
        usages._ctxh_as_action().unlink()
        return True

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self.check_access("write")
        self._ctxh_check_state("cancelled")
        self._ctxh_action_write({"state": "draft"})
        return True
