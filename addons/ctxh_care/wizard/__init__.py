from . import ctxh_dose_correction
