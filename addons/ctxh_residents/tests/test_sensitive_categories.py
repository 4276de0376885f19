from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import CtxhResidentsCase


@tagged("post_install", "-at_install")
class TestSensitiveCategories(CtxhResidentsCase):
    """A sensitive category (HIV, abuse, drug use, ...) is seen only by the Sensitive Data group, at every door
    that reaches it through a resident: reads, tags, searches by code, by name and by id, paths from other
    models, group-by, the chatter's tracking, exports; a user who does not see it neither adds nor removes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hiv = cls.env.ref("ctxh_residents.category_child_hiv_poor")
        cls.no_carer = cls.env.ref("ctxh_residents.category_child_no_carer")
        cls.elderly = cls.env.ref("ctxh_residents.category_elderly_no_carer")
        cls.child = cls._resident(name="Hà Văn Tín", gender="male",
                                  category_ids=[Command.set([cls.hiv.id, cls.no_carer.id])])
        cls.other = cls._resident(name="Lý Thị Mai", category_ids=[Command.set([cls.no_carer.id])])
        cls.stay = cls._admit(cls.child)

    def test_flagged_by_data(self):
        """The HIV, victim, administrative and rehabilitation categories are flagged; the plain ones are not."""
        Category = self.env["ctxh.resident.category"]
        flagged = set(Category.search([("sensitive", "=", True)]).mapped("code"))
        self.assertTrue({"child_hiv_poor", "victim_sexual_abuse", "victim_trafficking", "administrative_measure",
                         "rehab_compulsory_adult"} <= flagged)
        self.assertFalse({"child_no_carer", "elderly_no_carer", "voluntary_elderly"} & flagged)

    def test_reads_and_tags(self):
        """Care staff and accountants read the resident's categories without the sensitive one, through read
        and web_read (the tags); medical staff and the director read both."""
        for user in (self.care_a, self.accountant_a):
            child = self.child.with_user(user)
            self.assertEqual(child.category_ids, self.no_carer, user.login)
            self.assertEqual(child.read(["category_ids"])[0]["category_ids"], [self.no_carer.id])
            tags = child.web_read({"category_ids": {"fields": {"display_name": {}}}})[0]["category_ids"]
            self.assertEqual([tag["id"] for tag in tags], [self.no_carer.id])
            self.assertNotIn("HIV", str(tags))
            Category = self.env["ctxh.resident.category"].with_user(user)
            self.assertFalse(Category.search([("code", "=", "child_hiv_poor")]))
        for user in (self.medical_a, self.director_a):
            self.env.invalidate_all()  # one user per request, as in the web client
            self.assertEqual(self.child.with_user(user).category_ids, self.hiv | self.no_carer, user.login)

    def test_reads_after_the_system_read_them(self):
        """The system reading every category in the same request (a computation as sudo) does not show the
        sensitive one to the user afterwards."""
        self.assertIn(self.hiv, self.child.sudo().category_ids)
        tags = self.child.with_user(self.care_a).web_read({"category_ids": {"fields": {"display_name": {}}}})
        self.assertEqual([tag["id"] for tag in tags[0]["category_ids"]], [self.no_carer.id])
        self.assertEqual(self.child.with_user(self.care_a).read(["category_ids"])[0]["category_ids"],
                         [self.no_carer.id])

    def test_searches(self):
        """The issue's example finds nobody for care staff and accountants, by code, by name, by id, through a
        path from the stay and with a negation; medical staff find the child."""
        domains = [
            [("category_ids.code", "=", "child_hiv_poor")],
            [("category_ids", "ilike", "HIV")],
            [("category_ids", "in", [self.hiv.id])],
            [("category_ids", "=", self.hiv.id)],
            [("category_ids", "any", [("id", "=", self.hiv.id)])],
            [("category_ids.sensitive", "=", True)],
        ]
        for user in (self.care_a, self.accountant_a):
            Resident = self.env["ctxh.resident"].with_user(user)
            for domain in domains:
                self.assertFalse(Resident.search(domain), (user.login, domain))
                self.assertFalse(Resident.search_count(domain), (user.login, domain))
            self.assertFalse(self.env["ctxh.stay"].with_user(user).search(
                [("resident_id.category_ids", "in", [self.hiv.id])]))
            # a negation does not single the child out either: it is as if the category did not exist
            both = (self.child | self.other).ids
            without = Resident.search([("category_ids", "not in", [self.hiv.id]), ("id", "in", both)])
            self.assertEqual(without, self.child | self.other)
        self.env.invalidate_all()
        Resident = self.env["ctxh.resident"].with_user(self.medical_a)
        for domain in domains:
            self.assertEqual(Resident.search(domain), self.child, domain)

    def test_group_by(self):
        """Grouping the residents by category shows no sensitive group to care staff."""
        for user, expected in ((self.care_a, {False, self.no_carer.id}),
                               (self.medical_a, {self.hiv.id, self.no_carer.id})):
            self.env.invalidate_all()
            groups = self.env["ctxh.resident"].with_user(user).read_group(
                [("id", "in", (self.child | self.other).ids)], ["category_ids"], ["category_ids"])
            ids = {group["category_ids"] and group["category_ids"][0] for group in groups}
            self.assertEqual(ids - {False}, expected - {False}, user.login)

    def test_export(self):
        """An export of the categories lists only those the user sees."""
        rows = self.child.with_user(self.care_a).export_data(["name", "category_ids/name", "category_ids/code"])
        self.assertNotIn("child_hiv_poor", str(rows))
        self.assertNotIn("HIV", str(rows))
        self.env.invalidate_all()  # one user per request, as in the web client
        rows = self.child.with_user(self.medical_a).export_data(["category_ids/name"])
        self.assertIn("HIV", str(rows))

    def test_care_staff_keep_what_they_do_not_see(self):
        """Care staff saving the form (the web client sends the tags it shows) keep the sensitive category;
        they can neither add nor remove it by id."""
        elderly = self.env.ref("ctxh_residents.category_elderly_no_carer")
        child = self.child.with_user(self.care_a)
        with Form(child) as form:
            form.category_ids.add(elderly)
        self.assertEqual(self.child.category_ids, self.hiv | self.no_carer | elderly)
        child.write({"category_ids": [Command.set([self.no_carer.id])]})
        self.assertEqual(self.child.category_ids, self.hiv | self.no_carer)
        child.write({"category_ids": [Command.clear()]})
        self.assertEqual(self.child.category_ids, self.hiv)
        with self.assertRaisesRegex(AccessError, "Sensitive Data"):
            child.write({"category_ids": [Command.unlink(self.hiv.id)]})
        with self.assertRaisesRegex(AccessError, "Sensitive Data"):
            self.other.with_user(self.care_a).write({"category_ids": [Command.link(self.hiv.id)]})
        with self.assertRaisesRegex(AccessError, "Sensitive Data"):
            self._resident(name="Đinh Văn Sáng").with_user(self.care_a).write(
                {"category_ids": [Command.set([self.hiv.id])]})
        with self.assertRaisesRegex(AccessError, "Sensitive Data"):
            self.env["ctxh.resident"].with_user(self.care_a).create(
                {"name": "Đinh Văn Sáng", "company_id": self.facility_a.id, "category_ids": [self.hiv.id]})
        self.assertEqual(self.child.category_ids, self.hiv)
        # medical staff set and remove it
        self.other.with_user(self.medical_a).write({"category_ids": [Command.link(self.hiv.id)]})
        self.assertIn(self.hiv, self.other.category_ids)

    def test_tracking_hidden(self):
        """The chatter's tracking of a change that involves a sensitive category is shown only to the Sensitive
        Data group; a change of plain categories is shown to everyone."""
        resident = self._resident(name="Vàng Thị Dính")
        self.env.cr.precommit.run()  # a record is tracked from the transaction after its creation
        resident.with_user(self.medical_a).write({"category_ids": [Command.set([self.hiv.id])]})
        self.env.flush_all()
        self.env.cr.precommit.run()
        message = resident.message_ids.filtered("tracking_value_ids")[:1]
        self.assertTrue(message.sudo().tracking_value_ids.ctxh_sensitive)

        def shown(user):
            # what the chatter receives: the message as the web client's store gets it
            store = Store()
            message.with_user(user)._to_store(store, for_current_user=True)
            return [value for entry in store.get_result()["mail.message"] for value in entry.get("trackingValues", [])]

        self.assertFalse(shown(self.care_a))
        self.assertTrue(shown(self.medical_a))
        self.assertFalse(message.sudo().tracking_value_ids._filter_free_field_access())

        # a plain change by care staff: shown to all, and no spurious change of the sensitive category
        self.env.invalidate_all()
        other = self.other
        other.with_user(self.care_a).write(
            {"category_ids": [Command.set([self.no_carer.id, self.elderly.id])]})
        self.env.flush_all()
        self.env.cr.precommit.run()
        plain = other.message_ids.filtered("tracking_value_ids")[:1]
        self.assertFalse(plain.sudo().tracking_value_ids.ctxh_sensitive)
        # a child with a hidden category: care staff add a plain one; the change is hidden, and medical staff
        # see the hidden category neither added nor removed
        self.env.invalidate_all()
        self.child.with_user(self.care_a).write(
            {"category_ids": [Command.set([self.no_carer.id, self.elderly.id])]})
        self.env.flush_all()
        self.env.cr.precommit.run()
        change = self.child.message_ids.filtered("tracking_value_ids")[:1].sudo().tracking_value_ids
        self.assertTrue(change.ctxh_sensitive)
        self.assertIn("HIV", change.old_value_char)
        self.assertIn("HIV", change.new_value_char)


@tagged("post_install", "-at_install")
class TestSensitiveAdmission(CtxhResidentsCase):
    """The narrative of an admission (situation, initial assessment, circumstances, condition on arrival) and a
    court decision in its dossier are protected like the resident's Sensitive Details."""

    NARRATIVE = ("situation", "assessment_summary", "circumstances", "arrival_condition")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.resident = cls._resident(name="Triệu Văn Lìn", gender="male")
        cls.admission = cls.env["ctxh.admission"].create({
            "resident_id": cls.resident.id, "company_id": cls.facility_a.id,
            "admission_type_id": cls.env.ref("ctxh_residents.admission_type_rehab_compulsory").id,
            "situation": "Bị bạo hành, nghiện ma túy đá hai năm.", "circumstances": "Công an xã đưa đến."})
        cls.court = cls.admission.document_line_ids.filtered(
            lambda line: line.document_type_id == cls.env.ref("ctxh_residents.dossier_court_decision"))

    def test_narrative_only_for_the_sensitive_group(self):
        """Care staff and accountants neither read, search, group by nor write the narrative; medical staff do,
        and their reading is logged."""
        for user in (self.care_a, self.accountant_a):
            admission = self.admission.with_user(user)
            for fname in self.NARRATIVE:
                with self.assertRaises(AccessError):
                    admission.read([fname])
                with self.assertRaises(AccessError):
                    admission.search([(fname, "ilike", "ma túy")])
            self.assertFalse(set(self.NARRATIVE) & set(admission.read([])[0]))
            self.assertFalse(set(self.NARRATIVE) & set(admission.fields_get()))
        with self.assertRaises(AccessError):
            self.admission.with_user(self.care_a).write({"situation": "Sửa."})
        Log = self.env["ctxh.sensitive.access.log"]
        before = Log.search_count([("res_model", "=", "ctxh.admission"), ("user_id", "=", self.medical_a.id)])
        self.assertIn("ma túy", self.admission.with_user(self.medical_a).read(["situation"])[0]["situation"])
        self.assertEqual(Log.search_count(
            [("res_model", "=", "ctxh.admission"), ("user_id", "=", self.medical_a.id)]), before + 1)

    def test_court_decision_in_the_dossier(self):
        """The dossier line of the court decision (and so its files) is read by medical staff and the director
        only; care staff still created the checklist, the decision line included."""
        self.assertEqual(len(self.court), 1)
        self.assertTrue(self.court.document_type_id.sensitive)
        self.env.invalidate_all()  # the lines as a request of care staff reads them
        lines = self.admission.with_user(self.care_a).document_line_ids
        self.assertTrue(lines)
        self.assertNotIn(self.court, lines)
        with self.assertRaises(AccessError):
            self.court.with_user(self.care_a).read(["note"])
        self.env.invalidate_all()
        self.assertIn(self.court, self.admission.with_user(self.medical_a).document_line_ids)
        # care staff create the checklist of a compulsory rehabilitation
        admission = self.env["ctxh.admission"].with_user(self.care_a).create({
            "resident_id": self._resident(name="Sầm Văn Pó", gender="male").id, "company_id": self.facility_a.id,
            "admission_type_id": self.env.ref("ctxh_residents.admission_type_rehab_compulsory").id})
        self.assertIn(self.court.document_type_id, admission.sudo().document_line_ids.document_type_id)
        self.assertEqual(admission.missing_document_count, len(admission.sudo().document_line_ids),
                         "the court decision counts among the missing documents")
