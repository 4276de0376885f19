"""Provincial-scale tools: the data generator (``province``) and the benchmark (``bench``).

Neither is loaded by the module: ``bin/province`` and ``bin/benchmark`` import them, and so do the tests.
"""
