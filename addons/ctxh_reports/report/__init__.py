# printed documents
# xlsx reports
from . import ctxh_xlsx_abstract
from . import ctxh_statistics_xlsx
from . import ctxh_register_xlsx
from . import ctxh_attendance_xlsx
from . import ctxh_medication_xlsx
from . import ctxh_billing_xlsx
from . import ctxh_allowance_xlsx
