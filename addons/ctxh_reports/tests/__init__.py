from . import test_document_heading
# printed documents
from . import test_documents
from . import test_tour_print
from . import test_tour_accountant
# xlsx reports
from . import test_xlsx_reports
# dashboards
from . import test_dashboard
# access matrix, privacy and fuzzing (test_http_* run with Odoo's runner, tag ctxh_http)
from . import test_access_matrix
from . import test_http_access_matrix
from . import test_privacy_doors
from . import test_http_privacy
from . import test_http_fuzz
from . import test_indexes
from . import test_http_decided
from . import test_http_external_api
from . import test_screens
