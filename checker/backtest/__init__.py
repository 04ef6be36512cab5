"""Holding predictions against published judgements (the shipped examples' outcomes files).

May import: ``checker.core``, ``checker.inputs``, ``checker.stats``, ``checker.engine``,
``checker.rules``, ``checker.scoring``, ``checker.report``.
"""
