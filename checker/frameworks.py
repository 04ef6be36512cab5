"""Inspection frameworks as data: judgement areas, grade scales and the mapping between them.

The rule catalogue is written against the current framework's areas; every other framework
maps each of its judgements to current areas, optionally narrowed to rule topics. Overall
judgements are derived from other judgements of the same framework, honouring the limiting
ones. Framework files live in ``rules/frameworks/``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.documents import Document, load_document
from checker.errors import InvalidRules, Problem
from checker.resources import rules_dir

MAX_DATA_BYTES = 1024 * 1024
DEFAULT_FRAMEWORK = "ilacs-2026"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GradeDef(_Strict):
    key: str = Field(pattern=r"^[a-z_]+$")
    title: str
    rank: int = Field(ge=1, le=4)


class Selector(_Strict):
    """Which rules a judgement takes: those bearing on any of ``areas`` (current framework),
    narrowed to rules with at least one of ``topics`` when topics are given."""

    areas: tuple[str, ...] = Field(min_length=1)
    topics: tuple[str, ...] = ()


class AreaDef(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    limiting: bool = False
    #: Absent only in the current framework, whose areas are the catalogue's own.
    source: Selector | None = Field(default=None, alias="from")


class OverallDef(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    judgement: bool
    source: tuple[str, ...] = Field(alias="from", min_length=1)
    limiting: tuple[str, ...] = ()


class Framework(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    note: str | None = None
    current: bool = False
    grades: tuple[GradeDef, ...] = Field(min_length=2)
    areas: tuple[AreaDef, ...] = Field(min_length=1)
    overall: tuple[OverallDef, ...] = ()

    def grade_for_rank(self, rank: int) -> GradeDef:
        return min(self.grades, key=lambda grade: abs(grade.rank - rank))

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


class Topics(_Strict):
    topics: dict[str, str]


def pydantic_problems(document: Document, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        pointer = "".join(f"/{part}" for part in item["loc"])
        found = item.get("input")
        problems.append(
            document.problem(
                pointer,
                item["msg"],
                found=repr(found)[:60] if item["type"] != "missing" else None,
            )
        )
    return problems


def _load(path: Path, model: type[BaseModel]) -> Any:
    document = load_document(path, max_bytes=MAX_DATA_BYTES, error=InvalidRules)
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise InvalidRules(pydantic_problems(document, error)) from None


@functools.cache
def topics() -> dict[str, str]:
    loaded: Topics = _load(rules_dir() / "frameworks" / "topics.yaml", Topics)
    return loaded.topics


@functools.cache
def frameworks() -> dict[str, Framework]:
    """Every shipped framework by id, checked for internal consistency."""
    found: dict[str, Framework] = {}
    problems: list[Problem] = []
    folder = rules_dir() / "frameworks"
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "topics.yaml":
            continue
        framework: Framework = _load(path, Framework)
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
