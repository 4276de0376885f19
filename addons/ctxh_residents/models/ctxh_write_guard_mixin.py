from odoo import api, models

DIRECTOR = "ctxh_residents.group_ctxh_director"


class CtxhWriteGuardMixin(models.AbstractModel):
    """What only an action may do cannot be done with a plain create() or write() (callable over RPC):
    a decision stays the director's, and a record stays in the facilities its user works in."""

    _name = "ctxh.write.guard.mixin"
    _description = "Social Assistance Write Guard"

    # states and fields only the director's decision sets (through the model's action_* methods)
    _ctxh_director_states = ()
    _ctxh_director_fields = ()
    # fields that carry a record to another facility (its company follows them)
    _ctxh_moving_fields = frozenset({"company_id", "resident_id", "stay_id"})

    def _ctxh_check_decision_vals(self, vals):
        if self.env.su:
            return
        if vals.get("state") in self._ctxh_director_states or any(f in vals for f in self._ctxh_director_fields):
            self.env["res.users"]._ctxh_check_group(DIRECTOR)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._ctxh_check_decision_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ctxh_check_decision_vals(vals)
        result = super().write(vals)
        if not self.env.su and self._ctxh_moving_fields.intersection(vals):
            # after the change the record must still be one the user may change: not in another facility
            self.check_access("write")
        return result
