from odoo import api, fields, models


class CtxhAdmissionDocument(models.Model):
    """One line of an admission dossier checklist, with its scanned files."""

    _name = "ctxh.admission.document"
    _description = "Admission Dossier Document"
    _rec_name = "document_type_id"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_parent_field = "admission_id"
    _ctxh_deletable = "a line of a dossier not yet submitted"
    _order = "sequence, id"
    _check_company_auto = True

    admission_id = fields.Many2one("ctxh.admission", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="admission_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
    document_type_id = fields.Many2one("ctxh.dossier.document.type", required=True, string="Document")
    required = fields.Boolean(default=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    received = fields.Boolean(compute="_compute_received", store=True, readonly=False,
                              help="Ticked when a file is attached; tick by hand for a paper original.")
    note = fields.Char()

    def _ctxh_deletable_records(self):
        return self.filtered(lambda line: line.admission_id.state == "draft")

    @api.depends("attachment_ids")
    def _compute_received(self):
        for line in self:
            line.received = line.received or bool(line.attachment_ids)
