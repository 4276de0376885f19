# printed documents
from . import ctxh_document_report
from . import ctxh_admission_documents
from . import ctxh_discharge_documents
from . import ctxh_care_contract_documents
from . import account_payment_documents
from . import ctxh_resident_documents
from . import ctxh_processing_register
# xlsx reports
from . import ctxh_xlsx_abstract
from . import ctxh_statistics_xlsx
from . import ctxh_register_xlsx
from . import ctxh_attendance_xlsx
from . import ctxh_medication_xlsx
from . import ctxh_billing_xlsx
from . import ctxh_allowance_xlsx
