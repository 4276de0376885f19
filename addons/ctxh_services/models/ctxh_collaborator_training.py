from odoo import fields, models


class CtxhCollaboratorTraining(models.Model):
    """A training a village collaborator received (the centre's course on spotting abuse, case reporting...)."""

    _name = "ctxh.collaborator.training"
    _description = "Collaborator Training"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "a training entered by mistake"
    _order = "date desc, id desc"
    _check_company_auto = True

    collaborator_id = fields.Many2one("ctxh.collaborator", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="collaborator_id.company_id", store=True, index=True, string="Facility")
    date = fields.Date(required=True)
    name = fields.Char(string="Course", required=True)
    hours = fields.Float(digits=(16, 1))
    organiser = fields.Char()

    _sql_constraints = [("hours_positive", "CHECK (hours >= 0)", "Hours of training cannot be negative.")]
