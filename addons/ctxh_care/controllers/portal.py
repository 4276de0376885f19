from datetime import datetime

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CtxhVisitPortal(CustomerPortal):
    """A relative's visits in Odoo's portal: the residents they are registered as relative of, the facility's
    visiting hours, and their visit requests. Portal users have no access right on any ctxh model: the
    controller reads and writes as the system, only for the user's own partner."""

    def _ctxh_relatives(self):
        partner = request.env.user.partner_id
        return request.env["ctxh.resident.relative"].sudo().search(
            [("partner_id", "=", partner.id), ("resident_id.state", "=", "in_care")])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ctxh_visit_request_count" in counters:
            # the entry shows for a relative of someone in care
            values["ctxh_visit_request_count"] = len(self._ctxh_relatives())
        return values

    @http.route(["/my/visits"], type="http", auth="user", website=True)
    def portal_my_visits(self, **kwargs):
        relatives = self._ctxh_relatives()
        requests = request.env["ctxh.visit.request"].sudo().search(
            [("partner_id", "=", request.env.user.partner_id.id)], limit=20)
        values = self._prepare_portal_layout_values()
        values.update({
            "relatives": relatives, "visit_requests": requests, "page_name": "ctxh_visits",
            "error": kwargs.get("error"), "sent": kwargs.get("sent"),
            "today": request.env.user.company_id._ctxh_today().isoformat(),
        })
        return request.render("ctxh_care.portal_my_visits", values)

    @http.route(["/my/visits/request"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_visit_request(self, resident_id=None, date=None, time_slot="morning", visitors=1, note="", **kw):
        relative = self._ctxh_relatives().filtered(lambda r: str(r.resident_id.id) == str(resident_id))[:1]
        try:
            day = datetime.strptime(date or "", "%Y-%m-%d").date()
        except ValueError:
            day = None
        if not relative or not day or day < relative.resident_id.company_id._ctxh_today() \
                or time_slot not in ("morning", "afternoon"):
            return request.redirect("/my/visits?error=1")
        count = int(visitors) if str(visitors).isdigit() else 1
        request.env["ctxh.visit.request"].sudo().create({
            "resident_id": relative.resident_id.id, "partner_id": request.env.user.partner_id.id, "date": day,
            "time_slot": time_slot, "visitors": min(max(count, 1), 10), "note": (note or "")[:1000],
        })
        return request.redirect("/my/visits?sent=1")
