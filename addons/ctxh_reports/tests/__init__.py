from . import test_document_heading
# printed documents
from . import test_documents
from . import test_tour_print
from . import test_tour_accountant
# xlsx reports
from . import test_xlsx_reports
# dashboards
from . import test_dashboard
from . import test_screens
from . import test_payment_notice
from . import test_tour_portal_receipt
from . import test_activity_report
