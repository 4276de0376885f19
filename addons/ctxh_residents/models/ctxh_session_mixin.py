from odoo import fields, models

from ..tools.groups import CARE

SESSION_STATES = [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")]


class CtxhSessionMixin(models.AbstractModel):
    """A session the care team holds on a date (a programme's class, a counselling session): planned, then held
    or cancelled, by its actions only. A cancelled session can be planned again; `_ctxh_reopen_from` says which
    other states can (a held class, whose attendance may need correcting)."""

    _name = "ctxh.session.mixin"
    _description = "Planned Session"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    _ctxh_reopen_from = ("cancelled",)

    state = fields.Selection(SESSION_STATES, default="planned", required=True, tracking=True, index=True, copy=False)

    def _ctxh_check_can_close(self):
        """What must hold before the session is marked as held (nothing by default)."""

    def action_done(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        self._ctxh_check_can_close()
        return self._ctxh_action_write({"state": "done"})

    def action_cancel(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("planned")
        return self._ctxh_action_write({"state": "cancelled"})

    def action_reset_planned(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state(*self._ctxh_reopen_from)
        return self._ctxh_action_write({"state": "planned"})
