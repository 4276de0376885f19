import logging

from psycopg2 import DataError, ProgrammingError

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.web.controllers.dataset import DataSet

_logger = logging.getLogger(__name__)

# what malformed input makes Python or PostgreSQL raise before any rule of ours is reached: a wrong type
# (a list or a dict for an id: DatatypeMismatch, "can't adapt"), an unparsable date, an unknown field, a
# number out of range, a NUL or a lone surrogate in a text
MALFORMED_INPUT = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError, DataError,
                   ProgrammingError)


class CtxhDataSet(DataSet):
    """RPC calls on the Social Assistance models answer malformed input with a validation error the user can
    read, never with an internal server error. (Concurrency and integrity errors are left to Odoo, which
    retries the request or explains the broken constraint.)"""

    @http.route()
    def call_kw(self, model, method, args, kwargs, path=None):
        return self._ctxh_guard(model, method, super().call_kw, model, method, args, kwargs, path=path)

    @http.route()
    def call_button(self, model, method, args, kwargs, path=None):
        return self._ctxh_guard(model, method, super().call_button, model, method, args, kwargs, path=path)

    def _ctxh_guard(self, model, method, call, *args, **kwargs):
        if not (isinstance(model, str) and model.startswith("ctxh.")):
            return call(*args, **kwargs)
        try:
            result = call(*args, **kwargs)
            # the values reach PostgreSQL when the changes are flushed, and the chatter's tracking before the
            # commit: do both here, where the answer is decided
            request.env.flush_all()
            request.env.cr.precommit.run()
            return result
        except MALFORMED_INPUT as exc:
            # the details stay in the server log; the answer names no value (it may not even be encodable)
            _logger.info("Malformed input refused on %s.%s: %s", model, method, type(exc).__name__, exc_info=True)
            raise ValidationError(request.env._(
                "The data sent is not valid for this operation (%(error)s). Check the values and try again.",
                error=type(exc).__name__)) from None
