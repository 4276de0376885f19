"""Sensitive details and health records stay with medical staff and directors at every ORM door (read, search,
group-by, export, related paths, name search, call_kw), for care staff and accountants (privacy_common.py)."""

from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .privacy_common import HEALTH_LINKS, NO_CONTROL, ORM_TESTED, SENSITIVE_FIELDS, PrivacyCase

SECRET_NAMES = (*SENSITIVE_FIELDS, *HEALTH_LINKS.values(), "medical_count")


@tagged("post_install", "-at_install")
class TestPrivacyDoors(PrivacyCase):
    """Through the ORM, as the web client calls it: no door lets care staff or accountants reach sensitive
    details or health records (doors not already knocked at by test_security and test_privacy)."""

    def _knock(self, user, door):
        _label, model, method, args, kwargs = door
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                result = call_kw(self.env[model].with_user(user), method, args, kwargs)
        except AccessError:
            return "AccessError", None
        return "ok", result

    def test_no_door_opens_to_care_staff_or_accountants(self):
        """Care staff and accountants get an AccessError at every door; medical staff get through the same ones."""
        doors = [d for d in self.sensitive_doors() if d[0] not in ORM_TESTED] + self.health_doors()
        opened = []
        for door in doors + self.admin_doors():
            for user in (self.care_a, self.accountant_a):
                outcome, result = self._knock(user, door)
                if outcome != "AccessError":
                    opened.append(f"{user.login}: {door[0]} {door[1]}.{door[2]}{door[3]} -> {str(result)[:100]}")
        closed_to_medical = [f"{door[0]} {door[1]}.{door[2]}{door[3]}" for door in doors
                             if door[0] not in NO_CONTROL and self._knock(self.medical_a, door)[0] != "ok"]
        self.assertFalse(opened, "doors open to care staff or accountants")
        self.assertFalse(closed_to_medical, "doors closed to medical staff too: the check proves nothing there")

    def test_health_messages_and_files_stay_hidden(self):
        """The messages and files of health records do not show up in searches by care staff or accountants."""
        for door in self.hidden_lists():
            for user in (self.care_a, self.accountant_a):
                outcome, result = self._knock(user, door)
                self.assertTrue(outcome == "AccessError" or result == [], f"{user.login} finds {door[0]}: {result}")
            self.assertTrue(self._knock(self.medical_a, door)[1], f"medical staff find the {door[0]}")

    def test_views_and_field_lists_leave_secrets_out(self):
        """No view sent to care staff or accountants (list, form, kanban, search) names a sensitive field or a
        health record, nor does the field list; medical staff get them."""
        views = [(False, kind) for kind in ("list", "form", "kanban", "search")]
        for user in (self.care_a, self.accountant_a):
            Resident = self.env["ctxh.resident"].with_user(user)
            result = Resident.get_views(views)
            described = result["models"]["ctxh.resident"]["fields"]
            for name in SECRET_NAMES:
                self.assertNotIn(name, Resident.fields_get([], ["string"]), f"{user.login} fields_get {name}")
                self.assertNotIn(name, described, f"{user.login} get_views models {name}")
                for kind, view in result["views"].items():
                    self.assertNotIn(f'name="{name}"', view["arch"], f"{user.login} {kind} view {name}")
        Resident = self.env["ctxh.resident"].with_user(self.medical_a)
        form = Resident.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="hiv_status"', form)
        self.assertIn("hiv_status", Resident.fields_get([], ["string"]))
