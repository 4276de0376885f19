from . import test_foundation
from . import test_resident
from . import test_security
from . import test_facility
from . import test_tour_open_app
from . import test_tour_resident
