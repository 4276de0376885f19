from odoo import fields, models


class CtxhOfficeMixin(models.AbstractModel):
    """What belongs to a social work office: the office field, filled with the user's own office, and the record
    rules of the Office Worker group (declared per model in security/ctxh_office_security.xml; a test of the
    registry fails on a model of this mixin without them)."""

    _name = "ctxh.office.mixin"
    _description = "Belongs to a Social Work Office"

    office_id = fields.Many2one(
        "ctxh.office", string="Office", index=True, tracking=True, check_company=True,
        default=lambda self: self.env["ctxh.office"]._ctxh_default_office(),
        help="The social work office whose staff handle this record; empty for the centre itself.")
