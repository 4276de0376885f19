from odoo import fields, models, tools
from odoo.tools import SQL

# Receivables ageing, in one place for the dashboard and the XLSX report: (key, label, first and last
# day overdue; None for no bound). The first bucket is "not due yet".
AGEING = [
    ("not_due", "Not due", None, 0),
    ("1_30", "1-30 days", 1, 30),
    ("31_60", "31-60 days", 31, 60),
    ("61_90", "61-90 days", 61, 90),
    ("over_90", "Over 90 days", 91, None),
]
AGE_BUCKETS = [(key, label) for key, label, _low, _high in AGEING]


def ageing_bucket(days_overdue):
    """Index in AGEING of the bucket of an amount ``days_overdue`` days past due."""
    return next(index for index, (_key, _label, low, high) in enumerate(AGEING)
                if (low is None or days_overdue >= low) and (high is None or days_overdue <= high))


def _ageing_case_sql(days):
    """SQL CASE giving the AGEING key of ``days`` (an SQL expression of days overdue)."""
    whens = SQL(" ").join(SQL("WHEN %s <= %s THEN %s", days, high, key)
                          for key, _label, _low, high in AGEING if high is not None)
    return SQL("CASE %s ELSE %s END", whens, AGEING[-1][0])


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
    age_bucket = fields.Selection(AGE_BUCKETS, string="Debt Age", readonly=True)
    amount_total = fields.Monetary(string="Invoiced", readonly=True)
    amount_residual = fields.Monetary(string="Outstanding", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE VIEW %s AS (
                SELECT m.id, m.id AS move_id, m.move_type, m.company_id, m.currency_id, m.partner_id,
                       m.ctxh_contract_id AS contract_id, c.resident_id, m.invoice_date, m.invoice_date_due,
                       GREATEST(local.today - m.invoice_date_due, 0) AS days_overdue,
                       %s AS age_bucket,
                       m.amount_total_signed AS amount_total,
                       m.amount_residual_signed AS amount_residual
                  FROM account_move m
                  JOIN ctxh_care_contract c ON c.id = m.ctxh_contract_id
                  JOIN res_company rc ON rc.id = m.company_id
                  JOIN res_partner rp ON rp.id = rc.partner_id
                  -- the facility's own day: at 6 in the morning in Hanoi it is still yesterday in UTC
                 CROSS JOIN LATERAL (
                       SELECT (now() AT TIME ZONE COALESCE(rp.tz, 'Asia/Ho_Chi_Minh'))::date AS today
                 ) local
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.payment_state IN ('not_paid', 'partial')
            )
        """, SQL.identifier(self._table), _ageing_case_sql(SQL("COALESCE(local.today - m.invoice_date_due, 0)"))))
