"""Refused admissions got their own refusal date (the refusal letter used to dig it out of the tracked state).
Requests refused before the upgrade take the day of their last tracked change of state, at the facility's
(Vietnam's) time."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("""
        UPDATE ctxh_admission admission
           SET refuse_date = (last_change.moment AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          FROM (SELECT message.res_id, max(tracking.create_date) AS moment
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                  JOIN ir_model_fields field ON field.id = tracking.field_id
                 WHERE message.model = 'ctxh.admission' AND field.name = 'state'
                 GROUP BY message.res_id) last_change
         WHERE last_change.res_id = admission.id
           AND admission.state = 'refused' AND admission.refuse_date IS NULL
    """))
    cr.execute(SQL("""
        UPDATE ctxh_admission SET refuse_date = write_date::date
         WHERE state = 'refused' AND refuse_date IS NULL
    """))
