# printed documents
from . import ctxh_document_report
from . import report_admission_decision
from . import report_admission_reception
from . import report_admission_refusal
from . import report_discharge_decision
from . import report_discharge_handover
from . import report_care_contract
from . import report_payment_voucher
from . import report_payment_notice
from . import ctxh_internal_document_report
from . import report_resident_profile
from . import report_care_plan
from . import report_processing_register
# xlsx reports
from . import xlsx_abstract
from . import ctxh_report_statistics_xlsx
from . import ctxh_report_register_xlsx
from . import ctxh_report_attendance_xlsx
from . import ctxh_report_medication_xlsx
from . import ctxh_report_billing_xlsx
from . import ctxh_report_allowance_xlsx
from . import ctxh_report_activity_xlsx
