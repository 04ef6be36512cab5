"""The one rule loader: rule files and packs in, a :class:`Rulebook` out.

``read_rules`` finds and parses rule files (a pack folder, a single file, or by default the
shipped catalogue) with the sources they may cite; every problem is collected with its code
(RL001 unreadable, RL002 schema). ``load_rulebook`` is what checking uses: the shipped
catalogue plus local packs (``--rules DIR``), linted (fully for local packs; the shipped
catalogue gets the checks needed to evaluate it correctly, since CI lints it fully before it
ships), with a local rule overriding a shipped rule of the same id. Lint results are cached by
content (:mod:`checker.core.cache`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core import cache
from checker.core.errors import InvalidRules, Problem
from checker.core.resources import rules_dir, schema_path
from checker.inputs.metrics import catalogue, policies
from checker.inputs.schemas import checked_document, schema_bytes
from checker.rules.frameworks import current_areas, topics
from checker.rules.model import Rule, build_rule
from checker.rules.sources import Source, load_sources

if TYPE_CHECKING:
    from checker.rules.lint import Linter

#: ``Rule.origin`` of the shipped catalogue; local packs have their folder as origin.
SHIPPED = "shipped"
MAX_RULE_FILE_BYTES = 1024 * 1024
#: Folders and files inside a rules directory that are not rule files.
NOT_RULE_FILES = {"frameworks", "sources.yaml", "model.yaml"}


@dataclass(frozen=True)
class Rulebook:
    """The rules a check runs, the sources they cite, and where they came from."""

    rules: tuple[Rule, ...]
    sources: dict[str, Source]
    packs: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


@dataclass
class RuleFiles:
    """What ``read_rules`` found: parsed rules, the sources they may cite, parse problems."""

    rules: list[Rule] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Every rule file read, whether or not rules could be built from it.
    paths: list[Path] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.paths)


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
                rules.append(build_rule(document, index, node, origin))
    return rules, problems


def _rule_index(pointer: str) -> int | None:
    """The rule a problem sits in (``/rules/3/when`` -> 3), or None for file-level problems."""
    parts = pointer.split("/")
    if len(parts) > 2 and parts[1] == "rules" and parts[2].isdigit():
        return int(parts[2])
    return None


def _coded(problem: Problem, code: str) -> Problem:
    return replace(problem, code=problem.code or code)


def linter(sources: dict[str, Source]) -> Linter:
    from checker.rules.lint import Linter  # noqa: PLC0415 - the shipped catalogue's lint is cached

    return Linter(catalogue(), policies(), current_areas(), topics(), sources,
                  corpus_sources=[key for key, source in sources.items() if source.corpus])


def with_pack_sources(directory: Path, base: dict[str, Source]) -> dict[str, Source]:
    """``base`` plus the sources registered in ``directory/sources.yaml``, if there is one. A
    local source may not redefine one already registered (RL020): a pack could otherwise
    retitle a shipped source under every shipped rule that cites it."""
    merged = dict(base)
    local = directory / "sources.yaml"
    if not local.is_file():
        return merged
    for source_id, source in load_sources(local).items():
        if source_id in merged and merged[source_id] != source:
            raise InvalidRules([Problem(
                file=str(local), code="RL020",
                message=f"source {source_id!r} is already registered; a local pack may add "
                "sources but not redefine them", hint="give the local source its own id")])
        merged[source_id] = source
    return merged


def _nearest_sources(path: Path) -> Path | None:
    """The folder of the nearest sources.yaml above a rule file, up to the working directory."""
    here = Path.cwd().resolve()
    for folder in path.resolve().parents:
        if (folder / "sources.yaml").is_file():
            return folder
        if folder == here:
            break
    return None


def shipped_sources() -> dict[str, Source]:
    return load_sources(rules_dir() / "sources.yaml")


def read_rules(paths: Sequence[Path] = ()) -> RuleFiles:
    """Parse rule files and pack folders ``paths`` (default: the shipped catalogue)."""
    shipped = rules_dir()
    found = RuleFiles(sources=shipped_sources())
    for path in paths or (shipped,):
        if path.is_dir():
            found.sources = with_pack_sources(path, found.sources)
            files = discover(path)
        elif path.is_file():
            files = [path]
            local = _nearest_sources(path)
            if local is not None:
                found.sources = with_pack_sources(local, found.sources)
        else:
            raise InvalidRules([Problem(file=str(path), message="no such file or directory")])
        found.paths.extend(files)
        is_shipped = path.resolve() == shipped.resolve()
        rules, problems = parse_files(
            files, SHIPPED if is_shipped else str(path),
            directory=path if path.is_dir() else None,
            label="rules" if is_shipped else str(path))
        found.rules.extend(rules)
        found.problems.extend(problems)
    return found


#: The modules whose code decides what lint finds: part of every lint result's key, so a
#: changed linter never trusts a result of the old one.
LINT_CODE = ("lint", "satisfiable", "patterns", "model", "frameworks", "sources", "loader")


@functools.cache
def _lint_code() -> bytes:
    here = Path(__file__).parent
    return b"".join(name.encode() + b"\0" + (here / f"{name}.py").read_bytes()
                    for name in LINT_CODE)


def lint_key(files: list[Path], sources: dict[str, Source], full: bool) -> str:
    """Everything a pack's lint result depends on: its files, the sources it may cite, the
    metric catalogue, the frameworks and topics, and the linter's code."""
    folder = rules_dir()
    parts: list[bytes | str] = ["full" if full else "essential", _lint_code()]
    parts += sorted(f"{s.id}|{s.framework}|{s.file}|{s.paragraphs}|{s.corpus}"
                    for s in sources.values())
    for name in ("selfassessment", "rule"):
        parts += [schema_path(name).name, schema_bytes(name)]
    for path in (*sorted((folder / "frameworks").glob("*.yaml")), *files):
        parts += [path.name, path.read_bytes()]
    return cache.key("lint", parts)


