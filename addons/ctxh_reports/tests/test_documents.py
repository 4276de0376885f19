import re
from datetime import date, datetime
from html import unescape

import pytz

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase

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

    def test_reprinted_decision_keeps_the_supervising_body_of_its_date(self):
        """A decision of 2024 names the labour department, which supervised the facility then."""
        admission = self._decided()
        admission.decision_date = date(2024, 6, 3)
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
