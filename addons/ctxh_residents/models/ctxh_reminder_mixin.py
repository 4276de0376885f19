from odoo import models


class CtxhReminderMixin(models.AbstractModel):
    """Social Assistance records that scheduled jobs remind about (see ``_ctxh_remind``)."""

    _name = "ctxh.reminder.mixin"
    _description = "Social Assistance Reminders"
    _inherit = ["mail.activity.mixin"]
