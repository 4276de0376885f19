from . import test_document_heading
# printed documents
from . import test_documents
# xlsx reports
# dashboards
