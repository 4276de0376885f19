"""Facility A with a user of every role and one record of every ctxh model, for the access matrix.

Shared by the ORM and the JSON-RPC checks of ``access_matrix``: the records, the values that make
a valid create or write of each model, and each action's record in the state the action needs.
"""

import contextlib
import itertools
import json
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.ctxh_services.tests.common import CtxhContractCase

from .access_matrix import ROLE_GROUPS

# a distinct time for each dose a correction wizard corrects (one per attempt)
_DOSE_MINUTES = itertools.count()
# a distinct day for each day-care sheet made for an attempt (one sheet per facility and day)
_DAYCARE_DAYS = itertools.count(1)

# a cell's outcome: the operation went through, was refused for access, refused by a business rule
OK, ACCESS, REFUSED = "ok", "access", "refused"
# the errors a JSON-RPC answer may carry when a business rule or the database refuses a call
RPC_REFUSALS = {
    "odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError",
    "odoo.exceptions.RedirectWarning",
}


def mismatch_table(title, rows):
    """One line per cell that differs from the matrix."""
    header = f"{title}: {len(rows)} cell(s) differ from access_matrix.py\n"
    lines = [f"  {'model':32} {'operation':34} {'role':10} {'expected':9} observed"]
    lines += [f"  {m:32} {op:34} {role:10} {exp:9} {obs}" for m, op, role, exp, obs in rows]
    return header + "\n".join(lines)


def expectation(is_allowed):
    return "allowed" if is_allowed else "denied"


class _Rollback(Exception):
    """Raised to roll an attempt back once it went through."""


