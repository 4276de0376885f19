from odoo import fields, models


class CtxhOutreachMaterial(models.Model):
    """What an event handed out (leaflets, booklets, posters) and how many: the report adds them up."""

    _name = "ctxh.outreach.material"
    _description = "Material Distributed"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "event_id"
    _ctxh_deletable = "a line entered by mistake"
    _order = "event_id, id"
    _check_company_auto = True

    event_id = fields.Many2one("ctxh.outreach.event", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True, string="Facility")
    # stored for the activity report, which adds materials up by office
    office_id = fields.Many2one(related="event_id.office_id", store=True, index="btree_not_null")
    name = fields.Char(string="Material", required=True)
    kind = fields.Selection([("leaflet", "Leaflet"), ("booklet", "Booklet"), ("poster", "Poster"),
                             ("other", "Other")], required=True, default="leaflet")
    quantity = fields.Integer(required=True, default=1)

    _sql_constraints = [("quantity_positive", "CHECK (quantity >= 0)", "A quantity cannot be negative.")]
