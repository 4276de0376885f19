from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.ctxh_services.tests.test_social import CtxhSocialCase

OFFICE_WORKER = "ctxh_services.group_ctxh_office_worker"


@tagged("post_install", "-at_install")
class TestCollaborator(CtxhSocialCase):
    """Village collaborators and their monthly allowance: the province's dated rate x the base salary in force,
    prorated by the days worked, computed by the accountant and approved by the director."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facility_a.state_id = cls.env.ref("base.state_vn_VN-09")
        cls.env["ctxh.collaborator.rate"].create({
            "date_from": date(2021, 1, 1), "state_id": cls.facility_a.state_id.id, "coefficient": 0.2,
            "legal_basis": "Nghị quyết HĐND tỉnh"})
        Office = cls.env["ctxh.office"]
        cls.worker = cls.env["res.users"].create({
            "name": "Nông Văn Tú", "login": "ls_collab_office", "company_id": cls.facility_a.id,
            "company_ids": [cls.facility_a.id], "groups_id": [cls.env.ref(OFFICE_WORKER).id]})
        cls.ward = Office.create({"name": "VP phường Đông Kinh", "company_id": cls.facility_a.id,
                                  "user_ids": [cls.worker.id]})
        cls.school = Office.create({"name": "Phòng CTXH THCS Chi Lăng", "company_id": cls.facility_a.id})
        Collaborator = cls.env["ctxh.collaborator"]
        cls.lam = Collaborator.create({"name": "Hoàng Văn Lâm", "company_id": cls.facility_a.id,
                                       "office_id": cls.ward.id, "village": "Thôn Nà Chuông",
                                       "date_start": date(2023, 1, 1)})
        cls.mai = Collaborator.create({"name": "Lộc Thị Mai", "company_id": cls.facility_a.id,
                                       "office_id": cls.school.id, "village": "Khối 5",
                                       "date_start": date(2024, 6, 16)})

    def _sheet(self, month, **vals):
        sheet = self.env["ctxh.collaborator.allowance.sheet"].with_user(self.accountant_a).create({
            "company_id": self.facility_a.id, "date_from": month, **vals})
        sheet.action_compute()
        return sheet

    def test_rate_times_the_base_salary_in_force_prorated(self):
        """June 2024: 0.2 x 1,800,000; Mai from the 16th: 15 of 30 days. July 2024: 0.2 x 2,340,000 (Decree
        73/2024), Mai the whole month."""
        june = self._sheet(date(2024, 6, 1))
        amounts = {line.collaborator_id: (line.days, line.amount) for line in june.line_ids}
        self.assertEqual(amounts, {self.lam: (30, 360_000), self.mai: (15, 180_000)})
        july = self._sheet(date(2024, 7, 1))
        self.assertEqual(sorted(july.line_ids.mapped("amount")), [468_000, 468_000])
        self.assertEqual(july.amount_total, 936_000)
        self.assertEqual(july.amount_total_words, "Chín trăm ba mươi sáu nghìn đồng")
        # one office's sheet holds only its collaborators
        school = self._sheet(date(2024, 8, 1), office_id=self.school.id)
        self.assertEqual(school.line_ids.collaborator_id, self.mai)

    def test_a_collaborator_who_stopped_is_not_paid_after(self):
        self.lam.date_end = date(2024, 7, 10)
        self.assertEqual(self._sheet(date(2024, 7, 1)).line_ids.filtered(
            lambda line: line.collaborator_id == self.lam).amount, round(468_000 * 10 / 31))
        self.assertNotIn(self.lam, self._sheet(date(2024, 8, 1)).line_ids.collaborator_id)

    def test_director_approves_and_the_sheet_is_frozen(self):
        """Only the director approves; then the sheet and its lines cannot change, nor be computed again; the
        figures are never written by hand."""
        sheet = self._sheet(date(2024, 7, 1))
        with self.assertRaisesRegex(UserError, "can only be set by its actions"):
            sheet.line_ids[:1].with_user(self.accountant_a).write({"amount": 1})
        with self.assertRaises(AccessError):
            sheet.with_user(self.accountant_a).action_approve()
        self.assertTrue(sheet.with_user(self.director_a).action_approve())
        self.assertEqual((sheet.state, sheet.approved_by_id), ("approved", self.director_a))
        with self.assertRaises(UserError):
            sheet.with_user(self.accountant_a).action_compute()
        with self.assertRaises(UserError):
            sheet.with_user(self.director_a).write({"office_id": self.ward.id})
        with self.assertRaises(UserError):
            sheet.with_user(self.director_a).unlink()

    def test_one_sheet_per_month_said_in_words(self):
        self._sheet(date(2024, 7, 1))
        with self.assertRaisesRegex(ValidationError, "already has a sheet of this kind .* for 07/2024"):
            self._sheet(date(2024, 7, 1))

    def test_no_rate_no_sheet(self):
        """Without a rate for the province (nor a national one), computing says what to add."""
        self.facility_a.state_id = self.env.ref("base.state_vn_VN-01")
        self.env["ctxh.collaborator.rate"].search([("state_id", "=", False)]).unlink()
        with self.assertRaisesRegex(UserError, "No base salary or collaborator rate"):
            self._sheet(date(2024, 7, 1))

    def test_office_worker_sees_their_office_and_calls_are_counted(self):
        self.assertEqual(self.env["ctxh.collaborator"].with_user(self.worker).search([]), self.lam)
        self._call(collaborator_id=self.lam.id)
        self._call(collaborator_id=self.lam.id)
        self.assertEqual(self.lam.call_count, 2)
        with self.assertRaises(AccessError):
            self.env["ctxh.collaborator.allowance.sheet"].with_user(self.care_a).search([])
