"""Load a self-assessment file, validate it against the schema, and expose its metrics.

Validation is by the JSON Schema (the contract, generated from
:mod:`checker.inputs.selfassessment`), which gives every problem with its pointer and line. The
hot path does not build pydantic models: importing and building them would double the start-up
time of ``checker check``; a test proves the models accept exactly what the schema accepts.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidAssessment, Problem
from checker.inputs import sanity
from checker.inputs.metrics import catalogue, policies, section_of_field
from checker.inputs.safeload import Document, load_document, parse_text
from checker.inputs.schemas import schema_problems

MAX_ASSESSMENT_BYTES = 5 * 1024 * 1024
def canonical(value: Any, *, whole: bool = False) -> Any:
    """A metric value as the rules see it: exactly as given (never rounded, so 99.99996 stays
    below 100), with -0.0 read as 0.0 and a count written as 12.0 (JSON Schema's integers
    include it) read as the whole number 12."""
    if isinstance(value, float):
        if whole and value.is_integer():
            return int(value)
        return value + 0.0  # + 0.0 turns -0.0 into 0.0
    return value


@dataclass
class Authority:
    name: str
    as_of: dt.date
    code: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    framework: str | None = None


@dataclass(frozen=True)
class GivenComparator:
    """The figures a self-assessment gives to read one metric against (its ``comparators``
    section; see :class:`checker.inputs.selfassessment.Comparator`)."""

    national: float | None = None
    region: float | None = None
    statistical_neighbours: float | None = None
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    year: str | None = None
    source: str | None = None


COMPARATOR_FIGURES = ("national", "region", "statistical_neighbours", "lower_quartile",
                      "median", "upper_quartile")


def _comparators(data: dict[str, Any]) -> dict[str, GivenComparator]:
    found: dict[str, GivenComparator] = {}
    for path, node in data.get("comparators", {}).items():
        figures = {name: canonical(float(node[name])) for name in COMPARATOR_FIGURES
                   if node.get(name) is not None}
        found[path] = GivenComparator(**figures, year=node.get("year"),
                                      source=node.get("source"))
    return found


@dataclass
class Assessment:
    """A validated self-assessment."""

    source: str
    authority: Authority
    #: Metric path -> value, for every metric that is present and not null.
    values: dict[str, Any]
    #: Policy parameter -> value, with documented defaults filled in.
    policy: dict[str, float]
    #: Policy parameters the authority stated (the rest are defaults).
    stated_policy: frozenset[str]
    #: The parsed file, to locate values (line and column) for reports.
    document: Document = field(compare=False, repr=False)
    #: Possible but suspicious things about the file (:mod:`checker.inputs.sanity`).
    warnings: tuple[Problem, ...] = ()
    #: Metric path -> the comparators the file gives for it (its ``comparators`` section).
    comparators: dict[str, GivenComparator] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        """The line of metric ``path`` in the file, if it is there."""
        place = self.document.position("/" + path.replace(".", "/"))
        return place[0] if place else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _authority(data: dict[str, Any]) -> Authority:
    node = data["authority"]
    as_of = _date(node["as_of"])
    assert as_of is not None  # noqa: S101 - the schema requires it
    return Authority(
        name=node["name"],
        as_of=as_of,
        code=node.get("code"),
        period_start=_date(node.get("period_start")),
        period_end=_date(node.get("period_end")),
        framework=node.get("framework"),
    )


def _semantic_problems(document: Document, authority: Authority) -> list[Problem]:
    problems: list[Problem] = []
    data = document.data
    for pointer in data.get("provenance", {}):
        section, _slash, name = pointer.removeprefix("/").partition("/")
        body = data.get(section)
        if "/" in name or not isinstance(body, dict) or body.get(name) is None:
            problems.append(
                document.problem(
                    f"/provenance/{pointer.replace('~', '~0').replace('/', '~1')}",
                    f"provenance given for {pointer}, which has no value in this file",
                    expected="a pointer to a value present in the file",
                    found=repr(pointer),
                )
            )
    if authority.period_start and authority.period_end and (
        authority.period_start > authority.period_end
    ):
        problems.append(
            document.problem(
                "/authority/period_end",
                "period ends before it starts",
                expected=f"a date on or after {authority.period_start.isoformat()}",
                found=authority.period_end.isoformat(),
            )
        )
    return problems


@functools.cache
def _fields() -> tuple[tuple[str, str, str, bool], ...]:
    """Every metric's path, section, field name and whether it is a count, in catalogue
    order: worked out once, not for every file."""
    return tuple((path, metric.section, metric.name, metric.kind == "count")
                 for path, metric in catalogue().items())


def from_document(document: Document, *, schema_checked: bool = False) -> Assessment:
    """Validate a parsed document as a self-assessment (``schema_checked``: the caller knows
    this exact text already passed the schema, so only the semantic checks run)."""
    if not schema_checked:
        problems = schema_problems("selfassessment", document, elsewhere=section_of_field())
        if problems:
            raise InvalidAssessment(problems)
    data: dict[str, Any] = document.data
    authority = _authority(data)
    values: dict[str, Any] = {}
    for path, section, name, whole in _fields():
        value = data.get(section, {}).get(name)
        if value is not None:
            values[path] = canonical(value, whole=whole)
    problems = [*_semantic_problems(document, authority), *sanity.errors(document, values)]
    if problems:
        raise InvalidAssessment(problems)
    stated_policy = {k: v for k, v in data.get("policy", {}).items() if v is not None}
    policy_values = {
        name: canonical(float(stated_policy.get(name, parameter.default or 0)))
        for name, parameter in policies().items()
    }
    return Assessment(
        source=document.name,
        authority=authority,
        values=values,
        policy=policy_values,
        stated_policy=frozenset(stated_policy),
        document=document,
        warnings=tuple(sanity.warnings(document, authority.name, authority.as_of,
                                       dt.date.today())),
        comparators=_comparators(data),
    )


def load_assessment(path: Path, *, name: str | None = None) -> Assessment:
    """Read, parse and validate a self-assessment file (JSON, YAML, or an Excel workbook laid
    out as ``checker init --format xlsx`` writes it).

    A valid file is validated by the schema's quick check alone (no ``jsonschema``: see
    :mod:`checker.inputs.quickschema`); an invalid one gets every problem explained.
    """
    if path.suffix.lower() == ".xlsx":
        from checker.inputs.workbook import load_workbook_document  # noqa: PLC0415 - openpyxl only for workbooks

        document: Document = load_workbook_document(path, name=name or str(path),
                                                     max_bytes=MAX_ASSESSMENT_BYTES)
    else:
        document = load_document(
            path, max_bytes=MAX_ASSESSMENT_BYTES, error=InvalidAssessment, name=name
        )
    return from_document(document)


def from_data(data: Any, *, name: str) -> Assessment:
    """Validate an in-memory document (generated inputs, library use)."""
    return from_document(parse_text(json.dumps(data), kind="json", name=name,
                                    error=InvalidAssessment))
