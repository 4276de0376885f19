"""The province generator (province.py) and the benchmark (bench.py): run against a database with the ctxh modules
by bin/province and bin/benchmark, and at a small scale by tests/test_province.py. Not part of any addon: nothing
here is installed or loaded by Odoo."""
