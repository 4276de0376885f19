from . import test_amount_words
from . import test_contract
from . import test_payment
from . import test_allowance
from . import test_social
from . import test_tour_billing
from . import test_history
from . import test_import_contracts
