from . import ctxh_assessment
from . import ctxh_care_plan
from . import ctxh_health_check
from . import ctxh_medication
from . import ctxh_activity
from . import ctxh_incident
from . import ctxh_visit
