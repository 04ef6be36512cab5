"""Reading inputs safely and validating them: the safe JSON/YAML loader, JSON Schemas and their
error messages, the metric catalogue, the self-assessment (its pydantic definition, the
generated schema and the validated :class:`~checker.inputs.assessment.Assessment`), the
starter file written by ``checker init`` (``starter``; ``workbook`` for the Excel form, read back
through ``xlsxfile``), the reader of the inspection-report corpus, and the Annex A child-level
lists (``annexa``: reading the workbook, the figures it allows, the children behind them).

May import: ``checker.core``.
"""
