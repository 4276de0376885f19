from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR


class AccountMove(models.Model):
    _inherit = "account.move"

    ctxh_amount_total_words = fields.Char(
        string="Amount in Words",
        compute="_compute_ctxh_amount_total_words",
        help="Total amount as written on Vietnamese invoices and receipts (bằng chữ).",
    )

    @api.depends("amount_total", "currency_id")
    def _compute_ctxh_amount_total_words(self):
        for move in self:
            currency = move.currency_id
            move.ctxh_amount_total_words = (
                currency.ctxh_amount_to_words(move.amount_total) if currency else False
            )

    def _compute_amount_total_words(self):
        """Odoo's printed invoice states the total in words through num2words ("Bảy Triệu Năm Trăm Nghìn Dong"); in
        đồng it is written as Vietnamese accounting writes it, the words of the form and of the receipts."""
        result = super()._compute_amount_total_words()
        for move in self.filtered(lambda m: m.currency_id.name == "VND"):
            move.amount_total_words = move.currency_id.ctxh_amount_to_words(move.amount_total)
        return result

    @api.model
    def _cron_ctxh_overdue_reminders(self):
        """One reminder per unpaid care invoice past its due date (plus the grace days in force), for the
        accountant who issued it; running the job again adds nothing. Each facility's invoices are due by its
        own calendar (its time zone, Vietnam's by default), whatever the scheduler's."""
        Parameter = self.env["ctxh.legal.parameter"]
        by_facility = []
        for company in self.env["res.company"].sudo().search([]):
            today = company._ctxh_today()
            grace = int(Parameter._get_value("care_invoice_reminder_days", 0, date=today))
            by_facility.append([("company_id", "=", company.id),
                                ("invoice_date_due", "<", today - timedelta(days=grace))])
        overdue = self.search([
            ("ctxh_contract_id", "!=", False), ("move_type", "=", "out_invoice"), ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")), *expression.OR(by_facility or [[(0, "=", 1)]]),
        ])
        # accountants first, directors (who are accountants too) only when a facility has no accountant
        accountants = self.env.ref(ACCOUNTANT).sudo().users.filtered(lambda u: u.active and not u.share).sorted(
            lambda u: (u.has_group(DIRECTOR), u.id))

        def accountant(move):
            if move.invoice_user_id in accountants:
                return move.invoice_user_id
            return accountants.filtered(lambda u: move.company_id in u.company_ids)[:1]

        return overdue._ctxh_remind(self.env._("Care fee overdue: remind the payer"), accountant)

    # ---- the care invoice: its contract, month and billing run ----
    ctxh_contract_id = fields.Many2one("ctxh.care.contract", string="Care Contract", readonly=True, copy=False,
                                       index="btree_not_null", ondelete="restrict")
    ctxh_period_start = fields.Date(string="Billed Month", readonly=True, copy=False,
                                    help="First day of the month this care invoice bills.")
    ctxh_billing_run_id = fields.Many2one("ctxh.billing.run", string="Billing Run", readonly=True, copy=False,
                                          index="btree_not_null", ondelete="set null")

    def init(self):
        result = super().init()
        # one invoice per contract, payer and month, even under two runs at the same moment; a cancelled
        # invoice does not count, so the month can be billed again after a correction (NULLs are distinct:
        # ordinary moves and credit notes have no period and are not concerned)
        self.env.cr.execute("ALTER TABLE account_move DROP CONSTRAINT IF EXISTS account_move_ctxh_contract_period_uniq")
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_ctxh_contract_period_uniq_idx
                ON account_move (ctxh_contract_id, partner_id, ctxh_period_start)
             WHERE state != 'cancel'
        """)
        return result

    def write(self, vals):
        # which contract, month and run an invoice bills is set when the billing creates it, never re-pointed
        links = {"ctxh_contract_id", "ctxh_period_start", "ctxh_billing_run_id"}.intersection(vals)
        if links and not self.env.su and self.filtered(lambda move: any(move[f] for f in links)):
            raise UserError(self.env._(
                "The care contract, month and billing run of an invoice are set by the billing and cannot be "
                "changed: cancel the invoice and bill it again."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_care_invoices(self):
        care = self.filtered("ctxh_contract_id")
        if care:
            raise UserError(self.env._(
                "Care invoices are kept for good: cancel %s instead of deleting it.", care[:1].display_name))
