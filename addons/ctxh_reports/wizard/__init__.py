# report wizard
from . import ctxh_report_wizard
