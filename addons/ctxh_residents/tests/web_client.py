"""What the web client asks the server when a user opens a list or a form, for tests that count queries.

The requests are built the way Odoo 18's web client builds them (``web/static/src/model/relational_model``):
the action's domain and context, the domains of its ``search_default_*`` filters taken from the search view,
and the field specification of the list or form view as ``get_views`` returns it to that user (many2one
display names, many2many tags with their colour, inline sub-lists of one2many fields with their limit).
"""

import datetime
import logging
import types
from collections import defaultdict

import pytz
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.osv import expression
from odoo.tests.form import get_static_context
from odoo.tools.safe_eval import safe_eval

# what the web client asks for the related records of a field, by widget (its ``relatedFields``)
WIDGET_RELATED_FIELDS = {
    "many2many_tags": ["display_name"],
    "many2many_tags_avatar": ["display_name"],
    "many2many_binary": ["name", "mimetype"],
}
SUBVIEW_TAGS = ("list", "kanban", "form")
X2MANY_LIMIT = 40  # rows of an inline sub-list the web client reads at first
LIST_COUNT_LIMIT = 10001  # the list's count limit (10000) plus one


def _always_invisible(node):
    return node.get("invisible") in ("True", "1")


def _web_eval_context(env):
    """The names a search filter's domain may use in the web client: ``context_today()`` in the user's
    time zone, and ``datetime`` whose datetimes know ``to_utc()`` (the browser's local time to UTC)."""
    tz = pytz.timezone(env.context.get("tz") or env.user.tz or "UTC")

    class WebDatetime(datetime.datetime):
        def to_utc(self):
            return tz.localize(self.replace(tzinfo=None)).astimezone(pytz.utc).replace(tzinfo=None)

    return {
        "context_today": lambda: fields.Date.context_today(env["res.users"]),
        "datetime": types.SimpleNamespace(datetime=WebDatetime, date=datetime.date, time=datetime.time,
                                          timedelta=datetime.timedelta),
        "relativedelta": relativedelta,
        "uid": env.uid,
        "context": dict(env.context),
        "allowed_company_ids": env.companies.ids,
        "current_company_id": env.company.id,
    }


