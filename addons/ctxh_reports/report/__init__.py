# printed documents
from . import ctxh_document_report
from . import ctxh_admission_documents
from . import ctxh_discharge_documents
# xlsx reports
