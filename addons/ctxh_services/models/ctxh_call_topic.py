from odoo import fields, models


class CtxhCallTopic(models.Model):
    """What a hotline call is about (violence, trafficking, neglect...); data, shared by all facilities."""

    _name = "ctxh.call.topic"
    _description = "Hotline Call Topic"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a topic no call uses (the database keeps used ones)"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_uniq", "unique(code)", "A call topic with this code already exists.")]
