from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows, vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE

# contract lines of these kinds put a person on the day-care sheet
DAY_CARE_KINDS = ("day_care_day", "day_care")


class CtxhDaycareAttendance(models.Model):
    """The day-care sheet of a facility for one day: who came, and the staff on duty who cared for them."""

    _name = "ctxh.daycare.attendance"
    _description = "Day Care Attendance Sheet"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _ctxh_frozen = {"confirmed": ALL}
    _ctxh_deletable = "a draft sheet, which has billed nothing"
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, tracking=True, default=lambda self: self.env.company._ctxh_today())
    staff_ids = fields.Many2many("res.users", "ctxh_daycare_attendance_staff_rel", "attendance_id", "user_id",
                                 string="Delivered By", default=lambda self: self.env.user,
                                 domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
                                 help="The staff on duty in day care that day.")
    line_ids = fields.One2many("ctxh.daycare.attendance.line", "attendance_id", string="People", copy=False)
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")], default="draft", required=True,
                             tracking=True, copy=False, index=True)
    present_count = fields.Integer(compute="_compute_counts", string="Present")
    expected_count = fields.Integer(compute="_compute_counts", string="Expected")
    note = fields.Text()

    _sql_constraints = [
        # said in words by _ctxh_check_one_per_day first; the index holds it for two users saving at once
        ("company_date_uniq", "unique(company_id, date)", "This facility already has a day-care sheet for that day."),
    ]

    @api.depends("date")
    def _compute_display_name(self):
        for sheet in self:
            sheet.display_name = self.env._("Day care %s", vn_date(sheet.date)) if sheet.date else self.env._(
                "Day care")

    @api.depends("line_ids.present")
    def _compute_counts(self):
        for sheet in self:
            sheet.expected_count = len(sheet.line_ids)
            sheet.present_count = len(sheet.line_ids.filtered("present"))

    # ------------------------------------------------------------------
    # One sheet per facility and day
    # ------------------------------------------------------------------
    def _ctxh_check_one_per_day(self, pairs):
        """Refuse, in words, a second sheet of a facility for a day (``pairs``: [(company_id, date)])."""
        for company_id, day in pairs:
            if not (company_id and day):
                continue
            # sudo: a sheet of the day exists whoever may read it
            other = self.sudo().search([("company_id", "=", company_id), ("date", "=", day),
                                        ("id", "not in", self.ids)], limit=1)
            if other:
                raise ValidationError(self.env._(
                    "%(facility)s already has a day-care sheet for %(date)s: open it instead of creating another.",
                    facility=other.company_id.name, date=vn_date(other.date)))

    @api.model_create_multi
    def create(self, vals_list):
        default_company = self.env.company.id
        pairs = [(vals.get("company_id", default_company), fields.Date.to_date(vals.get("date"))
                  or self.env.company._ctxh_today()) for vals in vals_list]
        if len(set(pairs)) < len(pairs):
            raise ValidationError(self.env._("Two day-care sheets for the same facility and day."))
        self._ctxh_check_one_per_day(pairs)
        sheets = super().create(vals_list)
        sheets.filtered(lambda s: not s.line_ids)._ctxh_prepare_lines()
        return sheets

    def write(self, vals):
        if {"company_id", "date"} & set(vals):
            if not self._ctxh_in_action():
                self._ctxh_check_frozen(vals)  # a confirmed day is told it is confirmed, before anything else
            for sheet in self:
                sheet._ctxh_check_one_per_day([(vals.get("company_id", sheet.company_id.id),
                                                fields.Date.to_date(vals.get("date")) or sheet.date)])
        return super().write(vals)

    def _ctxh_deletable_records(self):
        return self.filtered(lambda sheet: sheet.state == "draft")

    # ------------------------------------------------------------------
    # The people expected
    # ------------------------------------------------------------------
    def _ctxh_day_care_contracts(self):
        """Active contracts of the sheet's facility with a day-care line in force on its day."""
        self.ensure_one()
        # sudo: care staff do not read the contract's lines (prices), only who is expected
        return self.env["ctxh.care.contract"].sudo().search([
            ("company_id", "=", self.company_id.id), ("state", "=", "active"),
            ("date_start", "<=", self.date), "|", ("date_end", "=", False), ("date_end", ">=", self.date),
            ("line_ids.product_id.ctxh_service_kind", "in", DAY_CARE_KINDS),
        ], order="id")

    def _ctxh_prepare_lines(self):
        """A line per person expected and not yet listed, for all the sheets in one create."""
        vals_list = []
        for sheet in self:
            listed = sheet.line_ids.contract_id
            vals_list += [{"attendance_id": sheet.id, "contract_id": contract.id}
                          for contract in sheet._ctxh_day_care_contracts() - listed]
        return self.env["ctxh.daycare.attendance.line"].create(vals_list)

    @api.onchange("date", "company_id")
    def _onchange_date(self):
        # a new sheet shows at once the people expected that day, to be marked before it is even saved
        if self._origin.id or not (self.date and self.company_id):
            return
        present = set(self.line_ids.filtered("present").contract_id.ids)
        self.line_ids = [Command.clear()] + [
            Command.create({"contract_id": contract.id, "present": contract.id in present})
            for contract in self._ctxh_day_care_contracts()]

    def action_prepare_lines(self):
        """Add the people whose day-care contract started since the sheet was made."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("draft")
        self.check_access("write")
        self._ctxh_prepare_lines()
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Confirm the day: each person present under a per-day contract is billed one day at the contract's price."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self.check_access("write")
        lock_rows(self)
        self._ctxh_check_state("draft")
        for sheet in self:
            sheet._ctxh_create_usages()
        self._ctxh_action_write({"state": "confirmed"})
        return True

    def _ctxh_create_usages(self):
        self.ensure_one()
        vals_list = []
        # sudo: the rights were checked on the sheet above; care staff have no right on the usages (prices,
        # invoices), which only this action creates for them, from the contract's agreed day price
        for line in self.line_ids.sudo().filtered("present"):
            contract_line = line.contract_id.line_ids.filtered(
                lambda cl: cl.product_id.ctxh_service_kind == "day_care_day")[:1]
            if not contract_line:
                continue  # billed by the month, prorated on attendance by the billing run
            vals_list.append({
                "contract_id": line.contract_id.id, "product_id": contract_line.product_id.id, "date": self.date,
                "quantity": 1.0, "price_unit": contract_line.price_unit, "staff_ids": self.staff_ids.ids,
                "daycare_line_id": line.id,
            })
        return self.env["ctxh.service.usage"].sudo().create(vals_list)

    def action_reset_draft(self):
        """Reopen a confirmed day to correct it, while none of its days is invoiced."""
        self.env["res.users"]._ctxh_check_group(CARE)
        self.check_access("write")
        lock_rows(self)
        self._ctxh_check_state("confirmed")
        usages = self.env["ctxh.service.usage"].sudo().search([("daycare_line_id.attendance_id", "in", self.ids)])
        if usages.filtered("billed_period_start"):
            raise UserError(self.env._(
                "Days of this sheet are already invoiced: it can no longer be reopened. Correct the invoice with a "
                "credit note instead."))
        usages._ctxh_as_action().unlink()
        self._ctxh_action_write({"state": "draft"})
        return True
