from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhOffice(models.Model):
    """The office overview: one card per social work office with its month's work and what waits on it, each
    figure a button opening its records. The figures follow the records the user may read (an office worker's
    card counts only what their rules show them)."""

    _inherit = "ctxh.office"

    ctxh_call_month_count = fields.Integer(string="Calls This Month", compute="_compute_ctxh_office_figures",
                                           groups=CARE)
    ctxh_call_open_count = fields.Integer(string="Calls Without Outcome", compute="_compute_ctxh_office_figures",
                                          groups=CARE)
    ctxh_counselling_month_count = fields.Integer(string="Counselling Sessions This Month",
                                                  compute="_compute_ctxh_office_figures", groups=CARE)
    ctxh_referral_open_count = fields.Integer(string="Referrals Awaiting a Result",
                                              compute="_compute_ctxh_office_figures", groups=CARE)

    ctxh_case_open_count = fields.Integer(string="Open Cases", compute="_compute_ctxh_office_figures", groups=CARE)
    ctxh_case_review_overdue_count = fields.Integer(string="Case Reviews Overdue",
                                                    compute="_compute_ctxh_office_figures", groups=CARE)

    def _ctxh_office_domains(self):
        """{figure: (model, domain, action xmlid)}: the figures of the card, shared with the buttons opening them.
        The month is the facility's (all offices of a card's facility share its clock)."""
        company = self[:1].company_id or self.env.company
        today = company._ctxh_today()
        month_start, next_month = today.replace(day=1), today.replace(day=1) + relativedelta(months=1)
        start_utc, end_utc = company._ctxh_day_bounds(month_start)[0], company._ctxh_day_bounds(next_month)[0]
        return {
            "call_month": ("ctxh.hotline.call", [("call_time", ">=", start_utc), ("call_time", "<", end_utc)],
                           "ctxh_services.ctxh_hotline_call_action"),
            "call_open": ("ctxh.hotline.call", [("outcome", "=", False)], "ctxh_services.ctxh_hotline_call_action"),
            "counselling_month": ("ctxh.counselling.session", [
                ("state", "=", "done"), ("date", ">=", start_utc), ("date", "<", end_utc)],
                "ctxh_services.ctxh_counselling_session_action"),
            "referral_open": ("ctxh.referral", [("state", "in", ("sent", "accepted"))],
                              "ctxh_services.ctxh_referral_action"),
            "case_open": ("ctxh.case", [("state", "=", "open")], "ctxh_services.ctxh_case_action"),
            # the case's own rule, shared with its search and its reminder job
            "case_review_overdue": ("ctxh.case", self.env["ctxh.case"]._ctxh_review_overdue_domain(today),
                                    "ctxh_services.ctxh_case_action"),
        }

    def _compute_ctxh_office_figures(self):
        counts = {}
        for key, (model, domain, _action) in self._ctxh_office_domains().items():
            counts[key] = dict(self.env[model]._read_group(
                [*domain, ("office_id", "in", self.ids)], ["office_id"], ["__count"]))
        for office in self:
            office.ctxh_call_month_count = counts["call_month"].get(office, 0)
            office.ctxh_call_open_count = counts["call_open"].get(office, 0)
            office.ctxh_counselling_month_count = counts["counselling_month"].get(office, 0)
            office.ctxh_referral_open_count = counts["referral_open"].get(office, 0)
            office.ctxh_case_open_count = counts["case_open"].get(office, 0)
            office.ctxh_case_review_overdue_count = counts["case_review_overdue"].get(office, 0)

    # it builds the list to open from the figures' domains and writes nothing: served by a read-only replica
    @api.readonly
    def action_ctxh_office_open(self):
        """Open the records counted by a figure of the office's card; the figure is the button's context key."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(CARE)
        domains = self._ctxh_office_domains()
        key = self.env.context.get("ctxh_figure")
        if key not in domains:
            raise UserError(self.env._("Unknown figure of the office overview: %s.", key))
        _model, domain, xmlid = domains[key]
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update({
            "name": f"{self.name}: {action['name']}",
            "domain": [*domain, ("office_id", "=", self.id)],
            # the case list opens on open cases by default: the figure's own domain says which
            "context": {"allowed_company_ids": list(dict.fromkeys([self.company_id.id, *self.env.companies.ids]))},
        })
        return action
