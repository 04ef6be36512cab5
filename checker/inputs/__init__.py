"""Reading inputs safely and validating them: the safe JSON/YAML loader, JSON Schemas and their
error messages, the metric catalogue, the self-assessment (its pydantic definition, the
generated schema and the validated :class:`~checker.inputs.assessment.Assessment`), the
starter file written by ``checker init``, and the reader of the inspection-report corpus.

May import: ``checker.core``.
"""
