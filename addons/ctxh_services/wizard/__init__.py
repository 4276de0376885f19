from . import ctxh_import_wizard
