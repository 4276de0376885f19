from odoo import models


class MailActivityMixin(models.AbstractModel):
    """Idempotent reminders from scheduled jobs, on every model with activities (invoices included)."""

    _inherit = "mail.activity.mixin"

    def _ctxh_remind(self, summary, get_user, activity_type="ctxh_residents.mail_activity_type_ctxh_reminder"):
        """Schedule ``summary`` for each record unless the same reminder is still open.

        ``get_user`` maps a record to the user who must act. Running a job twice adds nothing.
        """
        if not self:
            return self.env["mail.activity"]
        activity_type = self.env.ref(activity_type)
        open_ones = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id), ("summary", "=", summary),
        ])
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