def ctxh_models(env, transient=False):
    """Names of the models the ctxh modules define (not those they only extend), abstract ones left out."""
    data = env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "=like", "ctxh\\_%")])
    names = set(env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
    return {
        name for name in names
        if name in env and not env[name]._abstract and env[name]._transient == transient
        and (env[name]._original_module or "").startswith("ctxh_")
    }


def ctxh_action_methods(env, model):
    """Public ``action_*`` methods a ctxh module defines (or overrides) on ``model``."""
    names = set()
    for klass in type(env[model]).__mro__:
        if not klass.__module__.startswith("odoo.addons.ctxh_"):
            continue
        names.update(name for name, value in vars(klass).items() if name.startswith("action_") and callable(value))
    return names


class MatrixCase(CtxhContractCase):
    """One user per role and one record per model, all in facility A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.facility_a
        a.ctxh_director_id = cls.director_a
        cls.plain_a = new_test_user(cls.env, login="ls_plain", groups="base.group_user",
                                    company_id=a.id, company_ids=[a.id])
        cls.director_b = new_test_user(cls.env, login="cb_director", groups=ROLE_GROUPS["director"],
                                       company_id=cls.facility_b.id, company_ids=[cls.facility_b.id])
        cls.role_users = {"user": cls.plain_a, "care": cls.care_a, "medical": cls.medical_a,
                          "accountant": cls.accountant_a, "director": cls.director_a}
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.now = fields.Datetime.now().replace(microsecond=0)
        cls._matrix_setup()

    # ------------------------------------------------------------------
    # One record per model
    # ------------------------------------------------------------------
    @classmethod
    def _matrix_setup(cls):
        env, a = cls.env, cls.facility_a
        ref = env.ref
        cls.client = env["res.partner"].create({"name": "Hoàng Thị Lụa", "company_id": a.id})
        cls.hospital = env["res.partner"].create({"name": "Bệnh viện Đa khoa tỉnh Lạng Sơn", "is_company": True})
        cls.regular = ref("ctxh_residents.admission_type_regular")
        cls.emergency = ref("ctxh_residents.admission_type_emergency")
        cls.reason = ref("ctxh_residents.discharge_reason_family_request")
        cls.topic = ref("ctxh_services.call_topic_violence")
        # residents: one in care in bed 1 with sensitive details, one in care without a bed, one applicant
        cls.resident = cls._resident(
            name="Phùng Thị Hạnh", birth_year=1950, category_ids=[cls.category.id], hiv_status="positive",
            hiv_note="Điều trị ARV từ 2019.", drug_use_history="Không.", victim_type="trafficking",
            victim_details="Giải cứu tại biên giới.", court_record="Không.")
        cls.stay = cls._admit(cls.resident, cls.bed1, date_start=datetime(2026, 1, 5, 3, 0))
        cls.resident2 = cls._resident(name="Ma Thị Đào", birth_year=1948)
        cls.stay2 = cls._admit(cls.resident2, date_start=datetime(2026, 1, 6, 3, 0))
        cls.applicant = cls._resident(name="Lò Văn Pả", gender="male", birth_year=1955)
        Model = env.__getitem__
        admission = Model("ctxh.admission").create({
            "resident_id": cls.applicant.id, "company_id": a.id, "admission_type_id": cls.regular.id})
        discharge = Model("ctxh.discharge").create({"stay_id": cls.stay.id, "reason_id": cls.reason.id})
        assessment = Model("ctxh.assessment").create({"resident_id": cls.resident.id})
        plan = Model("ctxh.care.plan").create({
            "resident_id": cls.resident.id, "review_date": cls.today + timedelta(days=90),
            "goal_ids": [Command.create({"objective": "Tự đi lại trong phòng"})],
            "intervention_ids": [Command.create({"description": "Tập vật lý trị liệu"})]})
        medication = Model("ctxh.medication").create({
            "resident_id": cls.resident.id, "medicine": "Amlodipin 5mg", "dose": "1 viên", "times_of_day": "07:00"})
        programme = Model("ctxh.programme").create({"name": "Lớp đan len", "company_id": a.id})
        Model("ctxh.programme.enrolment").create({"programme_id": programme.id, "resident_id": cls.resident.id})
        session = Model("ctxh.programme.session").create({"programme_id": programme.id, "date_start": cls.now})
        incident = Model("ctxh.incident").create({
            "name": "Ngã trong nhà tắm", "incident_type": "fall", "description": "Trượt chân.",
            "company_id": a.id, "resident_ids": [Command.set(cls.resident.ids)]})
        cls.contract = cls._contract(cls.resident, stay=cls.stay, deposit_amount=1_000_000)
        # a draft contract with neither payer nor service yet: a payer or a line can be added alone
        cls.draft_contract = Model("ctxh.care.contract").create({
            "resident_id": cls.resident2.id, "stay_id": cls.stay2.id, "date": date(2026, 1, 6),
            "date_start": date(2026, 1, 6)})
        sheet = Model("ctxh.allowance.sheet").create({"company_id": a.id, "date_from": date(2026, 6, 1)})
        arrears = Model("ctxh.allowance.arrears").create({
            "company_id": a.id, "date_from": date(2026, 1, 1), "date_since": date(2025, 12, 1)})
        # a draft addendum to the signed contract, raising the room's price and sharing it with the son
        addendum = Model("ctxh.care.contract.addendum").create({
            "contract_id": cls.contract.id, "reason": "Điều chỉnh giá phòng theo bảng giá mới.",
            "line_ids": [Command.create({"product_id": cls.contract.line_ids[:1].product_id.id,
                                         "price_unit": 7_900_000})],
            "replace_payers": True,
            "payer_ids": [Command.create({"partner_id": cls.contract.payer_ids[:1].partner_id.id, "share": 100})]})
        # an emergency stay at its legal limit, extended once by the superior body's decision
        emergency_stay = cls._admit(cls._resident(name="Hầu Thị Khẩn"), date_start=datetime(2026, 1, 7, 3, 0),
                                    date_end_planned=date(2026, 4, 7), date_end_limit=date(2026, 4, 7))
        cls.emergency_stay = emergency_stay
        cls.body = Model("ctxh.supervising.body").create({"name": "Sở Y tế tỉnh Lạng Sơn", "company_id": a.id,
                                                          "date_from": date(2025, 3, 1)})
        extension = Model("ctxh.stay.extension").create({
            "stay_id": emergency_stay.id, "body_id": cls.body.id, "decision_number": "21/QĐ-SYT",
            "date_end_new": date(2026, 5, 7), "reason": "Chưa tìm được gia đình."})
        purpose = ref("ctxh_residents.consent_purpose_photo")
        consent = Model("ctxh.consent").create({"resident_id": cls.resident.id, "purpose": purpose.id,
                                                "withdraw_reason": "Gia đình rút lại bằng văn bản."})
        breach = Model("ctxh.data.breach").create({"name": "Mất sổ theo dõi", "company_id": a.id,
                                                   "description": "Sổ theo dõi khu A bị thất lạc."})
        cls.records = {
            "ctxh.resident": cls.resident,
            "ctxh.resident.relative": Model("ctxh.resident.relative").create({
                "resident_id": cls.resident.id, "partner_id": cls.son.id, "relationship": "child"}),
            "ctxh.resident.document": Model("ctxh.resident.document").create({
                "resident_id": cls.resident.id, "document_type": "birth_certificate"}),
            "ctxh.resident.category": cls.category,
            "ctxh.ethnicity": Model("ctxh.ethnicity").search([], limit=1),
            "ctxh.religion": ref("ctxh_residents.religion_buddhism"),
            "ctxh.room": cls.room,
            "ctxh.bed": cls.bed3,
            "ctxh.bed.assignment": cls.stay.bed_assignment_ids,
            "ctxh.supervising.body": cls.body,
            "ctxh.legal.parameter": Model("ctxh.legal.parameter").search([], limit=1),
            "ctxh.stay.extension": extension,
            "ctxh.consent.purpose": purpose,
            "ctxh.consent": consent,
            "ctxh.data.breach": breach,
            "ctxh.dossier.document.type": ref("ctxh_residents.dossier_application"),
            "ctxh.admission.type": cls.regular,
            "ctxh.admission": admission,
            "ctxh.admission.document": admission.document_line_ids[:1],
            # a province's own step from 2030: no admission follows it yet
            "ctxh.admission.step": Model("ctxh.admission.step").create({
                "admission_type_id": cls.regular.id, "name": "Xác minh của tỉnh", "performer": "other",
                "date_from": date(2030, 1, 1)}),
            "ctxh.admission.step.line": admission.step_line_ids[:1],
            "ctxh.stay": cls.stay,
            "ctxh.discharge.reason": cls.reason,
            "ctxh.discharge": discharge,
            "ctxh.followup": Model("ctxh.followup").create({
                "discharge_id": discharge.id, "name": "Thăm sau 1 tháng", "date_planned": cls.today}),
            "ctxh.sensitive.access.log": Model("ctxh.sensitive.access.log").create({
                "user_id": cls.medical_a.id, "company_id": a.id, "resident_id": cls.resident.id,
                "res_model": "ctxh.resident", "res_id": cls.resident.id, "access_type": "read",
                "field_names": "hiv_status"}),
            "ctxh.assessment.domain": assessment.line_ids[:1].domain_id,
            "ctxh.assessment": assessment,
            "ctxh.assessment.line": assessment.line_ids[:1],
            "ctxh.care.plan": plan,
            "ctxh.care.plan.goal": plan.goal_ids,
            "ctxh.care.plan.intervention": plan.intervention_ids,
            "ctxh.health.check": Model("ctxh.health.check").create({
                "resident_id": cls.resident.id, "height": 152, "weight": 48, "blood_pressure_systolic": 150}),
            "ctxh.medical.event": Model("ctxh.medical.event").create({
                "resident_id": cls.resident.id, "kind": "chronic_condition", "diagnosis": "Tăng huyết áp",
                "icd10_code": "I10"}),
            "ctxh.medication": medication,
            "ctxh.medication.administration": Model("ctxh.medication.administration").create({
                "medication_id": medication.id, "scheduled_at": cls.now + timedelta(hours=1)}),
            "ctxh.programme": programme,
            "ctxh.programme.enrolment": programme.enrolment_ids,
            "ctxh.programme.session": session,
            "ctxh.programme.attendance": session.attendance_ids[:1],
            "ctxh.rehab.stage": Model("ctxh.rehab.stage").search([], limit=1),
            "ctxh.incident": incident,
            "ctxh.incident.notification": Model("ctxh.incident.notification").create({
                "incident_id": incident.id, "party": "family", "contact": "Con trai"}),
            "ctxh.visit": Model("ctxh.visit").create({"resident_id": cls.resident.id,
                                                      "visitor_partner_id": cls.daughter.id}),
            "ctxh.visit.request": Model("ctxh.visit.request").create({
                "resident_id": cls.resident.id, "partner_id": cls.daughter.id, "date": date(2026, 12, 20)}),
            "ctxh.price.list": cls.prices_2026,
            "ctxh.price.list.line": cls.prices_2026.line_ids[:1],
            "ctxh.care.contract": cls.contract,
            "ctxh.care.contract.payer": cls.contract.payer_ids[:1],
            "ctxh.care.contract.line": cls.contract.line_ids[:1],
            "ctxh.care.contract.addendum": addendum,
            "ctxh.care.contract.addendum.line": addendum.line_ids,
            "ctxh.care.contract.addendum.payer": addendum.payer_ids,
            "ctxh.service.usage": Model("ctxh.service.usage").create({
                "contract_id": cls.contract.id, "product_id": cls.laundry.id, "quantity": 2,
                "date": date(2026, 2, 3)}),
            "ctxh.billing.run": Model("ctxh.billing.run").create({"company_id": a.id, "date_from": date(2026, 2, 1)}),
            "ctxh.assistance.level": Model("ctxh.assistance.level").search([], limit=1),
            "ctxh.allowance.coefficient": Model("ctxh.allowance.coefficient").search([], limit=1),
            "ctxh.allowance.sheet": sheet,
            "ctxh.allowance.sheet.line": Model("ctxh.allowance.sheet.line").create({
                "sheet_id": sheet.id, "resident_id": cls.resident.id, "days": 30, "level": 500_000,
                "coefficient": 4.0, "category_id": cls.category.id}),
            "ctxh.allowance.arrears": arrears,
            "ctxh.burial.support": Model("ctxh.burial.support").create({
                "resident_id": cls.resident2.id, "date_of_death": date(2026, 5, 2)}),
            "ctxh.call.topic": cls.topic,
            "ctxh.hotline.call": Model("ctxh.hotline.call").create({
                "topic_id": cls.topic.id, "company_id": a.id, "caller_type": "neighbour",
                "summary": "Cụ bà sống một mình, không ai chăm sóc."}),
            "ctxh.counselling.session": Model("ctxh.counselling.session").create({
                "name": "Tư vấn tâm lý", "partner_id": cls.client.id, "company_id": a.id}),
            "ctxh.referral": Model("ctxh.referral").create({
                "partner_id": cls.client.id, "organisation_id": cls.hospital.id, "company_id": a.id,
                "reason": "Khám sức khỏe tổng quát."}),
            "ctxh.office": Model("ctxh.office").create({
                "name": "Văn phòng CTXH phường Tam Thanh", "kind": "commune", "company_id": a.id}),
            "ctxh.case.group": env.ref("ctxh_services.case_group_elderly"),
            "ctxh.case.closure.reason": env.ref("ctxh_services.case_closure_goals_met"),
        }
        cls._matrix_community(env, a, Model)
        # an arrears line pays again a line of an allowance sheet (here a draft one: the fixture only needs a line)
        cls.records["ctxh.allowance.arrears.line"] = Model("ctxh.allowance.arrears.line").create({
            "arrears_id": arrears.id, "original_line_id": cls.records["ctxh.allowance.sheet.line"].id,
            "level": 540_000})
        env.flush_all()
        cls.records["ctxh.movement.report"] = Model("ctxh.movement.report").search(
            [("company_id", "=", a.id), ("stay_id", "=", cls.stay.id)], limit=1)
        cls.records["ctxh.receivable.report"] = Model("ctxh.receivable.report").search(
            [("company_id", "=", a.id), ("contract_id", "=", cls.contract.id)], limit=1)
        missing = [name for name, record in cls.records.items() if len(record) != 1]
        assert not missing, f"the matrix fixtures lack a record of {missing}"


    @classmethod
    def _matrix_community(cls, env, a, Model):
        """The records of the community work: cases, collaborators, screening, therapy, events."""
        case = Model("ctxh.case").create({
            "resident_id": cls.applicant.id, "title": "Hỗ trợ người cao tuổi sống một mình",
            "group_id": env.ref("ctxh_services.case_group_elderly").id})
        cls.records.update({
            "ctxh.case": case,
            "ctxh.case.goal": Model("ctxh.case.goal").create({"case_id": case.id, "name": "Được khám sức khỏe"}),
            "ctxh.case.intervention": Model("ctxh.case.intervention").create({
                "case_id": case.id, "kind": "benefit", "name": "Làm hồ sơ trợ cấp"}),
            "ctxh.case.review": Model("ctxh.case.review").create({"case_id": case.id, "progress": "Ổn định."}),
        })
        collaborator = Model("ctxh.collaborator").create({
            "name": "Hoàng Văn Nhất", "company_id": a.id, "village": "Thôn Nà Chuông", "date_start": date(2025, 1, 1)})
        a.state_id = env.ref("base.state_vn_VN-09")
        rate = Model("ctxh.collaborator.rate").create({
            "date_from": date(2025, 1, 1), "state_id": a.state_id.id, "coefficient": 0.2})
        collaborator_sheet = Model("ctxh.collaborator.allowance.sheet").create(
            {"company_id": a.id, "date_from": date(2026, 3, 1)})
        collaborator_sheet.action_compute()
        cls.records.update({
            "ctxh.collaborator": collaborator,
            "ctxh.collaborator.training": Model("ctxh.collaborator.training").create({
                "collaborator_id": collaborator.id, "date": date(2025, 3, 1), "name": "Phát hiện trẻ bị xâm hại"}),
            "ctxh.collaborator.rate": rate,
            "ctxh.collaborator.allowance.sheet": collaborator_sheet,
            "ctxh.collaborator.allowance.line": collaborator_sheet.line_ids,
        })
        # a small instrument of the facility's own for the configuration rows (the SDQ's lines are referenced by
        # the results below, so deleting them is refused), the SDQ for the campaign
        instrument = Model("ctxh.screening.instrument").create({"name": "Thang đo thử", "code": "MTX",
                                                                "company_id": a.id})
        scale = Model("ctxh.screening.scale").create({"instrument_id": instrument.id, "name": "Tổng", "code": "t"})
        sdq = env.ref("ctxh_services.screening_instrument_sdq_parent")
        campaign = Model("ctxh.screening.campaign").create({"name": "Sàng lọc SDQ", "instrument_id": sdq.id,
                                                            "company_id": a.id})
        result = Model("ctxh.screening.result").create({"campaign_id": campaign.id, "resident_id": cls.resident.id})
        course = Model("ctxh.therapy.course").create({"resident_id": cls.resident.id, "company_id": a.id})
        cls.records.update({
            "ctxh.screening.instrument": instrument,
            "ctxh.screening.scale": scale,
            "ctxh.screening.item": Model("ctxh.screening.item").create({
                "instrument_id": instrument.id, "number": 1, "name": "Câu hỏi", "scale_id": scale.id}),
            "ctxh.screening.band": Model("ctxh.screening.band").create({
                "scale_id": scale.id, "score_from": 0, "score_to": 5, "name": "Bình thường"}),
            "ctxh.screening.campaign": campaign,
            "ctxh.screening.result": result,
            "ctxh.screening.answer": result.answer_ids[:1],
            "ctxh.screening.score": result.score_ids[:1],
            "ctxh.therapy.course": course,
            "ctxh.therapy.session": Model("ctxh.therapy.session").create({"course_id": course.id}),
        })
        event = Model("ctxh.outreach.event").create({
            "name": "Cà phê tư vấn", "company_id": a.id, "count_women": 12,
            "participant_ids": [Command.create({"partner_id": cls.client.id})],
            "material_ids": [Command.create({"name": "Tờ rơi 111", "quantity": 50})]})
        cls.records.update({
            "ctxh.outreach.event": event,
            "ctxh.outreach.participant": event.participant_ids,
            "ctxh.outreach.material": event.material_ids,
        })
        # foster care: a family still applying (its checklist editable), a family approved (as the system) with a
        # proposed placement and one in care, whose March 2026 support is computed
        family = Model("ctxh.foster.family").create({"name": "Hộ bà Hà Thị Lan", "company_id": a.id})
        approved = Model("ctxh.foster.family").create({
            "name": "Hộ ông Mã Văn Sinh", "company_id": a.id, "capacity": 5, "state": "approved"})
        cls.foster_family = approved
        placement = Model("ctxh.foster.placement").create({
            "resident_id": cls._resident(name="Lò Văn Tùng", birth_year=2015).id, "family_id": approved.id})
        Model("ctxh.foster.placement").create({
            "resident_id": cls._resident(name="Lò Thị Hiền", birth_year=2016).id, "family_id": approved.id,
            "date_start": date(2026, 3, 1), "state": "active"})
        support = Model("ctxh.foster.support.sheet").create({"company_id": a.id, "date_from": date(2026, 3, 1)})
        support.action_compute()
        cls.records.update({
            "ctxh.foster.family": family,
            "ctxh.foster.family.condition": family.condition_ids[:1],
            "ctxh.foster.condition": Model("ctxh.foster.condition").create({"name": "Điều kiện của tỉnh"}),
            "ctxh.foster.placement": placement,
            "ctxh.foster.visit": Model("ctxh.foster.visit").create({"placement_id": placement.id}),
            "ctxh.foster.support.sheet": support,
            "ctxh.foster.support.line": support.line_ids,
        })
        cls._matrix_daycare(env, a, Model)

    @classmethod
    def _matrix_daycare(cls, env, a, Model):
        """Day care and home care: a per-day contract, its sheet of 1 June 2026 (draft), a planned home visit; a
        second per-day contract from July, not yet on the sheet (a line may be added for it)."""
        cls.day_care = env["product.product"].create({
            "name": "Chăm sóc ban ngày (ngày)", "type": "service", "ctxh_service_kind": "day_care_day",
            "list_price": 150_000, "taxes_id": [Command.clear()]})
        cls.home_visit_service = env["product.product"].create({
            "name": "Chăm sóc tại nhà (lượt)", "type": "service", "ctxh_service_kind": "home_visit",
            "list_price": 200_000, "taxes_id": [Command.clear()]})
        cls.daycare_contract = cls._contract(cls._resident(name="Vũ Văn Khải", gender="male"),
                                             products=cls.day_care | cls.home_visit_service)
        cls.daycare_later_contract = cls._contract(cls._resident(name="Phạm Thị Nhung"), products=cls.day_care,
                                                   date=date(2026, 7, 1), date_start=date(2026, 7, 1))
        sheet = Model("ctxh.daycare.attendance").create({"company_id": a.id, "date": date(2026, 6, 1)})
        cls.records.update({
            "ctxh.daycare.attendance": sheet,
            "ctxh.daycare.attendance.line": sheet.line_ids,
            "ctxh.home.visit": Model("ctxh.home.visit").create({
                "contract_id": cls.daycare_contract.id, "date": date(2026, 6, 2), "note": "Thay băng."}),
        })

    def _create_vals(self, model):
        """Values of a valid new record of ``model`` in facility A."""
        a, rec = self.facility_a.id, self.records
        later = self.now + timedelta(days=2)
        vals = {
            "ctxh.resident": {"name": "Lò Thị Mai", "gender": "female", "company_id": a},
            "ctxh.resident.relative": {"resident_id": self.resident.id, "partner_id": self.daughter.id,
                                       "relationship": "child"},
            "ctxh.resident.document": {"resident_id": self.resident.id, "document_type": "household"},
            "ctxh.resident.category": {"name": "Nhóm thử", "code": "matrix_test", "group": "nurture"},
            "ctxh.ethnicity": {"name": "Dân tộc thử", "code": "99"},
            "ctxh.religion": {"name": "Tôn giáo thử"},
            "ctxh.room": {"name": "P909", "company_id": a},
            "ctxh.bed": {"name": "G9", "room_id": self.room.id},
            "ctxh.bed.assignment": {"stay_id": self.stay2.id, "bed_id": self.bed2.id, "company_id": a,
                                    "date_start": self.now},
            "ctxh.supervising.body": {"name": "Sở LĐTBXH tỉnh Lạng Sơn", "company_id": a,
                                      "date_from": date(2020, 1, 1), "date_to": date(2020, 12, 31)},
            "ctxh.consent.purpose": {"name": "Nghiên cứu", "code": "matrix_research"},
            "ctxh.consent": {"resident_id": self.resident.id,
                             "purpose": self.env.ref("ctxh_residents.consent_purpose_followup").id},
            "ctxh.data.breach": {"name": "Gửi nhầm email", "company_id": a, "description": "Gửi nhầm danh sách."},
            "ctxh.stay.extension": {"stay_id": self.emergency_stay.id, "body_id": self.body.id,
                                    "decision_number": "22/QĐ-SYT", "date_end_new": date(2026, 12, 7),
                                    "reason": "Vụ án chưa xét xử."},
            "ctxh.legal.parameter": {"code": "matrix_test", "name": "Thử", "value": 1, "date_from": date(2026, 1, 1)},
            "ctxh.dossier.document.type": {"name": "Giấy thử", "code": "matrix_test"},
            "ctxh.admission.type": {"name": "Loại thử", "code": "matrix_test"},
            "ctxh.admission": {"resident_id": self.applicant.id, "company_id": a,
                               "admission_type_id": self.regular.id},
            "ctxh.admission.document": {"admission_id": rec["ctxh.admission"].id,
                                        "document_type_id": rec["ctxh.dossier.document.type"].id},
            "ctxh.admission.step": {"admission_type_id": self.regular.id, "name": "Bước thử", "performer": "facility"},
            "ctxh.admission.step.line": {"admission_id": rec["ctxh.admission"].id,
                                         "step_id": rec["ctxh.admission.step"].id},
            "ctxh.stay": {"resident_id": self.applicant.id, "company_id": a},
            "ctxh.discharge.reason": {"name": "Lý do thử", "code": "matrix_test"},
            "ctxh.discharge": {"stay_id": self.stay2.id, "reason_id": self.reason.id},
            "ctxh.followup": {"discharge_id": rec["ctxh.discharge"].id, "name": "Thăm sau 3 tháng",
                              "date_planned": self.today},
            "ctxh.sensitive.access.log": {"user_id": self.care_a.id, "res_model": "ctxh.resident",
                                          "res_id": self.resident.id, "access_type": "read"},
            "ctxh.assessment.domain": {"name": "Lĩnh vực thử", "code": "matrix_test"},
            "ctxh.assessment": {"resident_id": self.resident.id},
            "ctxh.assessment.line": {"assessment_id": rec["ctxh.assessment"].id,
                                     "domain_id": rec["ctxh.assessment.domain"].id},
            "ctxh.care.plan": {"resident_id": self.resident.id},
            "ctxh.care.plan.goal": {"plan_id": rec["ctxh.care.plan"].id, "objective": "Ăn uống đủ bữa"},
            "ctxh.care.plan.intervention": {"plan_id": rec["ctxh.care.plan"].id, "description": "Trò chuyện"},
            "ctxh.health.check": {"resident_id": self.resident.id, "height": 150},
            "ctxh.medical.event": {"resident_id": self.resident.id, "diagnosis": "Cảm cúm"},
            "ctxh.medication": {"resident_id": self.resident.id, "medicine": "Paracetamol 500mg", "dose": "1 viên"},
            "ctxh.medication.administration": {"medication_id": rec["ctxh.medication"].id, "scheduled_at": later},
            "ctxh.programme": {"name": "Lớp thử", "company_id": a},
            "ctxh.programme.enrolment": {"programme_id": rec["ctxh.programme"].id, "resident_id": self.resident2.id},
            "ctxh.programme.session": {"programme_id": rec["ctxh.programme"].id, "date_start": later},
            "ctxh.programme.attendance": {"session_id": rec["ctxh.programme.session"].id,
                                          "resident_id": self.resident2.id},
            "ctxh.rehab.stage": {"name": "Giai đoạn thử", "code": "matrix_test"},
            "ctxh.incident": {"name": "Sự cố thử", "incident_type": "other", "description": "Thử.", "company_id": a},
            "ctxh.incident.notification": {"incident_id": rec["ctxh.incident"].id, "party": "police"},
            "ctxh.visit": {"resident_id": self.resident.id, "visitor_partner_id": self.son.id},
            "ctxh.visit.request": {"resident_id": self.resident.id, "partner_id": self.son.id,
                                   "date": date(2026, 12, 21)},
            "ctxh.price.list": {"name": "Bảng giá thử", "company_id": a, "date_from": date(2027, 1, 1)},
            "ctxh.price.list.line": {"price_list_id": self.prices_2025.id, "product_id": self.special_care.id,
                                     "price": 1_900_000},
            "ctxh.care.contract": {"resident_id": self.resident2.id, "date": date(2026, 1, 6),
                                   "date_start": date(2026, 1, 6)},
            "ctxh.care.contract.payer": {"contract_id": self.draft_contract.id, "partner_id": self.son.id,
                                         "share": 100},
            "ctxh.care.contract.line": {"contract_id": self.draft_contract.id, "product_id": self.shared_room.id},
            "ctxh.care.contract.addendum": {"contract_id": self.contract.id, "reason": "Thêm dịch vụ."},
            "ctxh.care.contract.addendum.line": {"addendum_id": rec["ctxh.care.contract.addendum"].id,
                                                 "product_id": self.laundry.id, "price_unit": 150_000},
            "ctxh.care.contract.addendum.payer": {"addendum_id": rec["ctxh.care.contract.addendum"].id,
                                                  "partner_id": self.son.id, "share": 40},
            "ctxh.service.usage": {"contract_id": self.contract.id, "product_id": self.laundry.id, "quantity": 1},
            "ctxh.billing.run": {"company_id": a, "date_from": date(2026, 5, 1)},
            "ctxh.assistance.level": {"date_from": date(2030, 1, 1), "amount": 600_000},
            "ctxh.allowance.coefficient": {"category_id": self.category.id, "coefficient": 1.5,
                                           "date_from": date(2030, 1, 1)},
            "ctxh.allowance.sheet": {"company_id": a, "date_from": date(2026, 7, 1)},
            "ctxh.allowance.arrears": {"company_id": a, "date_from": date(2026, 8, 1), "date_since": date(2026, 6, 1)},
            "ctxh.allowance.arrears.line": {"arrears_id": rec["ctxh.allowance.arrears"].id, "note": "Truy lĩnh"},
            "ctxh.allowance.sheet.line": {"sheet_id": rec["ctxh.allowance.sheet"].id,
                                          "resident_id": self.resident2.id, "days": 5},
            "ctxh.burial.support": {"resident_id": self.applicant.id, "date_of_death": date(2026, 5, 3)},
            "ctxh.call.topic": {"name": "Chủ đề thử", "code": "matrix_test"},
            "ctxh.hotline.call": {"topic_id": self.topic.id, "company_id": a},
            "ctxh.counselling.session": {"name": "Tư vấn gia đình", "partner_id": self.client.id, "company_id": a},
            "ctxh.referral": {"partner_id": self.client.id, "organisation_id": self.hospital.id,
                              "reason": "Trợ giúp pháp lý.", "company_id": a},
            "ctxh.office": {"name": "Phòng CTXH Trường THPT Việt Bắc", "kind": "school", "company_id": a},
            "ctxh.case": {"resident_id": self.resident2.id, "title": "Hỗ trợ đi học",
                          "group_id": self.env.ref("ctxh_services.case_group_child").id},
            "ctxh.case.goal": {"case_id": rec["ctxh.case"].id, "name": "Đi học đều"},
            "ctxh.case.intervention": {"case_id": rec["ctxh.case"].id, "kind": "school", "name": "Xin học bổng"},
            "ctxh.case.review": {"case_id": rec["ctxh.case"].id, "progress": "Tiến bộ."},
            "ctxh.case.group": {"name": "Nhóm thử", "code": "matrix_test"},
            "ctxh.case.closure.reason": {"name": "Lý do thử", "code": "matrix_test"},
            "ctxh.collaborator": {"name": "Lục Văn Ba", "company_id": a, "date_start": date(2026, 1, 1)},
            "ctxh.collaborator.training": {"collaborator_id": rec["ctxh.collaborator"].id, "date": date(2026, 2, 1),
                                           "name": "Kỹ năng báo tin"},
            "ctxh.collaborator.rate": {"date_from": date(2030, 1, 1), "coefficient": 0.25},
            "ctxh.screening.instrument": {"name": "Thang đo mới", "code": "MTX2", "company_id": a},
            "ctxh.screening.scale": {"instrument_id": rec["ctxh.screening.instrument"].id, "name": "Phụ",
                                     "code": "sub"},
            "ctxh.screening.item": {"instrument_id": rec["ctxh.screening.instrument"].id, "number": 2,
                                    "name": "Câu hỏi 2", "scale_id": rec["ctxh.screening.scale"].id},
            "ctxh.screening.band": {"scale_id": rec["ctxh.screening.scale"].id, "score_from": 6, "score_to": 10,
                                    "name": "Bất thường", "refer": True},
            "ctxh.screening.campaign": {"name": "Sàng lọc khối 7", "company_id": a,
                                        "instrument_id": rec["ctxh.screening.campaign"].instrument_id.id},
            "ctxh.screening.result": {"campaign_id": rec["ctxh.screening.campaign"].id,
                                      "resident_id": self._resident(name="Lò Văn Khánh").id},
            "ctxh.screening.answer": {"result_id": rec["ctxh.screening.result"].id,
                                      "item_id": rec["ctxh.screening.answer"].item_id.id},
            "ctxh.screening.score": {"result_id": rec["ctxh.screening.result"].id,
                                     "scale_id": rec["ctxh.screening.score"].scale_id.id},
            "ctxh.therapy.course": {"resident_id": self.resident2.id, "company_id": a},
            "ctxh.therapy.session": {"course_id": rec["ctxh.therapy.course"].id},
            "ctxh.outreach.event": {"name": "Nhóm cha mẹ", "kind": "parent_group", "company_id": a},
            "ctxh.outreach.participant": {"event_id": rec["ctxh.outreach.event"].id, "partner_id": self.client.id},
            "ctxh.outreach.material": {"event_id": rec["ctxh.outreach.event"].id, "name": "Sổ tay"},
            "ctxh.collaborator.allowance.sheet": {"company_id": a, "date_from": date(2026, 7, 1)},
            "ctxh.collaborator.allowance.line": {"sheet_id": rec["ctxh.collaborator.allowance.sheet"].id,
                                                 "collaborator_id": rec["ctxh.collaborator"].id},
            "ctxh.foster.condition": {"name": "Điều kiện thử"},
            "ctxh.foster.family": {"name": "Hộ bà Triệu Thị Mẫn", "company_id": a},
            "ctxh.foster.family.condition": {"family_id": rec["ctxh.foster.family"].id,
                                             "condition_id": rec["ctxh.foster.condition"].id},
            "ctxh.foster.placement": {"resident_id": self._resident(name="Hà Văn Khải").id,
                                      "family_id": self.foster_family.id, "kind": "regular"},
            "ctxh.foster.visit": {"placement_id": rec["ctxh.foster.placement"].id, "outcome": "well"},
            "ctxh.foster.support.sheet": {"company_id": a, "date_from": date(2026, 8, 1)},
            "ctxh.foster.support.line": {"sheet_id": rec["ctxh.foster.support.sheet"].id,
                                         "placement_id": rec["ctxh.foster.placement"].id,
                                         "family_id": self.foster_family.id, "resident_id": self.resident2.id},
            "ctxh.daycare.attendance": {"company_id": a, "date": date(2026, 6, 3)},
            "ctxh.daycare.attendance.line": {"attendance_id": rec["ctxh.daycare.attendance"].id,
                                             "contract_id": self.daycare_later_contract.id},
            "ctxh.home.visit": {"contract_id": self.daycare_contract.id, "date": date(2026, 6, 4)},
            # SQL views: nothing can be created, whatever the values
            "ctxh.movement.report": {"kind": "admission"},
            "ctxh.receivable.report": {"move_type": "out_invoice"},
        }
        return vals[model]

    def _write_vals(self, model):
        """Harmless valid values to write on the record of ``model``."""
        note = {"note": "Ghi chú kiểm tra quyền"}
        vals = {
            "ctxh.resident": {"commune": "Phường Đông Kinh"},
            "ctxh.resident.relative": note,
            "ctxh.resident.document": {"number": "001/2026"},
            "ctxh.resident.category": {"legal_basis": "Nghị định 20/2021/NĐ-CP"},
            "ctxh.ethnicity": {"name": "Kinh"},
            "ctxh.religion": {"name": "Phật giáo"},
            "ctxh.room": {"building": "Khu B"},
            "ctxh.bed": {"sequence": 5},
            "ctxh.bed.assignment": {"date_end": False},
            "ctxh.supervising.body": {"legal_basis": "Quyết định 1/QĐ-UBND"},
            "ctxh.consent.purpose": {"sequence": 5},
            "ctxh.consent": {"withdraw_reason": "Rút lại qua điện thoại."},
            "ctxh.data.breach": {"measures": "Đổi mật khẩu."},
            "ctxh.stay.extension": {"reason": "Sửa lý do."},
            "ctxh.legal.parameter": note,
            "ctxh.dossier.document.type": {"sequence": 11},
            "ctxh.admission.type": {"legal_basis": "Nghị định 20/2021/NĐ-CP"},
            "ctxh.admission": {"brought_by": "Công an phường Bến Thành."},
            "ctxh.admission.document": note,
            "ctxh.admission.step": {"working_days": 12},
            "ctxh.admission.step.line": {"note": "Đã gọi điện cho UBND phường"},
            "ctxh.stay": {"date_end_planned": self.today + timedelta(days=300)},
            "ctxh.discharge.reason": {"legal_basis": "Điều 30"},
            "ctxh.discharge": {"requester_name": "Hoàng Văn Hải"},
            "ctxh.followup": note,
            "ctxh.sensitive.access.log": {"field_names": "name"},
            "ctxh.assessment.domain": {"sequence": 11},
            "ctxh.assessment": {"identified_needs": "Cần hỗ trợ đi lại."},
            "ctxh.assessment.line": {"notes": "Ổn định."},
            "ctxh.care.plan": {"review_date": self.today + timedelta(days=60)},
            "ctxh.care.plan.goal": {"indicator": "Đi được 20 mét"},
            "ctxh.care.plan.intervention": {"frequency": "3 buổi một tuần"},
            "ctxh.health.check": {"findings": "Bình thường."},
            "ctxh.medical.event": {"treatment": "Nghỉ ngơi."},
            "ctxh.medication": {"instructions": "Uống sau ăn."},
            "ctxh.medication.administration": {"reason": "Đang ngủ."},
            "ctxh.programme": {"location": "Xưởng B"},
            "ctxh.programme.enrolment": {"result_note": "Chăm chỉ."},
            "ctxh.programme.session": {"topic": "Mũi đan cơ bản"},
            "ctxh.programme.attendance": {"note": "Đến muộn"},
            "ctxh.rehab.stage": {"legal_basis": "Luật 73/2021/QH14"},
            "ctxh.incident": {"place": "Nhà tắm khu A"},
            "ctxh.incident.notification": {"contact": "Con gái"},
            "ctxh.visit": {"items_brought": "Sữa, bánh"},
            "ctxh.visit.request": {"note": "Mang áo ấm"},
            "ctxh.price.list": {"decision_ref": "Quyết định 1235/QĐ-UBND"},
            "ctxh.price.list.line": {"price": 7_600_000},
            "ctxh.care.contract": {"date_end": date(2027, 12, 31)},
            "ctxh.care.contract.payer": {"sequence": 3},
            "ctxh.care.contract.line": {"discount": 5},
            "ctxh.care.contract.addendum": {"reason": "Thêm dịch vụ giặt là theo yêu cầu của gia đình."},
            "ctxh.care.contract.addendum.line": {"quantity": 2},
            "ctxh.care.contract.addendum.payer": {"share": 60},
            "ctxh.service.usage": {"note": "Giặt chăn"},
            "ctxh.billing.run": {"date_from": date(2026, 3, 1)},
            "ctxh.assistance.level": {"legal_basis": "Nghị định 76/2024/NĐ-CP"},
            "ctxh.allowance.coefficient": {"legal_basis": "Nghị định 20/2021/NĐ-CP"},
            "ctxh.allowance.sheet": {"note": "Tháng 6"},
            "ctxh.allowance.sheet.line": {"note": "Đủ tháng"},
            "ctxh.allowance.arrears": {"note": "Tháng 1"},
            "ctxh.allowance.arrears.line": {"note": "Truy lĩnh"},
            "ctxh.burial.support": {"note": "Gia đình nhận"},
            "ctxh.call.topic": {"sequence": 11},
            "ctxh.hotline.call": {"caller_phone": "0912 000 111"},
            "ctxh.counselling.session": {"duration": 2.0},
            "ctxh.referral": {"result": "Đã khám."},
            "ctxh.office": {"phone": "0205 3870 222"},
            "ctxh.case": {"reported_by": "Giáo viên chủ nhiệm"},
            "ctxh.case.goal": {"target_date": date(2026, 9, 1)},
            "ctxh.case.intervention": {"date_due": date(2026, 9, 1)},
            "ctxh.case.review": {"progress": "Ổn định hơn."},
            "ctxh.case.group": {"sequence": 11},
            "ctxh.case.closure.reason": {"sequence": 11},
            "ctxh.collaborator": {"phone": "0912 111 222"},
            "ctxh.collaborator.training": {"hours": 8},
            "ctxh.collaborator.rate": {"legal_basis": "Nghị quyết HĐND tỉnh"},
            "ctxh.screening.instrument": {"age_max": 16},
            "ctxh.screening.scale": {"sequence": 5},
            "ctxh.screening.item": {"reverse": True},
            "ctxh.screening.band": {"score_to": 4},
            "ctxh.screening.campaign": {"note": "Khối 6"},
            "ctxh.screening.result": {"school_class": "6B"},
            "ctxh.screening.answer": {"value": 1, "answered": True},
            "ctxh.screening.score": {"manual_score": 3},
            "ctxh.therapy.course": {"planned_sessions": 10},
            "ctxh.therapy.session": {"duration": 1.5},
            "ctxh.outreach.event": {"place": "Nhà văn hóa"},
            "ctxh.outreach.participant": {"note": "Đến muộn"},
            "ctxh.outreach.material": {"quantity": 60},
            "ctxh.collaborator.allowance.sheet": {"note": "Tháng 3"},
            "ctxh.collaborator.allowance.line": {"note": "Đủ tháng"},
            "ctxh.foster.condition": {"sequence": 11},
            "ctxh.foster.family": {"phone": "0912 000 111"},
            "ctxh.foster.family.condition": {"evidence": "Giấy xác nhận của UBND phường"},
            "ctxh.foster.placement": {"note": "Gia đình đón cháu tại trung tâm"},
            "ctxh.foster.visit": {"outcome": "concerns"},
            "ctxh.foster.support.sheet": {"note": "Tháng 3"},
            "ctxh.foster.support.line": {"note": "Đủ tháng"},
            "ctxh.daycare.attendance": note,
            "ctxh.daycare.attendance.line": {"present": True},
            "ctxh.home.visit": {"duration": 2.0},
            "ctxh.movement.report": {"movement_count": 2},
            "ctxh.receivable.report": {"days_overdue": 0},
        }
        return vals[model]

    # ------------------------------------------------------------------
    # Actions: a record in the state each action needs (created as the system)
    # ------------------------------------------------------------------
    def _action_record(self, model, key):
        """The record on which ``key`` (an ACTIONS key of ``model``) is called, in the state it needs."""
        prepare = getattr(self, "_prepare_" + model.replace(".", "_"), None)
        if prepare is None:
            return self.records[model]
        return prepare(key)

    def _prepare_ctxh_resident(self, key):
        if key != "action_extend_after_16":
            return self.records["ctxh.resident"]
        # a young man of 17 in a child's category, out of school: what extended care after 16 is for
        child = self.env.ref("ctxh_residents.category_child_no_carer")
        young = self._resident(name="Hầu A Páo", gender="male", birth_year=self.today.year - 17,
                               category_ids=[child.id])
        self._admit(young)
        return young

    def _prepare_ctxh_case(self, key):
        case = self.records["ctxh.case"].copy({"title": "Hỗ trợ khẩn cấp"})
        if key == "action_close":
            case.write({"closure_reason_id": self.env.ref("ctxh_services.case_closure_goals_met").id,
                        "outcome": "Đã ổn định."})
        if key == "action_reopen":
            case.write({"state": "closed", "date_closed": self.today})
        return case

    def _prepare_ctxh_collaborator_allowance_sheet(self, key):
        months = {"action_compute": 4, "action_approve": 5, "action_reset_draft": 6}
        sheet = self.env["ctxh.collaborator.allowance.sheet"].create(
            {"company_id": self.facility_a.id, "date_from": date(2025, months[key], 1)})
        if key in ("action_approve", "action_reset_draft"):
            sheet.action_compute()
        return sheet

    def _prepare_ctxh_foster_family(self, key):
        family = self.env["ctxh.foster.family"].create({"name": "Hộ bà Nông Thị Hảo", "company_id": self.facility_a.id})
        if key == "action_approve":
            family.condition_ids.write({"met": True})
            family.write({"assessment_date": date(2026, 1, 5), "assessment_result": "suitable"})
        if key == "action_refuse":
            family.note = "Nhà ở không bảo đảm an toàn."
        return family

    def _prepare_ctxh_foster_placement(self, key):
        placement = self.env["ctxh.foster.placement"].create({
            "resident_id": self._resident(name="Hoàng Văn Lực", birth_year=2014).id,
            "family_id": self.foster_family.id, "end_reason": "returned"})
        if key == "action_end":
            placement.state = "active"
        return placement

    def _prepare_ctxh_foster_support_sheet(self, key):
        months = {"action_compute": 4, "action_approve": 5, "action_reset_draft": 6}
        sheet = self.env["ctxh.foster.support.sheet"].create(
            {"company_id": self.facility_a.id, "date_from": date(2025, months[key], 1)})
        if key in ("action_approve", "action_reset_draft"):
            sheet.action_compute()
        return sheet

    def _prepare_ctxh_screening_campaign(self, key):
        campaign = self.records["ctxh.screening.campaign"].copy()
        campaign.state = {"action_done": "in_progress"}.get(key, "planned")
        if key == "action_refer_above_cutoff":
            self._prepare_ctxh_screening_result(key, campaign)
        return campaign

    def _prepare_ctxh_screening_result(self, key, campaign=None):
        # a child above the total's cut-off, so that there is someone to refer
        result = self.env["ctxh.screening.result"].create({
            "campaign_id": (campaign or self.records["ctxh.screening.campaign"]).id,
            "resident_id": self._resident(name="Hà Văn Đông").id})
        result.score_ids.filtered(lambda s: s.scale_id.code == "emo").manual_score = 10
        result.score_ids.filtered(lambda s: s.scale_id.code == "hyp").manual_score = 10
        return result

    def _prepare_ctxh_therapy_course(self, key):
        return self.records["ctxh.therapy.course"].copy()

    def _prepare_ctxh_therapy_session(self, key):
        session = self.records["ctxh.therapy.session"].copy()
        session.state = "cancelled" if key == "action_reset_planned" else "planned"
        return session

    def _prepare_ctxh_outreach_event(self, key):
        event = self.records["ctxh.outreach.event"].copy({"count_men": 3})
        if key == "action_reset_planned":
            event.action_cancel()
        return event

    def _prepare_ctxh_daycare_attendance(self, key):
        sheet = self.env["ctxh.daycare.attendance"].create({
            "company_id": self.facility_a.id, "date": date(2026, 8, 1) + timedelta(days=next(_DAYCARE_DAYS))})
        sheet.line_ids.present = True
        if key == "action_reset_draft":
            sheet.action_confirm()
        return sheet

    def _prepare_ctxh_home_visit(self, key):
        visit = self.env["ctxh.home.visit"].create({"contract_id": self.daycare_contract.id, "date": date(2026, 6, 5)})
        if key == "action_reset_draft":
            visit.action_cancel()
        return visit

    def _prepare_ctxh_office(self, key):
        # the overview's button says which figure to open
        return self.records["ctxh.office"].with_context(ctxh_figure="call_month")

    def _prepare_ctxh_admission_step_line(self, key):
        if key == "action_skip":
            # an emergency admission whose dossier is complete: the abandoned child's notice (optional) is under way
            admission = self.env["ctxh.admission"].create({
                "resident_id": self.applicant.id, "company_id": self.facility_a.id,
                "admission_type_id": self.env.ref("ctxh_residents.admission_type_emergency").id})
            admission.step_line_ids[:1].action_done()
            return admission.current_step_line_id
        admission = self.env["ctxh.admission"].create({
            "resident_id": self.applicant.id, "company_id": self.facility_a.id,
            "admission_type_id": self.regular.id})
        line = admission.current_step_line_id
        line.write({"document_ref": "15/UBND-VX", "document_date": self.today})
        return line

    def _prepare_ctxh_admission(self, key):
        vals = {"resident_id": self.applicant.id, "company_id": self.facility_a.id,
                "admission_type_id": self.regular.id}
        states = {"action_approve": "submitted", "action_refuse": "submitted", "action_reset_draft": "refused",
                  "action_admit": "approved", "action_open_admit": "approved"}
        if key == "action_admit_emergency":
            vals.update(admission_type_id=self.emergency.id, brought_by="Công an xã Tân Thanh")
        if key == "action_refuse":
            vals["refuse_reason"] = "Không thuộc diện tiếp nhận."
        admission = self.env["ctxh.admission"].create(vals)
        admission.document_line_ids.write({"received": True})
        if key in states:
            admission.write({"state": states[key]})
        return admission

    def _prepare_ctxh_discharge(self, key):
        discharge = self.env["ctxh.discharge"].create({"stay_id": self.stay2.id, "reason_id": self.reason.id})
        if key == "action_done":
            discharge.write({"state": "approved", "decision_number": "1/QĐ-TTBTXHLS", "decision_date": self.today})
        if key == "action_plan_followups":
            discharge.write({"state": "done", "handover_date": self.now})
        return discharge

    def _prepare_ctxh_followup(self, key):
        followup = self.records["ctxh.followup"].copy({"outcome": "stable"})
        return followup

    def _prepare_ctxh_assessment(self, key):
        assessment = self.env["ctxh.assessment"].create({"resident_id": self.resident.id})
        assessment.line_ids.write({"score": "2"})
        if key == "action_reset_draft":
            assessment.state = "done"
        return assessment

    def _prepare_ctxh_care_plan(self, key):
        plan = self.records["ctxh.care.plan"].copy({"review_date": self.today + timedelta(days=90)})
        states = {"action_approve": "submitted", "action_reset_draft": "submitted", "action_start": "approved",
                  "action_close": "approved", "action_review": "approved"}
        plan.state = states.get(key, "draft")
        if key in ("action_view_previous", "action_view_next"):
            plan.write({"previous_plan_id": self.records["ctxh.care.plan"].id,
                        "next_plan_id": self.records["ctxh.care.plan"].id})
        return plan

    def _prepare_ctxh_medication(self, key):
        order = self.records["ctxh.medication"].copy()
        if key == "action_stop":
            order.state = "active"
        return order

    def _prepare_ctxh_medication_administration(self, key):
        hours = {"action_given": 2, "action_refused": 3, "action_missed": 4, "action_correct": 5,
                 "action_round_given": 7, "action_round_refused": 8, "action_round_missed": 9}[key]
        return self.env["ctxh.medication.administration"].create({
            "medication_id": self.records["ctxh.medication"].id, "scheduled_at": self.now - timedelta(hours=hours),
            "reason": "Ngủ say, không đánh thức." if key not in ("action_given", "action_round_given") else False,
            # a recorded dose, as the round records it (the fixture is written by the system)
            "state": "given" if key == "action_correct" else "planned"})

    def _prepare_ctxh_incident(self, key):
        incident = self.records["ctxh.incident"].copy({"review_note": "Đã xem xét."})
        if key == "action_close":
            incident.state = "reported"
        return incident

    def _prepare_ctxh_visit_request(self, key):
        return self.records["ctxh.visit.request"].copy({"refusal_reason": "Trùng lịch khám bệnh"})

    def _prepare_ctxh_visit(self, key):
        return self.records["ctxh.visit"].copy({"time_in": self.now - timedelta(hours=1)})

    def _prepare_ctxh_programme(self, key):
        programme = self.env["ctxh.programme"].create({"name": "Lớp may", "company_id": self.facility_a.id})
        programme.state = {"action_close": "open", "action_reset_draft": "closed"}.get(key, "draft")
        return programme

    def _prepare_ctxh_programme_enrolment(self, key):
        programme = self.env["ctxh.programme"].create({"name": "Lớp tin học", "company_id": self.facility_a.id})
        return self.env["ctxh.programme.enrolment"].create({
            "programme_id": programme.id, "resident_id": self.resident.id,
            "state": "dropped" if key == "action_reenrol" else "enrolled"})

    def _prepare_ctxh_programme_session(self, key):
        session = self.env["ctxh.programme.session"].create({
            "programme_id": self.records["ctxh.programme"].id, "date_start": self.now - timedelta(days=1)})
        session.attendance_ids.write({"status": "present"})
        if key == "action_reset_planned":
            session.state = "done"
        return session

    def _prepare_ctxh_care_contract(self, key):
        if key in ("action_terminate", "action_register_payment", "action_view_invoices", "action_new_addendum"):
            return self.contract
        # a person of its own: two signed contracts of one person for one period are refused by the database
        contract = self._contract(self._resident(name=f"Đoàn Thị Ký {key}"), activate=False, date=date(2026, 1, 6),
                                  date_start=date(2026, 1, 6))
        contract.state = {"action_close": "terminated", "action_reset_draft": "active"}.get(key, "draft")
        return contract

    def _prepare_ctxh_billing_run(self, key):
        run = self.env["ctxh.billing.run"].create({"company_id": self.facility_a.id, "date_from": date(2026, 4, 1)})
        if key == "action_post":
            run.state = "generated"
        elif key == "action_send_einvoices":
            run.action_generate()
            run.action_post()
            # as if SInvoice had refused it: an invoice waiting to be sent again
            run.move_ids[:1].l10n_vn_edi_invoice_state = "ready_to_send"
        return run

    def _prepare_ctxh_allowance_sheet(self, key):
        # one sheet per month and facility: each prepared sheet takes the next free month
        Sheet = self.env["ctxh.allowance.sheet"]
        month = date(2027, 1, 1) + relativedelta(months=Sheet.search_count([("date_from", ">=", date(2027, 1, 1))]))
        state = {"action_approve": "computed", "action_reset_draft@computed": "computed",
                 "action_reset_draft@approved": "approved"}.get(key, "draft")
        sheet = Sheet.create({"company_id": self.facility_a.id, "date_from": month})
        sheet.state = state
        return sheet

    def _prepare_ctxh_allowance_arrears(self, key):
        months = {"action_compute": 4, "action_approve": 5, "action_reset_draft": 6}
        arrears = self.env["ctxh.allowance.arrears"].create(
            {"company_id": self.facility_a.id, "date_from": date(2025, months[key], 1), "date_since": date(2025, 1, 1)})
        if key in ("action_approve", "action_reset_draft"):
            arrears.action_compute()
        return arrears

    def _prepare_ctxh_burial_support(self, key):
        # one burial support per resident
        support = self.env["ctxh.burial.support"].create({
            "resident_id": self._resident(name="Đinh Văn Tám", gender="male").id,
            "date_of_death": date(2026, 5, 4)})
        return support

    def _prepare_ctxh_counselling_session(self, key):
        session = self.records["ctxh.counselling.session"].copy()
        session.state = "cancelled" if key == "action_reset_planned" else "planned"
        return session

    def _prepare_ctxh_referral(self, key):
        referral = self.records["ctxh.referral"].copy({"result": "Đã tiếp nhận."})
        referral.state = {"action_accept": "sent", "action_refuse": "sent", "action_complete": "accepted",
                          "action_reset_draft": "refused"}.get(key, "draft")
        return referral

    def _prepare_ctxh_bed_transfer(self, key):
        return self.env["ctxh.bed.transfer"]  # made by the caller: see _call_action

    def _prepare_ctxh_dose_correction(self, key):
        return self.env["ctxh.dose.correction"]  # made by the caller: see _call_action

    def _prepare_ctxh_dose_record(self, key):
        return self.env["ctxh.dose.record"]  # made by the caller: see _call_action

    def _prepare_ctxh_admission_bed(self, key):
        return self.env["ctxh.admission.bed"]  # made by the caller: see _call_action

    def _prepare_ctxh_care_contract_addendum(self, key):
        return self.env["ctxh.care.contract.addendum"].create({
            "contract_id": self.contract.id, "reason": "Gia đình xin thêm dịch vụ giặt là.",
            "line_ids": [Command.create({"product_id": self.contract.line_ids[:1].product_id.id, "quantity": 1,
                                         "price_unit": 7_800_000})]})

    def _prepare_ctxh_consent(self, key):
        return self.records["ctxh.consent"].copy({"withdraw_reason": "Rút lại bằng văn bản."})

    def _prepare_ctxh_data_breach(self, key):
        breach = self.records["ctxh.data.breach"].copy()
        if key == "action_close":
            breach.state = "notified"
        return breach

    def _prepare_ctxh_sensitive_access_log(self, key):
        # a citizen ID of facility A met by a user of facility B: facility A's director is asked for the transfer
        self.facility_a.ctxh_director_id = self.role_users["director"]
        return self.env["ctxh.sensitive.access.log"].create({
            "user_id": self.role_users["care"].id, "company_id": self.facility_a.id, "res_model": "ctxh.resident",
            "res_id": self.resident.id, "access_type": "identity_collision", "field_names": "national_id"})

    def _wizard_vals(self, model):
        """What a user types in a wizard before confirming it (a wizard belongs to the user who opens it)."""
        if model == "ctxh.bed.transfer":
            return {"stay_id": self.stay.id, "bed_id": self.bed2.id}
        if model == "ctxh.dose.correction":
            dose = self.env["ctxh.medication.administration"].create({
                "medication_id": self.records["ctxh.medication"].id, "state": "given",
                "scheduled_at": self.now - timedelta(hours=6, minutes=next(_DOSE_MINUTES))})
            return {"dose_id": dose.id, "state": "refused", "reason": "Ghi nhầm người trong vòng phát thuốc."}
        if model == "ctxh.dose.record":
            dose = self.env["ctxh.medication.administration"].create({
                "medication_id": self.records["ctxh.medication"].id,
                "scheduled_at": self.now - timedelta(hours=10, minutes=next(_DOSE_MINUTES))})
            return {"dose_id": dose.id, "state": "refused", "reason": "Bà không chịu uống."}
        if model == "ctxh.admission.bed":
            room = self.env["ctxh.room"].create({"name": "P105", "company_id": self.facility_a.id,
                                                 "bed_ids": [Command.create({"name": "G1"})]})
            return {"admission_id": self._prepare_ctxh_admission("action_admit").id, "bed_id": room.bed_ids.id}
        return None

    # ------------------------------------------------------------------
    # Attempts, each rolled back
    # ------------------------------------------------------------------
    def _isolated(self, func):
        """Run ``func`` and roll back whatever it did; return (outcome, detail). The cache is emptied first:
        values the system read while preparing the record must not spare the user an access check."""
        self.env.flush_all()
        self.env.invalidate_all()
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                func()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            result = (OK, "")
        except AccessError as exc:
            result = (ACCESS, str(exc).splitlines()[0][:120])
        except (UserError, IntegrityError) as exc:
            # a business rule (ValidationError, MissingError...) or the database (a record still in use, which
            # JSON-RPC answers with a ValidationError) refused it
            result = (REFUSED, f"{type(exc).__name__}: {str(exc).splitlines()[0][:100]}")
        except Exception as exc:  # an internal error (psycopg2, ValueError...) is a finding, not a crash
            result = (f"error {type(exc).__name__}", str(exc).splitlines()[0][:120] if str(exc) else "")
        finally:
            self.env.invalidate_all(flush=False)
        return result


class RpcMixin:
    """JSON-RPC calls from an HttpCase, answered as (OK, result) or (error class name, message)."""

    _rpc_ids = itertools.count(1)

    def _post(self, route, params):
        """POST a JSON-RPC call; return ("ok", result) or (error class name, message)."""
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": next(self._rpc_ids), "params": params},
                             default=str)
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.url_open(route, data=payload, headers={"Content-Type": "application/json"}, timeout=60)
        if response.status_code != 200:
            return f"HTTP {response.status_code}", response.text[:200]
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return data.get("name") or body["error"].get("message"), (data.get("message") or "")[:300]
        return OK, body.get("result")

    def _call_kw(self, model, method, args=(), kwargs=None):
        return self._post(f"/web/dataset/call_kw/{model}/{method}",
                          {"model": model, "method": method, "args": list(args), "kwargs": kwargs or {}})


class RpcCase(RpcMixin, HttpCase, MatrixCase):
    """The matrix fixtures, reached over JSON-RPC as a logged-in user of each role."""

    def _login(self, role):
        user = self.role_users[role]
        self.authenticate(user.login, user.login)
        return user

    @staticmethod
    def _classify(name):
        """Map a JSON-RPC answer to the outcomes of the ORM checks (OK, ACCESS, REFUSED or an error)."""
        if name == OK:
            return OK
        if name == "odoo.exceptions.AccessError":
            return ACCESS
        if name in RPC_REFUSALS:
            return REFUSED
        return f"error {name}"

    def _isolated_rpc(self, func):
        """Run ``func`` (some requests) and roll back what the server did; the cache is emptied around it."""
        self.env.flush_all()
        self.env.invalidate_all()
        with contextlib.closing(self.env.cr.savepoint(flush=False)):
            result = func()
        self.env.invalidate_all(flush=False)
        return result
