from odoo import fields, models, tools

# Days past due that open each ageing bucket, and the bucket names (kept together, in one place).
AGE_BUCKETS = [
    ("not_due", "Not due"),
    ("1_30", "1-30 days"),
    ("31_60", "31-60 days"),
    ("61_90", "61-90 days"),
    ("over_90", "Over 90 days"),
]


class CtxhReceivableReport(models.Model):
    """What families and sponsors still owe on care contracts (or are owed back), by age."""

    _name = "ctxh.receivable.report"
    _description = "Care Fee Receivables by Age"
    _auto = False
    _order = "invoice_date_due, id"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    move_type = fields.Selection([("out_invoice", "Invoice"), ("out_refund", "Credit Note")], readonly=True)
    company_id = fields.Many2one("res.company", string="Facility", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    contract_id = fields.Many2one("ctxh.care.contract", string="Care Contract", readonly=True)
    resident_id = fields.Many2one("ctxh.resident", readonly=True)
    invoice_date = fields.Date(readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    amount_total = fields.Monetary(string="Invoiced", readonly=True)
    amount_residual = fields.Monetary(string="Outstanding", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT m.id, m.id AS move_id, m.move_type, m.company_id, m.currency_id, m.partner_id,
                       m.ctxh_contract_id AS contract_id, c.resident_id, m.invoice_date, m.invoice_date_due,
                       GREATEST(CURRENT_DATE - m.invoice_date_due, 0) AS days_overdue,
                       CASE
                           WHEN m.invoice_date_due IS NULL OR m.invoice_date_due >= CURRENT_DATE THEN 'not_due'
                           WHEN CURRENT_DATE - m.invoice_date_due <= 30 THEN '1_30'
                           WHEN CURRENT_DATE - m.invoice_date_due <= 60 THEN '31_60'
                           WHEN CURRENT_DATE - m.invoice_date_due <= 90 THEN '61_90'
                           ELSE 'over_90'
                       END AS age_bucket,
                       m.amount_total_signed AS amount_total,
                       m.amount_residual_signed AS amount_residual
                  FROM account_move m
                  JOIN ctxh_care_contract c ON c.id = m.ctxh_contract_id
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.payment_state IN ('not_paid', 'partial')
            )
        """)
