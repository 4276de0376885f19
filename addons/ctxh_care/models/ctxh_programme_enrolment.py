from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ctxh_residents.tools.groups import CARE


class CtxhProgrammeEnrolment(models.Model):
    """A resident taking part in a programme, with the result and certificate at the end."""

    _name = "ctxh.programme.enrolment"
    _description = "Programme Enrolment"
    _inherit = ["mail.thread", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state",)
    # who took part in what is history: a resident enrolled by mistake is dropped, not deleted
    _ctxh_frozen = {"completed": ("programme_id", "resident_id", "date"),
                    "dropped": ("programme_id", "resident_id", "date")}
    _order = "programme_id, resident_id"
    _rec_name = "resident_id"
    _check_company_auto = True

    programme_id = fields.Many2one("ctxh.programme", required=True, ondelete="cascade", index=True)
    resident_id = fields.Many2one("ctxh.resident", required=True, ondelete="restrict", index=True,
                                  check_company=True, domain="[('state', '=', 'in_care')]")
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    kind = fields.Selection(related="programme_id.kind")
    date = fields.Date(string="Enrolled On", required=True, default=lambda self: self.env.company._ctxh_today())
    state = fields.Selection([("enrolled", "Enrolled"), ("completed", "Completed"), ("dropped", "Dropped")],
                             default="enrolled", required=True, tracking=True, index=True, copy=False)
    result = fields.Selection([("passed", "Passed"), ("failed", "Failed")], tracking=True)
    result_note = fields.Text(string="Assessment")
    certificate_number = fields.Char(tracking=True, copy=False)
    certificate_date = fields.Date(copy=False)
    hours_attended = fields.Float(compute="_compute_hours_attended", string="Hours Attended")
    sessions_attended = fields.Integer(compute="_compute_hours_attended")

    _sql_constraints = [
        ("resident_programme_uniq", "unique(programme_id, resident_id)",
         "This resident is already enrolled in this programme."),
    ]

    def init(self):
        result = super().init()
        # two users enrolling the last seats at once: each enrolment marks its programme first, so the second
        # waits for the first and Odoo retries it on the new rows; then the count is checked in the database
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION ctxh_programme_capacity() RETURNS trigger AS $$
            DECLARE
                seats integer;
                taken integer;
            BEGIN
                IF NEW.state != 'enrolled' THEN
                    RETURN NULL;
                END IF;
                UPDATE ctxh_programme SET write_date = write_date WHERE id = NEW.programme_id
                    RETURNING capacity INTO seats;
                IF coalesce(seats, 0) = 0 THEN
                    RETURN NULL;
                END IF;
                SELECT count(*) INTO taken FROM ctxh_programme_enrolment
                 WHERE programme_id = NEW.programme_id AND state = 'enrolled';
                IF taken > seats THEN
                    RAISE EXCEPTION 'The programme is full: it takes % residents.', seats
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ctxh_programme_capacity',
                              TABLE = 'ctxh_programme_enrolment';
                END IF;
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS ctxh_programme_capacity ON ctxh_programme_enrolment;
            CREATE CONSTRAINT TRIGGER ctxh_programme_capacity AFTER INSERT OR UPDATE OF state, programme_id
                ON ctxh_programme_enrolment FOR EACH ROW EXECUTE FUNCTION ctxh_programme_capacity();
        """)
        return result

    def _compute_hours_attended(self):
        groups = self.env["ctxh.programme.attendance"]._read_group(
            [("programme_id", "in", self.programme_id.ids), ("resident_id", "in", self.resident_id.ids),
             ("status", "=", "present"), ("session_id.state", "=", "done")],
            ["programme_id", "resident_id"], ["hours:sum", "__count"])
        totals = {(programme, resident): (hours, count) for programme, resident, hours, count in groups}
        for enrolment in self:
            hours, count = totals.get((enrolment.programme_id, enrolment.resident_id), (0.0, 0))
            enrolment.hours_attended = hours
            enrolment.sessions_attended = count

    @api.model_create_multi
    def create(self, vals_list):
        # said before the database refuses it (its trigger holds the seats against two users at once)
        self._ctxh_check_seats([vals["programme_id"] for vals in vals_list if isinstance(vals.get("programme_id"), int)
                                and vals.get("state", "enrolled") == "enrolled"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") == "enrolled" or "programme_id" in vals:
            target = vals.get("programme_id")
            # the enrolments that will newly take a seat, one programme per enrolment
            taking = self.filtered(lambda e: vals.get("state", e.state) == "enrolled" and (
                e.state != "enrolled" or (isinstance(target, int) and e.programme_id.id != target)))
            self._ctxh_check_seats([target if isinstance(target, int) else e.programme_id.id for e in taking])
        return super().write(vals)

    @api.model
    def _ctxh_check_seats(self, programme_ids):
        """Refuse enrolments that would take more seats than a programme has; ``programme_ids`` lists one
        programme per enrolment about to take a seat (a recordset may not repeat a record: ids are counted)."""
        wanted = {}
        for programme_id in programme_ids:
            wanted[programme_id] = wanted.get(programme_id, 0) + 1
        programmes = self.env["ctxh.programme"].browse(list(wanted)).exists().filtered("capacity")
        wanted = {programme: wanted[programme.id] for programme in programmes}
        if not wanted:
            return
        enrolled = dict(self.sudo()._read_group(
            [("programme_id", "in", [p.id for p in wanted]), ("state", "=", "enrolled")], ["programme_id"],
            ["__count"]))
        for programme, count in wanted.items():
            total = enrolled.get(programme, 0) + count
            if total > programme.capacity:
                raise ValidationError(self.env._(
                    "The programme %(programme)s is full: it takes %(capacity)s residents and "
                    "%(count)s would be enrolled.",
                    programme=programme.name, capacity=programme.capacity, count=total))

    @api.constrains("programme_id", "state")
    def _check_capacity(self):
        programmes = self.filtered(lambda e: e.state == "enrolled").programme_id.filtered("capacity")
        if not programmes:
            return
        enrolled = dict(self.env["ctxh.programme.enrolment"].sudo()._read_group(
            [("programme_id", "in", programmes.ids), ("state", "=", "enrolled")], ["programme_id"], ["__count"]))
        for programme in programmes:
            if enrolled.get(programme, 0) > programme.capacity:
                raise ValidationError(self.env._(
                    "The programme %(programme)s is full: it takes %(capacity)s residents and "
                    "%(count)s would be enrolled.",
                    programme=programme.name, capacity=programme.capacity, count=enrolled[programme]))

    @api.constrains("resident_id")
    def _check_resident_in_care(self):
        for enrolment in self:
            if enrolment.resident_id.state != "in_care":
                raise ValidationError(self.env._(
                    "%s is not in care at the facility: only residents in care can be enrolled.",
                    enrolment.resident_id.name))

    @api.constrains("certificate_number", "result")
    def _check_certificate(self):
        for enrolment in self:
            if enrolment.certificate_number and enrolment.result != "passed":
                raise ValidationError(self.env._(
                    "A certificate is only issued to a resident who passed (%s).", enrolment.resident_id.name))

    def action_complete(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("enrolled")
        return self._ctxh_action_write({"state": "completed"})

    def action_drop(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("enrolled")
        return self._ctxh_action_write({"state": "dropped"})

    def action_reenrol(self):
        self.env["res.users"]._ctxh_check_group(CARE)
        self._ctxh_check_state("dropped", "completed")
        return self._ctxh_action_write({"state": "enrolled"})
