from odoo import api, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _ctxh_check_group(self, xmlid):
        """Refuse an action to a user outside ``xmlid``: public methods are callable over RPC,
        so every action checks its caller. Call it as ``self.env["res.users"]._ctxh_check_group(...)``
        (not on ``env.user``, which is always sudo): privileged (sudo) code is not checked."""
        if self.env.su or self.env.user.has_group(xmlid):
            return
        raise AccessError(self.env._("Only %(group)s may do this.", group=self.env.ref(xmlid).name))
