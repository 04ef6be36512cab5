"""Rule files: finding them, parsing them safely and turning them into :class:`Rule` objects.

A rule file is YAML with a top-level ``rules`` list (see ``schemas/rule.schema.json``). Files
are parsed without ever constructing Python objects from tags (:mod:`checker.inputs.safeload`),
validated against the schema, and every problem is reported with file, line and pointer.
Semantic checks (metrics exist, types fit, sources exist...) live in :mod:`checker.rules.lint`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from checker.core.errors import InvalidRules, Problem
from checker.engine import conditions
from checker.engine.conditions import Condition
from checker.inputs.safeload import Document
from checker.inputs.schemas import checked_document

MAX_RULE_FILE_BYTES = 1024 * 1024
Severity = Literal["critical", "major", "moderate", "minor"]
SEVERITY_RANK: dict[str, int] = {"critical": 4, "major": 3, "moderate": 2, "minor": 1}
#: What each severity means in inspection terms; applied uniformly across the catalogue.
SEVERITY_MEANING: dict[str, str] = {
    "critical": "On its own, inspectors judged the area inadequate, referred cases back or "
    "required action immediately to keep children safe.",
    "major": "Inspectors made it an area for improvement to act on immediately or within "
    "three months, or it was central to an inadequate judgement, but alone it would not make "
    "the area inadequate.",
    "moderate": "A weakness inspectors recorded in an area they judged adequate or requiring "
    "improvement, or a recommendation to act on within six months.",
    "minor": "A shortfall against what good practice looked like in a service judged good or "
    "strong (Cornwall 2016 and 2022).",
}
Expectation = Literal["fire", "no_fire", "not_evaluable"]
#: Folders and files inside a rules directory that are not rule files.
NOT_RULE_FILES = {"frameworks", "sources.yaml"}


def paragraph_label(paragraph: str) -> str:
    """How a citation reads: 'paragraph 15', 'section 4.3.1', or the heading form as given."""
    text = paragraph.strip()
    if text.isdigit():
        return f"paragraph {text}"
    if text[:1].isdigit():
        return f"section {text}"
    return text


@dataclass
class Grade:
    judgement: str
    grade: str


@dataclass
class Evidence:
    source: str
    paragraph: str
    quote: str
    grade: Grade | None
    good_practice: bool
    pointer: str


@dataclass
class Basis:
    kind: str
    text: str
    citation: str


@dataclass
class RuleTest:
    name: str
    expect: Expectation
    input: dict[str, Any]
    pointer: str


@dataclass
class Rule:
    id: str
    title: str
    areas: tuple[str, ...]
    topics: tuple[str, ...]
    severity: Severity
    when: Condition
    evidence: tuple[Evidence, ...]
    basis: Basis
    recommendation: str
    tests: tuple[RuleTest, ...]
    file: str
    pointer: str
    origin: str
    document: Document = field(compare=False, repr=False)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    @property
    def line(self) -> int | None:
        place = self.document.position(self.pointer)
        return place[0] if place else None

    def problem(self, pointer: str, message: str, **details: Any) -> Problem:
        """A problem at ``pointer`` inside this rule (relative to the rule, e.g. ``/when``)."""
        return self.document.problem(self.pointer + pointer, message, **details)


def discover(directory: Path) -> list[Path]:
    """Rule files in ``directory`` (recursively), in a stable order."""
    found = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if relative.parts and relative.parts[0] in NOT_RULE_FILES:
            continue
        if path.is_file() and path.suffix.lower() in {".yaml", ".yml"}:
            found.append(path)
    return found


def _build(document: Document, index: int, node: dict[str, Any], origin: str) -> Rule:
    pointer = f"/rules/{index}"
    evidence = tuple(
        Evidence(
            source=item["source"],
            paragraph=item["paragraph"],
            quote=item["quote"],
            grade=Grade(item["grade"]["judgement"], item["grade"]["grade"])
            if "grade" in item
            else None,
            good_practice=bool(item.get("good_practice", False)),
            pointer=f"/evidence/{number}",
        )
        for number, item in enumerate(node["evidence"])
    )
    tests = tuple(
        RuleTest(item["name"], item["expect"], item["input"], f"/tests/{number}")
        for number, item in enumerate(node["tests"])
    )
    basis = node["basis"]
    return Rule(
        id=node["id"],
        title=node["title"],
        areas=tuple(node["areas"]),
        topics=tuple(node["topics"]),
        severity=node["severity"],
        when=conditions.parse(node["when"], "/when"),
        evidence=evidence,
        basis=Basis(basis["kind"], basis["text"], basis["citation"]),
        recommendation=node["recommendation"],
        tests=tests,
        file=document.name,
        pointer=pointer,
        origin=origin,
        document=document,
    )


def parse_files(paths: Iterable[Path], origin: str, *, directory: Path | None = None,
                label: str | None = None) -> tuple[list[Rule], list[Problem]]:
    """Parse and schema-check rule files; every problem is collected, none is fatal here.

    Files under ``directory`` are named ``label/<relative path>`` in messages and reports, so
    the shipped rules read ``rules/...`` wherever the package is installed.
    """
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in paths:
        name = str(path)
        if directory is not None and label is not None and path.is_relative_to(directory):
            name = (Path(label) / path.relative_to(directory)).as_posix()
        try:
            document, found = checked_document(
                path, "rule", InvalidRules, max_bytes=MAX_RULE_FILE_BYTES, display=name
            )
        except InvalidRules as error:
            problems.extend(_coded(p, "RL001") for p in error.problems)
            continue
        problems.extend(_coded(p, "RL002") for p in found)
        broken = {_rule_index(p.pointer) for p in found}
        if None in broken:  # the file's own structure is wrong: no rule can be trusted
            continue
        for index, node in enumerate(document.data["rules"]):
            if index not in broken:
                rules.append(_build(document, index, node, origin))
    return rules, problems


def _rule_index(pointer: str) -> int | None:
    """The rule a problem sits in (``/rules/3/when`` -> 3), or None for file-level problems."""
    parts = pointer.split("/")
    if len(parts) > 2 and parts[1] == "rules" and parts[2].isdigit():
        return int(parts[2])
    return None


def _coded(problem: Problem, code: str) -> Problem:
    return replace(problem, code=problem.code or code)
