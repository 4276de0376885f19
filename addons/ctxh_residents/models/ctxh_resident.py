import re

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.groups import CARE, DIRECTOR, SENSITIVE

NATIONAL_ID_RE = re.compile(r"^\d{12}$")


class CtxhResident(models.Model):
    """A person cared for by a facility: the registry every other feature reads from."""

    _name = "ctxh.resident"
    _description = "Resident"
    _inherit = ["mail.thread", "ctxh.reminder.mixin", "image.mixin", "ctxh.sensitive.read.mixin",
                "ctxh.write.guard.mixin"]
    _order = "name, id"
    _check_company_auto = True
    _rec_names_search = ["name", "code", "national_id"]
    # extended care after 16 is the director's decision (action_extend_after_16); decided, it stays decided
    _ctxh_action_fields = ("after_16_start", "after_16_months")

    # ------------------------------------------------------------------
    # Identity
    # ------------------------------------------------------------------
    # trigram: the search box finds a resident by any part of the code, name or citizen ID
    code = fields.Char(string="Resident Code", readonly=True, copy=False, index="trigram")
    name = fields.Char(string="Full Name", required=True, tracking=True, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True, tracking=True,
                                 default=lambda self: self.env.company)
    state = fields.Selection(
        [("applicant", "Applicant"), ("in_care", "In care"), ("discharged", "Discharged")],
        compute="_compute_state", store=True, tracking=True, index=True,
        help="Follows the stays: in care during an active stay, discharged once every stay has ended.",
    )
    stay_ids = fields.One2many("ctxh.stay", "resident_id", string="Stays")
    current_stay_id = fields.Many2one("ctxh.stay", compute="_compute_state", store=True, string="Current Stay")
    case_worker_id = fields.Many2one(related="current_stay_id.case_worker_id", string="Case Worker")
    admission_ids = fields.One2many("ctxh.admission", "resident_id", string="Admissions")
    discharge_ids = fields.One2many("ctxh.discharge", "resident_id", string="Discharges")
    followup_ids = fields.One2many("ctxh.followup", "resident_id", string="Follow-up Visits",
                                   groups=CARE)
    stay_count = fields.Integer(compute="_compute_counts")
    admission_count = fields.Integer(compute="_compute_counts")
    is_studying = fields.Boolean(
        string="Still Studying",
        help="A child still at school or in training may stay past 16 until the first qualification "
        "(at most 22, Decree 20/2021/NĐ-CP Art. 30).")
    # Decree 20/2021/NĐ-CP Art. 26(5) (as issue 18 cites it): a resident of 16 or more who has left school and
    # cannot yet live independently may keep the monthly allowance for a number of months (a dated parameter, 24)
    after_16_start = fields.Date(
        string="Extended Care After 16 From", readonly=True, copy=False, tracking=True, index=True,
        help="Set by the director's decision: the resident, 16 or more, has left school and cannot yet live "
        "independently, and keeps the monthly allowance for a limited time.")
    after_16_months = fields.Integer(string="Extension (Months)", readonly=True, copy=False,
                                     help="The number of months the law allowed on the day the extension began.")
    after_16_end = fields.Date(
        string="Extended Care Ends On", compute="_compute_after_16_end", store=True, index=True,
        help="The start plus the months allowed: the allowance is paid up to the day before, not after.")
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    birthdate = fields.Date(string="Date of Birth", tracking=True)
    birth_year = fields.Integer(
        compute="_compute_birth_year", store=True, readonly=False, precompute=True, tracking=True,
        help="Year of birth; enough on its own when the exact date is unknown.",
    )
    birthdate_approximate = fields.Boolean(
        string="Approximate Birth Year",
        help="The year of birth is estimated (abandoned child, elderly person without papers).",
    )
    age = fields.Integer(compute="_compute_age")
    national_id = fields.Char(string="Citizen ID (CCCD)", size=12, tracking=True, copy=False, index="trigram")
    ethnicity_id = fields.Many2one("ctxh.ethnicity", string="Ethnicity")
    religion_id = fields.Many2one("ctxh.religion", string="Religion")
    education_level = fields.Selection(
        [
            ("none", "No schooling"),
            ("primary", "Primary school"),
            ("lower_secondary", "Lower secondary school"),
            ("upper_secondary", "Upper secondary school"),
            ("vocational", "Vocational training"),
            ("higher", "College or university"),
        ],
    )
    # a sensitive category is seen only by the Sensitive Data group: see "Sensitive categories" below
    category_ids = fields.Many2many("ctxh.resident.category", string="Categories", tracking=True)

    # Places: native place may name a former province; the address uses current ones.
    native_state_id = fields.Many2one("res.country.state", string="Native Province", index=True,
                                      domain="[('country_id.code', '=', 'VN')]")
    native_commune = fields.Char(string="Native Commune")
    street = fields.Char(string="Permanent Address")
    commune = fields.Char(string="Commune / Ward")
    state_id = fields.Many2one("res.country.state", string="Province",
                               domain="[('country_id.code', '=', 'VN'), ('ctxh_successor_id', '=', False)]")

    # ------------------------------------------------------------------
    # Disability, health insurance
    # ------------------------------------------------------------------
    disability_type = fields.Selection(
        [
            ("mobility", "Mobility"),
            ("hearing_speech", "Hearing and speech"),
            ("visual", "Visual"),
            ("mental", "Neurological or mental"),
            ("intellectual", "Intellectual"),
            ("other", "Other"),
        ],
        help="Kinds of disability under the Law on Persons with Disabilities 2010, Art. 3.",
    )
    disability_level = fields.Selection(
        [("especially_severe", "Especially severe"), ("severe", "Severe"), ("mild", "Mild")],
    )
    hi_card_number = fields.Char(string="Health Insurance Card")
    hi_card_expiry = fields.Date(string="Card Valid Until")
    hi_card_expired = fields.Boolean(compute="_compute_hi_card_expired", string="Card Expired")

    # ------------------------------------------------------------------
    # Sensitive details: only the sensitive-data group reads or writes them
    # ------------------------------------------------------------------
    hiv_status = fields.Selection(
        [("unknown", "Unknown"), ("negative", "Negative"), ("positive", "Positive")],
        string="HIV Status", groups=SENSITIVE, tracking=True,
    )
    hiv_note = fields.Text(string="HIV Notes", groups=SENSITIVE, tracking=True)
    drug_use_history = fields.Text(string="Drug Use History", groups=SENSITIVE, tracking=True)
    victim_type = fields.Selection(
        [
            ("domestic_violence", "Domestic violence"),
            ("sexual_abuse", "Sexual abuse"),
            ("trafficking", "Trafficking"),
            ("forced_labour", "Forced labour"),
            ("other", "Other abuse"),
        ],
        string="Victim Of", groups=SENSITIVE, tracking=True,
    )
    victim_details = fields.Text(string="Abuse or Trafficking Details", groups=SENSITIVE, tracking=True)
    court_record = fields.Text(string="Criminal and Court Records", groups=SENSITIVE, tracking=True)

    # ------------------------------------------------------------------
    # Family, documents, beds
    # ------------------------------------------------------------------
    relative_ids = fields.One2many("ctxh.resident.relative", "resident_id", string="Relatives and Guardians")
    guardian_id = fields.Many2one("res.partner", compute="_compute_guardian_id", string="Guardian")
    document_ids = fields.One2many("ctxh.resident.document", "resident_id", string="Identity Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    bed_assignment_ids = fields.One2many("ctxh.bed.assignment", "resident_id", string="Bed History")
    bed_id = fields.Many2one("ctxh.bed", string="Bed", compute="_compute_bed_id", store=True, index=True)
    room_id = fields.Many2one(related="bed_id.room_id", store=True, index=True, string="Room")
    note = fields.Html(string="Notes")

    # ------------------------------------------------------------------
    # Possible duplicates
    # ------------------------------------------------------------------
    duplicate_ids = fields.Many2many("ctxh.resident", compute="_compute_duplicate_ids", string="Possible Duplicates")
    duplicate_count = fields.Integer(compute="_compute_duplicate_ids")

    def _ctxh_log_resident(self):
        return self

    def _ctxh_keep_history_message(self):
        return self.env._(
            "A resident's record is kept for good: archive %s instead of deleting it.", self.name)

    _sql_constraints = [
        # Deferred: the Python check below explains the clash by name first;
        # the database still stops two users who save the same number at once.
        ("national_id_uniq", "unique(national_id) DEFERRABLE INITIALLY DEFERRED",
         "This citizen ID number is already registered for another resident."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("stay_ids.state")
    def _compute_state(self):
        for resident in self:
            active = resident.stay_ids.filtered(lambda s: s.state == "active")[:1]
            resident.current_stay_id = active
            if active:
                resident.state = "in_care"
            elif resident.stay_ids:
                resident.state = "discharged"
            else:
                resident.state = "applicant"

    @api.depends("after_16_start", "after_16_months")
    def _compute_after_16_end(self):
        for resident in self:
            resident.after_16_end = resident.after_16_start and \
                resident.after_16_start + relativedelta(months=resident.after_16_months)

    def _compute_counts(self):
        stays = dict(self.env["ctxh.stay"]._read_group([("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        admissions = dict(self.env["ctxh.admission"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.stay_count = stays.get(resident, 0)
            resident.admission_count = admissions.get(resident, 0)

    @api.depends("birthdate")
    def _compute_birth_year(self):
        for resident in self:
            if resident.birthdate:
                resident.birth_year = resident.birthdate.year

    def _ctxh_age_on(self, on_date):
        """The resident's age in full years on ``on_date``, from the date of birth or else the year of birth
        (the age the year turns); None when neither is known. The one computation of an age."""
        self.ensure_one()
        if self.birthdate:
            return relativedelta(on_date, self.birthdate).years
        if self.birth_year:
            return on_date.year - self.birth_year
        return None

    @api.model
    def _ctxh_age_sql(self, on_date, alias="r"):
        """``_ctxh_age_on`` as SQL over the resident table aliased ``alias`` (NULL when unknown), for reports
        that count thousands of residents in one query: the same rule, in the same place."""
        table = SQL.identifier(alias)
        return SQL("""CASE WHEN %(t)s.birthdate IS NOT NULL THEN date_part('year', age(%(day)s, %(t)s.birthdate))::int
                           WHEN %(t)s.birth_year > 0 THEN %(year)s - %(t)s.birth_year END""",
                   t=table, day=on_date, year=on_date.year)

    @api.depends("birthdate", "birth_year")
    def _compute_age(self):
        for resident in self:
            # the facility's day: an age turns at its midnight, whoever looks
            resident.age = resident._ctxh_age_on(resident.company_id._ctxh_today()) or 0

    @api.depends("hi_card_expiry")
    def _compute_hi_card_expired(self):
        for resident in self:
            resident.hi_card_expired = bool(resident.hi_card_expiry
                                            and resident.hi_card_expiry < resident.company_id._ctxh_today())

    @api.depends("relative_ids.is_guardian", "relative_ids.partner_id")
    def _compute_guardian_id(self):
        for resident in self:
            resident.guardian_id = resident.relative_ids.filtered("is_guardian")[:1].partner_id

    @api.depends("document_ids")
    def _compute_document_count(self):
        counts = dict(self.env["ctxh.resident.document"]._read_group(
            [("resident_id", "in", self.ids)], ["resident_id"], ["__count"]))
        for resident in self:
            resident.document_count = counts.get(resident, 0)

    @api.depends("current_stay_id.bed_id")
    def _compute_bed_id(self):
        for resident in self:
            resident.bed_id = resident.current_stay_id.bed_id

    @api.depends("name", "birthdate", "national_id", "company_id")
    def _compute_duplicate_ids(self):
        """Residents with the same citizen ID, or the same name and birth date, in any
        facility the user may see. One search for the whole batch."""
        Resident = self.with_context(
            active_test=False, allowed_company_ids=self.env.user.company_ids.ids
        ).env["ctxh.resident"]
        domains = []
        for resident in self:
            if resident.national_id:
                domains.append([("national_id", "=", resident.national_id)])
            if resident.name and resident.birthdate:
                domains.append([("name", "=ilike", resident.name.strip()), ("birthdate", "=", resident.birthdate)])
        candidates = Resident.search(expression.OR(domains)) if domains else Resident
        for resident in self:
            own_id = resident._origin.id
            name = (resident.name or "").strip().casefold()
            matches = candidates.filtered(lambda c, r=resident, n=name, o=own_id: c.id != o and (
                (r.national_id and c.national_id == r.national_id)
                or (r.birthdate and c.birthdate == r.birthdate and (c.name or "").strip().casefold() == n)
            ))
            resident.duplicate_ids = matches
            resident.duplicate_count = len(matches)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("birthdate", "birth_year")
    def _check_birth(self):
        for resident in self:
            error = self._ctxh_birth_error(resident.name, resident.birthdate, resident.birth_year)
            if error:
                raise ValidationError(error)

    @api.model
    def _ctxh_birth_error(self, name, birthdate, birth_year):
        """Why this date or year of birth cannot be right, or None (shared with the import)."""
        today = self.env.company._ctxh_today()
        if (birthdate and birthdate > today) or (birth_year or 0) > today.year:
            return self.env._("%s cannot be born in the future.", name)
        if birth_year and birth_year < 1880:
            return self.env._("The year of birth of %s is not plausible.", name)
        return None

    @api.constrains("national_id", "gender", "birth_year", "birthdate_approximate")
    def _check_national_id(self):
        province_codes = self._ctxh_national_id_province_codes()
        for resident in self.filtered("national_id"):
            error = self._ctxh_national_id_error(
                resident.national_id, resident.name, resident.gender,
                0 if resident.birthdate_approximate else resident.birth_year, province_codes)
            if error:
                raise ValidationError(error)
        self._check_national_id_unique()

    @api.model
    def _ctxh_national_id_province_codes(self):
        """The three-digit province codes a citizen ID number may start with."""
        return set(filter(None, self.env["res.country.state"].sudo().search(
            [("ctxh_cccd_code", "!=", False)]).mapped("ctxh_cccd_code")))

    @api.model
    def _ctxh_national_id_error(self, number, name, gender=None, birth_year=0, province_codes=None):
        """Why ``number`` is not the citizen ID (CCCD) of this person, or None: 12 digits, a province
        code, then a digit for gender and century and two for the year (checked when both are known).
        Shared with the import, which checks whole files before saving anything."""
        if province_codes is None:
            province_codes = self._ctxh_national_id_province_codes()
        if not NATIONAL_ID_RE.match(number):
            return self.env._(
                "The citizen ID number of %(name)s must have exactly 12 digits (got “%(number)s”).",
                name=name, number=number)
        if province_codes and number[:3] not in province_codes:
            return self.env._(
                "The citizen ID number %(number)s does not start with a province code (001 to 096).",
                number=number)
        if gender and birth_year:
            century_digit = (birth_year // 100 - 19) * 2 + (1 if gender == "female" else 0)
            if number[3] != str(century_digit % 10) or number[4:6] != f"{birth_year % 100:02d}":
                return self.env._(
                    "The citizen ID number %(number)s does not match the gender and year of birth of "
                    "%(name)s: its 4th digit gives gender and century, the 5th and 6th the year.",
                    number=number, name=name)
        return None

    def _check_national_id_unique(self):
        with_id = self.filtered("national_id")
        if not with_id:
            return
        others = self.sudo().with_context(active_test=False).search([
            ("national_id", "in", with_id.mapped("national_id")), ("id", "not in", with_id.ids),
        ])
        # the system may name the other record; a user only within their own facilities (not env.su: this check
        # may run while stored fields are recomputed, as superuser but for the user who made the change)
        user = self.env.user
        own_facilities = self.env["res.company"].sudo().search([]) if user._is_superuser() else user.company_ids
        for resident in with_id:
            other = others.filtered(lambda o, r=resident: o.national_id == r.national_id)[:1]
            if other and other.company_id in own_facilities:
                raise ValidationError(self.env._(
                    "Citizen ID %(number)s is already registered for %(other)s (code %(code)s, %(facility)s).",
                    number=resident.national_id, other=other.name, code=other.code or "-",
                    facility=other.company_id.name))
            if other:
                # a person in another facility (a rehab centre, a shelter for trafficking victims) is not named
                raise ValidationError(self._ctxh_registered_elsewhere(resident.company_id, other))

    @api.model
    def _ctxh_registered_elsewhere(self, company, others):
        """The answer to a citizen ID registered in a facility the user does not work in: it names neither the
        person nor the facility, and the director sees it in the access log (shared with the import)."""
        self.env["ctxh.sensitive.access.log"]._ctxh_log_identity_collisions(company, others)
        return self.env._(
            "This citizen ID number is already registered in another facility: ask the director to request a "
            "transfer.")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # a photo is personal data: none without the consent, which a new resident cannot have yet
        if not self.env.su and any(vals.get("image_1920") for vals in vals_list):
            raise UserError(self.env._(
                "Record the resident's consent to photos before adding a photo (Law 91/2025/QH15)."))
        for vals in vals_list:
            if "category_ids" in vals and not self.env.su:
                self.env["ctxh.resident.category"]._ctxh_check_link(self._ctxh_category_commands(vals["category_ids"]))
        sequences = {}  # one look-up per facility, not per resident
        for vals in vals_list:
            if not vals.get("code"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                if company not in sequences:
                    sequences[company] = self._get_code_sequence(company)
                vals["code"] = sequences[company].next_by_id()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("image_1920") and not self.env.su:
            refused = self.filtered(lambda resident: not resident._ctxh_has_consent("photo"))
            if refused:
                raise UserError(self.env._(
                    "%s has not consented to photos: record the consent first (Law 91/2025/QH15).",
                    refused[0].name))
        if "category_ids" in vals and not self.env.su:
            batches = self._ctxh_category_batches(vals)
            if batches:
                for records, batch_vals in batches:
                    super(CtxhResident, records).write(batch_vals)
                self.invalidate_recordset(["category_ids"])
                return True
        return super().write(vals)

    @api.model
    def _get_code_sequence(self, company):
        """Each facility numbers its residents on its own: <facility code>-<year>-0001."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", "ctxh.resident"), ("company_id", "=", company.id)], limit=1)
        if not sequence:
            sequence = Sequence.create({
                "name": self.env._("Resident codes of %s", company.name),
                "code": "ctxh.resident",
                "company_id": company.id,
                "prefix": f"{company.ctxh_code or 'DT'}-%(year)s-",
                "padding": 4,
            })
        return sequence

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_resident_document_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    def action_view_stays(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_stay_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id}
        return action

    def action_view_admissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ctxh_residents.ctxh_admission_action")
        action["domain"] = [("resident_id", "=", self.id)]
        action["context"] = {"default_resident_id": self.id, "default_company_id": self.company_id.id}
        return action

    @api.model
    def _cron_age_limit(self):
        """Remind the case worker of children reaching the age limit of state care: 16, or 22 while still
        studying (both are legal parameters), offering the extended care after 16; not while that extension
        runs, and again when it ends."""
        Parameter = self.env["ctxh.legal.parameter"]
        today = self.env.company._ctxh_today()
        this_year = today.year
        limit = int(Parameter._get_value("age_limit_child", 16))
        limit_studying = int(Parameter._get_value("age_limit_studying", 22))
        months = int(Parameter._get_value("after_16_months", 24))
        reached = self.search([
            ("state", "=", "in_care"), ("category_ids.age_limited", "=", True), ("birth_year", "!=", 0),
            ("after_16_start", "=", False),
            "|",
            "&", ("is_studying", "=", False), ("birth_year", "<=", this_year - limit),
            ("birth_year", "<=", this_year - limit_studying),
        ])

        def responsible(resident):
            return resident.case_worker_id or resident.company_id.ctxh_director_id

        reached._ctxh_remind(
            self.env._("Age limit of state care reached: prepare the discharge or a new placement; a resident who "
                       "has left school and cannot yet live independently may keep the allowance up to %(months)s "
                       "months (extended care after 16, the director's decision)", months=months),
            responsible,
        )
        ended = self.search([("state", "=", "in_care"), ("after_16_end", "<=", today)])
        ended._ctxh_remind(self.env._("Extended care after 16 has ended: prepare the discharge"), responsible)

    def action_extend_after_16(self):
        """The director decides that a resident of 16 or more who has left school and cannot yet live
        independently keeps the allowance from today for the months the law allows (a dated parameter)."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        Parameter = self.env["ctxh.legal.parameter"]
        for resident in self:
            today = resident.company_id._ctxh_today()
            limit = int(Parameter._get_value("age_limit_child", 16, today))
            age = resident._ctxh_age_on(today)
            if resident.after_16_start:
                raise UserError(self.env._("%(resident)s already has extended care after 16, from %(date)s.",
                                           resident=resident.name, date=resident.after_16_start.strftime("%d/%m/%Y")))
            if resident.state != "in_care":
                raise UserError(self.env._("%s is not in care: there is no care to extend.", resident.name))
            if age is None or age < limit:
                raise UserError(self.env._("%(resident)s is not yet %(limit)s: extended care after %(limit)s does not "
                                           "apply.", resident=resident.name, limit=limit))
            if not resident._ctxh_all_categories().filtered("age_limited"):
                raise UserError(self.env._("%s is not in a category of state care that ends at an age limit: "
                                           "there is nothing to extend.", resident.name))
            if resident.is_studying:
                raise UserError(self.env._("%s is still studying: the care continues while studying (at most 22), "
                                           "not as extended care after 16.", resident.name))
            months = int(Parameter._get_value("after_16_months", 24, today))
            resident._ctxh_action_write({"after_16_start": today, "after_16_months": months})
            resident.message_post(body=self.env._(
                "Extended care after 16 decided: the allowance is kept until %(end)s (%(months)s months).",
                end=resident.after_16_end.strftime("%d/%m/%Y"), months=months))
        return True

    def action_view_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates of %s", self.name),
            "res_model": "ctxh.resident",
            "view_mode": "list,form",
            "domain": [("id", "in", self.duplicate_ids.ids)],
            "context": {"active_test": False},
        }

    # ------------------------------------------------------------------
    # Sensitive categories (the rule is the category's: ctxh.resident.category._ctxh_hidden_ids)
    # The record rules hide a sensitive category from users without the Sensitive Data group in reads, group-by
    # and searches through the category; here are the doors that reach it through the resident.
    # ------------------------------------------------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # ('category_ids', 'in', [id]) goes to the relation table, past the category's record rules
        domain = self.env["ctxh.resident.category"]._ctxh_domain_without_hidden(domain, "category_ids")
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def web_read(self, specification):
        if "category_ids" in specification and not self.env["ctxh.resident.category"]._ctxh_sees_sensitive():
            # values read by the system in this request (all categories) are not the user's to see
            self.invalidate_recordset(["category_ids"], flush=False)
        return super().web_read(specification)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        Category = self.env["ctxh.resident.category"]
        if "category_ids" in fnames and not Category._ctxh_sees_sensitive():
            hidden = Category._ctxh_hidden_ids({i for values in result for i in values.get("category_ids") or ()})
            if hidden:
                for values in result:
                    values["category_ids"] = [i for i in values["category_ids"] if i not in hidden]
        return result

    @api.model
    def _ctxh_category_commands(self, value):
        """The commands of a value of category_ids (a list of ids is a set)."""
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, int) for v in value):
            return [Command.set(list(value))]
        return list(value or ())

    def _ctxh_category_ids_by_resident(self, sensitive_only=False):
        """{resident id: ids of its categories (or only of its sensitive ones)}, from the relation itself: the
        cache of category_ids holds what the last reader was allowed to see, for the system too."""
        if not self.ids:
            return {}
        rows = self.env.execute_query(SQL(
            """SELECT rel.ctxh_resident_id, rel.ctxh_resident_category_id
                 FROM ctxh_resident_ctxh_resident_category_rel rel
                 JOIN ctxh_resident_category category ON category.id = rel.ctxh_resident_category_id
                WHERE rel.ctxh_resident_id IN %s %s
                ORDER BY category.sequence, category.id""",
            tuple(self.ids), SQL("AND category.sensitive") if sensitive_only else SQL()))
        result = {}
        for resident_id, category_id in rows:
            result.setdefault(resident_id, []).append(category_id)
        return result

    def _ctxh_all_categories(self):
        """Every category of the resident, those the user does not see too (for the system's computations)."""
        self.ensure_one()
        return self.env["ctxh.resident.category"].sudo().browse(self._ctxh_category_ids_by_resident().get(self.id, []))

    def _ctxh_category_batches(self, vals):
        """A user who does not see a person's sensitive category neither sets nor removes it: a "set" from the
        web client (which lists only what the user sees) keeps it. Returns the writes to make instead of ``vals``
        ([(records, values)], one per set of kept categories), or None when ``vals`` is written as it is."""
        Category = self.env["ctxh.resident.category"]
        commands = self._ctxh_category_commands(vals["category_ids"])
        Category._ctxh_check_link(commands)
        hidden = {} if Category._ctxh_sees_sensitive() else self._ctxh_category_ids_by_resident(sensitive_only=True)
        if not hidden or not any(isinstance(c, (list, tuple)) and c and c[0] in (5, 6) for c in commands):
            return None
        by_hidden = {}
        for record in self:
            by_hidden.setdefault(tuple(sorted(hidden.get(record.id, ()))), []).append(record.id)
        batches = []
        for kept, ids in by_hidden.items():
            record_commands = []
            for command in commands:
                kind = command[0] if isinstance(command, (list, tuple)) and command else None
                if kind == 5:
                    record_commands.append(Command.set(list(kept)))
                elif kind == 6:
                    record_commands.append(Command.set([*(command[2] or ()), *kept]))
                else:
                    record_commands.append(command)
            batches.append((self.browse(ids), {**vals, "category_ids": record_commands}))
        return batches

    def _mail_track(self, tracked_fields, initial_values):
        if "category_ids" in initial_values:
            now = self._ctxh_all_categories()
            sensitive = now.filtered("sensitive")
            if sensitive and not self.env.user.has_group(SENSITIVE):
                # the writer read only the categories they see; the others did not change (they cannot change them)
                initial_values = dict(initial_values, category_ids=initial_values["category_ids"] | sensitive)
            # the tracking compares with every category the person has now (not what the writer saw)
            self.env.cache.set(self, self._fields["category_ids"], tuple(now.ids))
        changes, tracking_commands = super()._mail_track(tracked_fields, initial_values)
        if "category_ids" in changes and (initial_values["category_ids"] | self.category_ids).sudo().filtered(
                "sensitive"):
            # shown only to the Sensitive Data group: a sensitive category was among them before or after
            field_id = self.env["ir.model.fields"]._get(self._name, "category_ids").id
            for command in tracking_commands:
                if command[2].get("field_id") == field_id:
                    command[2]["ctxh_sensitive"] = True
        return changes, tracking_commands

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        if self.env["ctxh.resident.category"]._ctxh_sees_sensitive():
            return tracking_values
        return tracking_values.filtered(lambda tracking: not tracking.ctxh_sensitive)

    # ------------------------------------------------------------------
    # Consents (personal data protection)
    # ------------------------------------------------------------------
    # consents are care records: accountants, who read residents for the contracts, do not get them
    consent_ids = fields.One2many("ctxh.consent", "resident_id", string="Consents", groups=CARE)

    def _ctxh_has_consent(self, purpose_code, on_date=None):
        """Whether the resident's consent to ``purpose_code`` is in force on ``on_date`` (today by default): the one
        place every use of personal data asks. A child's consent is given by the guardian, and from age 7 by the
        child as well (Law 91/2025/QH15 Art. 24(2)); both ages are legal parameters."""
        self.ensure_one()
        on_date = on_date or self.company_id._ctxh_today()
        consents = self.env["ctxh.consent"].sudo().search([
            ("resident_id", "=", self.id), ("purpose.code", "=", purpose_code), ("date_given", "<=", on_date),
            "|", ("state", "=", "given"), ("date_withdrawn", ">", on_date),
        ])
        given_by = set(consents.mapped("given_by"))
        age = self._ctxh_age_on(on_date)
        Parameter = self.env["ctxh.legal.parameter"]
        if age is None or age >= Parameter._get_value("consent_adult_age", 16, on_date):
            return bool(given_by)
        if "guardian" not in given_by:
            return False
        return age < Parameter._get_value("consent_child_own_age", 7, on_date) or "resident" in given_by

