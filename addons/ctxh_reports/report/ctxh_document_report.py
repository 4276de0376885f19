import pytz
from markupsafe import Markup, escape

from odoo import api, fields, models

from odoo.addons.ctxh_residents.tools.groups import SENSITIVE

DOCUMENT_LANG = "vi_VN"
# Categories flagged sensitive (HIV status, abuse, drug use, an administrative measure) are printed only for
# readers of sensitive data, like the fields they mirror.


class CtxhDocumentReport(models.AbstractModel):
    """Values shared by the printed documents: the records in Vietnamese, and dates, amounts and
    names written as Vietnamese documents write them.

    A document opts in with ``_inherit`` and its own ``_name`` (``report.ctxh_reports.<template>``),
    sets ``_ctxh_model`` and implements ``_ctxh_check_printable``; ``_ctxh_document_values`` adds
    what its template needs. Sensitive details are never read here: only the internal documents
    read them, after ``_ctxh_sees_sensitive``.
    """

    _name = "ctxh.document.report"
    _description = "Printed Document"

    _ctxh_model = None

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._ctxh_model].browse(docids).with_context(lang=self._ctxh_lang())
        self._ctxh_check_printable(docs)
        return {
            "doc_ids": docids,
            "doc_model": self._ctxh_model,
            "docs": docs,
            "ctxh": self.with_context(lang=self._ctxh_lang()),
            **self._ctxh_document_values(docs),
        }

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    def _ctxh_check_printable(self, docs):
        """Raise a UserError when one of ``docs`` is not in a state where the document makes sense."""
        raise NotImplementedError

    def _ctxh_document_values(self, docs):
        """Extra values of the template, computed for the whole batch."""
        return {}

    # ------------------------------------------------------------------
    # Helpers for the templates (``ctxh`` in the rendering values)
    # ------------------------------------------------------------------
    @api.model
    def _ctxh_lang(self):
        """Documents are Vietnamese, whoever prints them."""
        return DOCUMENT_LANG if self.env["res.lang"]._lang_get(DOCUMENT_LANG) else self.env.lang

    @api.model
    def _ctxh_sees_sensitive(self):
        return self.env.user.has_group(SENSITIVE)

    @api.model
    def _ctxh_supervising_body(self, company, date=None):
        """Name of the body the facility answered to on ``date``: a decision reprinted later keeps the
        body that was over the facility when it was signed. The current body otherwise."""
        company = company.sudo()
        body = date and company._ctxh_supervising_body_on(date)
        return (body or company.ctxh_supervising_body_id).name or ""

    @api.model
    def _ctxh_local(self, value, company=None):
        """A UTC datetime in the facility's time zone."""
        if not value:
            return value
        # the facility's clock (Vietnam's without a facility)
        tz = (company or self.env["res.company"]).sudo()._ctxh_tz()
        return pytz.utc.localize(value).astimezone(tz)

    @api.model
    def _ctxh_local_date(self, value, company=None):
        return self._ctxh_local(value, company).date() if value else False

    @api.model
    def _ctxh_date(self, value):
        """09/03/2026."""
        return value.strftime("%d/%m/%Y") if value else ""

    @api.model
    def _ctxh_date_words(self, value):
        """ngày 09 tháng 03 năm 2026."""
        if not value:
            return "ngày ..... tháng ..... năm .........."
        return value.strftime("ngày %d tháng %m năm %Y")

    @api.model
    def _ctxh_time_words(self, value, company=None):
        """14 giờ 30 phút, ngày 09 tháng 03 năm 2026 (facility time)."""
        if not value:
            return "..... giờ ..... phút, " + self._ctxh_date_words(False)
        local = self._ctxh_local(value, company)
        return local.strftime("%H giờ %M phút, ") + self._ctxh_date_words(local.date())

    @api.model
    def _ctxh_amount(self, amount, currency=None):
        """7.500.000: dots between thousands, a comma before decimals, as Vietnamese write amounts."""
        digits = currency.decimal_places if currency else 0
        text = f"{amount or 0.0:,.{digits}f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")

    @api.model
    def _ctxh_money(self, amount, currency):
        """7.500.000 đồng."""
        unit = "đồng" if currency.name == "VND" else currency.name
        return f"{self._ctxh_amount(amount, currency)} {unit}"

    @api.model
    def _ctxh_words(self, amount, currency):
        """Bảy triệu năm trăm nghìn đồng."""
        return currency.ctxh_amount_to_words(amount)

    @api.model
    def _ctxh_number(self, value):
        """60, 33,33 (a share, a quantity): no trailing zeros, a decimal comma."""
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")

    @api.model
    def _ctxh_text(self, value):
        """Plain text with its line breaks kept."""
        return Markup("<br/>").join(escape(line) for line in (value or "").splitlines())

    @api.model
    def _ctxh_selection(self, record, fname):
        """Label of a selection value in the document's language."""
        value = record[fname]
        if not value:
            return ""
        return dict(record._fields[fname]._description_selection(record.env)).get(value, value)

    @api.model
    def _ctxh_address(self, partner):
        """A partner's address on one line."""
        parts = [partner.street, partner.street2, partner.city, partner.state_id.name]
        return ", ".join(part for part in parts if part)

    @api.model
    def _ctxh_honorific(self, resident):
        """How a document names the person: Ông, Bà, or Em for a child."""
        if resident.birth_year and resident.age < 16:
            return "Em"
        return {"male": "Ông", "female": "Bà"}.get(resident.gender, "Ông/Bà")

    @api.model
    def _ctxh_birth(self, resident):
        """Date of birth, or the year alone (estimated) when that is all that is known."""
        if resident.birthdate and not resident.birthdate_approximate:
            return self._ctxh_date(resident.birthdate)
        if resident.birth_year:
            year = str(resident.birth_year)
            return f"{year} (ước tính)" if resident.birthdate_approximate else year
        return ""

    @api.model
    def _ctxh_resident_address(self, resident):
        parts = [resident.street, resident.commune, resident.state_id.name]
        return ", ".join(part for part in parts if part)

    @api.model
    def _ctxh_native_place(self, resident):
        parts = [resident.native_commune, resident.native_state_id.name]
        return ", ".join(part for part in parts if part)

    @api.model
    def _ctxh_printable_categories(self, residents):
        """{resident id: the categories the reader may see on paper}, read in one query for the batch."""
        category_ids = residents._ctxh_category_ids_by_resident()
        # in the documents' language, as the residents were read
        Category = residents.env["ctxh.resident.category"].sudo()
        sees = self._ctxh_sees_sensitive()
        result = {}
        for resident in residents:
            categories = Category.browse(category_ids.get(resident.id, []))
            result[resident.id] = categories if sees else categories.filtered(lambda c: not c.sensitive)
        return result

    @api.model
    def _ctxh_today(self, company=None):
        """Today at the facility."""
        return self._ctxh_local_date(fields.Datetime.now(), company)
