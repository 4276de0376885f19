import calendar
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import float_compare

from odoo.addons.ctxh_residents.models.ctxh_write_guard_mixin import ALL
from odoo.addons.ctxh_residents.tools import lock_rows
from odoo.addons.ctxh_residents.tools.groups import ACCOUNTANT, DIRECTOR

# contract lines of these kinds are charged every month, prorated by the days in care
MONTHLY_KINDS = ("residential_month", "day_care")


class CtxhCareContract(models.Model):
    """A service contract for voluntary care: services, prices, payers and their shares."""

    _name = "ctxh.care.contract"
    _description = "Care Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "ctxh.write.guard.mixin"]
    _ctxh_action_fields = ("name", "state", "signer_id", "signed_date", "termination_date", "deposit_move_id",
                           "liquidation_charged", "liquidation_refunded", "deposit_refunded", "liquidation_date")
    # what the director signed: changed only by an addendum the director signs (action_sign of the addendum)
    _SIGNED = ("resident_id", "stay_id", "date", "date_start", "date_end", "billing_mode", "payer_ids", "line_ids",
               "deposit_amount", "reduction_percent", "reduction_reason", "payment_term_id")
    _ctxh_frozen = {"active": _SIGNED, "terminated": (*_SIGNED, "termination_reason"), "closed": ALL}
    _ctxh_free_fields = ("active",)
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    # the resident sets the facility (company_id is theirs): a company check would offer nobody on a new record
    resident_id = fields.Many2one("ctxh.resident", required=True, index=True, tracking=True)
    company_id = fields.Many2one(related="resident_id.company_id", store=True, index=True, string="Facility")
    currency_id = fields.Many2one(related="company_id.currency_id")
    stay_id = fields.Many2one("ctxh.stay", string="Stay", check_company=True, tracking=True,
                              domain="[('resident_id', '=', resident_id)]",
                              help="The stay billed by this contract; the days in care come from it.")
    date = fields.Date(string="Contract Date", required=True, default=lambda self: self.env.company._ctxh_today(),
                       tracking=True, index=True, help="Prices of new lines are those in force on this date.")
    date_start = fields.Date(string="Start", required=True, default=lambda self: self.env.company._ctxh_today(),
                             tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    billing_mode = fields.Selection(
        [("advance", "In advance"), ("arrears", "In arrears")], required=True, default="advance",
        help="In advance: the month is invoiced on its first day; in arrears: on its last day.")
    # who pays what: for accountants and directors only (care staff see the contract and its state)
    payer_ids = fields.One2many("ctxh.care.contract.payer", "contract_id", string="Payers", copy=True,
                                groups=ACCOUNTANT)
    line_ids = fields.One2many("ctxh.care.contract.line", "contract_id", string="Services", copy=True,
                               groups=ACCOUNTANT)
    usage_ids = fields.One2many("ctxh.service.usage", "contract_id", string="Extra Services", groups=ACCOUNTANT)
    deposit_amount = fields.Monetary(string="Deposit", tracking=True, groups=ACCOUNTANT)
    reduction_percent = fields.Float(string="Reduction (%)", tracking=True, digits=(5, 2), groups=ACCOUNTANT,
                                     help="Reduction of the whole bill, e.g. for a poor household.")
    reduction_reason = fields.Char(groups=ACCOUNTANT)
    amount_monthly = fields.Monetary(string="Monthly Fee", compute="_compute_amount_monthly", groups=ACCOUNTANT,
                                     help="Monthly services after discounts and reduction.")
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("terminated", "Terminated"), ("closed", "Closed")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    signer_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    signed_date = fields.Date(readonly=True, copy=False)
    termination_date = fields.Date(readonly=True, copy=False, tracking=True)
    termination_reason = fields.Text(copy=False, groups=ACCOUNTANT)
    move_ids = fields.One2many("account.move", "ctxh_contract_id", string="Invoices", groups=ACCOUNTANT)
    deposit_move_id = fields.Many2one("account.move", string="Deposit Invoice", readonly=True, copy=False,
                                      groups=ACCOUNTANT)
    # liquidation (thanh lý hợp đồng): what the last month costs and what is given back
    liquidation_charged = fields.Monetary(string="Charged on Liquidation", readonly=True, copy=False,
                                          groups=ACCOUNTANT)
    liquidation_refunded = fields.Monetary(string="Refunded for Days Not in Care", readonly=True, copy=False,
                                           groups=ACCOUNTANT)
    deposit_refunded = fields.Monetary(string="Deposit Refunded", readonly=True, copy=False, groups=ACCOUNTANT)
    move_count = fields.Integer(compute="_compute_move_count", groups=ACCOUNTANT)
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", check_company=True, tracking=True, groups=ACCOUNTANT,
        default=lambda self: self.env.ref("ctxh_services.account_payment_term_ctxh_10_days",
                                          raise_if_not_found=False),
        help="When the monthly invoices fall due; unpaid invoices past it remind the accountant.")
    amount_due = fields.Monetary(
        string="Balance Due", compute="_compute_amount_due", groups=ACCOUNTANT,
        help="Posted invoices not yet paid, less credit notes not yet given back or offset; "
             "negative when the facility owes the payers.")
    amount_overdue = fields.Monetary(string="Overdue", compute="_compute_amount_due", groups=ACCOUNTANT)
    liquidation_date = fields.Date(readonly=True, copy=False, groups=ACCOUNTANT,
                                   help="Date of the liquidation (thanh lý) of the contract.")
    addendum_ids = fields.One2many("ctxh.care.contract.addendum", "contract_id", string="Addenda", groups=ACCOUNTANT)

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A contract cannot end before it starts."),
        ("reduction_check", "CHECK (reduction_percent >= 0 AND reduction_percent <= 100)",
         "The reduction is between 0 and 100%."),
        # a terminated contract is still being liquidated: its period counts until it is closed
        ("one_signed_per_resident_period",
         "EXCLUDE USING gist (resident_id WITH =, daterange(date_start, date_end, '[]') WITH &&) "
         "WHERE (state IN ('active', 'terminated'))",
         "This person already has a signed care contract for that period: terminate it, or change it by an "
         "addendum."),
    ]

    def init(self):
        result = super().init()
        # payer shares of a signed contract add up to 100%, whatever door changes a payer (a constraint trigger:
        # it sees the rows of several tables). A payer's change also marks its contract, so that two transactions
        # changing the payers of one contract at once conflict, and Odoo retries the second on the new rows.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION ctxh_care_contract_payer_shares() RETURNS trigger AS $$
            DECLARE
                contract_ids integer[];
                bad integer;
            BEGIN
                IF TG_TABLE_NAME = 'ctxh_care_contract' THEN
                    contract_ids := ARRAY[NEW.id];
                ELSIF TG_OP = 'DELETE' THEN
                    contract_ids := ARRAY[OLD.contract_id];
                ELSIF TG_OP = 'UPDATE' THEN
                    contract_ids := ARRAY[NEW.contract_id, OLD.contract_id];
                ELSE
                    contract_ids := ARRAY[NEW.contract_id];
                END IF;
                IF TG_TABLE_NAME = 'ctxh_care_contract_payer' THEN
                    UPDATE ctxh_care_contract SET write_date = write_date WHERE id = ANY(contract_ids);
                END IF;
                SELECT c.id INTO bad FROM ctxh_care_contract c
                  WHERE c.id = ANY(contract_ids) AND c.state != 'draft'
                    AND EXISTS (SELECT 1 FROM ctxh_care_contract_payer p WHERE p.contract_id = c.id)
                    AND abs((SELECT sum(p.share) FROM ctxh_care_contract_payer p WHERE p.contract_id = c.id) - 100)
                        >= 0.005
                  LIMIT 1;
                IF bad IS NOT NULL THEN
                    RAISE EXCEPTION 'The payers'' shares of a signed care contract must add up to 100%%.'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ctxh_care_contract_payer_shares',
                              TABLE = 'ctxh_care_contract_payer';
                END IF;
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql
        """)
        self.env.cr.execute("""
            DROP TRIGGER IF EXISTS ctxh_payer_shares ON ctxh_care_contract_payer;
            CREATE CONSTRAINT TRIGGER ctxh_payer_shares AFTER INSERT OR UPDATE OR DELETE ON ctxh_care_contract_payer
                FOR EACH ROW EXECUTE FUNCTION ctxh_care_contract_payer_shares();
            DROP TRIGGER IF EXISTS ctxh_payer_shares ON ctxh_care_contract;
            CREATE CONSTRAINT TRIGGER ctxh_payer_shares AFTER UPDATE OF state ON ctxh_care_contract
                FOR EACH ROW EXECUTE FUNCTION ctxh_care_contract_payer_shares();
        """)
        return result

    @api.depends("line_ids.quantity", "line_ids.price_unit", "line_ids.discount", "line_ids.service_kind",
                 "reduction_percent")
    def _compute_amount_monthly(self):
        for contract in self:
            # a full month, as the invoices compute it (the month only names the lines, which are not kept)
            month_start = (contract.date_start or contract.company_id._ctxh_today()).replace(day=1)
            contract.amount_monthly = sum(amount for _product, _text, amount in contract._ctxh_month_items(month_start))

    def _compute_move_count(self):
        counts = dict(self.env["account.move"]._read_group(
            [("ctxh_contract_id", "in", self.ids)], ["ctxh_contract_id"], ["__count"]))
        for contract in self:
            contract.move_count = counts.get(contract, 0)

    def _ctxh_open_moves_domain(self):
        return [
            ("ctxh_contract_id", "in", self.ids), ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")), ("payment_state", "in", ("not_paid", "partial")),
        ]

    @api.depends("move_ids.amount_residual_signed", "move_ids.state")
    def _compute_amount_due(self):
        Move = self.env["account.move"]
        domain = self._ctxh_open_moves_domain()
        due = dict(Move._read_group(domain, ["ctxh_contract_id"], ["amount_residual_signed:sum"]))
        overdue = dict(Move._read_group(
            [*domain, ("move_type", "=", "out_invoice"), ("invoice_date_due", "<", self.env.company._ctxh_today())],
            ["ctxh_contract_id"], ["amount_residual_signed:sum"]))
        for contract in self:
            contract.amount_due = due.get(contract, 0.0)
            contract.amount_overdue = overdue.get(contract, 0.0)

    @api.constrains("stay_id", "resident_id")
    def _check_stay_resident(self):
        for contract in self:
            if contract.stay_id and contract.stay_id.resident_id != contract.resident_id:
                raise ValidationError(self.env._(
                    "The stay of contract %(contract)s is not a stay of %(resident)s.",
                    contract=contract.name, resident=contract.resident_id.name))

    @api.constrains("payer_ids", "state")
    def _check_payer_shares(self):
        for contract in self:
            if not contract.payer_ids:
                if contract.state != "draft":
                    raise ValidationError(self.env._("Contract %s has no payer.", contract.name))
                continue
            total = sum(contract.payer_ids.mapped("share"))
            if float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(self.env._(
                    "The payers' shares of contract %(contract)s add up to %(total)s%%, not 100%%.",
                    contract=contract.name, total=round(total, 2)))

    @api.onchange("resident_id")
    def _onchange_resident_id(self):
        self.stay_id = self.resident_id.current_stay_id

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        for contract in contracts.filtered(lambda c: c.name == "/"):
            contract._ctxh_action_write({"name": contract._ctxh_sequence().next_by_id(sequence_date=contract.date)})
        return contracts

    def _ctxh_sequence(self):
        """The facility's own contract register, HĐ-2026-0001."""
        self.ensure_one()
        company = self.company_id
        return company._ctxh_yearly_sequence(
            "ctxh.care.contract", self.env._("Care contracts (%s)", company.name), prefix="HĐ-%(range_year)s-")

    def _ctxh_keep_history_message(self):
        return self.env._(
            "A care contract is kept for good: terminate %s, or archive it if it was never signed.", self.name)

    def action_archive(self):
        if any(contract.state == "active" for contract in self):
            raise UserError(self.env._("Terminate a signed contract before archiving it."))
        super().action_archive()
        return True  # Odoo's answers None, which XML-RPC cannot carry

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_activate(self):
        """The director signs the contract: it takes effect, and the deposit is invoiced."""
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("draft")
        for contract in self:
            if not contract.line_ids:
                raise UserError(self.env._("Add the services of contract %s before signing it.", contract.name))
            contract._ctxh_check_no_other_signed()
        for contract in self:
            contract._ctxh_action_write({"state": "active", "signer_id": self.env.user.id,
                                         "signed_date": contract.signed_date or contract.company_id._ctxh_today()})
        self.filtered(lambda c: c.currency_id.compare_amounts(c.deposit_amount, 0) > 0)._ctxh_invoice_deposit()
        return True

    def action_terminate(self):
        """End the contract and liquidate it: the last month is billed up to the end date (or the days
        paid in advance are refunded) and the deposit is given back."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        lock_rows(self)
        self._ctxh_check_state("active")
        self._ctxh_terminate()
        return True

    def _ctxh_terminate(self, on_date=None):
        """Terminate and liquidate on ``on_date``, the date of the liquidation minutes (today by default)."""
        for contract in self:
            today = fields.Date.to_date(on_date) or contract.company_id._ctxh_today()
            stay_end = contract.stay_id.date_end and contract.company_id._ctxh_local(contract.stay_id.date_end).date()
            end = contract.date_end if contract.date_end and contract.date_end < today else (stay_end or today)
            contract._ctxh_action_write({
                "state": "terminated", "termination_date": today, "date_end": max(end, contract.date_start),
            })
            contract._ctxh_liquidate(today)
        # nothing left to collect or pay back: the liquidation closes the contract at once
        Move = self.env["account.move"].sudo()
        open_contracts = Move.search(self._ctxh_open_moves_domain()).ctxh_contract_id
        drafts = Move.search([("ctxh_contract_id", "in", self.ids), ("state", "=", "draft")]).ctxh_contract_id
        (self - open_contracts - drafts)._ctxh_action_write({"state": "closed"})

    def action_close(self):
        """Close a terminated contract once its accounts are settled: nothing owed by the payers, nothing
        owed to them, no invoice left in draft."""
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("terminated")
        Move = self.env["account.move"].sudo()
        drafts = Move.search([("ctxh_contract_id", "in", self.ids), ("state", "=", "draft")])
        if drafts:
            raise UserError(self.env._(
                "Post or cancel the draft invoices of the contract before closing it: %s.",
                ", ".join(drafts.mapped(lambda m: m.name if m.name != "/" else m.ref or m.partner_id.name))))
        unsettled = Move.search(self._ctxh_open_moves_domain())
        if unsettled:
            raise UserError(self.env._(
                "The accounts of the contract are not settled: %s. Collect what is owed and pay back what "
                "is due (Register Payment) before closing.",
                ", ".join("%s (%s)" % (m.name, m.partner_id.name) for m in unsettled)))
        return self._ctxh_action_write({"state": "closed"})

    def action_register_payment(self):
        """Collect what the payers owe, or pay back what the facility owes them (deposit, days not in care):
        the payment form for every open invoice and credit note of the contract."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        moves = self.env["account.move"].search(self._ctxh_open_moves_domain())
        if not moves:
            raise UserError(self.env._("Contract %s has nothing to collect or pay back.", self.name))
        return moves.action_register_payment()

    def action_reset_draft(self):
        self.env["res.users"]._ctxh_check_group(DIRECTOR)
        lock_rows(self)
        self._ctxh_check_state("active")
        if self.sudo().move_ids:
            raise UserError(self.env._("A contract already invoiced cannot go back to draft."))
        return self._ctxh_action_write({"state": "draft", "signer_id": False, "signed_date": False})

    def _ctxh_check_no_other_signed(self):
        """One signed contract per person and period: said here, held by the database's exclusion constraint."""
        self.ensure_one()
        others = self.sudo().search([
            ("id", "!=", self.id), ("resident_id", "=", self.resident_id.id),
            ("state", "in", ("active", "terminated")),
            "|", ("date_end", "=", False), ("date_end", ">=", self.date_start),
        ])
        if self.date_end:
            others = others.filtered(lambda other: other.date_start <= self.date_end)
        if others:
            raise UserError(self.env._(
                "This person already has a signed care contract for that period: terminate it, or change it by an "
                "addendum."))

    def _ctxh_split_between_payers(self, amount):
        """[(payer, part)] of ``amount`` by the payers' shares, in their order: each part rounded, the last
        payer taking the rounding remainder, so that the parts add up to the amount. Invoices and the printed
        contract split alike through here."""
        self.ensure_one()
        payers = self.payer_ids.sorted(lambda p: (p.sequence, p.id))
        parts, remaining = [], amount
        for index, payer in enumerate(payers):
            part = remaining if index == len(payers) - 1 else self.currency_id.round(amount * payer.share / 100.0)
            remaining -= part
            parts.append((payer, part))
        return parts

    # ------------------------------------------------------------------
    # What a period of care costs: the one computation (invoices, liquidation, printed contract, monthly amount)
    # ------------------------------------------------------------------
    def _ctxh_days_in_care(self, date_from, date_to):
        """Days from ``date_from`` to ``date_to`` the resident was in care under the contract (both ends counted),
        on the facility's calendar, whoever asks (the user's time zone would move a day)."""
        self.ensure_one()
        start, end = max(date_from, self.date_start), date_to
        if self.date_end:
            end = min(end, self.date_end)
        stay = self.stay_id
        if stay:
            facility = self.company_id
            start = max(start, facility._ctxh_local(stay.date_start).date())
            if stay.date_end:
                end = min(end, facility._ctxh_local(stay.date_end).date())
        return max((end - start).days + 1, 0)

    def _ctxh_day_care_attendance(self, date_from, date_to):
        """{contract: (days present, days expected)} on the confirmed day-care sheets from ``date_from`` to
        ``date_to``, for the contracts of ``self`` listed on at least one: the days the facility held day care
        while the contract was in force, and those the person came. One grouped query for all the contracts."""
        # sudo: the billing run and the printed figures count every sheet, whoever confirmed it
        groups = self.env["ctxh.daycare.attendance.line"].sudo()._read_group([
            ("contract_id", "in", self.ids), ("sheet_state", "=", "confirmed"),
            ("date", ">=", date_from), ("date", "<=", date_to),
        ], ["contract_id", "present"], ["__count"])
        result = {}
        for contract, present, count in groups:
            came, expected = result.get(contract, (0, 0))
            result[contract] = (came + (count if present else 0), expected + count)
        return result

    def _ctxh_month_items(self, month_start, usages=(), days=None, attendance=None):
        """What the contract charges for the month of ``month_start``: ``days`` days of care (a full month when
        None) of each monthly service and the extra services ``usages``, after the reduction, each rounded:
        [(product, description, amount)] before it is split between the payers. With ``attendance`` (days
        present, days day care was held: ``_ctxh_day_care_attendance``), the monthly day care is prorated on
        the days the person came instead of the days in care."""
        self.ensure_one()
        # a contract being drafted has no facility until its resident is chosen
        currency = self.currency_id or self.env.company.currency_id
        month_days = calendar.monthrange(month_start.year, month_start.month)[1]
        days = month_days if days is None else days
        reduction = 1 - self.reduction_percent / 100.0
        month = month_start.strftime("%m/%Y")
        # (product, description, full amount) before splitting between payers
        items = []
        for line in self.line_ids.filtered(lambda line: line.service_kind in MONTHLY_KINDS):
            on_attendance = bool(attendance) and line.service_kind == "day_care"
            part, whole = attendance if on_attendance else (days, month_days)
            if not part:
                continue
            amount = line.quantity * line.price_unit * (1 - line.discount / 100.0) * part / whole * reduction
            # a line without its own description is named by its service (never a label starting with a comma)
            label = self.env._("%(service)s, month %(month)s", service=line.name or line.product_id.name, month=month)
            if on_attendance and part < whole:
                label += self.env._(" (%(days)s/%(total)s days attended)", days=part, total=whole)
            elif part < whole:
                label += self.env._(" (%(days)s/%(total)s days in care)", days=part, total=whole)
            items.append((line.product_id, label, currency.round(amount)))
        for usage in usages:
            amount = usage.quantity * usage.price_unit * reduction
            quantity, price = "%g" % usage.quantity, f"{usage.price_unit:,.0f}".replace(",", ".")
            label = self.env._("%(service)s on %(date)s: %(qty)s x %(price)s", service=usage.product_id.name,
                               date=usage.date.strftime("%d/%m/%Y"), qty=quantity, price=price)
            items.append((usage.product_id, label, currency.round(amount)))
        if items and self.reduction_percent:
            percent = "%g" % self.reduction_percent
            suffix = self.env._(" - reduction %(pct)s%% (%(reason)s)", pct=percent, reason=self.reduction_reason or "")
            items = [(product, label + suffix, amount) for product, label, amount in items]
        return items

    def _ctxh_month_charges(self, month_start, usages=(), days=None, attendance=None):
        """The month's items (``_ctxh_month_items``) split between the payers by their shares:
        {payer: [(product, description, amount)]}, payers in their order; empty when there is nothing to charge."""
        items = self._ctxh_month_items(month_start, usages, days, attendance)
        if not items:
            return {}
        charges = {payer: [] for payer in self.payer_ids.sorted(lambda p: (p.sequence, p.id))}
        for product, label, amount in items:
            for payer, part in self._ctxh_split_between_payers(amount):
                text = label if payer.share == 100 else self.env._(
                    "%(label)s - share %(share)s%%", label=label, share="%g" % payer.share)
                charges[payer].append((product, text, part))
        return charges

    def _ctxh_invoice_vals(self, month_start, charges, invoice_date, run=None):
        """Values of the month's invoices of the contract, one per payer, from its ``charges`` (no side effects);
        ``run`` is the billing run that makes them, if any."""
        self.ensure_one()
        month = month_start.strftime("%m/%Y")
        return [{
            "move_type": "out_invoice",
            "partner_id": payer.partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": invoice_date,
            "invoice_origin": self.name,
            "ref": self.env._("%(contract)s - %(resident)s - %(month)s", contract=self.name,
                              resident=self.resident_id.name, month=month),
            "ctxh_contract_id": self.id,
            "ctxh_period_start": month_start,
            "ctxh_billing_run_id": (run and run.id) or False,
            "invoice_user_id": ((run and run.user_id) or self.env.user).id,
            "invoice_payment_term_id": self.payment_term_id.id,
            "invoice_line_ids": [Command.create({
                "product_id": product.id, "name": text, "quantity": 1, "price_unit": amount,
                "tax_ids": [Command.clear()],
            }) for product, text, amount in lines],
        } for payer, lines in charges.items()]

    def _ctxh_payer_month_amounts(self):
        """{payer: what a full month of the monthly services costs that payer}, as the invoices split it
        (every payer present, 0 when the contract has no monthly service)."""
        self.ensure_one()
        amounts = dict.fromkeys(self.payer_ids.sorted(lambda p: (p.sequence, p.id)), 0.0)
        for payer, lines in self._ctxh_month_charges(self.date_start.replace(day=1)).items():
            amounts[payer] = sum(amount for _product, _text, amount in lines)
        return amounts

    def _ctxh_main_payer(self):
        return self.payer_ids.sorted(lambda p: (p.sequence, p.id))[:1].partner_id

    def _ctxh_invoice_deposit(self):
        """One deposit invoice per contract, to the main payer, due at once; the money is held on the
        facility's deposit (liability) account until the liquidation gives it back."""
        Move = self.env["account.move"]
        for contract in self:
            product = self.env["product.product"].search([
                *self.env["product.product"]._check_company_domain(contract.company_id),
                ("ctxh_service_kind", "=", "deposit"),
            ], limit=1)
            if not product:
                raise UserError(self.env._("Create a deposit service (kind Deposit) to invoice the deposit."))
            contract._ctxh_action_write({"deposit_move_id": Move.with_company(contract.company_id).create({
                "move_type": "out_invoice",
                "partner_id": contract._ctxh_main_payer().id,
                "journal_id": self.env["ctxh.billing.run"]._ctxh_sale_journal(contract.company_id).id,
                "invoice_date": contract.signed_date,
                "invoice_date_due": contract.signed_date,
                "invoice_origin": contract.name,
                "ctxh_contract_id": contract.id,
                "invoice_line_ids": [Command.create({
                    "product_id": product.id, "quantity": 1, "price_unit": contract.deposit_amount,
                    "account_id": contract.company_id._ctxh_deposit_account().id,
                    "name": self.env._("Deposit of contract %(contract)s (%(resident)s)", contract=contract.name,
                                       resident=contract.resident_id.name),
                    "tax_ids": [Command.clear()],
                })],
            }).id})
            contract.deposit_move_id.action_post()

    def _ctxh_liquidate(self, today):
        """Settle the last month of a terminated contract and give the deposit back (no state change)."""
        self.ensure_one()
        currency = self.currency_id
        month_start = self.date_end.replace(day=1)
        usages = self.usage_ids.filtered(lambda u: not u.billed_period_start and u.date <= self.date_end)
        month_end = month_start + relativedelta(day=31)
        # the monthly day care of the last month is prorated on its days attended, as the billing run does
        attendance = self._ctxh_day_care_attendance(month_start, self.date_end).get(self)
        charges = self._ctxh_month_charges(month_start, usages, days=self._ctxh_days_in_care(month_start, month_end),
                                           attendance=attendance)
        vals_list = self._ctxh_invoice_vals(month_start, charges, month_end)
        billed = self.move_ids.filtered(lambda m: m.move_type == "out_invoice" and m.state != "cancel"
                                        and m.ctxh_period_start == month_start)
        is_monthly = {line.product_id.id for line in self.line_ids if line.service_kind in MONTHLY_KINDS}
        moves_vals = []
        if billed:
            # the month was invoiced in full: bill only the extras, refund the days not in care
            for vals in vals_list:
                partner = vals["partner_id"]
                lines = vals["invoice_line_ids"]
                due = sum(cmd[2]["price_unit"] for cmd in lines if cmd[2]["product_id"] in is_monthly)
                paid = sum(line.price_total for line in billed.filtered(lambda m, p=partner: m.partner_id.id == p)
                           .invoice_line_ids if line.product_id.id in is_monthly)
                extras = [cmd for cmd in lines if cmd[2]["product_id"] not in is_monthly]
                if extras:
                    moves_vals.append({**vals, "invoice_line_ids": extras, "ctxh_period_start": False})
                if currency.compare_amounts(paid, due) > 0:
                    moves_vals.append({
                        **vals, "move_type": "out_refund", "ctxh_period_start": False,
                        # the credit note adjusts the month's invoice of that payer (an e-invoice adjusts the
                        # e-invoice it corrects, Decree 123/2020 Art. 19)
                        "reversed_entry_id": billed.filtered(lambda m, p=partner: m.partner_id.id == p)[:1].id,
                        "invoice_line_ids": [Command.create({
                            "product_id": next(iter(is_monthly)), "quantity": 1, "price_unit": paid - due,
                            "name": self.env._("Refund of the days not in care after %s",
                                               self.date_end.strftime("%d/%m/%Y")),
                            "tax_ids": [Command.clear()],
                        })],
                    })
        else:
            moves_vals = vals_list
        deposit = self.deposit_move_id
        if deposit.state == "draft":
            # a deposit never confirmed is not given back: it is withdrawn
            deposit.button_cancel()
        elif deposit.state == "posted":
            moves_vals.append({
                "move_type": "out_refund", "partner_id": deposit.partner_id.id, "ctxh_contract_id": self.id,
                "invoice_origin": self.name, "reversed_entry_id": deposit.id,
                "invoice_line_ids": [Command.create({
                    "product_id": line.product_id.id, "quantity": 1, "price_unit": line.price_unit,
                    "account_id": line.account_id.id,
                    "name": self.env._("Deposit of contract %s given back on liquidation", self.name),
                    "tax_ids": [Command.clear()],
                }) for line in deposit.invoice_line_ids],
            })
        journal = self.env["ctxh.billing.run"]._ctxh_sale_journal(self.company_id)
        # the liquidation record both parties sign is the agreement an adjusting e-invoice cites
        agreement = self.env._("Contract liquidation record %s", self.name)
        for vals in moves_vals:
            vals.update({"journal_id": journal.id, "invoice_date": today, "ctxh_billing_run_id": False})
            if vals["move_type"] == "out_refund":
                vals.update({"invoice_date_due": today, "l10n_vn_edi_adjustment_type": "1",
                             "l10n_vn_edi_agreement_document_name": agreement,
                             "l10n_vn_edi_agreement_document_date": self.company_id._ctxh_utc(
                                 datetime.combine(today, time(12)))})
        moves = self.env["account.move"].with_company(self.company_id).create(moves_vals)
        moves.action_post()
        usages._ctxh_action_write({"billed_period_start": month_start})
        refunds = moves.filtered(lambda m: m.move_type == "out_refund")
        deposit_refund = refunds.filtered(lambda m: m.partner_id == deposit.partner_id
                                          and m.invoice_line_ids.product_id == deposit.invoice_line_ids.product_id)
        self._ctxh_action_write({
            "liquidation_date": today,
            "liquidation_charged": sum((moves - refunds).mapped("amount_total")),
            "liquidation_refunded": sum((refunds - deposit_refund).mapped("amount_total")),
            "deposit_refunded": sum(deposit_refund.mapped("amount_total")),
        })
        deposit_refund_lines = deposit_refund.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        if deposit.payment_state in ("not_paid", "partial") and deposit_refund_lines:
            # a deposit never paid is cancelled by its own credit note before anything else
            deposit_lines = deposit.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
            (deposit_lines + deposit_refund_lines).filtered(lambda line: not line.reconciled).reconcile()
        self._ctxh_offset_credits()
        fmt = self.currency_id.ctxh_format
        self.message_post(body=self.env._(
            "Liquidation on %(date)s: charged %(charged)s, refunded for days not in care %(refunded)s, deposit "
            "given back %(deposit)s. Balance due after offsetting: %(due)s.",
            date=today.strftime("%d/%m/%Y"), charged=fmt(self.liquidation_charged),
            refunded=fmt(self.liquidation_refunded), deposit=fmt(self.deposit_refunded), due=fmt(self.amount_due)))
        return moves

    def _ctxh_offset_credits(self):
        """Settle each payer's credit notes (deposit, days not in care) against what the same payer still
        owes on the contract; what is left of a credit note is paid back to the payer."""
        open_moves = self.env["account.move"].search(self._ctxh_open_moves_domain())
        lines = open_moves.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled)
        for (_partner, _account), group in lines.grouped(lambda line: (line.partner_id, line.account_id)).items():
            if group.filtered(lambda line: line.balance > 0) and group.filtered(lambda line: line.balance < 0):
                group.reconcile()

    def action_new_addendum(self):
        """Draft an addendum to this signed contract: the director signs it to change services, prices or payers."""
        self.ensure_one()
        self.env["res.users"]._ctxh_check_group(ACCOUNTANT)
        self._ctxh_check_state("active")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contract Addendum"),
            "res_model": "ctxh.care.contract.addendum",
            "view_mode": "form",
            "context": {"default_contract_id": self.id},
        }

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("ctxh_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action
