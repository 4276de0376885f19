
from odoo import fields, models

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, CARE


class CtxhResident(models.Model):
    _inherit = "ctxh.resident"

    ctxh_contract_count = fields.Integer(compute="_compute_ctxh_contract_count", string="Contracts")

    def _compute_ctxh_contract_count(self):
        counts = dict(self.env["ctxh.care.contract"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.ctxh_contract_count = counts.get(resident, 0)

    def action_view_ctxh_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_care_contract_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    # ---- state allowances ----
    ctxh_allowance_line_count = fields.Integer(
        compute="_compute_ctxh_allowance_line_count", string="Allowances", groups=ACCOUNTANT)

    def _compute_ctxh_allowance_line_count(self):
        counts = dict(self.env["ctxh.allowance.sheet.line"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.ctxh_allowance_line_count = counts.get(resident, 0)

    def action_view_ctxh_allowance_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_allowance_sheet_line_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {}
        return action

    # ---- community social work ----
    ctxh_referral_count = fields.Integer(groups=CARE, compute="_compute_ctxh_social_counts", string="Referrals")
    ctxh_counselling_count = fields.Integer(groups=CARE, compute="_compute_ctxh_social_counts",
                                            string="Counselling Sessions")

    def _compute_ctxh_social_counts(self):
        referrals = dict(self.env["ctxh.referral"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        sessions = dict(self.env["ctxh.counselling.session"]._read_group(
            [("resident_id", "in", self.ids), ("state", "!=", "cancelled")], ["resident_id"], ["__count"]))
        for resident in self:
            resident.ctxh_referral_count = referrals.get(resident, 0)
            resident.ctxh_counselling_count = sessions.get(resident, 0)

    def action_view_ctxh_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_referral_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id, "default_company_id": self.company_id.id}
        return action

    def action_view_ctxh_counselling(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_counselling_session_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id, "default_company_id": self.company_id.id}
        return action
