from . import test_foundation
from . import test_tour_open_app
