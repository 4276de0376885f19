from . import dataset
from . import export
