from odoo import fields, models


class CtxhAdmissionType(models.Model):
    """What the law asks of an admission: funding, length of stay, dossier, contract, court."""

    _name = "ctxh.admission.type"
    _description = "Admission Type"
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "configuration: a type no admission uses yet (the database keeps used ones)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="regular, emergency, voluntary, rehab_voluntary, rehab_compulsory, ...")
    sequence = fields.Integer(default=10)
    funding = fields.Selection(
        [("state", "State budget"), ("self", "Self or sponsor paid"), ("mixed", "Mixed")],
        required=True, default="state",
    )
    max_stay_days = fields.Integer(
        string="Maximum Stay (days)", help="0 for no limit. Emergency protection: 90 days (3 months).")
    is_emergency = fields.Boolean(
        string="Immediate Admission",
        help="The person is admitted at once; the dossier and the director's decision follow.")
    dossier_days = fields.Integer(
        string="Working Days to Complete Dossier",
        help="In working days on the facility's calendar: for an immediate admission, counted from arrival; "
             "otherwise from the request date (the whole admission chain).")
    dossier_calendar_days = fields.Boolean(
        string="In Calendar Days", help="The law counts this limit in calendar days (e.g. a temporary stay of at "
                                        "most 15 days pending a compulsory rehabilitation decision).")
    step_ids = fields.One2many("ctxh.admission.step", "admission_type_id", string="Steps")
    document_type_ids = fields.Many2many("ctxh.dossier.document.type", string="Required Documents")
    requires_contract = fields.Boolean(string="Needs a Service Contract")
    requires_court_decision = fields.Boolean(string="Needs a Court Decision")
    drug_rehab = fields.Boolean(
        string="Drug Rehabilitation",
        help="An admission of a drug rehabilitation centre: offered there, and only there (the other facilities "
             "see the types of social protection).")
    legal_basis = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Each admission type code must be unique.")]
