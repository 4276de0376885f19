from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhAdmission(models.Model):
    _inherit = "ctxh.admission"

    def _ctxh_check_contract(self):
        """A paid (voluntary) admission needs a signed contract for the person."""
        needing = self.filtered("admission_type_id.requires_contract")
        if not needing:
            return
        contracts = self.env["ctxh.care.contract"].sudo().search([
            ("resident_id", "in", needing.resident_id.ids), ("state", "=", "active"),
        ])
        for admission in needing:
            if admission.resident_id not in contracts.resident_id:
                raise UserError(self.env._(
                    "%(person)s is admitted as %(type)s: sign a care contract for this person first.",
                    person=admission.resident_id.name, type=admission.admission_type_id.name))

    def action_approve(self):
        self._ctxh_check_contract()
        return super().action_approve()

    def action_admit(self):
        self._ctxh_check_contract()
        res = super().action_admit()
        # the contract follows the stay that has just started
        contracts = self.env["ctxh.care.contract"].sudo().search([
            ("resident_id", "in", self.resident_id.ids), ("state", "=", "active"), ("stay_id", "=", False),
        ])
        for contract in contracts:
            contract.stay_id = contract.resident_id.current_stay_id
        return res

    # ---- the hotline call that led to the admission ----
    ctxh_hotline_call_id = fields.Many2one("ctxh.hotline.call", string="Hotline Call", check_company=True,
                                           index="btree_not_null", copy=False, groups=CARE)

    # ---- the community case that led to the admission ----
    ctxh_case_id = fields.Many2one("ctxh.case", string="Community Case", check_company=True,
                                   index="btree_not_null", copy=False, groups=CARE)

    @api.model_create_multi
    def create(self, vals_list):
        admissions = super().create(vals_list)
        calls = admissions.ctxh_hotline_call_id.filtered(lambda c: c.outcome != "admitted")
        if calls:
            calls.outcome = "admitted"
        return admissions
