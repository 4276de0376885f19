"""The doors through which sensitive details or health records could reach care staff or accountants.

Each door is one remote call, ``(label, model, method, args, kwargs)``, as the web client or a script
would send it to /web/dataset/call_kw; ``test_privacy_doors`` knocks through the ORM
(``odoo.api.call_kw``), ``test_http_privacy`` over JSON-RPC. Care staff and accountants must get an
AccessError at every door; medical staff walk through (so a door that fails for another reason is
noticed), except the administrators' doors.
"""

from odoo.addons.ctxh_residents.tests.common import CtxhResidentsCase

from .access_matrix import SENSITIVE_FIELDS

HEALTH_MODELS = ("ctxh.health.check", "ctxh.medical.event")
# fields of the resident that hold health records (groups: medical staff)
HEALTH_LINKS = {"ctxh.health.check": "medical_check_ids", "ctxh.medical.event": "medical_event_ids"}
# doors already knocked at by ctxh_residents/tests/test_security.py (read, search_read, a domain, read_group,
# export_data, through the ORM): the ORM test leaves them out, the JSON-RPC test goes through them again
ORM_TESTED = {"read", "search_read", "search domain", "read_group", "export_data"}
# doors medical staff are not sent through: name_search on a health record logs "Cannot search on
# display_name" (the models have no _rec_name), a usability defect reported apart, not a privacy one
NO_CONTROL = {"name_search"}


class PrivacyCase(CtxhResidentsCase):
    """A resident with every sensitive detail, whose HIV status medical staff changed (tracked in the
    chatter), with a health check and a medical event that carry a message and a file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(
            name="Phùng Thị Hạnh", birth_year=1990, hiv_status="positive", hiv_note="Điều trị ARV từ 2019.",
            drug_use_history="Heroin 2015-2018.", victim_type="trafficking",
            victim_details="Giải cứu tại biên giới.", court_record="Bản án 12/2019/HS-ST.")
        cls.stay = cls._admit(cls.resident, cls.bed1)
        cls.env.cr.precommit.run()  # the resident's creation message
        cls.resident.with_user(cls.medical_a).write({"hiv_status": "negative"})
        cls.env.flush_all()
        cls.env.cr.precommit.run()  # tracking values are written just before commit
        Medical = cls.env["ctxh.medical.event"].with_user(cls.medical_a)
        cls.check = cls.env["ctxh.health.check"].with_user(cls.medical_a).create({
            "resident_id": cls.resident.id, "height": 150, "weight": 45, "findings": "Viêm gan C mạn tính."})
        cls.event = Medical.create({"resident_id": cls.resident.id, "kind": "chronic_condition",
                                    "diagnosis": "Nhiễm HIV giai đoạn 1", "icd10_code": "B20"})
        for record in (cls.check, cls.event):
            attachment = cls.env["ir.attachment"].create({
                "name": "ket-qua-xet-nghiem.pdf", "raw": b"%PDF-1.4 ket qua", "res_model": record._name,
                "res_id": record.id})
            record.message_post(body="Kết quả xét nghiệm CD4: 450.", attachment_ids=attachment.ids)
        cls.records_by_model = {"ctxh.health.check": cls.check, "ctxh.medical.event": cls.event}
        cls.env.flush_all()

    def sensitive_doors(self):
        """Every way to read, search, sort, group or export a sensitive field of the resident."""
        rid, stay = self.resident.id, self.stay.id
        doors = []
        for field in SENSITIVE_FIELDS:
            doors += [
                ("read", "ctxh.resident", "read", [[rid], [field]], {}),
                ("search_read", "ctxh.resident", "search_read", [[("id", "=", rid)], [field]], {}),
                ("web_read", "ctxh.resident", "web_read", [[rid]], {"specification": {field: {}}}),
                ("web_search_read", "ctxh.resident", "web_search_read", [],
                 {"domain": [("id", "=", rid)], "specification": {"name": {}, field: {}}}),
                ("search domain", "ctxh.resident", "search", [[(field, "!=", False)]], {}),
                ("search_count domain", "ctxh.resident", "search_count", [[(field, "!=", False)]], {}),
                ("sort", "ctxh.resident", "search_read", [[("id", "=", rid)], ["name"]], {"order": field}),
                ("read_group", "ctxh.resident", "read_group", [[], [field], [field]], {}),
                ("web_read_group", "ctxh.resident", "web_read_group", [],
                 {"domain": [], "fields": ["__count"], "groupby": [field]}),
                ("count_distinct", "ctxh.resident", "read_group",
                 [[], [f"{field}:count_distinct"], ["company_id"]], {}),
                ("export_data", "ctxh.resident", "export_data", [[rid], ["name", field]], {}),
                ("onchange", "ctxh.resident", "onchange", [[rid], {"name": "Phùng Thị Hạnh"}, ["name"],
                                                           {"name": {}, field: {}}], {}),
                ("through a stay", "ctxh.stay", "search_read", [[(f"resident_id.{field}", "!=", False)], ["id"]], {}),
                ("nested web_read", "ctxh.stay", "web_read", [[stay]],
                 {"specification": {"resident_id": {"fields": {field: {}}}}}),
            ]
        return doors

    def health_doors(self):
        """Every way to reach a health check or a medical event, directly or through the resident."""
        rid = self.resident.id
        doors = []
        for model, record in self.records_by_model.items():
            link = HEALTH_LINKS[model]
            doors += [
                ("read", model, "read", [record.ids, ["resident_id"]], {}),
                ("search_read", model, "search_read", [[], ["resident_id"]], {}),
                ("web_search_read", model, "web_search_read", [],
                 {"domain": [], "specification": {"display_name": {}}}),
                ("search_count", model, "search_count", [[]], {}),
                ("read_group", model, "read_group", [[], ["resident_id"], ["resident_id"]], {}),
                ("name_search", model, "name_search", [], {"name": ""}),
                ("export_data", model, "export_data", [record.ids, ["display_name"]], {}),
                ("from the resident", "ctxh.resident", "read", [[rid], [link]], {}),
                ("nested web_read", "ctxh.resident", "web_read", [[rid]],
                 {"specification": {link: {"fields": {"display_name": {}}}}}),
                ("through the resident", "ctxh.resident", "search", [[(f"{link}.id", "!=", False)]], {}),
            ]
        return doors

    def admin_doors(self):
        """Tracked values are read by administrators only (medical staff see theirs in the chatter)."""
        return [
            ("tracking values of the resident", "mail.message", "search_read",
             [[("model", "=", "ctxh.resident"), ("res_id", "=", self.resident.id)], ["tracking_value_ids"]], {}),
            ("tracking values", "mail.tracking.value", "search_read", [[], ["field_id", "old_value_char"]], {}),
        ]

    def hidden_lists(self):
        """Searches that must come back empty: the messages and files of health records."""
        lists = []
        for model, record in self.records_by_model.items():
            lists += [
                ("messages", "mail.message", "search_read",
                 [[("model", "=", model), ("res_id", "=", record.id)], ["body"]], {}),
                ("files", "ir.attachment", "search_read", [[("res_model", "=", model), ("res_id", "=", record.id)],
                                                           ["name"]], {}),
            ]
        return lists
