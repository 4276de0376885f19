import re
from datetime import date, datetime
from html import unescape

import pytz

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase
from odoo.addons.ctxh_services.tests.common import CtxhContractCase

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# what a sensitive-data reader knows of the resident: none of it may reach a shared document
SECRETS = {
    "hiv_status": "positive",
    "hiv_note": "Điều trị ARV tại phòng khám ngoại trú",
    "drug_use_history": "Sử dụng heroin từ năm 2015",
    "victim_type": "trafficking",
    "victim_details": "Bị lừa bán qua biên giới năm 2018",
    "court_record": "Bản án số 12/2019/HS-ST",
}
DISCHARGE_DOCUMENTS = ("ctxh_reports.action_report_discharge_decision", "ctxh_reports.action_report_discharge_handover")
SECRET_TEXTS = ("HIV", "Dương tính", "ARV", "heroin", "biên giới", "12/2019/HS-ST", "Buôn bán người")


def vnd(amount):
    """An amount as Vietnamese documents write it: 8.550.000."""
    return f"{amount:,.0f}".replace(",", ".")


def date_words(day):
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def facility_today():
    """Today in Vietnam, where the documents are dated."""
    return datetime.now(pytz.timezone("Asia/Ho_Chi_Minh")).date()


class DocumentCaseMixin:
    """Facility A as a document heading shows it, and the rendering of a document by a user."""

    @classmethod
    def _setup_documents(cls):
        cls.facility_a.write({
            "city": "Lạng Sơn", "street": "Số 2, đường Lê Lợi", "phone": "0205 3870 123",
            "ctxh_director_id": cls.director_a.id,
        })
        Body = cls.env["ctxh.supervising.body"]
        Body.create({"name": "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", "company_id": cls.facility_a.id,
                     "date_from": date(2010, 1, 1), "date_to": date(2025, 2, 28)})
        Body.create({"name": "Sở Y tế tỉnh Lạng Sơn", "company_id": cls.facility_a.id,
                     "date_from": date(2025, 3, 1)})
        cls.vi = cls.env(context={"lang": "vi_VN"})

    def _html(self, report, records, user):
        html, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, records.ids)
        return html.decode()

    def _text(self, html):
        """The words of a rendered document: inline tags removed, block tags as spaces, spaces collapsed."""
        html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
        html = re.sub(r"</?(?:span|b|i|strong|em)\b[^>]*>", "", html)
        return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()

    def _render(self, report, records, user):
        return self._text(self._html(report, records, user))

    def _file_name(self, report, record):
        """The file name the Print menu gives the PDF (as the report controller evaluates it)."""
        return safe_eval(self.env.ref(report).print_report_name, {"object": record, "time": time})

    def _offered(self, report, record):
        """Whether the record's Print menu offers the document."""
        action = self.env.ref(report)
        return action.id in action.get_valid_action_reports(record._name, record.ids)

    def _assert_no_secret(self, html):
        for text in SECRET_TEXTS:
            self.assertNotIn(text, html)


