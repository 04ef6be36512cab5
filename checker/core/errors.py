"""Problems found in input files, the exceptions that carry them, and the exit codes.

The exit codes are one table, :data:`EXIT_CODES`, from which ``checker --help`` is written; a
test checks the README's table against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INVALID_ASSESSMENT = 3
    INVALID_RULES = 4
    INTERNAL = 5


#: What each exit code means, as ``--help`` and the README give it.
EXIT_CODES: dict[ExitCode, str] = {
    ExitCode.OK: "ran; for check, no area at or above --fail-on",
    ExitCode.FINDINGS: "check: an area at or above --fail-on; rules test: a case failed or "
    "none was found; rules docs --check: the catalogue is stale",
    ExitCode.USAGE: "usage error (unknown option, missing argument, unknown framework, a "
    "--what-if naming an unknown metric or a value it cannot take)",
    ExitCode.INVALID_ASSESSMENT: "invalid self-assessment: not JSON/YAML/xlsx, wrong type, out "
    "of range, unknown field, over 5 MB, missing file, a directory; prefill and backtest "
    "--published: unknown authority, or a date the published statistics do not cover; derive: "
    "an Annex A workbook that is damaged, password-protected or not .xlsx, has no Annex A "
    "list, a list without its required columns, or cells that cannot be read or cannot be "
    "right (a date after the as-of date or before the child's birth, an end before its "
    "start, two different rows for one child and date)",
    ExitCode.INVALID_RULES: "invalid rule, framework or sources file (see the lint codes)",
    ExitCode.INTERNAL: "internal or engine error, or the output could not be written; no report "
    "is printed rather than a wrong one",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the format allows."""

    file: str
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    message: str = ""
    expected: str | None = None
    found: str | None = None
    code: str | None = None
    hint: str | None = field(default=None, compare=False)
    #: The worksheet, for a problem in an Excel workbook: ``line`` is then its row and
    #: ``column`` its column number (shown as a cell reference such as ``B7``).
    sheet: str | None = None

    def location(self) -> str:
        if self.sheet is not None:
            place = f"{self.file}, sheet {self.sheet!r}"
            if self.line is not None:
                place += (f", cell {column_letter(self.column)}{self.line}" if self.column
                          else f", row {self.line}")
            return place
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def render(self) -> str:
        parts = [self.location() + ":"]
        if self.code:
            parts.append(f"[{self.code}]")
        if self.pointer:
            parts.append(f"{self.pointer}:")
        parts.append(self.message)
        text = " ".join(parts)
        detail = []
        if self.expected is not None:
            detail.append(f"expected {self.expected}")
        if self.found is not None:
            detail.append(f"found {self.found}")
        if detail:
            text += f" ({', '.join(detail)})"
        if self.hint:
            text += f"; {self.hint}"
        return text


def column_letter(number: int) -> str:
    """A 1-based column number as Excel writes it: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class CheckerError(Exception):
    """Base class: an error the CLI turns into messages and an exit code, never a traceback."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="checker", message=problems)]
        self.problems = problems
        super().__init__("; ".join(p.render() for p in problems))


class InvalidAssessment(CheckerError):
    exit_code = ExitCode.INVALID_ASSESSMENT


class InvalidWorkbook(CheckerError):
    """An Annex A workbook that cannot be read or holds data that cannot be right. Exit 3."""

    exit_code = ExitCode.INVALID_ASSESSMENT


class InvalidRequest(CheckerError):
    """An argument names what does not exist: an unknown authority, an authority on a date
    it did not exist, a date the shipped statistics do not cover. Exit 3, as invalid input."""

    exit_code = ExitCode.INVALID_ASSESSMENT


class InvalidArgument(CheckerError):
    """A command-line value the tool cannot use (a ``--what-if`` change naming an unknown
    metric or a value out of its range). Exit 2, as any usage error."""

    exit_code = ExitCode.USAGE


class InvalidRules(CheckerError):
    exit_code = ExitCode.INVALID_RULES


class InternalError(CheckerError):
    exit_code = ExitCode.INTERNAL


class EngineError(InternalError):
    """The rules engine failed or disagreed with the reference evaluator."""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(value: object, limit: int = 60) -> str:
    """A short, human description of a found value: its JSON type and a clipped rendering
    (a 400-digit number is not echoed in full)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int | float):
        return _clip(repr(value), limit)
    if isinstance(value, str):
        return f"string {_clip(value, limit)!r}"
    if isinstance(value, list | dict):
        count = len(value)
        noun = "item" if isinstance(value, list) else "field"
        article = "an array of" if isinstance(value, list) else "an object with"
        return f"{article} {count} {noun}{'' if count == 1 else 's'}"
    return type(value).__name__
