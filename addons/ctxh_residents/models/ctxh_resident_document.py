from odoo import api, fields, models


class CtxhResidentDocument(models.Model):
    """An identity or dossier document of a resident, with its scanned files."""

    _name = "ctxh.resident.document"
    _description = "Resident Document"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["number", "resident_id"]
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "an identity document scanned by mistake or replaced by a newer one"
    _order = "issue_date desc, id desc"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    document_type = fields.Selection(
        [
            ("birth_certificate", "Birth certificate"),
            ("citizen_id", "Citizen identity card"),
            ("household", "Residence confirmation"),
            ("disability", "Disability certificate"),
            ("health_insurance", "Health insurance card"),
            ("poverty", "Poor household certificate"),
            ("court_decision", "Court decision"),
            ("medical", "Medical record"),
            ("other", "Other"),
        ],
        required=True,
    )
    number = fields.Char()
    issue_date = fields.Date()
    issuer = fields.Char(string="Issued By")
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    note = fields.Char()
    @api.depends("document_type", "number", "resident_id.name")
    def _compute_display_name(self):
        kinds = dict(self._fields["document_type"]._description_selection(self.env))
        for document in self:
            document.display_name = " - ".join(filter(None, [kinds.get(document.document_type), document.number,
                                                             document.resident_id.name]))