@tagged("post_install", "-at_install")
class TestAdmissionDocuments(DocumentCaseMixin, CtxhResidentsCase):
    """The admission decision, the emergency reception record and the refusal letter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.regular = cls.env.ref("ctxh_residents.admission_type_regular")
        cls.emergency = cls.env.ref("ctxh_residents.admission_type_emergency")
        cls.resident = cls._resident(
            name="Nguyễn Thị Lành", birthdate=date(1950, 5, 17), national_id="020150000127",
            street="Thôn Nà Pàn", commune="Xã Hoàng Đồng", native_commune="Xã Tân Thanh",
            category_ids=[Command.set([cls.env.ref("ctxh_residents.category_child_hiv_poor").id,
                                       cls.env.ref("ctxh_residents.category_victim_trafficking").id])],
            **SECRETS)

    def _admission(self, admission_type=None, **vals):
        admission = self.env["ctxh.admission"].with_user(self.care_a).create({
            "resident_id": self.resident.id, "company_id": self.facility_a.id,
            "admission_type_id": (admission_type or self.regular).id, "request_date": date(2026, 3, 2),
            "case_worker_id": self.care_a.id, **vals,
        })
        admission.document_line_ids.write({"received": True})
        return admission

    def _decided(self):
        admission = self._admission()
        admission.with_user(self.care_a).action_submit()
        admission.with_user(self.director_a).action_approve()
        return admission

    def test_admission_decision(self):
        """The decision carries the heading, its number and date, the person, the admission type and the signer."""
        admission = self._decided()
        text = self._render("ctxh_reports.action_report_admission_decision", admission, self.director_a)
        self.assertIn(MOTTO, text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertIn("Sở Y tế tỉnh Lạng Sơn Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn", text)
        self.assertRegex(admission.decision_number, r"^\d+/QĐ-TTBTXHLS$")
        self.assertIn(f"Số: {admission.decision_number}", text)
        self.assertIn(f"Lạng Sơn, {date_words(admission.decision_date)}", text)
        self.assertIn("QUYẾT ĐỊNH Về việc tiếp nhận đối tượng vào chăm sóc, nuôi dưỡng tại cơ sở", text)
        self.assertIn("GIÁM ĐỐC Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn", text)
        self.assertIn(f"Căn cứ {self.regular.legal_basis};", text)
        self.assertIn("Căn cứ hồ sơ đề nghị tiếp nhận ngày 02 tháng 03 năm 2026", text)
        self.assertIn("Tiếp nhận Bà Nguyễn Thị Lành vào chăm sóc, nuôi dưỡng tại Trung tâm Bảo trợ xã hội tỉnh "
                      "Lạng Sơn theo diện Nuôi dưỡng thường xuyên (ngân sách nhà nước)", text)
        self.assertIn("giới tính: Nữ; ngày sinh: 17/05/1950", text)
        self.assertIn("(CCCD): 020150000127", text)
        self.assertIn("Nơi thường trú: Thôn Nà Pàn, Xã Hoàng Đồng", text)
        self.assertTrue(text.endswith(f"GIÁM ĐỐC {self.director_a.name}"), "the director signs")
        self.assertEqual(self._file_name("ctxh_reports.action_report_admission_decision", admission),
                         "Quyết định tiếp nhận - Nguyễn Thị Lành")

    def test_decision_cites_the_documents_of_the_chain(self):
        """Since 1 July 2025 the decision rests on the commune's proposal and the Department of Health's
        appraisal: each cited with its number and date, as the steps recorded them."""
        admission = self._admission()
        commune, health, _decision = admission.step_line_ids
        commune.write({"document_ref": "15/UBND-VX", "document_date": date(2026, 3, 10)})
        commune.with_user(self.care_a).action_done()
        health.write({"document_ref": "102/SYT-BTXH", "document_date": date(2026, 3, 20)})
        health.with_user(self.care_a).action_done()
        admission.with_user(self.care_a).action_submit()
        admission.with_user(self.director_a).action_approve()
        text = self._render("ctxh_reports.action_report_admission_decision", admission, self.director_a)
        self.assertIn("Căn cứ văn bản đề nghị của Ủy ban nhân dân cấp xã số 15/UBND-VX ngày 10 tháng 03 năm 2026;",
                      text)
        self.assertIn("Căn cứ kết quả thẩm định của Sở Y tế số 102/SYT-BTXH ngày 20 tháng 03 năm 2026;", text)

    def test_reprinted_decision_keeps_the_supervising_body_of_its_date(self):
        """A decision of 2024 names the labour department, which supervised the facility then."""
        admission = self._decided()
        admission.sudo().decision_date = date(2024, 6, 3)  # a decision of the register of 2024
        text = self._render("ctxh_reports.action_report_admission_decision", admission, self.care_a)
        self.assertIn("Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", text)
        self.assertNotIn("Sở Y tế", text)
        self.assertIn("Lạng Sơn, ngày 03 tháng 06 năm 2024", text)

    def test_no_decision_before_the_director_decides(self):
        """A submitted request has no decision: the Print menu does not offer it and printing it is refused."""
        admission = self._admission()
        admission.with_user(self.care_a).action_submit()
        self.assertFalse(self._offered("ctxh_reports.action_report_admission_decision", admission))
        with self.assertRaisesRegex(UserError, "has no decision yet"):
            self._html("ctxh_reports.action_report_admission_decision", admission, self.director_a)
        admission.with_user(self.director_a).action_approve()
        self.assertTrue(self._offered("ctxh_reports.action_report_admission_decision", admission))
        self.assertFalse(self._offered("ctxh_reports.action_report_admission_refusal", admission))
        self.assertFalse(self._offered("ctxh_reports.action_report_admission_reception", admission))

    def test_emergency_reception_record(self):
        """The reception record states when (facility time), who brought the person, the circumstances and
        the condition on arrival, for both sides to sign."""
        admission = self._admission(
            self.emergency, received_at=datetime(2026, 3, 9, 7, 30),
            brought_by="Công an phường Vĩnh Trại, Thượng úy Hoàng Văn Nam",
            circumstances="Phát hiện tại bến xe phía Nam lúc 13 giờ, không có giấy tờ tùy thân.",
            arrival_condition="Mệt mỏi, đói.\nCó vết xước ở tay trái.")
        admission.with_user(self.care_a).action_admit_emergency()
        self.assertTrue(self._offered("ctxh_reports.action_report_admission_reception", admission))
        html = self._html("ctxh_reports.action_report_admission_reception", admission, self.director_a)
        text = self._text(html)
        self.assertIn(MOTTO, text)
        self.assertIn("Lạng Sơn, ngày 09 tháng 03 năm 2026", text)
        self.assertIn("BIÊN BẢN TIẾP NHẬN Đối tượng cần bảo vệ khẩn cấp", text)
        self.assertIn("Hồi 14 giờ 30 phút, ngày 09 tháng 03 năm 2026, tại Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn",
                      text)
        self.assertIn("Bên đưa đối tượng đến: Công an phường Vĩnh Trại, Thượng úy Hoàng Văn Nam", text)
        self.assertIn(f"đại diện là {self.care_a.name}", text)
        self.assertIn("Phát hiện tại bến xe phía Nam lúc 13 giờ, không có giấy tờ tùy thân.", text)
        self.assertIn("Mệt mỏi, đói.<br/>Có vết xước ở tay trái.", html, "line breaks are kept")
        self.assertIn("Họ và tên: Nguyễn Thị Lành", text)
        self.assertIn(f"BÊN TIẾP NHẬN (Ký, ghi rõ họ tên) {self.care_a.name}", text)
        self.assertEqual(self._file_name("ctxh_reports.action_report_admission_reception", admission),
                         "Biên bản tiếp nhận - Nguyễn Thị Lành")
        # the circumstances are sensitive: printed for the director (and logged), lines to fill in for care staff
        log = self.env["ctxh.sensitive.access.log"].search(
            [("res_model", "=", "ctxh.admission"), ("res_id", "=", admission.id), ("access_type", "=", "print")])
        self.assertEqual(log.user_id, self.director_a)
        self.assertIn("circumstances", log.field_names)
        text = self._text(self._html("ctxh_reports.action_report_admission_reception", admission, self.care_a))
        self.assertNotIn("bến xe", text)
        self.assertNotIn("vết xước", text)
        self.assertIn("Bên đưa đối tượng đến: Công an phường Vĩnh Trại", text)

    def test_reception_record_is_for_emergencies_received(self):
        """A regular admission has no reception record; an emergency one not yet received has none either."""
        with self.assertRaisesRegex(UserError, "not in an emergency"):
            self._html("ctxh_reports.action_report_admission_reception", self._decided(), self.care_a)
        waiting = self._admission(self.emergency)
        self.assertFalse(self._offered("ctxh_reports.action_report_admission_reception", waiting))
        with self.assertRaisesRegex(UserError, "Record when"):
            self._html("ctxh_reports.action_report_admission_reception", waiting, self.care_a)

    def test_refusal_letter(self):
        """The refusal letter answers the referrer in writing, with the reasons, dated the day of the refusal."""
        commune = self.env["res.partner"].create({"name": "Ủy ban nhân dân xã Hoàng Đồng"})
        admission = self._admission(referrer_id=commune.id)
        admission.with_user(self.care_a).action_submit()
        admission.refuse_reason = "Bà có con trai đủ khả năng phụng dưỡng.\nHồ sơ thiếu xác nhận hộ nghèo."
        with self.assertRaisesRegex(UserError, "not refused"):
            self._html("ctxh_reports.action_report_admission_refusal", admission, self.director_a)
        admission.with_user(self.director_a).action_refuse()
        html = self._html("ctxh_reports.action_report_admission_refusal", admission, self.director_a)
        text = self._text(html)
        today = facility_today()
        self.assertIn(MOTTO, text)
        self.assertIn(f"Lạng Sơn, {date_words(today)}", text)
        self.assertIn("V/v từ chối tiếp nhận đối tượng vào cơ sở", text)
        self.assertIn("Kính gửi: Ủy ban nhân dân xã Hoàng Đồng", text)
        self.assertIn("đề nghị tiếp nhận Bà Nguyễn Thị Lành (sinh 17/05/1950)", text)
        self.assertIn("đề nghị ngày 02 tháng 03 năm 2026", text)
        self.assertIn("Bà có con trai đủ khả năng phụng dưỡng.<br/>Hồ sơ thiếu xác nhận hộ nghèo.", html)
        self.assertIn("điện thoại 0205 3870 123", text)
        self.assertTrue(text.endswith(f"GIÁM ĐỐC {self.director_a.name}"))
        self.assertEqual(self._file_name("ctxh_reports.action_report_admission_refusal", admission),
                         "Văn bản từ chối tiếp nhận - Nguyễn Thị Lành")

    def test_shared_admission_documents_carry_no_sensitive_detail(self):
        """Even printed by the director, who sees them on screen, the decision, the reception record and the
        refusal letter carry no HIV, drug-use, victim or court detail, nor a category that tells them."""
        self.assertEqual(self.resident.with_user(self.director_a).hiv_status, "positive")
        decided = self._decided()
        emergency = self._admission(self.emergency, received_at=datetime(2026, 3, 9, 7, 30), brought_by="Công an",
                                    circumstances="Tự tìm đến cơ sở.")
        refused = self._admission(refuse_reason="Không thuộc diện tiếp nhận.")
        refused.with_user(self.care_a).action_submit()
        refused.with_user(self.director_a).action_refuse()
        for report, admission in [("ctxh_reports.action_report_admission_decision", decided),
                                  ("ctxh_reports.action_report_admission_reception", emergency),
                                  ("ctxh_reports.action_report_admission_refusal", refused)]:
            with self.subTest(report=report):
                html = self._html(report, admission, self.director_a)
                self.assertIn("Nguyễn Thị Lành", html)
                self._assert_no_secret(html)
                self.assertNotIn("Nạn nhân", html)


@tagged("post_install", "-at_install")
class TestDischargeDocuments(DocumentCaseMixin, CtxhResidentsCase):
    """The discharge decision and the handover record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.resident = cls._resident(name="Sầm Thị Phượng", birthdate=date(1948, 2, 1), **SECRETS)
        cls.stay = cls._admit(cls.resident, cls.bed1, case_worker_id=cls.care_a.id,
                              date_start=datetime(2025, 1, 10, 1, 0))
        cls.son = cls.env["res.partner"].create({
            "name": "Sầm Văn Pò", "street": "Thôn Bản Ngà", "city": "Xã Hoàng Văn Thụ", "phone": "0912 345 678"})
        cls.reason = cls.env.ref("ctxh_residents.discharge_reason_family_request")
        cls.discharge = cls.env["ctxh.discharge"].with_user(cls.care_a).create({
            "stay_id": cls.stay.id, "reason_id": cls.reason.id, "destination": "family",
            "requested_by": "family", "requester_name": "Sầm Văn Pò", "request_date": date(2026, 3, 2),
            "receiving_partner_id": cls.son.id, "handover_date": datetime(2026, 3, 9, 2, 0),
            "handover_note": "Giấy khai sinh, thẻ bảo hiểm y tế.\nHai bộ quần áo, một chăn.",
        })

    def test_no_discharge_document_before_the_decision(self):
        """A draft discharge has neither a decision nor a handover record to print."""
        for report in DISCHARGE_DOCUMENTS:
            with self.subTest(report=report):
                self.assertFalse(self._offered(report, self.discharge))
                with self.assertRaisesRegex(UserError, "no decision yet|not decided"):
                    self._html(report, self.discharge, self.director_a)

    def test_discharge_decision(self):
        """The decision states its number and date, the ground with its legal basis, the date of leaving and
        who receives the person."""
        self.discharge.with_user(self.director_a).action_approve()
        text = self._render("ctxh_reports.action_report_discharge_decision", self.discharge, self.director_a)
        self.assertIn(MOTTO, text)
        self.assertIn(f"Số: {self.discharge.decision_number}", text)
        self.assertIn(f"Lạng Sơn, {date_words(self.discharge.decision_date)}", text)
        self.assertIn("QUYẾT ĐỊNH Về việc thôi chăm sóc, nuôi dưỡng và cho đối tượng rời cơ sở", text)
        self.assertIn(f"Căn cứ {self.reason.legal_basis};", text)
        self.assertIn("Xét đề nghị của gia đình, người giám hộ (Sầm Văn Pò) ngày 02 tháng 03 năm 2026", text)
        self.assertIn("cho Bà Sầm Thị Phượng rời cơ sở kể từ ngày 09 tháng 03 năm 2026", text)
        self.assertIn("Được tiếp nhận vào cơ sở từ ngày 10/01/2025", text)
        self.assertIn("Lý do: Theo đề nghị của người giám hộ hoặc gia đình.", text)
        self.assertIn("cho Sầm Văn Pò, địa chỉ: Thôn Bản Ngà, Xã Hoàng Văn Thụ (nơi đến: Gia đình)", text)
        self.assertTrue(text.endswith(f"GIÁM ĐỐC {self.director_a.name}"))
        self.assertEqual(self._file_name("ctxh_reports.action_report_discharge_decision", self.discharge),
                         "Quyết định rời cơ sở - Sầm Thị Phượng")

    def test_handover_record(self):
        """The handover record names both sides and the commune, the time of the handover and what is handed
        over, and follows the decision."""
        self.discharge.with_user(self.director_a).action_approve()
        self.discharge.with_user(self.care_a).action_done()
        html = self._html("ctxh_reports.action_report_discharge_handover", self.discharge, self.care_a)
        text = self._text(html)
        self.assertIn(MOTTO, text)
        self.assertIn("Lạng Sơn, ngày 09 tháng 03 năm 2026", text)
        self.assertIn("BIÊN BẢN BÀN GIAO", text)
        self.assertIn(f"Căn cứ Quyết định số {self.discharge.decision_number} "
                      f"{date_words(self.discharge.decision_date)}", text)
        self.assertIn("Hồi 09 giờ 00 phút, ngày 09 tháng 03 năm 2026", text)
        self.assertIn(f"Bên giao: Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn, đại diện là {self.care_a.name}", text)
        self.assertIn("Bên nhận: Sầm Văn Pò, địa chỉ: Thôn Bản Ngà, Xã Hoàng Văn Thụ, điện thoại: 0912 345 678", text)
        self.assertIn("Đại diện Ủy ban nhân dân cấp xã", text)
        self.assertIn("Giấy khai sinh, thẻ bảo hiểm y tế.<br/>Hai bộ quần áo, một chăn.", html)
        self.assertIn("BÊN NHẬN (Ký, ghi rõ họ tên) Sầm Văn Pò", text)
        self.assertIn("XÁC NHẬN CỦA UBND CẤP XÃ", text)
        self.assertEqual(self._file_name("ctxh_reports.action_report_discharge_handover", self.discharge),
                         "Biên bản bàn giao - Sầm Thị Phượng")

    def test_discharge_documents_carry_no_sensitive_detail(self):
        """Printed by the director, the discharge decision and the handover record carry no sensitive detail."""
        self.discharge.with_user(self.director_a).action_approve()
        for report in DISCHARGE_DOCUMENTS:
            with self.subTest(report=report):
                html = self._html(report, self.discharge, self.director_a)
                self.assertIn("Sầm Thị Phượng", html)
                self._assert_no_secret(html)


