"""A stand-in for Viettel SInvoice at its HTTP boundary, for the e-invoice tests (no network).

Odoo's own tests of ``l10n_vn_edi_viettel`` patch the module's request helper; this one patches the
``requests.request`` it calls, so that everything of Odoo's flow above the wire runs (the token, the lookup by
transaction before a resend, the files, the cancellation). It keeps what it was sent and can refuse an invoice
or lose its answer, as the real service sometimes does.
"""

import base64
import io
import zipfile
from contextlib import contextmanager
from unittest.mock import patch

import requests

TARGET = "odoo.addons.l10n_vn_edi_viettel.models.account_move.requests.request"


class FakeResponse:
    def __init__(self, payload):
        self._payload = payload

    def json(self):
        return self._payload


class FakeSInvoice:
    """SInvoice's answers: ``refuse`` maps a buyer name to the error SInvoice gives for its invoices; ``lose``
    is a set of buyer names whose next invoice is created but whose answer never arrives."""

    def __init__(self):
        self.created = {}  # transactionUuid -> the payload sent
        self.numbers = {}  # transactionUuid -> invoice number given
        self.create_calls = []  # transactionUuid of every createInvoice call
        self.cancelled = []
        self.refuse = {}
        self.lose = set()

    def __call__(self, method, url, *, json=None, params=None, **_kwargs):  # requests.request keywords
        if url.endswith("/auth/login"):
            return FakeResponse({"access_token": "sandbox-token", "expires_in": "300"})
        if "/createInvoice/" in url:
            return self._create(json)
        if url.endswith("searchInvoiceByTransactionUuid"):
            number = self.numbers.get(params["transactionUuid"])
            if not number:
                return FakeResponse({"code": 404, "data": "NOT_FOUND_DATA"})
            # a symbol "C..." (with the tax authority's code) is adjusted only once the authority approved it
            return FakeResponse({"result": [{"invoiceNo": number, "reservationCode": "RC" + number,
                                             "status": "Chưa thanh toán",
                                             "exchangeStatus": "INVOICE_HAS_CODE_APPROVED"}]})
        if url.endswith("getInvoiceRepresentationFile"):
            return self._file(json)
        if url.endswith("cancelTransactionInvoice"):
            self.cancelled.append(params["invoiceNo"])
            return FakeResponse({"code": None, "errorCode": None})
        raise AssertionError(f"unexpected SInvoice call {method} {url}")

    def _create(self, payload):
        transaction = payload["generalInvoiceInfo"]["transactionUuid"]
        self.create_calls.append(transaction)
        buyer = payload["buyerInfo"]["buyerName"]
        if buyer in self.refuse:
            return FakeResponse({"code": 400, "data": self.refuse[buyer]})
        number = "%s%s" % (payload["generalInvoiceInfo"]["invoiceSeries"], str(len(self.numbers) + 1).zfill(7))
        self.created[transaction] = payload
        self.numbers[transaction] = number
        if buyer in self.lose:
            self.lose.discard(buyer)
            raise requests.Timeout("Read timed out")
        return FakeResponse({"errorCode": None, "result": {"invoiceNo": number, "reservationCode": "RC" + number,
                                                           "transactionID": transaction}})

    @staticmethod
    def _file(payload):
        number = payload["invoiceNo"]
        if payload["fileType"] == "PDF":
            return FakeResponse({"fileName": f"{number}.pdf",
                                 "fileToBytes": base64.b64encode(b"%PDF-1.4 " + number.encode()).decode()})
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as archive:
            archive.writestr(f"{number}.xml", f"<HDon><SHDon>{number}</SHDon></HDon>")
        outer = io.BytesIO()
        with zipfile.ZipFile(outer, "w") as archive:
            archive.writestr(f"{number}.zip", inner.getvalue())
        return FakeResponse({"fileName": f"{number}.zip",
                             "fileToBytes": base64.b64encode(outer.getvalue()).decode()})

    def payload_of(self, move):
        return self.created[move.l10n_vn_edi_invoice_transaction_id]


@contextmanager
def fake_sinvoice():
    service = FakeSInvoice()
    with patch(TARGET, side_effect=service):
        yield service
