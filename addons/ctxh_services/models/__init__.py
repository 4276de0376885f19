from . import amount_words
from . import res_currency
from . import account_move
from . import ctxh_care_contract
from . import ctxh_billing_run
from . import ctxh_allowance
from . import ctxh_social_service
