from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CtxhResidentRelative(models.Model):
    """A relative or guardian of a resident, and whether they may visit."""

    _name = "ctxh.resident.relative"
    _description = "Relative or Guardian"
    # its name is computed: searched by the fields it is made of
    _rec_names_search = ["partner_id"]
    _inherit = ["ctxh.write.guard.mixin"]
    _ctxh_deletable = "a relative entered by mistake; one who must not visit is kept as the record of that decision"
    _order = "is_guardian desc, sequence, id"
    _check_company_auto = True

    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Person", required=True, ondelete="restrict")
    relationship = fields.Selection(
        [
            ("father", "Father"),
            ("mother", "Mother"),
            ("spouse", "Spouse"),
            ("child", "Child"),
            ("sibling", "Brother or sister"),
            ("grandparent", "Grandparent"),
            ("relative", "Other relative"),
            ("guardian", "Legal guardian"),
            ("sponsor", "Sponsor"),
            ("other", "Other"),
        ],
        required=True,
    )
    is_guardian = fields.Boolean(string="Guardian")
    phone = fields.Char(compute="_compute_phone", store=True, readonly=False)
    national_id = fields.Char(
        string="Citizen ID (CCCD)", size=12, index=True,
        help="The relative's citizen ID: a voluntary admission needs the sponsor's ID, and a payer of a "
        "contract may be named by it.")
    visit_permission = fields.Selection(
        [("allowed", "May visit"), ("forbidden", "Must not visit")],
        required=True,
        default="allowed",
        help="Set 'Must not visit' for an abuser, a trafficker or anyone a decision keeps away.",
    )
    note = fields.Char()

    @api.depends("partner_id.name", "relationship")
    def _compute_display_name(self):
        relationships = dict(self._fields["relationship"]._description_selection(self.env))
        for relative in self:
            relationship = relationships.get(relative.relationship)
            name = relative.partner_id.name or ""
            relative.display_name = f"{name} ({relationship})" if relationship else name

    def _ctxh_deletable_records(self):
        return self.filtered(lambda relative: relative.visit_permission != "forbidden")

    @api.depends("partner_id")
    def _compute_phone(self):
        for relative in self:
            relative.phone = relative.partner_id.phone or relative.partner_id.mobile or relative.phone

    @api.constrains("national_id")
    def _check_national_id(self):
        Resident = self.env["ctxh.resident"]
        province_codes = Resident._ctxh_national_id_province_codes()
        for relative in self.filtered("national_id"):
            error = Resident._ctxh_national_id_error(relative.national_id, relative.partner_id.name,
                                                     province_codes=province_codes)
            if error:
                raise ValidationError(error)
