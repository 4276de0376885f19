from . import test_document_heading
# printed documents
# xlsx reports
# dashboards
from . import test_dashboard
from . import test_access_matrix
from . import test_http_access_matrix
