"""The report: its typed model (matching ``schemas/report.schema.json``), building it from
scoring results, the children behind findings on figures derived from Annex A (``children``),
and one renderer per output format (``checker.report.render``).

May import: ``checker.core``, ``checker.inputs``, ``checker.stats``, ``checker.engine``,
``checker.rules``, ``checker.scoring``.
"""
