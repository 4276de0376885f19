"""Shared fixtures of the services tests (and of the reports' tests that need contracts and invoices)."""

from datetime import date, datetime

from odoo.fields import Command

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase


class CtxhContractCase(CtxhResidentsCase):
    """Facility A with a chart of accounts, care services, two price decisions and two payers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading("vn", cls.facility_a, install_demo=False)
        Product = cls.env["product.product"]

        def service(name, kind, price):
            return Product.create({"name": name, "type": "service", "ctxh_service_kind": kind,
                                   "list_price": price, "taxes_id": [Command.clear()]})

        cls.shared_room = service("Chăm sóc tự nguyện phòng chung (tháng)", "residential_month", 7_000_000)
        cls.special_care = service("Phụ phí chăm sóc đặc biệt", "residential_month", 2_000_000)
        cls.laundry = service("Giặt là (lần)", "extra_unit", 30_000)
        cls.deposit = service("Tiền đặt cọc", "deposit", 1_000_000)
        cls.PriceList = cls.env["ctxh.price.list"]
        cls.prices_2025 = cls._price_list(date(2025, 1, 1), "Quyết định 3456/QĐ-UBND",
                                          {cls.shared_room: 7_000_000, cls.laundry: 25_000})
        cls.prices_2026 = cls._price_list(date(2026, 1, 1), "Quyết định 1234/QĐ-UBND",
                                          {cls.shared_room: 7_500_000, cls.special_care: 2_000_000,
                                           cls.laundry: 30_000})
        Partner = cls.env["res.partner"]
        cls.son = Partner.create({"name": "Hoàng Văn Hải"})
        cls.daughter = Partner.create({"name": "Hoàng Thị Hoa"})
        # from 2027 the law wants care invoices as e-invoices: the facility issues them from then on, so that a
        # test confirming an invoice dated today keeps passing after New Year (nothing is sent: no job runs)
        cls.symbol = cls._einvoice_setup(cls.facility_a, date(2027, 1, 1))

    @classmethod
    def _einvoice_setup(cls, company, date_from):
        """``company`` issues e-invoices through a (test) SInvoice account from ``date_from``; its symbol."""
        company.write({
            "street": "Số 2 đường Lê Lợi", "city": "Lạng Sơn", "country_id": cls.env.ref("base.vn").id,
            "state_id": cls.env.ref("base.state_vn_VN-09").id, "vat": "4900102938",
            "l10n_vn_edi_username": "4900102938-test", "l10n_vn_edi_password": "secret",
            "ctxh_einvoice_date_from": date_from,
        })
        template = cls.env["l10n_vn_edi_viettel.sinvoice.template"].create(
            {"name": f"2/T{company.id:03d}", "template_invoice_type": "2"})
        symbol = cls.env["l10n_vn_edi_viettel.sinvoice.symbol"].create(
            {"name": "C26TLS", "invoice_template_id": template.id})
        cls.env["ir.default"].set("res.partner", "l10n_vn_edi_symbol", symbol.id, company_id=company.id)
        return symbol

    @classmethod
    def _price_list(cls, date_from, decision, prices, company=None):
        return cls.env["ctxh.price.list"].create({
            "name": f"Bảng giá {date_from.year}", "company_id": (company or cls.facility_a).id,
            "date_from": date_from, "decision_ref": decision,
            "line_ids": [Command.create({"product_id": p.id, "price": v}) for p, v in prices.items()],
        })

    @classmethod
    def _contract(cls, resident, stay=None, payers=None, products=None, activate=True, **vals):
        payers = payers or {cls.son: 100}
        contract = cls.env["ctxh.care.contract"].create({
            "resident_id": resident.id, "stay_id": stay.id if stay else False,
            "date": date(2026, 1, 5), "date_start": date(2026, 1, 5),
            "line_ids": [Command.create({"product_id": p.id}) for p in (products or cls.shared_room)],
            "payer_ids": [Command.create({"partner_id": p.id, "share": s, "sequence": i})
                          for i, (p, s) in enumerate(payers.items())],
            **vals,
        })
        if activate:
            contract.with_user(cls.director_a).action_activate()
        return contract

    @classmethod
    def _resident_under_contract(cls, **vals):
        """Hoàng Thị Mận, in care since 1 December 2025 under a signed contract her son pays 60% of and her
        daughter 40% (``vals`` adds to the contract): (resident, stay, contract)."""
        resident = cls._resident(name="Hoàng Thị Mận")
        stay = cls._admit(resident, date_start=datetime(2025, 12, 1, 3, 0))
        return resident, stay, cls._contract(resident, stay, payers={cls.son: 60, cls.daughter: 40}, **vals)

    def _pay(self, moves, journal_type="cash", day=None, amount=None, user=None):
        """Register the payment of ``moves`` (or the refund of credit notes) as the accountant would."""
        journal = self.env["account.journal"].search([
            ("company_id", "=", self.facility_a.id), ("type", "=", journal_type)], limit=1)
        values = {"journal_id": journal.id, "payment_date": day or date(2026, 3, 20)}
        if amount is not None:
            values["amount"] = amount
        wizard = self.env["account.payment.register"].with_user(user or self.accountant_a).with_context(
            active_model="account.move", active_ids=moves.ids).create(values)
        return wizard._create_payments()

    def _run(self, month_start, user=None, company=None):
        run = self.env["ctxh.billing.run"].with_user(user or self.accountant_a).create({
            "company_id": (company or self.facility_a).id, "date_from": month_start,
        })
        run.action_generate()
        return run
