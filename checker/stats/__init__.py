"""Published statistics: DfE's figures for every authority and year, shipped as data
(``data/published-statistics.json.gz``, built by ``scripts/build_published.py`` from the
Open Government Licence releases), year-matched comparators (England, region, statistical
neighbours, quartiles) and ``checker prefill``.

May import: ``checker.core``, ``checker.inputs``.
"""
