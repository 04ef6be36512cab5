"""The rule maintainers' commands as functions: lint, test, list, explain and document rule
files or packs (default: the shipped catalogue), and build the evidence statistics of the
shipped catalogue from the report corpus. Each reads the files with the one loader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.core import cache
from checker.core.errors import InvalidRules, Problem
from checker.core.resources import rules_dir
from checker.core.text import did_you_mean
from checker.rules import docs, statistics
from checker.rules.frameworks import current_areas, topics
from checker.rules.lint import pattern_problems
from checker.rules.loader import RuleFiles, lint_key, linter, read_rules
from checker.rules.model import Rule
from checker.rules.quotes import check_seeds
from checker.rules.testing import CaseResult, run_tests


@dataclass
class LintResult:
    files: RuleFiles
    problems: list[Problem]


def lint(paths: Sequence[Path], seeds: Path | None = None, corpus: Path | None = None
         ) -> LintResult:
    """Every problem in the rule files: parse, schema, full lint, quotes with ``seeds``, and
    patterns, quotes and grades against the report corpus with ``corpus``."""
    found = read_rules(paths)
    problems = [*found.problems, *_full_lint(found)]
    if seeds is not None:
        problems += check_seeds(
            found.rules, seeds, {key: src.file for key, src in found.sources.items()},
            {key: src.paragraphs for key, src in found.sources.items()})
    if corpus is not None:
        from checker.rules.corpuslint import check_corpus  # noqa: PLC0415 - reads the corpus

        problems += check_corpus(found.rules, corpus, {
            key for key, src in found.sources.items() if src.corpus})
    return LintResult(found, sorted(problems, key=lambda p: (p.file, p.line or 0, p.code or "")))


def _full_lint(found: RuleFiles) -> list[Problem]:
    """The full lint of files that all parsed, remembered by content when it finds nothing
    (:func:`checker.rules.loader.lint_key`: the files, what they may cite and the linter's
    own code), like the lint a check runs."""
    if found.problems:
        return linter(found.sources).full(found.rules)
    entry = lint_key(found.paths, found.sources, full=True)
    if cache.load(entry) == "clean":
        return []
    problems = linter(found.sources).full(found.rules)
    if not problems:
        cache.store(entry, "clean")
    return problems


def readable(paths: Sequence[Path]) -> RuleFiles:
    """The rule files, or :class:`InvalidRules` if any cannot be parsed."""
    found = read_rules(paths)
    if found.problems:
        raise InvalidRules(found.problems)
    return found


def test(paths: Sequence[Path]) -> list[CaseResult]:
    """Every rule's own cases, after the checks a rule needs to be run at all (exit 4 for a
    rule that cannot be evaluated: unknown metric, wrong type, duplicate id, too complex)."""
    found = readable(paths)
    problems = linter(found.sources).essential(found.rules)
    if problems:
        raise InvalidRules(problems)
    return run_tests(found.rules)


@dataclass(frozen=True)
class Filters:
    area: str | None = None
    source: str | None = None
    topic: str | None = None
    severity: str | None = None

    def keep(self, rule: Rule) -> bool:
        return ((self.area is None or self.area in rule.areas)
                and (self.source is None or any(e.source == self.source for e in rule.evidence))
                and (self.topic is None or self.topic in rule.topics)
                and (self.severity is None or rule.severity == self.severity))


class UnknownFilter(LookupError):
    """A ``rules list`` filter naming an area, topic or source that does not exist."""

    def __init__(self, option: str, value: str, known: Sequence[str]) -> None:
        hint = did_you_mean(value, known)
        super().__init__(f"{value!r} is not a known {option}" + (f"; {hint}" if hint else ""))
        self.option = option
        self.message = str(self.args[0])


def _check_filters(filters: Filters, found: RuleFiles) -> None:
    known = {"area": list(current_areas()), "topic": list(topics()),
             "source": sorted(found.sources)}
    for option, value in (("area", filters.area), ("topic", filters.topic),
                          ("source", filters.source)):
        if value is not None and value not in known[option]:
            raise UnknownFilter(option, value, known[option])


def select(paths: Sequence[Path], filters: Filters) -> tuple[list[Rule], int]:
    """The rules that pass ``filters``, by id, and how many there are in all."""
    found = readable(paths)
    _check_filters(filters, found)
    rules = found.rules
    return sorted((rule for rule in rules if filters.keep(rule)), key=lambda r: r.id), len(rules)


def explain(rule_id: str, packs: Sequence[Path] = ()) -> str:
    """Rule ``rule_id`` in words; a local pack's rule of the same id wins, as in a check."""
    found = readable((rules_dir(), *packs))
    matches = [rule for rule in found.rules if rule.id == rule_id.upper()]
    if not matches:
        hint = did_you_mean(rule_id.upper(), sorted(rule.id for rule in found.rules), n=3)
        raise LookupError(f"no rule {rule_id!r}" + (f"; {hint}" if hint else ""))
    return docs.explain(matches[-1], found.sources, statistics.shipped())


def catalogue(paths: Sequence[Path]) -> str:
    found = readable(paths)
    return docs.render_catalogue(found.rules, found.sources, statistics.shipped())


def evidence_file(corpus: Path, paths: Sequence[Path] = ()) -> str:
    """The evidence statistics of the rules in ``paths`` (default: the shipped catalogue) over
    ``corpus``, as the file reads.

    Refused (:class:`InvalidRules`, RL021) if a finding pattern cannot be used."""
    from checker.rules import evidence  # noqa: PLC0415 - reads the corpus

    rules = readable(paths).rules
    problems = [problem for rule in rules for problem in pattern_problems(rule)]
    if problems:
        raise InvalidRules(problems)
    return evidence.render(evidence.build(rules, corpus))
