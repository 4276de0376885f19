from odoo import api, models

REMINDER = "ctxh_residents.mail_activity_type_ctxh_reminder"


class MailActivityMixin(models.AbstractModel):
    """Idempotent reminders from scheduled jobs, on every model with activities (invoices included)."""

    _inherit = "mail.activity.mixin"

    @api.model
    def _ctxh_open_reminder_domain(self, summary, activity_type=REMINDER):
        """The activities that are "the same reminder, still open": its type and summary (a done activity is
        archived, so it no longer counts). A job working in batches searches the records without one through
        ``("activity_ids", "not any", ...)`` of this domain."""
        return [("activity_type_id", "=", self.env.ref(activity_type).id), ("summary", "=", summary)]

    def _ctxh_remind(self, summary, get_user, activity_type=REMINDER):
        """Schedule ``summary`` for each record unless the same reminder is still open.

        ``get_user`` maps a record to the user who must act. Running a job twice adds nothing.
        """
        if not self:
            return self.env["mail.activity"]
        open_ones = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            *self._ctxh_open_reminder_domain(summary, activity_type),
        ])
        activity_type = self.env.ref(activity_type)
        done = set(open_ones.mapped("res_id"))
        today = self.env.company._ctxh_today()
        created = self.env["mail.activity"]
        for record in self:
            user = get_user(record)
            if record.id in done or not user:
                continue
            created |= record.sudo().activity_schedule(
                activity_type_id=activity_type.id, summary=summary, user_id=user.id, date_deadline=today)
        return created
