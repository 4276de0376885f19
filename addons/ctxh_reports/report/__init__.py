# printed documents
from . import ctxh_document_report
# xlsx reports
