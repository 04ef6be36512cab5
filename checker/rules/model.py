"""The rule model: a :class:`Rule` and its parts, built from a rule file's schema-valid data.

Finding and parsing rule files is :mod:`checker.rules.loader`; semantic checks (metrics exist,
types fit, sources exist...) are :mod:`checker.rules.lint`. A rule's optional finding patterns are
:class:`checker.rules.patterns.FindingPatterns`; evidence citing a report of the corpus names it
in :attr:`Evidence.report`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from checker.core.errors import Problem
from checker.core.vocab import SEVERITIES
from checker.engine import conditions
from checker.engine.conditions import Condition
from checker.inputs.safeload import Document
from checker.rules.patterns import FindingPatterns

Severity = Literal["critical", "major", "moderate", "minor"]
#: A weakness counts against the area it scores in; a strength offsets weaknesses there;
#: context is shown with the area and never scored (a partner's capacity, not the council's
#: practice).
Effect = Literal["weakness", "strength", "context"]
Expectation = Literal["fire", "no_fire", "not_evaluable"]


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
    #: The corpus report cited (its file stem), for a corpus source.
    report: str | None = None


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
    effect: Effect = "weakness"

    @functools.cached_property
    def metrics_read(self) -> frozenset[str]:
        """Every metric the condition reads."""
        found = set()
        for leaf in conditions.leaves(self.when):
            found.add(leaf.metric)
            if isinstance(leaf, conditions.Compare) and isinstance(leaf.operand,
                                                                   conditions.MetricRef):
                found.add(leaf.operand.path)
        return frozenset(found)

    @property
    def scoring_area(self) -> str:
        """The area the rule scores in; the others are shown, not scored again."""
        return self.areas[0]
    finding_patterns: FindingPatterns | None = None

    @property
    def rank(self) -> int:
        return SEVERITIES[self.severity].rank

    @property
    def line(self) -> int | None:
        place = self.document.position(self.pointer)
        return place[0] if place else None

    def problem(self, pointer: str, message: str, **details: Any) -> Problem:
        """A problem at ``pointer`` inside this rule (relative to the rule, e.g. ``/when``)."""
        return self.document.problem(self.pointer + pointer, message, **details)


def build_rule(document: Document, index: int, node: dict[str, Any], origin: str) -> Rule:
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
            report=item.get("report"),
        )
        for number, item in enumerate(node["evidence"])
    )
    tests = tuple(
        RuleTest(item["name"], item["expect"], item["input"], f"/tests/{number}")
        for number, item in enumerate(node["tests"])
    )
    basis = node["basis"]
    patterns = node.get("finding_patterns")
    return Rule(
        id=node["id"],
        title=node["title"],
        areas=tuple(node["areas"]),
        topics=tuple(node["topics"]),
        severity=node["severity"],
        effect=node.get("effect", "weakness"),
        when=conditions.parse(node["when"], "/when"),
        evidence=evidence,
        basis=Basis(basis["kind"], basis["text"], basis["citation"]),
        recommendation=node["recommendation"],
        tests=tests,
        file=document.name,
        pointer=pointer,
        origin=origin,
        document=document,
        finding_patterns=None if patterns is None else FindingPatterns(
            tuple(patterns["match"]), tuple(patterns.get("exclude", ()))),
    )
