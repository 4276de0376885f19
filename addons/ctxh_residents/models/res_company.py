from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# the time zone of a facility whose partner has none: every facility of the product is in Vietnam
FACILITY_TZ = "Asia/Ho_Chi_Minh"


FACILITY_TYPES = [
    ("elderly", "Elderly care"),
    ("children", "Children in special circumstances"),
    ("disability", "People with disabilities"),
    ("mental_health", "Mental health"),
    ("general", "General social protection"),
    ("social_work", "Social work centre"),
    ("drug_rehab", "Drug rehabilitation"),
]


class ResCompany(models.Model):
    """A facility (cơ sở trợ giúp xã hội) is a company: its own budget unit and books."""

    _inherit = "res.company"

    ctxh_facility_type = fields.Selection(
        FACILITY_TYPES,
        string="Facility Type",
        help="Kind of social assistance facility (Decree 103/2017/NĐ-CP, Art. 5).",
    )
    ctxh_code = fields.Char(
        string="Facility Code",
        size=20,
        help="Short code used in document numbers, e.g. TTBTXH in 15/QĐ-TTBTXH.",
    )
    # the facility's time zone, kept on the company: its clock is asked in every list (ages, deadlines), and
    # reading it through the partner would cost a partner read and its access rules in each of them
    ctxh_tz = fields.Selection(
        related="partner_id.tz", store=True, string="Facility Time Zone",
        help="The facility's clock: its today, deadlines and the times in record names follow this time zone "
        "(Vietnam's when empty).")
    ctxh_capacity = fields.Integer(
        string="Licensed Capacity",
        help="Number of residents the facility is licensed to care for.",
    )

    ctxh_director_id = fields.Many2one(
        "res.users",
        string="Director",
        help="Head of the facility, who signs admission and discharge decisions.",
    )
    ctxh_supervising_body_ids = fields.One2many("ctxh.supervising.body", "company_id", string="Supervising Bodies")
    ctxh_supervising_body_id = fields.Many2one(
        "ctxh.supervising.body",
        string="Supervising Body",
        compute="_compute_ctxh_supervising_body_id",
        help="The body the facility answers to today, from the dated supervising bodies.",
    )
    ctxh_resident_count = fields.Integer(string="Residents in Care", compute="_compute_ctxh_occupancy")
    ctxh_occupancy_rate = fields.Float(string="Occupancy (%)", compute="_compute_ctxh_occupancy", digits=(16, 1))

    _sql_constraints = [
        (
            "ctxh_capacity_positive",
            "CHECK (ctxh_capacity >= 0)",
            "The licensed capacity of a facility cannot be negative.",
        ),
    ]

    @api.depends("ctxh_supervising_body_ids.date_from", "ctxh_supervising_body_ids.date_to")
    def _compute_ctxh_supervising_body_id(self):
        for company in self:
            company.ctxh_supervising_body_id = company._ctxh_supervising_body_on(company._ctxh_today())

    def _ctxh_supervising_body_on(self, date):
        """The body the facility answered to on ``date`` (the dated records): a decision reprinted years later
        names the body that was over the facility when it was signed."""
        self.ensure_one()
        return self.ctxh_supervising_body_ids.filtered(
            lambda b: b.date_from <= date and (not b.date_to or b.date_to >= date))[:1]

    @api.depends("ctxh_capacity")
    def _compute_ctxh_occupancy(self):
        counts = dict(self.env["ctxh.resident"].sudo()._read_group(
            [("company_id", "in", self.ids), ("state", "=", "in_care")], ["company_id"], ["__count"]))
        for company in self:
            company.ctxh_resident_count = counts.get(company, 0)
            company.ctxh_occupancy_rate = (
                100.0 * company.ctxh_resident_count / company.ctxh_capacity if company.ctxh_capacity else 0.0
            )

    def _ctxh_yearly_sequence(self, code, name, prefix="", suffix="", padding=4):
        """The facility's register ``code`` numbered from 1 each year, created on first use."""
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code), ("company_id", "=", self.id)], limit=1)
        if sequence.implementation == "standard":
            sequence.implementation = "no_gap"  # registers made before numbering became gapless
        return sequence or Sequence.create({
            "name": name,
            "code": code,
            "company_id": self.id,
            "prefix": prefix,
            "suffix": suffix,
            "padding": padding,
            "use_date_range": True,
            # registers of decisions, contracts and vouchers have no gaps: a number is used or not taken
            "implementation": "no_gap",
        })

    def _ctxh_decision_sequence(self):
        """The facility's register of decisions (quyết định), numbered from 1 each year."""
        self.ensure_one()
        return self._ctxh_yearly_sequence(
            "ctxh.decision", self.env._("Decisions of %s", self.name), suffix=f"/QĐ-{self.ctxh_code or 'CS'}",
            padding=0)

    def _ctxh_next_decision_number(self, date):
        """Next number of the facility's decision register, e.g. 15/QĐ-TTBTXH."""
        return self._ctxh_decision_sequence().next_by_id(sequence_date=date)

    # ------------------------------------------------------------------
    # The facility's clock: one home for its time zone, its today and its local times
    # ------------------------------------------------------------------
    def _ctxh_tz(self):
        """The facility's time zone (its partner's, else Vietnam's): a day in care, a deadline, a record's name
        follow the facility's calendar, whoever reads them and wherever the server runs."""
        return pytz.timezone((self[:1].sudo().ctxh_tz if self else None) or FACILITY_TZ)

    def _ctxh_local(self, moment):
        """``moment`` (a naive UTC datetime, as Odoo stores it) in the facility's time, naive."""
        if not moment:
            return moment
        return pytz.utc.localize(moment).astimezone(self._ctxh_tz()).replace(tzinfo=None)

    def _ctxh_today(self):
        """Today at the facility."""
        return self._ctxh_local(fields.Datetime.now()).date()

    def _ctxh_utc(self, local):
        """``local`` (a naive datetime in the facility's time) as Odoo stores it: naive UTC."""
        if not local:
            return local
        return self._ctxh_tz().localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------
    # Working days: the deadlines the law counts in working days (ngày làm việc)
    # ------------------------------------------------------------------
    def _ctxh_working_dates(self, first, last):
        """The facility's working dates from ``first`` to ``last``, both included: the days its working calendar
        (Odoo's resource.calendar of the company) works, less the public holidays (time off of every calendar,
        dated data an administrator adds each year). Read as the system: the holidays are national, recorded by
        whichever facility entered them."""
        self.ensure_one()
        calendar = (self.resource_calendar_id or self.env.ref("resource.resource_calendar_std")).sudo()
        tz = self._ctxh_tz()
        start = tz.localize(datetime.combine(first, time.min))
        end = tz.localize(datetime.combine(last, time.max))
        intervals = calendar._work_intervals_batch(start, end, tz=tz)[False]
        return sorted({begin.astimezone(tz).date() for begin, _end, _meta in intervals})

    def _ctxh_add_working_days(self, start, days):
        """The date of the ``days``-th working day after ``start`` (the day of ``start`` is not counted): the last
        day of a time limit of ``days`` working days. False when the calendar has no working day in sight."""
        self.ensure_one()
        if not start or days <= 0:
            return start or False
        window = days * 2 + 31
        for _attempt in range(6):
            dates = self._ctxh_working_dates(start + timedelta(days=1), start + timedelta(days=window))
            if len(dates) >= days:
                return dates[days - 1]
            window *= 2
        return False

    def _ctxh_working_days_between(self, first, last):
        """How many working days from the day after ``first`` to ``last`` included (0 when ``last`` is not
        after ``first``): how far into a time limit a file is."""
        self.ensure_one()
        if not first or not last or last <= first:
            return 0
        return len(self._ctxh_working_dates(first + timedelta(days=1), last))

    def _ctxh_day_bounds(self, day):
        """The UTC moments at which the facility's ``day`` starts and the next one starts: a day's records are
        those with ``start <= moment < end``."""
        start = datetime.combine(day, time.min)
        return self._ctxh_utc(start), self._ctxh_utc(start + timedelta(days=1))
