# printed documents
from . import ctxh_document_report
from . import ctxh_admission_documents
from . import ctxh_discharge_documents
from . import ctxh_care_contract_documents
from . import account_payment_documents
from . import ctxh_resident_documents
# xlsx reports
