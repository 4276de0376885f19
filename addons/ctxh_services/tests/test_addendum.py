from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestContractAddendum(CtxhContractCase):
    """A signed contract changes only by an addendum the director signs; the contract keeps its trace."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Lương Thị Cúc")
        cls.contract = cls._contract(cls.resident, payers={cls.son: 60, cls.daughter: 40})

    def _addendum(self, **vals):
        return self.env["ctxh.care.contract.addendum"].with_user(self.accountant_a).create({
            "contract_id": self.contract.id, "reason": "Gia đình xin thêm chăm sóc đặc biệt từ tháng 3.",
            **vals,
        })

    def test_signed_contract_lines_and_payers_are_frozen(self):
        """The accountant can no longer change, add or remove a service or a payer of a signed contract."""
        contract = self.contract.with_user(self.accountant_a)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            contract.line_ids[0].write({"price_unit": 1})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            contract.write({"line_ids": [Command.create({"product_id": self.special_care.id})]})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            contract.payer_ids[0].write({"share": 100})
        with self.assertRaises(UserError):
            contract.payer_ids[1].unlink()
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            contract.write({"state": "closed"})
        self.assertEqual(self.contract.line_ids.price_unit, 7_500_000)

    def test_director_signs_an_addendum_that_changes_the_contract(self):
        """A raised price, a new service and new payers reach the contract when the director signs, numbered."""
        addendum = self._addendum(
            line_ids=[Command.create({"product_id": self.shared_room.id, "price_unit": 7_800_000}),
                      Command.create({"product_id": self.special_care.id, "price_unit": 2_000_000})],
            replace_payers=True,
            payer_ids=[Command.create({"partner_id": self.son.id, "share": 100})])
        with self.assertRaises(AccessError):
            addendum.with_user(self.accountant_a).action_sign()
        self.assertTrue(addendum.with_user(self.director_a).action_sign())
        self.assertEqual(addendum.state, "signed")
        self.assertRegex(addendum.name, r"^PLHĐ-\d{4}-0001$")
        self.assertEqual(addendum.signer_id, self.director_a)
        prices = {line.product_id: line.price_unit for line in self.contract.line_ids}
        self.assertEqual(prices, {self.shared_room: 7_800_000, self.special_care: 2_000_000})
        self.assertEqual(self.contract.payer_ids.partner_id, self.son)
        self.assertEqual(self.contract.amount_monthly, 9_800_000)
        self.assertIn(addendum.name, self.contract.message_ids[0].body)
        # signed, the addendum itself is history
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            addendum.with_user(self.accountant_a).write({"reason": "Sửa lại."})
        with self.assertRaises(UserError):
            addendum.with_user(self.director_a).unlink()
        with self.assertRaises(UserError):
            addendum.with_user(self.director_a).action_sign()

    def test_quantity_zero_removes_a_service(self):
        """A line of quantity 0 removes the service from the contract."""
        self.contract.with_user(self.accountant_a)  # the contract has one monthly service
        extra = self._addendum(line_ids=[Command.create({"product_id": self.special_care.id,
                                                         "price_unit": 2_000_000})])
        extra.with_user(self.director_a).action_sign()
        removal = self._addendum(line_ids=[Command.create({"product_id": self.special_care.id, "quantity": 0,
                                                           "price_unit": 0})])
        removal.with_user(self.director_a).action_sign()
        self.assertEqual(self.contract.line_ids.product_id, self.shared_room)

    def test_new_payers_add_up_to_a_hundred(self):
        """New payers whose shares do not make 100% are refused before anyone signs."""
        with self.assertRaises(ValidationError):
            self._addendum(replace_payers=True, payer_ids=[Command.create({"partner_id": self.son.id, "share": 70})])

    def test_only_a_signed_contract_takes_an_addendum(self):
        """A draft contract is still edited directly: an addendum to it is refused at signature."""
        draft = self._contract(self._resident(name="Trịnh Văn Sáu", gender="male"), activate=False)
        addendum = self._addendum(contract_id=draft.id, line_ids=[
            Command.create({"product_id": self.laundry.id, "price_unit": 30_000})])
        with self.assertRaisesRegex(UserError, "this step is not possible now"):
            addendum.with_user(self.director_a).action_sign()
        with self.assertRaisesRegex(UserError, "this step is not possible now"):
            draft.with_user(self.accountant_a).action_new_addendum()
