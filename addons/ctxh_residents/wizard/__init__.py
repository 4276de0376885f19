from . import ctxh_bed_transfer
