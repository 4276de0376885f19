from odoo import fields, models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    # set by the tracked record (a resident's categories that include a sensitive one); the record's
    # _track_filter_for_display hides it from users without the Sensitive Data group
    ctxh_sensitive = fields.Boolean(string="Sensitive Change", readonly=True)

    def _filter_free_field_access(self):
        # notifications e-mailed to followers carry only what every reader may see
        return super()._filter_free_field_access().filtered(lambda tracking: not tracking.ctxh_sensitive)
