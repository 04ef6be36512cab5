"""Ofsted Annex A child-level lists: the list and column specification (``spec``), working
days (``workdays``), reading a workbook tolerantly (``cells``, ``reader``), the self-assessment
figures the lists allow (``derive``), the children behind each figure (``children``) and the
derived self-assessment file (``output``).

May import: ``checker.core`` and the rest of ``checker.inputs``.
"""
