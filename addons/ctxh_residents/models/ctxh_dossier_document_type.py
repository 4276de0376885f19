from odoo import fields, models


class CtxhDossierDocumentType(models.Model):
    """A document an admission dossier may require (application form, birth certificate, ...)."""

    _name = "ctxh.dossier.document.type"
    _description = "Dossier Document Type"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a document no dossier uses yet (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Char(translate=True)
    active = fields.Boolean(default=True)
    sensitive = fields.Boolean(
        help="The document holds sensitive data (a court decision): its dossier line and files are seen only by "
             "users with the Sensitive Data group, like the resident's Sensitive Details.")
