"""The rule catalogue: the rule model, the one loader (shipped rules plus local packs), the
sources registry, frameworks and topics (data beside the rules), lint, quote checking against
source texts and the report corpus, finding patterns and the evidence statistics built from the
corpus, the rules' own test runner and the generated catalogue documentation.

May import: ``checker.core``, ``checker.inputs``, ``checker.stats``, ``checker.engine``.
"""
