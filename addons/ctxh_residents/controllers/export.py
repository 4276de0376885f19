import json

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.export import CSVExport, ExcelExport


def _ctxh_export_readonly(controller):
    """An export only reads, so a read-only replica (db_replica_host) may serve it, unless it reaches a model whose
    reads of sensitive data are logged (ctxh.sensitive.read.mixin): the log line is a write, and Odoo's export
    answers any error itself instead of replaying the request on the primary, so such an export starts there."""
    try:
        params = json.loads(request.httprequest.form.get("data") or "{}")
        Model = request.registry[params["model"]]
        paths = [item["name"] for item in params.get("fields") or () if isinstance(item, dict)]
    except (KeyError, TypeError, ValueError):
        return False  # a malformed request is answered by Odoo's own handler, on the primary
    for path in paths:
        target = Model
        for part in path.split("/")[:-1]:
            field = target._fields.get(part)
            if not field or not field.relational:
                break
            target = request.registry[field.comodel_name]
        else:
            if "_ctxh_sensitive_fields" in dir(target):
                return False
    return "_ctxh_sensitive_fields" not in dir(Model)


class CtxhExcelExport(ExcelExport):
    @http.route(readonly=_ctxh_export_readonly)
    def web_export_xlsx(self, data):
        return super().web_export_xlsx(data)


class CtxhCSVExport(CSVExport):
    @http.route(readonly=_ctxh_export_readonly)
    def web_export_csv(self, data):
        return super().web_export_csv(data)
