from . import test_document_heading
# printed documents
# xlsx reports
from . import test_xlsx_reports
# dashboards
from . import test_dashboard
