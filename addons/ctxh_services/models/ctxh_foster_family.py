from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows, vn_date
from odoo.addons.ctxh_residents.tools.groups import CARE, DIRECTOR

CARE_KINDS = [("emergency", "Emergency"), ("regular", "Regular"), ("both", "Emergency and regular")]


class CtxhFosterFamily(models.Model):
    """A household or person who applies to take a child or another person into care in the community (Decree
    20/2021 Arts. 18-23; for children the Law on Children 2016 Art. 63): the legal conditions as a checklist, the
    home assessment by a social worker, then the director's approval. Only approved families receive placements.
    """

    _name = "ctxh.foster.family"
    _description = "Foster Family"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin", "ctxh.office.mixin"]
    _ctxh_action_fields = ("state", "approved_by_id", "approved_date", "refusal_reason")
    # the director's decision stays as decided; a family that stops is withdrawn, its history kept
    _ctxh_frozen = {
        "approved": ("name", "kind", "care_kind", "capacity", "condition_ids", "assessment_date", "assessor_id",
                     "assessment_result", "company_id"),
        "refused": ALL, "withdrawn": ALL,
    }
    _ctxh_free_fields = ("active", "phone", "note", "trained_date")
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(string="Family or Person", required=True, tracking=True, index="trigram",
                       help="The head of the household, or the person, who takes the child or person in.")
    reference = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    kind = fields.Selection([("household", "Household"), ("individual", "Individual")], required=True,
                            default="household", tracking=True)
    relative = fields.Boolean(string="Relative of the Person",
                              help="A relative (người thân thích) takes the person in.")
    care_kind = fields.Selection(CARE_KINDS, string="Care Offered", required=True, default="both", tracking=True)
    capacity = fields.Integer(default=1, required=True, tracking=True,
                              help="How many people the family can care for at the same time.")
    birth_year = fields.Integer(string="Year of Birth of the Carer")
    phone = fields.Char()
    street = fields.Char(string="Address")
    ward = fields.Char(string="Commune or Ward")
    state_id = fields.Many2one("res.country.state", string="Province",
                               domain="[('country_id.code', '=', 'VN')]")
    members = fields.Integer(string="Household Members")
    trained_date = fields.Date(string="Trained On", help="Training of foster families (e.g. Đề án 647).")
    condition_ids = fields.One2many("ctxh.foster.family.condition", "family_id", string="Conditions")
    conditions_met = fields.Boolean(compute="_compute_conditions_met", string="All Conditions Met")
    assessment_date = fields.Date(string="Home Assessed On", tracking=True)
    assessor_id = fields.Many2one("res.users", string="Assessed By", tracking=True, check_company=True)
    assessment_result = fields.Selection([("suitable", "Suitable"), ("unsuitable", "Not suitable")],
                                         string="Home Assessment", tracking=True)
    assessment_note = fields.Text(string="Home Assessment Notes")
    state = fields.Selection([("applied", "Applied"), ("approved", "Approved"), ("refused", "Refused"),
                              ("withdrawn", "Withdrawn")], default="applied", required=True, tracking=True,
                             copy=False, index=True, group_expand=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Date(string="Approved On", readonly=True, copy=False, tracking=True)
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    placement_ids = fields.One2many("ctxh.foster.placement", "family_id", string="Placements")
    active_placement_count = fields.Integer(compute="_compute_placement_counts", string="In Care Now")
    placement_count = fields.Integer(compute="_compute_placement_counts")
    active = fields.Boolean(default=True)
    note = fields.Text()

    _sql_constraints = [
        ("capacity_check", "CHECK (capacity > 0 AND capacity <= 20)",
         "A family cares for between 1 and 20 people at a time."),
        ("members_check", "CHECK (members IS NULL OR (members >= 0 AND members <= 100))",
         "A household has between 0 and 100 members."),
        ("birth_year_check", "CHECK (birth_year IS NULL OR birth_year = 0 OR (birth_year >= 1900 "
         "AND birth_year <= 2100))", "The year of birth is a year between 1900 and 2100."),
    ]

    @api.depends("condition_ids.met")
    def _compute_conditions_met(self):
        for family in self:
            family.conditions_met = bool(family.condition_ids) and all(family.condition_ids.mapped("met"))

    def _compute_placement_counts(self):
        Placement = self.env["ctxh.foster.placement"]
        totals = dict(Placement._read_group([("family_id", "in", self.ids)], ["family_id"], ["__count"]))
        active = dict(Placement._read_group([("family_id", "in", self.ids), ("state", "=", "active")],
                                            ["family_id"], ["__count"]))
        for family in self:
            family.placement_count = totals.get(family, 0)
            family.active_placement_count = active.get(family, 0)

    @api.model_create_multi
    def create(self, vals_list):
        conditions = self.env["ctxh.foster.condition"].search([])
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = self.env["ir.sequence"].next_by_code("ctxh.foster.family") or "/"
            # the file starts with the law's checklist, each condition to be ticked with its evidence
            if "condition_ids" not in vals:
                vals["condition_ids"] = [Command.create({"condition_id": c.id}) for c in conditions]
        return super().create(vals_list)

    @api.depends("name", "reference")
    def _compute_display_name(self):
        for family in self:
            family.display_name = " - ".join(filter(None, [
                family.reference if family.reference != "/" else "", family.name]))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        """The director approves the family: every legal condition met and the home assessed as suitable."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("applied")
        for family in self:
            missing = family.condition_ids.filtered(lambda line: not line.met).condition_id
            if missing:
                raise UserError(self.env._("%(family)s does not meet yet: %(conditions)s.",
                                           family=family.display_name, conditions="; ".join(missing.mapped("name"))))
            if family.assessment_result != "suitable" or not family.assessment_date:
                raise UserError(self.env._(
                    "%s: the home must be assessed as suitable (date and result) before the approval.",
                    family.display_name))
            family._ctxh_action_write({"state": "approved", "approved_by_id": self.env.uid,
                                       "approved_date": family.company_id._ctxh_today()})
        return True

    def action_refuse(self):
        """The director refuses the application; the reason is written in the family's notes first."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("applied")
        for family in self:
            if not (family.note or "").strip():
                raise UserError(self.env._("%s: write the reason of the refusal in the notes first.",
                                           family.display_name))
            family._ctxh_action_write({"state": "refused", "refusal_reason": family.note})
        return True

    def action_withdraw(self):
        """The family stops taking people in (its own wish, a move, a change in the home); only without anyone
        in its care."""
        self.env["res.users"]._ctxh_check_group(CARE)
        lock_rows(self)
        self._ctxh_check_state("applied", "approved")
        for family in self:
            if family.active_placement_count:
                raise UserError(self.env._("%s still has people in its care: end their placements first.",
                                           family.display_name))
            family._ctxh_action_write({"state": "withdrawn"})
            family.message_post(body=self.env._("Withdrawn on %s.", vn_date(family.company_id._ctxh_today())))
        return True

    def action_view_placements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_services.ctxh_foster_placement_action")
        action["domain"] = [("family_id", "=", self.id)]
        action["context"] = {"default_family_id": self.id}
        return action