class WebClient:
    """The requests of the web client, as one user (``env``) sees the views."""

    def __init__(self, env):
        self.env = env

    # ------------------------------------------------------------------
    # Actions and their default filters
    # ------------------------------------------------------------------
    def action(self, xmlid, grouped=False, filters=()):
        """(model with the action's context, domain, {view type: view id}) of the window action ``xmlid``
        opened from its menu, the domain including those of the filters its context turns on by default
        and of the ``filters`` (names) the user turns on as well. An action that opens its list grouped is
        refused unless ``grouped``: only its domain is given."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        eval_context = _web_eval_context(self.env)
        context = safe_eval(action.get("context") or "{}", eval_context)
        domain = safe_eval(action["domain"], eval_context) if action.get("domain") else []
        model = self.env[action["res_model"]].with_context(**context)
        defaults = {key[len("search_default_"):]: value for key, value in context.items()
                    if key.startswith("search_default_") and value}
        defaults.update(dict.fromkeys(filters, 1))
        filter_domains = self._default_filter_domains(model, self.search_arch(xmlid), defaults, eval_context,
                                                      grouped)
        views = {view_type: view_id for view_id, view_type in action["views"]}
        return model, expression.AND([domain, *filter_domains]), views

    def search_arch(self, xmlid):
        """The search view of the action ``xmlid``, as the user gets it."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        search_view_id = action["search_view_id"] and action["search_view_id"][0]
        search = self.env[action["res_model"]].get_views([(search_view_id, "search")])["views"]["search"]
        return etree.fromstring(search["arch"])

    def _default_filter_domains(self, model, arch, defaults, eval_context, grouped):
        """One domain per group of default filters: filters of a group (between separators) are OR-ed,
        groups are AND-ed, as in the web client's search model."""
        groups, group, found = defaultdict(list), 0, set()
        for node in arch.iter("filter", "separator", "group", "field"):
            if node.tag in ("separator", "group"):
                group += 1
                continue
            name = node.get("name")
            if name not in defaults:
                continue
            found.add(name)
            if node.tag == "field":
                value = defaults[name]
                field_domain = node.get("filter_domain")
                domain = (safe_eval(field_domain, {**eval_context, "self": value}) if field_domain
                          else [(name, "=", value)])
                groups[f"field_{name}"].append(domain)
                continue
            if node.get("context") and "group_by" in node.get("context"):
                if grouped:
                    continue
                raise NotImplementedError(f"default grouping {name!r}: the list opens grouped")
            groups[group].append(self.filter_domain(model, node, eval_context))
        missing = set(defaults) - found
        if missing:
            raise ValueError(f"default filters not in the search view: {sorted(missing)}")
        return [expression.OR(domains) for domains in groups.values()]

    def filter_domain(self, model, node, eval_context=None):
        """The domain of the ``<filter>`` ``node`` of ``model``'s search view; a date filter
        (``date="field"``) selects the current month, its default period."""
        eval_context = eval_context or _web_eval_context(self.env)
        field = node.get("date")
        if not field:
            return safe_eval(node.get("domain") or "[]", eval_context)
        first = eval_context["context_today"]().replace(day=1)
        after = first + relativedelta(months=1)
        if model._fields[field].type == "date":
            return [(field, ">=", first), (field, "<", after)]
        WebDatetime = eval_context["datetime"].datetime
        return [(field, ">=", WebDatetime.combine(first, datetime.time.min).to_utc()),
                (field, "<", WebDatetime.combine(after, datetime.time.min).to_utc())]

    # ------------------------------------------------------------------
    # Field specifications
    # ------------------------------------------------------------------
    def spec(self, model, view_type, view_id=False):
        """The specification the web client gives ``web_read`` / ``web_search_read`` for this view."""
        views = model.get_views([(view_id, view_type)])
        arch = etree.fromstring(views["views"][view_type]["arch"])
        spec = self._arch_spec(model, arch, views["models"])
        if view_type == "form":
            spec.setdefault("display_name", {})  # the breadcrumb
        return spec

    def _arch_spec(self, model, arch, models_info):
        spec = {}
        model_fields = models_info[model._name]["fields"]
        # the fields of this view, not those of the sub-views inside it
        level = int(arch.xpath("count(ancestor::field)"))
        for node in arch.xpath(f".//field[count(ancestor::field) = {level}]"):
            name = node.get("name")
            field_spec = self._field_spec(model, node, model_fields[name], models_info)
            # a field shown twice is read once, with everything either occurrence needs
            previous = spec.get(name, {})
            spec[name] = {**previous, **field_spec}
            if "fields" in previous and "fields" in field_spec:
                spec[name]["fields"] = {**previous["fields"], **field_spec["fields"]}
        return spec

    def _field_spec(self, model, node, info, models_info):
        ftype = info["type"]
        context = get_static_context(node.get("context")) if node.get("context") else {}
        if ftype in ("many2one", "reference"):
            if _always_invisible(node):
                return {"fields": {}}
            return {"fields": {"display_name": {}}, "context": context}
        if ftype not in ("one2many", "many2many") or _always_invisible(node):
            return {}
        comodel = self.env[info["relation"]]
        subviews = [child for child in node if child.tag in SUBVIEW_TAGS]
        widget = node.get("widget")
        if widget in WIDGET_RELATED_FIELDS:
            sub_spec = {name: {} for name in WIDGET_RELATED_FIELDS[widget]}
            color_field = safe_eval(node.get("options") or "{}").get("color_field")
            if color_field:
                sub_spec[color_field] = {}
            return {"fields": sub_spec, "context": context}
        if not subviews:
            if node.getparent() is not None and node.xpath("ancestor::list"):
                return {}  # a column of a list shows the number of records only
            views = comodel.get_views([(False, "list")])
            subviews = [etree.fromstring(views["views"]["list"]["arch"])]
            models_info = {**views["models"], **models_info}
        subview = next((view for view in subviews if view.tag != "form"), subviews[0])
        result = {"fields": self._arch_spec(comodel, subview, models_info), "context": context,
                  "limit": int(subview.get("limit") or X2MANY_LIMIT)}
        if subview.get("default_order"):
            result["order"] = subview.get("default_order")
        return result

    # ------------------------------------------------------------------
    # Requests
    # ------------------------------------------------------------------
    def list_request(self, xmlid):
        """What the list of the action ``xmlid`` asks for its first page, as a function of the page size
        that sends it (``web_search_read``) and returns the answer. Loading the action and the views is
        done here, once, as the web client does before it asks for data."""
        model, domain, views = self.action(xmlid)
        model = model.with_context(bin_size=True)
        view = model.get_views([(views.get("list", False), "list")])["views"]["list"]
        spec = self.spec(model, "list", view["id"])
        order = etree.fromstring(view["arch"]).get("default_order")

        def first_page(limit):
            return model.web_search_read(domain, spec, offset=0, limit=limit, order=order,
                                         count_limit=LIST_COUNT_LIMIT)
        return first_page

    def form_request(self, model):
        """What the form view of ``model`` reads when it opens a record, as a function of the record that
        sends it (``web_read``) and returns the answer."""
        model = model.with_env(self.env).with_context(bin_size=True)
        spec = self.spec(model, "form")

        def read(record):
            return record.with_env(model.env).web_read(spec)
        return read


class _QueryLog(logging.Handler):
    """The queries ``odoo.sql_db`` logs at debug level, as PostgreSQL received them."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.queries = []

    def emit(self, record):
        self.queries.append(record.getMessage().split(" query: ", 1)[-1])


def capture_queries(env, call):
    """The queries ``call()`` runs (flushing included), as PostgreSQL receives them."""
    logger = logging.getLogger("odoo.sql_db")
    log, level, propagate = _QueryLog(), logger.level, logger.propagate
    logger.addHandler(log)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # keep them out of the test log
    before = env.cr.sql_log_count
    try:
        call()
        env.flush_all()
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)
        logger.propagate = propagate
    assert env.cr.sql_log_count - before == len(log.queries), "a query escaped the log"
    return log.queries


def run_queries(env, call):
    """The queries of ``call()`` on a cold record cache, once the ORM's other caches are warm (a first
    call warms them): what showing the view again costs for a user already logged in."""
    call()
    env.flush_all()
    env.invalidate_all()
    return capture_queries(env, call)
