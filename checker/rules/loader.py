"""The rulebook: shipped rules plus any local rule packs, checked and ready to run.

Local packs (``--rules DIR``) add rules or override shipped rules with the same id; they may
carry their own ``sources.yaml`` for local policy documents. Every pack gets the full lint
(tests present, test inputs valid, conditions satisfiable); the shipped catalogue gets the
checks needed to evaluate it correctly, because CI lints it fully before it ships.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core import cache
from checker.core.errors import InvalidRules, Problem
from checker.core.resources import rules_dir, schema_path
from checker.engine.durable import Engine
from checker.inputs.metrics import catalogue, policies
from checker.rules.frameworks import Framework, current_areas, frameworks, topics
from checker.rules.model import Rule, discover, parse_files
from checker.rules.sources import Source, load_sources

if TYPE_CHECKING:
    from checker.rules.lint import Linter

SHIPPED = "shipped"


@dataclass
class Rulebook:
    rules: tuple[Rule, ...]
    sources: dict[str, Source]
    packs: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()
    _engine: list[Engine] = field(default_factory=list, compare=False, repr=False)

    @property
    def frameworks(self) -> dict[str, Framework]:
        return frameworks()

    def engine(self) -> Engine:
        if not self._engine:
            self._engine.append(Engine(self.rules, catalogue()))
        return self._engine[0]

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


def linter(sources: dict[str, Source]) -> Linter:
    from checker.rules.lint import Linter

    return Linter(catalogue(), policies(), current_areas(), topics(), sources)


def pack_sources(directory: Path, base: dict[str, Source]) -> dict[str, Source]:
    merged = dict(base)
    local = directory / "sources.yaml"
    if local.is_file():
        merged.update(load_sources(local))
    return merged


def _lint_key(files: list[Path], sources: dict[str, Source], full: bool) -> str:
    """Everything a pack's lint result depends on: its files, the sources it may cite, the
    metric catalogue, the frameworks and topics."""
    folder = rules_dir()
    parts: list[bytes | str] = ["full" if full else "essential"]
    parts += sorted(f"{s.id}|{s.framework}|{s.file}|{s.paragraphs}" for s in sources.values())
    for path in (schema_path("selfassessment"), schema_path("rule"),
                 *sorted((folder / "frameworks").glob("*.yaml")), *files):
        parts += [path.name, path.read_bytes()]
    return cache.key("lint", parts)


def load_pack(directory: Path, origin: str, sources: dict[str, Source], *, full: bool
              ) -> tuple[list[Rule], list[Problem]]:
    if not directory.is_dir():
        raise InvalidRules([Problem(file=str(directory), message="rule pack is not a directory",
                                    expected="a directory of rule files")])
    label = "rules" if origin == SHIPPED else str(directory)
    files = discover(directory)
    rules, problems = parse_files(files, origin, directory=directory, label=label)
    if problems:
        return rules, problems
    entry = _lint_key(files, sources, full)
    if cache.load(entry) == "clean":
        return rules, []
    check = linter(sources)
    problems = check.full(rules) if full else check.essential(rules)
    if not problems:
        cache.store(entry, "clean")
    return rules, problems


@functools.cache
def _shipped() -> tuple[tuple[Rule, ...], dict[str, Source]]:
    folder = rules_dir()
    sources = load_sources(folder / "sources.yaml")
    rules, problems = load_pack(folder, SHIPPED, sources, full=False)
    if problems:
        raise InvalidRules(problems)
    return tuple(rules), sources


def load_rulebook(packs: Sequence[Path] = (), *, shipped_rules: bool = True) -> Rulebook:
    shipped, sources = _shipped()
    by_id = {rule.id: rule for rule in shipped} if shipped_rules else {}
    overridden: list[str] = []
    problems: list[Problem] = []
    for directory in packs:
        sources = pack_sources(directory, sources) if directory.is_dir() else sources
        rules, found = load_pack(directory, str(directory), sources, full=True)
        problems.extend(found)
        for rule in rules:
            if rule.id in by_id and by_id[rule.id].origin == SHIPPED:
                overridden.append(rule.id)
            by_id[rule.id] = rule
    if problems:
        raise InvalidRules(problems)
    return Rulebook(
        rules=tuple(by_id.values()),
        sources=sources,
        packs=tuple(str(p) for p in packs),
        overridden=tuple(overridden),
    )
