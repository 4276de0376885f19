from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CtxhContractCase


@tagged("post_install", "-at_install")
class TestMoneyHistoryIsKept(CtxhContractCase):
    """Contracts and care invoices are archived or cancelled, never deleted."""

    def test_contracts_are_never_deleted(self):
        """A draft contract is archived, a signed one terminated; neither is deleted, even by the director."""
        resident = self._resident(name="Quách Thị Lụa")
        draft = self._contract(resident, activate=False)
        with self.assertRaisesRegex(UserError, "kept for good"):
            draft.with_user(self.director_a).unlink()
        draft.with_user(self.accountant_a).action_archive()
        self.assertFalse(draft.active)
        signed = self._contract(self._resident(name="Quách Văn Lực", gender="male"))
        with self.assertRaisesRegex(UserError, "Terminate"):
            signed.with_user(self.accountant_a).action_archive()
        with self.assertRaises(UserError):
            signed.with_user(self.director_a).unlink()

    def test_care_invoices_are_cancelled_and_the_month_billed_again(self):
        """A wrong draft invoice cannot be deleted; once cancelled, a new run bills the month again."""
        resident = self._resident(name="Tạ Thị Nhung")
        contract = self._contract(resident, self._admit(resident, date_start=datetime(2026, 1, 2, 3, 0)))
        first = self._run(date(2026, 3, 1)).move_ids
        with self.assertRaisesRegex(UserError, "cancel"):
            first.with_user(self.accountant_a).unlink()
        first.with_user(self.accountant_a).button_cancel()
        second = self._run(date(2026, 3, 1)).move_ids
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second, first)
        self.assertEqual(contract.move_ids, first | second)
        self.assertEqual(self._run(date(2026, 3, 1)).move_ids.ids, [], "a live invoice still blocks a third")
