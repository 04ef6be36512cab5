"""Deciding which rules fire: the condition language, the plain-Python reference evaluator
(which also explains every comparison) and the durable-rules adapter (the only code that
talks to the rules engine). Knows conditions and metrics, not rule files.

May import: ``checker.core``, ``checker.inputs``, ``checker.stats``.
"""
