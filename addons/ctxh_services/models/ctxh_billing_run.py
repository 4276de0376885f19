from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import split_every

from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT

# contracts invoiced per batch; a run with more contracts goes on in the background, one batch per transaction
CHUNK_SIZE_PARAM = "ctxh_services.billing_chunk_size"


CHUNK_SIZE = 200


class CtxhBillingRun(models.Model):
    """The monthly invoicing of a facility's care contracts: one invoice per contract and payer."""

    _name = "ctxh.billing.run"
    _description = "Monthly Billing Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("state", "user_id", "progress_total", "progress_done", "progress_cursor")
    # the month and facility a run invoiced are what its invoices say
    _STARTED = ("company_id", "date_from", "date_to", "journal_id")
    _ctxh_frozen = {"running": _STARTED, "generated": _STARTED, "posted": _STARTED}
    _ctxh_deletable = "a draft run, which has created no invoice"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", string="Facility", required=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From", required=True, tracking=True,
                            default=lambda self: self.env.company._ctxh_today().replace(day=1))
    date_to = fields.Date(string="To", compute="_compute_date_to", store=True, readonly=False, required=True,
                          precompute=True)
    journal_id = fields.Many2one("account.journal", string="Journal", check_company=True,
                                 domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
                                 help="Sales journal of the invoices; the facility's first one when empty.")
    state = fields.Selection(
        [("draft", "Draft"), ("running", "In Progress"), ("generated", "Generated"), ("posted", "Posted")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    user_id = fields.Many2one("res.users", string="Started By", readonly=True, copy=False,
                              help="The accountant who generated the invoices; they are issued in their name.")
    progress_total = fields.Integer(string="Contracts to Bill", readonly=True, copy=False)
    progress_done = fields.Integer(string="Contracts Done", readonly=True, copy=False)
    progress_cursor = fields.Integer(readonly=True, copy=False,
                                     help="Last contract invoiced by a run going on in the background.")
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    move_ids = fields.One2many("account.move", "ctxh_billing_run_id", string="Invoices", readonly=True)
    move_count = fields.Integer(compute="_compute_amounts", string="Invoice Count")
    amount_total = fields.Monetary(compute="_compute_amounts", string="Total")
    einvoice_issued_count = fields.Integer(string="E-invoices Issued", compute="_compute_einvoice_counts")
    einvoice_waiting_count = fields.Integer(string="E-invoices Being Sent", compute="_compute_einvoice_counts")
    einvoice_failed_count = fields.Integer(
        string="E-invoices Refused", compute="_compute_einvoice_counts",
        help="Invoices SInvoice refused or did not answer for: the reason is on each invoice; send them again "
             "once it is fixed.")

    @api.depends("date_from")
    def _compute_name(self):
        for run in self:
            run.name = run.date_from and self.env._("Billing %s", run.date_from.strftime("%m/%Y"))

    @api.depends("date_from")
    def _compute_display_name(self):
        # the stored name is in its creator's language: the reader sees the name in theirs
        for run in self:
            run.display_name = self.env._("Billing %s", run.date_from.strftime("%m/%Y")) if run.date_from else run.name

    @api.depends("date_from")
    def _compute_date_to(self):
        for run in self:
            if run.date_from:
                run.date_to = run.date_from + relativedelta(day=31)

    @api.depends("progress_done", "progress_total")
    def _compute_progress(self):
        for run in self:
            run.progress = 100.0 * run.progress_done / run.progress_total if run.progress_total else 0.0

    @api.depends("move_ids.amount_total")
    def _compute_amounts(self):
        data = {run: (count, total) for run, count, total in self.env["account.move"]._read_group(
            [("ctxh_billing_run_id", "in", self.ids)], ["ctxh_billing_run_id"], ["__count", "amount_total:sum"])}
        for run in self:
            run.move_count, run.amount_total = data.get(run, (0, 0.0))

    @api.depends("move_ids.l10n_vn_edi_invoice_state", "move_ids.ctxh_einvoice_error")
    def _compute_einvoice_counts(self):
        # one grouped query for all the runs shown, not one per run
        groups = self.env["account.move"]._read_group(
            [("ctxh_billing_run_id", "in", self.ids), ("state", "=", "posted"),
             ("l10n_vn_edi_invoice_state", "!=", False)],
            ["ctxh_billing_run_id", "l10n_vn_edi_invoice_state", "ctxh_einvoice_error"], ["__count"])
        counts = {}
        for run, state, error, count in groups:
            key = "waiting" if state == "ready_to_send" and not error else (
                "failed" if state == "ready_to_send" else "issued")
            counts[run, key] = counts.get((run, key), 0) + count
        for run in self:
            run.einvoice_issued_count = counts.get((run, "issued"), 0)
            run.einvoice_waiting_count = counts.get((run, "waiting"), 0)
            run.einvoice_failed_count = counts.get((run, "failed"), 0)

    @api.constrains("date_from", "date_to")
    def _check_month(self):
        for run in self:
            if run.date_from.day != 1 or run.date_to != run.date_from + relativedelta(day=31):
                raise ValidationError(self.env._("A billing run covers one calendar month, from its first day."))

    def _ctxh_deletable_records(self):
        return self.filtered(lambda run: run.state == "draft")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_generate(self):
        """Invoice every active contract of the month, once per payer; existing invoices are skipped.
        A large run goes on in the background, batch after batch, and shows its progress."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        chunk_size = self._chunk_size()
        for run in self:
            if run.state == "posted":
                raise UserError(self.env._("%s is posted: create a new run for corrections.", run.name))
            if run.state == "running":
                raise UserError(self.env._("The invoices of %s are being created: wait for the end.", run.name))
            if not run._ctxh_try_lock_month():
                raise UserError(self.env._(
                    "Another billing run of %(facility)s for %(month)s is creating invoices at this moment; "
                    "open this run again when it has finished: what it created will not be created twice.",
                    facility=run.company_id.name, month=run.date_from.strftime("%m/%Y")))
            contracts = self.env["ctxh.care.contract"].search(run._contracts_domain(), order="id")
            run._ctxh_action_write({"user_id": self.env.uid, "progress_total": len(contracts), "progress_done": 0,
                                    "progress_cursor": 0})
            if len(contracts) > chunk_size:
                run._ctxh_action_write({"state": "running"})
                run.message_post(body=self.env._(
                    "%(count)s contracts to invoice, %(size)s at a time in the background: follow the progress "
                    "on this form.", count=len(contracts), size=chunk_size))
                self.env.ref("ctxh_services.ir_cron_ctxh_billing_run")._trigger()
                continue
            created = run._generate_moves(contracts)
            run._ctxh_action_write({"state": "generated", "progress_done": len(contracts),
                                    "progress_cursor": contracts[-1:].id or 0})
            run.message_post(body=self.env._("%s invoices created.", len(created)))
        return True

    @api.model
    def _chunk_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(CHUNK_SIZE_PARAM, CHUNK_SIZE)
        return max(int(value), 1)

    @api.model
    def _cron_generate(self):
        """Invoice the next batch of contracts of the oldest run in progress. The scheduler commits after each
        call and calls again while work remains, so a crash loses at most one batch (which the unique
        constraint and the cursor make safe to redo)."""
        runs = self.search([("state", "=", "running")], order="id")
        if not runs:
            return
        run = runs[0]
        run._generate_chunk()
        remaining = sum((r.progress_total - r.progress_done) for r in runs if r.state == "running")
        self.env["ir.cron"]._notify_progress(done=run.progress_done, remaining=remaining)

    def _ctxh_try_lock_month(self):
        """Hold the facility's month for this transaction; False when another transaction holds it."""
        self.ensure_one()
        key = "ctxh.billing.run:%s:%s" % (self.company_id.id, self.date_from.strftime("%Y%m"))
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))", [key])
        return self.env.cr.fetchone()[0]

    def _generate_chunk(self):
        self.ensure_one()
        if not self._ctxh_try_lock_month():
            return  # a user is generating the same month by hand: the next call goes on
        chunk_size = self._chunk_size()
        contracts = self.env["ctxh.care.contract"].search(
            [*self._contracts_domain(), ("id", ">", self.progress_cursor)], order="id", limit=chunk_size)
        self._generate_moves(contracts)
        values = {"progress_done": self.progress_done + len(contracts),
                  "progress_cursor": contracts[-1:].id or self.progress_cursor}
        if len(contracts) < chunk_size or not self.env["ctxh.care.contract"].search_count(
                [*self._contracts_domain(), ("id", ">", values["progress_cursor"])], limit=1):
            values.update(state="generated", progress_total=values["progress_done"])
        self._ctxh_action_write(values)
        if self.state == "generated":
            self.message_post(body=self.env._("Done: %s invoices in this run.", self.move_count))

    def action_post(self):
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        for run in self:
            if run.state != "generated":
                raise UserError(self.env._("Generate the invoices of %s first.", run.name))
            run.move_ids.filtered(lambda m: m.state == "draft").action_post()
            run._ctxh_action_write({"state": "posted"})
        return True

    def action_send_einvoices(self):
        """Send again to SInvoice the run's invoices it has not issued (refused, or no answer): SInvoice is asked
        first about each one's transaction, so an invoice it did issue is not issued twice."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        moves = self.move_ids.filtered(lambda m: m.state == "posted" and m.l10n_vn_edi_invoice_state == "ready_to_send")
        if not moves:
            raise UserError(self.env._("Every confirmed invoice of this run has its e-invoice."))
        moves._ctxh_send_einvoice()
        for run in self:
            run.message_post(body=self.env._("%s invoices sent to SInvoice again.",
                                             len(moves.filtered(lambda m, r=run: m.ctxh_billing_run_id == r))))
        return True

    def action_refresh(self):
        """Reload the form of a run going on in the background."""
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("ctxh_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # ------------------------------------------------------------------
    # Invoice preparation
    # ------------------------------------------------------------------
    def _contracts_domain(self):
        """Contracts of the facility in force during the month."""
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id), ("state", "=", "active"),
            ("date_start", "<=", self.date_to),
            "|", ("date_end", "=", False), ("date_end", ">=", self.date_from),
        ]

    def _generate_moves(self, contracts):
        """Create the missing invoices of ``contracts`` for the month, in batches."""
        self.ensure_one()
        existing = set(self.env["account.move"].search([
            ("ctxh_contract_id", "in", contracts.ids), ("ctxh_period_start", "=", self.date_from),
            ("state", "!=", "cancel"),
        ]).mapped(lambda m: (m.ctxh_contract_id.id, m.partner_id.id)))
        usages = self.env["ctxh.service.usage"].search([
            ("contract_id", "in", contracts.ids), ("billed_period_start", "=", False), ("date", "<=", self.date_to),
        ])
        usages_by_contract = usages.grouped("contract_id")
        # the monthly day care is prorated on the days attended: counted once for the whole batch
        attendance = contracts._ctxh_day_care_attendance(self.date_from, self.date_to)
        vals_list, billed_usage_ids = [], []
        for contract in contracts:
            contract_usages = usages_by_contract.get(contract, usages.browse())
            contract_vals = [
                vals for vals in self._prepare_contract_moves_vals(contract, contract_usages,
                                                                   attendance.get(contract))
                if (contract.id, vals["partner_id"]) not in existing
            ]
            if contract_vals:
                vals_list += contract_vals
                billed_usage_ids += contract_usages.ids
        billed_usages = usages.browse(billed_usage_ids)
        journal = (self.journal_id or self._ctxh_sale_journal(self.company_id)) if vals_list else None
        moves = self.env["account.move"]
        Move = self.env["account.move"].with_company(self.company_id).with_context(
            default_move_type="out_invoice")
        for chunk in split_every(CHUNK_SIZE, vals_list, list):
            for vals in chunk:
                vals["journal_id"] = journal.id
            moves |= Move.create(chunk)
        billed_usages._ctxh_action_write({"billed_period_start": self.date_from})
        return moves

    @api.model
    def _ctxh_sale_journal(self, company):
        journal = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(company), ("type", "=", "sale"),
        ], limit=1)
        if not journal:
            raise UserError(self.env._("%s has no sales journal: set up its accounting first.", company.name))
        return journal

    def _prepare_contract_moves_vals(self, contract, usages, attendance=None):
        """Values of the invoices of ``contract`` for the month, one per payer (no side effects): the contract says
        what the month costs each payer, the run dates and numbers the invoices; ``attendance``: the contract's
        day-care days of the month (``_ctxh_day_care_attendance``), if any."""
        days = contract._ctxh_days_in_care(self.date_from, self.date_to)
        charges = contract._ctxh_month_charges(self.date_from, usages, days=days, attendance=attendance)
        invoice_date = self.date_from if contract.billing_mode == "advance" else self.date_to
        return contract._ctxh_invoice_vals(self.date_from, charges, invoice_date, run=self)
