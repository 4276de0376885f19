from . import amount_words
from . import res_currency
from . import account_move