def load_pack(directory: Path, origin: str, sources: dict[str, Source], *, full: bool
              ) -> tuple[list[Rule], list[Problem]]:
    """Parse and lint one pack folder (lint results cached by content)."""
    if not directory.is_dir():
        raise InvalidRules([Problem(file=str(directory), message="rule pack is not a directory",
                                    expected="a directory of rule files")])
    label = "rules" if origin == SHIPPED else str(directory)
    files = discover(directory)
    rules, problems = parse_files(files, origin, directory=directory, label=label)
    if problems:
        return rules, problems
    entry = lint_key(files, sources, full)
    if cache.load(entry) == "clean":
        return rules, []
    check = linter(sources)
    problems = check.full(rules) if full else check.essential(rules)
    if not problems:
        cache.store(entry, "clean")
    return rules, problems


@functools.cache
def _shipped() -> tuple[tuple[Rule, ...], dict[str, Source]]:
    sources = shipped_sources()
    rules, problems = load_pack(rules_dir(), SHIPPED, sources, full=False)
    if problems:
        raise InvalidRules(problems)
    return tuple(rules), sources


def load_rulebook(packs: Sequence[Path] = (), *, shipped_rules: bool = True) -> Rulebook:
    """The shipped catalogue (unless ``shipped_rules`` is false) plus local packs, linted."""
    shipped, sources = _shipped()
    by_id = {rule.id: rule for rule in shipped} if shipped_rules else {}
    overridden: list[str] = []
    problems: list[Problem] = []
    for directory in packs:
        sources = with_pack_sources(directory, sources) if directory.is_dir() else sources
        rules, found = load_pack(directory, str(directory), sources, full=True)
        problems.extend(found)
        for rule in rules:
            earlier = by_id.get(rule.id)
            if earlier is not None and earlier.origin != SHIPPED:
                problems.append(rule.problem("/id", f"rule {rule.id} is also defined in "
                                             f"{earlier.file}", code="RL020",
                                             hint="one id, one rule: rename one of them"))
            elif earlier is not None:
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
