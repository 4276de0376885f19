# dashboards
from . import ctxh_movement_report
from . import ctxh_receivable_report
from . import res_company
from . import ctxh_office