@tagged("post_install", "-at_install")
class TestMoneyDocuments(DocumentCaseMixin, CtxhContractCase):
    """The care contract and the cash vouchers: every figure as the database holds it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        cls.son.write({"street": "Số 5, ngõ 3, đường Bà Triệu", "city": "Phường Đông Kinh", "phone": "0987 654 321"})
        cls.resident = cls._resident(name="Hoàng Thị Mận", birthdate=date(1944, 8, 20), **SECRETS)
        cls.stay = cls._admit(cls.resident, date_start=datetime(2025, 12, 1, 3, 0))
        cls.contract = cls._contract(
            cls.resident, cls.stay, payers={cls.son: 60, cls.daughter: 40},
            products=cls.shared_room | cls.special_care | cls.laundry,
            deposit_amount=2_000_000, reduction_percent=10, reduction_reason="Hộ cận nghèo")

    def test_care_contract(self):
        """The contract shows both parties, each payer's share and monthly amount, the services at their agreed
        prices, the reduction, the monthly fee and the deposit in figures and in words, and the dates."""
        contract = self.contract
        self.assertEqual(contract.amount_monthly, 8_550_000, "(7,500,000 + 2,000,000) less 10%")
        text = self._render("ctxh_reports.action_report_care_contract", contract, self.accountant_a)
        self.assertIn(MOTTO, text)
        self.assertIn(f"Số: {contract.name}", text)
        self.assertIn(f"Lạng Sơn, {date_words(contract.signed_date)}", text)
        self.assertIn("HỢP ĐỒNG DỊCH VỤ CHĂM SÓC", text)
        self.assertIn("Căn cứ Quyết định 1234/QĐ-UBND về giá dịch vụ", text, "the price decision in force")
        self.assertIn(f"Đại diện: {self.director_a.name}, chức vụ: Giám đốc", text)
        self.assertIn("1. Hoàng Văn Hải, địa chỉ: Số 5, ngõ 3, đường Bà Triệu, Phường Đông Kinh, điện thoại: "
                      "0987 654 321; thanh toán 60% phí dịch vụ", text)
        self.assertIn("2. Hoàng Thị Hoa; thanh toán 40% phí dịch vụ", text)
        self.assertIn("Họ và tên: Hoàng Thị Mận", text)
        for index, line in enumerate(contract.line_ids, start=1):
            unit = "tháng" if line.service_kind == "residential_month" else "lần"
            self.assertIn(f"{index} {line.name} {unit} 1 {vnd(line.price_unit)} {vnd(line.price_subtotal)}", text)
        self.assertEqual(contract.line_ids.mapped("price_unit"), [7_500_000, 2_000_000, 30_000])
        self.assertIn("Tổng giá các dịch vụ hằng tháng: 9.500.000 đồng", text)
        self.assertIn("Miễn, giảm 10% (Hộ cận nghèo): 950.000 đồng", text)
        words = contract.currency_id.ctxh_amount_to_words(contract.amount_monthly)
        self.assertEqual(words, "Tám triệu năm trăm năm mươi nghìn đồng")
        self.assertIn(f"Phí dịch vụ hằng tháng: {vnd(contract.amount_monthly)} đồng (Bằng chữ: {words})", text)
        # 60% of 6,750,000 and 1,800,000; the daughter pays the rest, as the monthly invoices split it
        self.assertIn("Hoàng Văn Hải thanh toán 60%: 5.130.000 đồng mỗi tháng", text)
        self.assertIn("Hoàng Thị Hoa thanh toán 40%: 3.420.000 đồng mỗi tháng", text)
        self.assertIn("thanh toán trước, hóa đơn lập vào ngày đầu mỗi tháng", text)
        self.assertIn(f"Bên B đặt cọc {vnd(contract.deposit_amount)} đồng (Bằng chữ: Hai triệu đồng)", text)
        self.assertIn("Hợp đồng có hiệu lực từ ngày 05/01/2026 cho đến khi chấm dứt", text)
        self.assertIn("Hợp đồng được lập thành 03 bản", text)
        self.assertTrue(text.endswith(f"ĐẠI DIỆN BÊN A GIÁM ĐỐC {self.director_a.name}"))
        self.assertEqual(self._file_name("ctxh_reports.action_report_care_contract", contract),
                         f"Hợp đồng chăm sóc {contract.name} - Hoàng Thị Mận")

    def test_split_matches_the_monthly_invoices(self):
        """What the contract says each payer pays a month is what the month's invoices charge them."""
        run = self._run(date(2026, 3, 1))
        totals = {move.partner_id: move.amount_total for move in run.move_ids}
        text = self._render("ctxh_reports.action_report_care_contract", self.contract, self.accountant_a)
        self.assertEqual(set(totals.values()), {5_130_000, 3_420_000})
        for partner, amount in totals.items():
            self.assertIn(f"{partner.name} thanh toán", text)
            self.assertIn(f"{vnd(amount)} đồng mỗi tháng", text)

    def test_contract_is_for_accountants_and_directors(self):
        """Care staff cannot print the contract (it shows money); the director can, and sees no sensitive detail."""
        with self.assertRaises(AccessError):
            self._html("ctxh_reports.action_report_care_contract", self.contract, self.care_a)
        html = self._html("ctxh_reports.action_report_care_contract", self.contract, self.director_a)
        self.assertIn("Hoàng Thị Mận", html)
        self._assert_no_secret(html)

    def test_contract_without_payers_is_not_printed(self):
        """A draft contract without payers has no Bên B: printing it is refused."""
        draft = self._contract(self._resident(name="Lục Văn Tòng"), payers={self.son: 100}, activate=False)
        draft.payer_ids = [Command.clear()]
        with self.assertRaisesRegex(UserError, "Add the payers"):
            self._html("ctxh_reports.action_report_care_contract", draft, self.accountant_a)

    def _month_invoice(self, partner):
        run = self._run(date(2026, 3, 1))
        run.action_post()
        return run.move_ids.filtered(lambda m: m.partner_id == partner)

    def test_cash_receipt(self):
        """The receipt (phiếu thu, form 01-TT) shows its number, date, payer and address, the reason with the
        contract, the amount in figures and words, the accounts and the five signatures."""
        payment = self._pay(self._month_invoice(self.son), day=date(2026, 3, 5), amount=2_000_015)
        self.assertEqual(payment.ctxh_voucher_number, "PT-2026-0001")
        self.assertTrue(self._offered("ctxh_reports.action_report_payment_voucher", payment))
        text = self._render("ctxh_reports.action_report_payment_voucher", payment, self.accountant_a)
        self.assertNotIn(MOTTO, text, "a voucher carries its form number, not the motto")
        self.assertIn("Đơn vị: Trung tâm Bảo trợ xã hội tỉnh Lạng Sơn", text)
        self.assertIn("Địa chỉ: Số 2, đường Lê Lợi, Lạng Sơn", text)
        self.assertIn("Mẫu số 01-TT", text)
        self.assertIn("PHIẾU THU ngày 05 tháng 03 năm 2026", text)
        self.assertIn("Số: PT-2026-0001", text)
        journal = payment.journal_id.with_company(self.facility_a)
        receivable = payment.destination_account_id.with_company(self.facility_a)
        self.assertIn(f"Nợ: {journal.default_account_id.code} Có: {receivable.code}", text)
        self.assertTrue(journal.default_account_id.code.startswith("111"), "cash in hand")
        self.assertTrue(receivable.code.startswith("131"), "owed by customers")
        self.assertIn("Họ và tên người nộp tiền: Hoàng Văn Hải", text)
        self.assertIn("Địa chỉ: Số 5, ngõ 3, đường Bà Triệu, Phường Đông Kinh", text)
        self.assertIn(f"Lý do nộp: {payment.memo}; hợp đồng số {self.contract.name} "
                      "(người được chăm sóc: Hoàng Thị Mận)", text)
        self.assertIn("Số tiền: 2.000.015 đồng", text)
        self.assertEqual(payment.ctxh_amount_words, "Hai triệu không trăm mười lăm đồng")
        self.assertIn("(Viết bằng chữ): Hai triệu không trăm mười lăm đồng", text)
        self.assertIn("Giám đốc Kế toán trưởng Người nộp tiền Người lập phiếu Thủ quỹ (Ký, họ tên, đóng dấu) "
                      "(Ký, họ tên) (Ký, họ tên) (Ký, họ tên) (Ký, họ tên)", text)
        self.assertIn(f"{self.director_a.name} Hoàng Văn Hải {self.accountant_a.name} Đã nhận đủ", text,
                      "the director, the payer and who wrote the receipt under their blocks")
        self.assertIn("Đã nhận đủ số tiền (viết bằng chữ): Hai triệu không trăm mười lăm đồng", text)
        self.assertEqual(self._file_name("ctxh_reports.action_report_payment_voucher", payment),
                         "Phiếu thu PT-2026-0001")
        self._assert_no_secret(self._html("ctxh_reports.action_report_payment_voucher", payment, self.director_a))

    def test_cash_payment_voucher(self):
        """Cash paid back to a payer prints as a payment voucher (phiếu chi, form 02-TT) with the receiver."""
        cash = self.env["account.journal"].search([("company_id", "=", self.facility_a.id), ("type", "=", "cash")],
                                                  limit=1)
        payment = self.env["account.payment"].with_user(self.accountant_a).create({
            "payment_type": "outbound", "partner_type": "customer", "partner_id": self.daughter.id,
            "amount": 1_250_000, "journal_id": cash.id, "date": date(2026, 3, 10),
            "memo": "Hoàn tiền ngày không ở tại cơ sở",
        })
        payment.action_post()
        self.assertEqual(payment.ctxh_voucher_number, "PC-2026-0001")
        text = self._render("ctxh_reports.action_report_payment_voucher", payment, self.accountant_a)
        self.assertIn("Mẫu số 02-TT", text)
        self.assertIn("PHIẾU CHI ngày 10 tháng 03 năm 2026", text)
        self.assertIn("Số: PC-2026-0001", text)
        self.assertIn("Họ và tên người nhận tiền: Hoàng Thị Hoa", text)
        self.assertIn("Lý do chi: Hoàn tiền ngày không ở tại cơ sở.", text)
        self.assertIn("Số tiền: 1.250.000 đồng (Viết bằng chữ): Một triệu hai trăm năm mươi nghìn đồng", text)
        self.assertIn("Giám đốc Kế toán trưởng Thủ quỹ Người lập phiếu Người nhận tiền", text)
        self.assertIn(f"{self.director_a.name} {self.accountant_a.name} Hoàng Thị Hoa Đã nhận đủ", text)
        self.assertNotIn("PHIẾU THU", text)
        self.assertEqual(self._file_name("ctxh_reports.action_report_payment_voucher", payment),
                         "Phiếu chi PC-2026-0001")

    def test_vouchers_are_for_confirmed_cash_payments(self):
        """A bank transfer has the bank's advice, not a receipt; a draft payment has no number yet; care staff
        print no voucher."""
        invoice = self._month_invoice(self.daughter)
        bank = self._pay(invoice, journal_type="bank", day=date(2026, 3, 9))
        self.assertFalse(self._offered("ctxh_reports.action_report_payment_voucher", bank))
        with self.assertRaisesRegex(UserError, "went through the bank"):
            self._html("ctxh_reports.action_report_payment_voucher", bank, self.accountant_a)
        draft = self.env["account.payment"].with_user(self.accountant_a).create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.son.id, "amount": 100_000,
            "journal_id": self.env["account.journal"].search(
                [("company_id", "=", self.facility_a.id), ("type", "=", "cash")], limit=1).id,
        })
        with self.assertRaisesRegex(UserError, "no voucher number"):
            self._html("ctxh_reports.action_report_payment_voucher", draft, self.accountant_a)
        with self.assertRaises(AccessError):
            self._html("ctxh_reports.action_report_payment_voucher", bank, self.care_a)

    def test_receipt_prints_as_pdf(self):
        """wkhtmltopdf turns the receipt into a PDF."""
        payment = self._pay(self._month_invoice(self.son), day=date(2026, 3, 5))
        pdf, kind = self.env["ir.actions.report"].with_user(self.accountant_a).with_context(
            force_report_rendering=True)._render_qweb_pdf("ctxh_reports.action_report_payment_voucher", payment.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestInternalDocuments(DocumentCaseMixin, CtxhResidentsCase):
    """The resident profile and the care plan: sensitive details only for readers of sensitive data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_documents()
        ref = cls.env.ref
        cls.elderly = ref("ctxh_residents.category_elderly_no_carer")
        cls.victims = ref("ctxh_residents.category_victim_trafficking")
        cls.resident = cls._resident(
            name="Hà Thị Nguyệt", birthdate=date(1955, 10, 4), national_id="020155000123",
            ethnicity_id=ref("ctxh_residents.ethnicity_02").id, education_level="primary",
            hi_card_number="BT2202012345678", hi_card_expiry=date(2027, 12, 31),
            category_ids=[Command.set([cls.elderly.id, cls.victims.id])], **SECRETS)
        Partner = cls.env["res.partner"]
        cls.daughter = Partner.create({"name": "Hà Thị Thu", "phone": "0911 222 333", "city": "Xã Chi Lăng"})
        cls.abuser = Partner.create({"name": "Lý Văn Cường"})
        cls.resident.relative_ids = [
            Command.create({"partner_id": cls.daughter.id, "relationship": "child", "is_guardian": True}),
            Command.create({"partner_id": cls.abuser.id, "relationship": "spouse", "visit_permission": "forbidden"}),
        ]
        old_stay = cls._admit(cls.resident, date_start=datetime(2019, 4, 1, 2, 0))
        old_stay._end(datetime(2020, 4, 1, 2, 0))
        cls.stay = cls._admit(cls.resident, cls.bed2, date_start=datetime(2025, 11, 3, 2, 0))
        cls.env["ctxh.health.check"].create({
            "resident_id": cls.resident.id, "date": date(2026, 2, 10), "height": 152, "weight": 47.5,
            "blood_pressure_systolic": 135, "blood_pressure_diastolic": 85, "pulse": 76, "temperature": 36.8,
            "findings": "Viêm gan B mạn tính, theo dõi định kỳ.",
        })
        cls.env["ctxh.medical.event"].create({
            "resident_id": cls.resident.id, "kind": "chronic_condition", "diagnosis": "Lao phổi",
            "icd10_code": "A15.0", "outcome": "under_treatment", "date": datetime(2026, 1, 20, 3, 0),
        })
        cls.plan = cls.env["ctxh.care.plan"].with_user(cls.care_a).create({
            "resident_id": cls.resident.id, "user_id": cls.care_a.id, "date_start": date(2026, 3, 2),
            "review_date": date(2026, 6, 2),
            "goal_ids": [
                Command.create({"objective": "Tự đi lại trong khu nhà", "indicator": "Đi 50 m không cần người dìu",
                                "target_date": date(2026, 5, 31)}),
                Command.create({"objective": "Tham gia sinh hoạt tập thể", "indicator": "2 buổi mỗi tuần",
                                "status": "achieved"}),
            ],
            "intervention_ids": [
                Command.create({"kind": "therapy", "description": "Tập vật lý trị liệu", "frequency": "3 buổi/tuần",
                                "user_id": cls.care_a.id, "date_start": date(2026, 3, 2)}),
            ],
        })
        cls.sensitive_texts = (
            "THÔNG TIN NHẠY CẢM", "Tình trạng HIV", "Dương tính", SECRETS["hiv_note"], SECRETS["drug_use_history"],
            "Buôn bán người", SECRETS["victim_details"], SECRETS["court_record"], "Viêm gan B mạn tính",
            "Lao phổi", "A15.0", "Tày",
        )

    def test_profile_for_medical_staff_shows_sensitive_details(self):
        """Medical staff (and the director) see HIV status, drug use, victim and court details, ethnicity and
        health records on the profile."""
        for user in (self.medical_a, self.director_a):
            with self.subTest(user=user.login):
                text = self._render("ctxh_reports.action_report_resident_profile", self.resident, user)
                for secret in self.sensitive_texts:
                    self.assertIn(secret, text)
                self.assertIn("Khám sức khỏe gần nhất Ngày 10/02/2026: chiều cao 152 cm, cân nặng 47,5 kg", text)
                self.assertIn("Nạn nhân bị buôn bán người", text, "the category that tells it too")
                printed = self.env["ctxh.sensitive.access.log"].search([
                    ("resident_id", "=", self.resident.id), ("user_id", "=", user.id), ("access_type", "=", "print")])
                self.assertTrue(printed, "printing sensitive details is logged")

    def test_profile_for_care_staff_leaves_sensitive_details_out(self):
        """Care staff and accountants get the profile without any sensitive detail, in the HTML itself."""
        for user in (self.care_a, self.accountant_a):
            with self.subTest(user=user.login):
                html = self._html("ctxh_reports.action_report_resident_profile", self.resident, user)
                for secret in self.sensitive_texts:
                    self.assertNotIn(secret, html)
                self._assert_no_secret(html)
                self.assertNotIn("Nạn nhân", html)
                self.assertIn("Hà Thị Nguyệt", html)
                self.assertFalse(self.env["ctxh.sensitive.access.log"].search([
                    ("resident_id", "=", self.resident.id), ("user_id", "=", user.id)]), "nothing sensitive printed")

    def test_profile(self):
        """The profile shows identity, categories, relatives with the visit ban, and every stay."""
        text = self._render("ctxh_reports.action_report_resident_profile", self.resident, self.care_a)
        self.assertIn(MOTTO, text)
        self.assertIn("Tài liệu nội bộ", text)
        self.assertIn(f"Lạng Sơn, {date_words(facility_today())}", text)
        self.assertIn(f"SƠ YẾU LÝ LỊCH ĐỐI TƯỢNG Mã đối tượng: {self.resident.code}", text)
        self.assertIn("Họ và tên Hà Thị Nguyệt Giới tính Nữ Ngày (năm) sinh 04/10/1955", text)
        self.assertIn("Số định danh cá nhân (CCCD) 020155000123", text)
        self.assertIn("Thẻ bảo hiểm y tế BT2202012345678, có giá trị đến ngày 31/12/2027", text)
        self.assertIn(f"- {self.elderly.with_env(self.vi).name} ({self.elderly.legal_basis})", text)
        self.assertIn("Hà Thị Thu (người giám hộ) Con 0911 222 333 Xã Chi Lăng Được thăm", text)
        self.assertIn("Lý Văn Cường Vợ/chồng", text)
        self.assertIn("Không được thăm", text)
        self.assertIn("01/04/2019 01/04/2020", text)
        self.assertIn("03/11/2025 Đang ở", text)
        self.assertIn(self.bed2.display_name, text)
        self.assertEqual(self._file_name("ctxh_reports.action_report_resident_profile", self.resident),
                         "Sơ yếu lý lịch - Hà Thị Nguyệt")

    def test_care_plan(self):
        """The approved plan shows its goals, interventions, review date and the director's approval."""
        with self.assertRaisesRegex(UserError, "is a draft"):
            self._html("ctxh_reports.action_report_care_plan", self.plan, self.care_a)
        self.assertFalse(self._offered("ctxh_reports.action_report_care_plan", self.plan))
        self.plan.with_user(self.care_a).action_submit()
        self.plan.with_user(self.director_a).action_approve()
        text = self._render("ctxh_reports.action_report_care_plan", self.plan, self.care_a)
        self.assertIn(MOTTO, text)
        self.assertIn(f"Lạng Sơn, {date_words(self.plan.approval_date)}", text)
        self.assertIn("KẾ HOẠCH CHĂM SÓC CÁ NHÂN Phiên bản 1, thực hiện từ ngày 02/03/2026", text)
        self.assertIn("Họ và tên: Hà Thị Nguyệt", text)
        self.assertIn("Vào cơ sở ngày 03/11/2025", text)
        self.assertIn("1 Tự đi lại trong khu nhà Đi 50 m không cần người dìu 31/05/2026", text)
        self.assertIn("2 Tham gia sinh hoạt tập thể 2 buổi mỗi tuần", text)
        self.assertIn(f"Tập vật lý trị liệu 3 buổi/tuần {self.care_a.name} 02/03/2026", text)
        self.assertIn("đánh giá lại trước ngày 02/06/2026. Đã đạt 1/2 mục tiêu.", text)
        self.assertIn(f"phê duyệt ngày {self.plan.approval_date:%d/%m/%Y}", text)
        self.assertTrue(text.endswith(f"PHÊ DUYỆT CỦA GIÁM ĐỐC (Ký, ghi rõ họ tên) {self.director_a.name}"))
        self.assertEqual(self._file_name("ctxh_reports.action_report_care_plan", self.plan),
                         "Kế hoạch chăm sóc - Hà Thị Nguyệt (v1)")

    def test_care_plan_sensitive_details_follow_the_reader(self):
        """The care plan carries the sensitive details for medical staff, not for care staff."""
        self.plan.with_user(self.care_a).action_submit()
        medical = self._render("ctxh_reports.action_report_care_plan", self.plan, self.medical_a)
        care = self._html("ctxh_reports.action_report_care_plan", self.plan, self.care_a)
        for secret in self.sensitive_texts:
            self.assertIn(secret, medical)
            self.assertNotIn(secret, care)
        self.assertIn("Tập vật lý trị liệu", care)
        self.assertIn("(Chưa phê duyệt)", medical, "submitted, not approved yet")


@tagged("post_install", "-at_install")
class TestProcessingRegister(TransactionCase):
    """The register of sensitive data processing lists, from the registry, what is sensitive and who sees it."""

    def test_register_lists_every_sensitive_field_and_health_record(self):
        """Every ctxh field restricted to the sensitive data group and every health record model is on the
        director's printed register, with its readers; others may not print it."""
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        report = self.env["report.ctxh_reports.report_processing_register"].with_user(director)
        expected_fields, expected_models = [], []
        for name in self.env:
            Model = self.env[name].with_context(lang="vi_VN")
            if not name.startswith("ctxh.") or Model._abstract or Model._transient or not Model._auto:
                continue
            if getattr(Model, "_ctxh_health_record", False):
                expected_models.append(self.env["ir.model"]._get(name).with_context(lang="vi_VN").name)
            for field in Model._fields.values():
                if field.groups and "ctxh_residents.group_ctxh_sensitive" in field.groups:
                    expected_fields.append(field._description_string(Model.env))
        self.assertGreaterEqual(len(expected_fields), 6)
        self.assertEqual(len(expected_models), 3, "health checks, medical events, medication orders")
        rows_vi = report.with_context(lang="vi_VN")._ctxh_processing_rows()
        listed = " ".join(row[1] for row in rows_vi)
        models = {row[0] for row in rows_vi}
        for label in expected_fields:
            self.assertIn(label, listed)
        self.assertTrue(set(expected_models) <= models)
        # the categories and dossier documents the data flags sensitive
        for xmlid in ("ctxh_residents.category_child_hiv_poor", "ctxh_residents.dossier_court_decision"):
            self.assertIn(self.env.ref(xmlid).with_context(lang="vi_VN").name, listed)
        company = director.company_id
        html = self.env["ir.actions.report"].with_user(director)._render_qweb_html(
            "ctxh_reports.report_processing_register", company.ids)[0].decode()
        self.assertIn("SỔ ĐĂNG KÝ HOẠT ĐỘNG XỬ LÝ DỮ LIỆU CÁ NHÂN NHẠY CẢM", html)
        self.assertIn("Ảnh của đối tượng", html, "the consent purposes are listed")
        with self.assertRaises(AccessError):
            accountant = self.env.ref("ctxh_residents.user_ctxh_accountant")
            self.env["ir.actions.report"].with_user(accountant)._render_qweb_html(
                "ctxh_reports.report_processing_register", company.ids)
