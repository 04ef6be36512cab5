"""From fired rules to predicted risk: running one assessment through a rulebook (engine and
evaluator cross-checked) and the risk model that turns findings into a band per judgement
area and an overall view.

May import: ``checker.core``, ``checker.inputs``, ``checker.stats``, ``checker.engine``,
``checker.rules``.
"""
