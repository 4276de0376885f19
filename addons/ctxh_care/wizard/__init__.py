from . import ctxh_dose_correction
from . import ctxh_dose_record
