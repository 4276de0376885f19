from odoo import fields, models, tools


class CtxhMovementReport(models.Model):
    """Admissions and discharges as one series over time: one row per stay started and per stay ended."""

    _name = "ctxh.movement.report"
    _description = "Admissions and Discharges"
    _auto = False
    _order = "date desc"

    kind = fields.Selection([("admission", "Admission"), ("discharge", "Discharge")], readonly=True)
    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", string="Facility", readonly=True)
    stay_id = fields.Many2one("ctxh.stay", readonly=True)
    resident_id = fields.Many2one("ctxh.resident", readonly=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], readonly=True)
    admission_type_id = fields.Many2one("ctxh.admission.type", readonly=True)
    is_emergency = fields.Boolean(string="Emergency", readonly=True)
    reason_id = fields.Many2one("ctxh.discharge.reason", string="Discharge Ground", readonly=True)
    movement_count = fields.Integer(string="Count", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT s.id * 2 AS id, 'admission' AS kind, s.date_start AS date, s.company_id,
                       s.id AS stay_id, s.resident_id, r.gender, s.admission_type_id, s.is_emergency,
                       NULL::integer AS reason_id, 1 AS movement_count
                  FROM ctxh_stay s
                  JOIN ctxh_resident r ON r.id = s.resident_id
                UNION ALL
                SELECT s.id * 2 + 1, 'discharge', s.date_end, s.company_id,
                       s.id, s.resident_id, r.gender, s.admission_type_id, s.is_emergency,
                       d.reason_id, 1
                  FROM ctxh_stay s
                  JOIN ctxh_resident r ON r.id = s.resident_id
                  LEFT JOIN LATERAL (
                        SELECT reason_id FROM ctxh_discharge
                         WHERE stay_id = s.id AND state = 'done' ORDER BY id DESC LIMIT 1
                  ) d ON TRUE
                 WHERE s.date_end IS NOT NULL
            )
        """)
