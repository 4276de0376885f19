"""Small helpers shared by the ctxh modules."""

from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL


def lock_rows(records):
    """Lock ``records`` for the current transaction before deciding on them.

    A second user deciding the same record at the same moment waits here; when the first commits,
    PostgreSQL reports the concurrent update, Odoo retries the second request, and the second then
    finds the record already decided and gets the state message, never a second decision."""
    if records.ids:
        records.env.cr.execute(SQL(
            "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE", SQL.identifier(records._table), tuple(records.ids)))


def vn_date(value):
    """A date as Vietnamese documents and screens write it: 03/12/2026."""
    return value.strftime("%d/%m/%Y") if value else ""


def vn_datetime(company, value):
    """A stored datetime in the facility's time, without seconds: 03/12/2026 07:00."""
    if not value:
        return ""
    return company._ctxh_local(value).strftime("%d/%m/%Y %H:%M")


def flag_domain(domain, operator, value, message):
    """The search domain of a computed yes/no flag (a review overdue, a step late) that ``domain`` defines:
    ``flag = True`` or ``flag != False`` is ``domain``, the other way round its negation; ``message`` (translated)
    answers any other comparison."""
    if operator not in ("=", "!=") or not isinstance(value, bool):
        raise UserError(message)
    return list(domain) if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]
