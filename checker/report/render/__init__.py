"""Output formats: one module per format, named after it.

A format module provides ``render(report: Report, options: Options) -> str``, and may provide
``writer(head, options, write)``: a :class:`Writer` that writes the report piece by piece as
each assessment is added, so a batch of any size is rendered without being held (``checker
check`` streams). A format with ``render`` alone still works; its assessments are held until
the end. A streaming format's ``render`` is its writer run over a whole report (:func:`whole`),
so the two cannot differ.

Formats are found by listing this package, so adding a format is adding one module (after
pip-audit's ``_format`` package); modules whose names start with ``_`` are shared helpers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker.report.model import AssessmentReport, Report, RulesInfo, Tool

#: How much a human-readable report shows: the summary a director reads first, or every
#: finding with its evidence (``--detail full``; what the JSON holds).
DETAILS = ("summary", "full")

#: Where a writer sends its text.
Write = Callable[[str], None]


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


@dataclass(frozen=True)
class Head:
    """What a report holds besides its assessments, known before the first is checked."""

    report_version: str
    tool: Tool
    rules: RulesInfo
    #: Every assessment's authority name, in order (the HTML paper's title names them all).
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, report: Report) -> Head:
        return cls(report["report_version"], report["tool"], report["rules"],
                   tuple(a["authority"]["name"] for a in report["assessments"]))

    def report(self, assessments: list[AssessmentReport]) -> Report:
        return {"report_version": self.report_version, "tool": self.tool, "rules": self.rules,
                "assessments": assessments}


class Renderer(Protocol):
    def __call__(self, report: Report, options: Options) -> str: ...


class Writer(Protocol):
    def add(self, assessment: AssessmentReport) -> None: ...

    def close(self) -> None: ...


class EachOnItsOwn:
    """A writer for the formats with no document around their assessments (text, Markdown):
    each assessment is rendered on its own by :meth:`piece` as it comes and written at once,
    and ``ending`` is written at the close."""

    ending = ""

    def __init__(self, head: Head, options: Options, write: Write) -> None:
        del head
        self._options, self._write = options, write
        self._first = True

    def piece(self, assessment: AssessmentReport, options: Options, *, first: bool) -> str:
        raise NotImplementedError

    def add(self, assessment: AssessmentReport) -> None:
        self._write(self.piece(assessment, self._options, first=self._first))
        self._first = False

    def close(self) -> None:
        if self.ending:
            self._write(self.ending)


class WriterFactory(Protocol):
    def __call__(self, head: Head, options: Options, write: Write) -> Writer: ...


#: The format shown first in choices and used when none is asked for.
DEFAULT_FORMAT = "text"


def formats() -> list[str]:
    """Every output format, the default first, then alphabetically."""
    found = sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if not info.name.startswith("_"))
    return sorted(found, key=lambda name: (name != DEFAULT_FORMAT, name))


def _module(name: str) -> object:
    if name not in formats():
        raise ValueError(f"unknown output format {name!r}")
    return importlib.import_module(f"checker.report.render.{name}")


def renderer(name: str) -> Renderer:
    function: Renderer = getattr(_module(name), "render")  # noqa: B009 - a module's function
    return function


class _Held:
    """The writer of a format that renders only whole reports: assessments are held."""

    def __init__(self, render: Renderer, head: Head, options: Options, write: Write) -> None:
        self._render, self._head, self._options, self._write = render, head, options, write
        self._assessments: list[AssessmentReport] = []

    def add(self, assessment: AssessmentReport) -> None:
        self._assessments.append(assessment)

    def close(self) -> None:
        self._write(self._render(self._head.report(self._assessments), self._options))


def writer(name: str) -> WriterFactory:
    """The format's writer (streaming if the format provides one)."""
    module = _module(name)
    factory: WriterFactory | None = getattr(module, "writer", None)
    if factory is not None:
        return factory
    render: Renderer = getattr(module, "render")  # noqa: B009 - a module's function

    def held(head: Head, options: Options, write: Write) -> Writer:
        return _Held(render, head, options, write)

    return held


def whole(factory: WriterFactory, report: Report, options: Options) -> str:
    """A whole report through a writer, as one string."""
    pieces: list[str] = []
    out = factory(Head.of(report), options, pieces.append)
    for assessment in report["assessments"]:
        out.add(assessment)
    out.close()
    return "".join(pieces)
