"""Inspection frameworks as data: judgement areas, grade scales and the mapping between them.

The rule catalogue is written against the current framework's areas; every other framework
maps each of its judgements to current areas, optionally narrowed to rule topics. Overall
judgements are derived from other judgements of the same framework, honouring the limiting
ones. Framework files live in ``rules/frameworks/`` and follow ``schemas/framework.schema.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidRules, Problem
from checker.core.resources import rules_dir
from checker.inputs.schemas import load_valid

DEFAULT_FRAMEWORK = "ilacs-2026"
#: Files in rules/frameworks/ that are not frameworks: the topics, and the mapping of
#: Ofsted's published judgement columns used by ``checker backtest --published``.
NOT_FRAMEWORKS = frozenset({"topics.yaml", "published-judgements.yaml"})


@dataclass
class GradeDef:
    key: str
    title: str
    rank: int


@dataclass
class Selector:
    """Which rules a judgement takes: those bearing on any of ``areas`` (current framework),
    narrowed to rules with at least one of ``topics`` when topics are given."""

    areas: tuple[str, ...]
    topics: tuple[str, ...] = ()


@dataclass
class AreaDef:
    key: str
    title: str
    limiting: bool = False
    #: None only in the current framework, whose areas are the catalogue's own.
    source: Selector | None = None


@dataclass
class OverallDef:
    key: str
    title: str
    judgement: bool
    source: tuple[str, ...]
    limiting: tuple[str, ...] = ()


@dataclass
class Framework:
    id: str
    title: str
    grades: tuple[GradeDef, ...]
    areas: tuple[AreaDef, ...]
    overall: tuple[OverallDef, ...] = ()
    current: bool = False
    note: str | None = None

    def grade_from_worst(self, position: int) -> GradeDef:
        """The grade ``position`` steps better than the worst, or the best grade if the scale
        is shorter (so bands map onto any scale, not only Ofsted's four points)."""
        ordered = sorted(self.grades, key=lambda grade: -grade.rank)
        return ordered[min(position, len(ordered) - 1)]

    def grade(self, key: str) -> GradeDef | None:
        return next((grade for grade in self.grades if grade.key == key), None)

    def area(self, key: str) -> AreaDef | None:
        return next((area for area in self.areas if area.key == key), None)

    def selects(self, area: AreaDef, rule_areas: tuple[str, ...], topics: tuple[str, ...]) -> bool:
        """Does judgement ``area`` take a rule with these current-framework areas and topics?"""
        if area.source is None:
            return area.key in rule_areas
        if not set(area.source.areas) & set(rule_areas):
            return False
        return not area.source.topics or bool(set(area.source.topics) & set(topics))


def _framework(data: dict[str, Any]) -> Framework:
    def selector(node: dict[str, Any] | None) -> Selector | None:
        if node is None:
            return None
        return Selector(tuple(node["areas"]), tuple(node.get("topics", ())))

    return Framework(
        id=data["id"],
        title=data["title"],
        note=data.get("note"),
        current=bool(data.get("current", False)),
        grades=tuple(GradeDef(g["key"], g["title"], g["rank"]) for g in data["grades"]),
        areas=tuple(
            AreaDef(a["key"], a["title"], bool(a.get("limiting", False)), selector(a.get("from")))
            for a in data["areas"]
        ),
        overall=tuple(
            OverallDef(o["key"], o["title"], o["judgement"], tuple(o["from"]),
                       tuple(o.get("limiting", ())))
            for o in data.get("overall", ())
        ),
    )


@functools.cache
def topics() -> dict[str, str]:
    document = load_valid(rules_dir() / "frameworks" / "topics.yaml", "topics", InvalidRules)
    return dict(document.data["topics"])


@functools.cache
def frameworks() -> dict[str, Framework]:
    """Every shipped framework by id, checked for internal consistency."""
    found: dict[str, Framework] = {}
    problems: list[Problem] = []
    folder = rules_dir() / "frameworks"
    for path in sorted(folder.glob("*.yaml")):
        if path.name in NOT_FRAMEWORKS:
            continue
        framework = _framework(load_valid(path, "framework", InvalidRules).data)
        found[framework.id] = framework
        problems.extend(_consistency(path, framework))
    current = [framework.id for framework in found.values() if framework.current]
    if current != [DEFAULT_FRAMEWORK]:
        problems.append(
            Problem(file=str(folder), message=f"exactly one framework, {DEFAULT_FRAMEWORK}, "
                    f"must be marked current; found {current}")
        )
    if DEFAULT_FRAMEWORK in found:
        known = {area.key for area in found[DEFAULT_FRAMEWORK].areas}
        for framework in found.values():
            for area in framework.areas:
                selected = area.source.areas if area.source else ()
                stray = [key for key in selected if key not in known]
                if stray:
                    problems.append(Problem(file=str(folder / f"{framework.id}.yaml"),
                                            message=f"area {area.key}: {stray} are not areas of "
                                            f"{DEFAULT_FRAMEWORK}"))
    if problems:
        raise InvalidRules(problems)
    return found


def current_areas() -> dict[str, str]:
    return {area.key: area.title for area in frameworks()[DEFAULT_FRAMEWORK].areas}


def _consistency(path: Path, framework: Framework) -> list[Problem]:
    problems = []
    keys = {area.key for area in framework.areas}
    known_topics = topics()
    for area in framework.areas:
        if area.source is None and not framework.current:
            problems.append(Problem(file=str(path), message=f"area {area.key} has no 'from'"))
        if area.source is not None:
            unknown = [t for t in area.source.topics if t not in known_topics]
            if unknown:
                problems.append(Problem(file=str(path), message=f"area {area.key}: unknown "
                                        f"topics {unknown}"))
    for overall in framework.overall:
        unknown = [key for key in (*overall.source, *overall.limiting) if key not in keys]
        if unknown:
            problems.append(Problem(file=str(path), message=f"overall {overall.key}: unknown "
                                    f"areas {unknown}"))
    return problems
