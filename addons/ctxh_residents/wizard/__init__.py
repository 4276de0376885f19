from . import ctxh_bed_transfer
from . import ctxh_import_problem
from . import ctxh_import_engine
from . import ctxh_import_sheet_resident
from . import ctxh_import_sheet_relative
from . import ctxh_import_wizard
from . import ctxh_admission_bed
