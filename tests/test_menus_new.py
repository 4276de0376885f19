"""Every "Mới" of every ctxh menu, opened as each demo role that may use it, the way the web client opens it.

The cases are generated from the menus each user sees: a new menu, model or required field is covered without
anyone adding it here. For each, the form is loaded (``get_views``), its defaults computed (``onchange``, as the
web client asks them), and the first required many2one of the form must offer records: the list the user opens
to fill it (``name_search`` with the field's domain, evaluated on the new record) is not empty.
"""

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

ROLES = ("user_ctxh_social_worker", "user_ctxh_medical", "user_ctxh_accountant", "user_ctxh_director")


def _literal_true(node, attribute, values):
    """Whether ``attribute`` of a view node holds on the new record (an expression is evaluated on its values;
    one that cannot be is taken as not holding)."""
    expression = node.get(attribute)
    if not expression:
        return False
    try:
        return bool(safe_eval(expression, values))
    except Exception:
        return False


@tagged("post_install", "-at_install")
class TestEveryNewFromTheMenus(TransactionCase):
    """As care staff, medical staff, the accountant and the director: every "Mới" their menus offer opens, and
    its first required choice is not an empty list."""

    def _cases(self, user):
        """(menu, model, action) for every menu of a window action on a ctxh model the user sees and may create in."""
        env = self.env(user=user, context={"lang": "vi_VN", "allowed_company_ids": user.company_ids.ids})
        for menu in env["ir.ui.menu"].search([]):
            action = menu.action
            if not action or action._name != "ir.actions.act_window":
                continue
            action = action.sudo()
            model = action.res_model
            if not model.startswith("ctxh.") or "form" not in (action.view_mode or "").split(","):
                continue
            Model = env[model]
            if Model._transient or not Model.has_access("create"):
                continue
            list_view = Model.get_views([(False, "list")])["views"]["list"]["arch"]
            if etree.fromstring(list_view).get("create") in ("0", "false", "False"):
                continue  # the list offers no "Mới"
            context = safe_eval(action.context or "{}", {"uid": user.id, "context": env.context,
                                                          "allowed_company_ids": user.company_ids.ids})
            yield menu, Model.with_context(**{k: v for k, v in context.items() if k.startswith("default_")}), action

    def _first_required_many2one(self, Model, action):
        form_view = action.view_ids.filtered(lambda v: v.view_mode == "form")[:1].view_id.id \
            or (action.view_id.id if action.view_id.type == "form" else False)
        views = Model.get_views([(form_view, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        fields_ = views["models"][Model._name]["fields"]
        names = [node.get("name") for node in arch.iter("field")
                 if not any(parent.tag in ("list", "kanban") for parent in node.iterancestors())]
        spec = {name: {} for name in dict.fromkeys(names) if name in fields_}
        values = Model.onchange({}, [], spec)["value"]
        record = dict.fromkeys(Model._fields, False)
        for name, value in values.items():
            record[name] = value["id"] if isinstance(value, dict) and "id" in value else value
        eval_context = {**record, "uid": Model.env.uid, "context": Model.env.context,
                        "allowed_company_ids": Model.env.context.get("allowed_company_ids", []),
                        "current_company_id": Model.env.company.id}
        for node in arch.iter("field"):
            if any(parent.tag in ("list", "kanban") for parent in node.iterancestors()):
                continue
            name = node.get("name")
            field = Model._fields.get(name)
            if not field or field.type != "many2one" or values.get(name):
                continue
            required = field.required or _literal_true(node, "required", eval_context)
            if not required or _literal_true(node, "invisible", eval_context) \
                    or _literal_true(node, "readonly", eval_context) or (field.readonly and not node.get("readonly")):
                continue
            domain = node.get("domain") or fields_.get(name, {}).get("domain") or "[]"
            if isinstance(domain, str):
                domain = safe_eval(domain, eval_context)
            return name, field.comodel_name, domain
        return None

    def test_every_new_offers_a_choice(self):
        checked = set()
        for xmlid in ROLES:
            user = self.env.ref(f"ctxh_residents.{xmlid}")
            for menu, Model, action in self._cases(user):
                with self.subTest(user=user.login, menu=menu.complete_name):
                    found = self._first_required_many2one(Model, action)
                    if not found:
                        continue
                    name, comodel, domain = found
                    offered = Model.env[comodel].name_search("", domain, limit=8)
                    self.assertTrue(offered, f"{user.login}: {menu.complete_name} > Mới: “{name}” offers nothing "
                                             f"(domain {domain})")
                    checked.add((Model._name, name))
        # the forms the issue names are among those checked
        for model in ("ctxh.care.plan", "ctxh.visit", "ctxh.health.check", "ctxh.medication"):
            self.assertIn((model, "resident_id"), checked)

    def test_contacts_are_created_where_they_are_chosen(self):
        """Care staff add a referrer from the admission and a visitor from the visit; the accountant adds a payer:
        creating the contact from the field works for them (Contact Creation comes with their role)."""
        for xmlid, name in (("user_ctxh_social_worker", "UBND xã Hoàng Đồng"),
                            ("user_ctxh_accountant", "Hoàng Văn Hải")):
            user = self.env.ref(f"ctxh_residents.{xmlid}")
            partner_id, _name = self.env["res.partner"].with_user(user).name_create(name)
            self.assertTrue(partner_id)
        arch = etree.fromstring(self.env["ctxh.admission"].with_user(self.env.ref(
            "ctxh_residents.user_ctxh_social_worker")).get_views([(False, "form")])["views"]["form"]["arch"])
        referrer = next(node for node in arch.iter("field") if node.get("name") == "referrer_id")
        self.assertNotIn("no_create", referrer.get("options") or "")

    def test_every_role_lands_in_the_app(self):
        """After logging in, the web client opens the first app of the user's menu (webclient.js
        ``_loadDefaultApp``): for every role it is Trợ giúp xã hội, not Discuss."""
        root = self.env.ref("ctxh_residents.menu_ctxh_root")
        for xmlid in (*ROLES, "user_ctxh_hue_social_worker"):
            user = self.env.ref(f"ctxh_residents.{xmlid}")
            with self.subTest(user=xmlid):
                menus = self.env["ir.ui.menu"].with_user(user).with_context(lang="vi_VN").load_menus(False)
                self.assertEqual(menus["root"]["children"][0], root.id)
                self.assertEqual(menus[root.id]["name"], "Trợ giúp xã hội")
