from . import test_document_heading
# printed documents
# xlsx reports
# dashboards
from . import test_dashboard
