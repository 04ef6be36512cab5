"""Output formats: one module per format, named after it, each providing
``render(report: Report, options: Options) -> str``.

Formats are found by listing this package, so adding a format is adding one module (after
pip-audit's ``_format`` package); modules whose names start with ``_`` are shared helpers.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker.report.model import Report

#: How much a human-readable report shows: the summary a director reads first, or every
#: finding with its evidence (``--detail full``; what the JSON holds).
DETAILS = ("summary", "full")


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int = 100
    detail: str = "summary"
    #: HTML: add the full evidence as an appendix to the board paper.
    appendix: bool = False

    @property
    def full(self) -> bool:
        return self.detail == "full"


class Renderer(Protocol):
    def __call__(self, report: Report, options: Options) -> str: ...


#: The format shown first in choices and used when none is asked for.
DEFAULT_FORMAT = "text"


def formats() -> list[str]:
    """Every output format, the default first, then alphabetically."""
    found = sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if not info.name.startswith("_"))
    return sorted(found, key=lambda name: (name != DEFAULT_FORMAT, name))


def renderer(name: str) -> Renderer:
    if name not in formats():
        raise ValueError(f"unknown output format {name!r}")
    module = importlib.import_module(f"checker.report.render.{name}")
    function: Renderer = module.render
    return function
