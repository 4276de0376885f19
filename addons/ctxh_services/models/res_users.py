from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # the other side of the offices' staff: record rules of the Office Worker group read it
    ctxh_office_ids = fields.Many2many("ctxh.office", "ctxh_office_res_users_rel", "user_id", "office_id",
                                       string="Social Work Offices")
