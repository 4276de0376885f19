from . import ctxh_import_sheet_contract
from . import ctxh_import_wizard
from . import account_statement_import
from . import account_move_reversal
