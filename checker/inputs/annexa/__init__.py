"""Ofsted Annex A child-level lists: the list and column specification (``spec``), working
days (``workdays``), reading a workbook tolerantly (``cells``, ``reader``), the self-assessment
figures the lists allow (``derive``), the children behind each figure (``children``) and the
derived self-assessment file (``output``).

May import: ``checker.core`` and the rest of ``checker.inputs``.
"""

from __future__ import annotations

from pathlib import Path


def sidecar_path(assessment: Path) -> Path:
    """Where the children of a derived self-assessment live: ``a.yaml`` -> ``a.children.json``
    (here, so a check can look for the file without loading the code that reads it)."""
    return assessment.with_name(f"{assessment.stem}.children.json")
