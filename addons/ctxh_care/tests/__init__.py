from . import test_menus
from . import test_privacy
from . import test_care_plan
from . import test_medical
from . import test_activity
from . import test_incident
from . import test_tour_attendance
from . import test_health_access_log
