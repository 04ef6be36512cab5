"""The evidence statistics that ship with the rules (``rules/evidence.json``), read lazily.

``checker evidence build`` (:mod:`checker.rules.evidence`) counts, for every rule with finding
patterns, in how many published inspection reports of each grade inspectors made the finding,
and keeps a few recent sentences as examples; it also records who published each corpus report
a rule cites. This module reads that file, once and only when something asks (a report showing
a finding whose rule has patterns, or a corpus quote; the catalogue in words), and words the
numbers ("inspectors raised this in 31 of 47 inadequate and 6 of 152 good or outstanding ILACS
reports, 2018-2025"). A rule without statistics, or whose patterns changed since the file was
built, simply has none.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import InternalError
from checker.core.resources import rules_dir
from checker.rules.model import Rule

EVIDENCE_FILE = "evidence.json"
ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence "
               "v3.0. Source: Ofsted, inspection reports of local authority children's services.")
FRAMEWORKS: tuple[str, ...] = ("sif-2013", "ilacs-2018", "ilacs-2023")
GRADES: tuple[str, ...] = ("inadequate", "requires_improvement", "good", "outstanding")
#: How the statement groups frameworks: ILACS 2018 and 2023 together, SIF on its own.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ILACS", ("ilacs-2018", "ilacs-2023")),
    ("SIF", ("sif-2013",)),
)


@dataclass(frozen=True)
class Count:
    reports: int
    of: int


@dataclass(frozen=True)
class Example:
    """A sentence inspectors wrote, with where it was published."""

    report: str
    authority: str
    date: str
    paragraph: str | None
    sentence: str

    @property
    def year(self) -> str:
        return self.date[:4]

    def attribution(self) -> str:
        """'Barnsley, 2024, paragraph 12'."""
        where = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.authority}, {self.year}{where}"


@dataclass(frozen=True)
class RuleStatistics:
    rule: str
    area: str
    patterns: str
    #: framework -> "area" or "overall" -> grade -> count.
    counts: Mapping[str, Mapping[str, Mapping[str, Count]]]
    #: framework -> the index judgement the area counts came from.
    judgements: Mapping[str, str]
    examples: tuple[Example, ...]
    years: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def pooled(self, frameworks: tuple[str, ...], grades: tuple[str, ...],
               judgement: str = "area") -> Count:
        cells = [self.counts.get(fw, {}).get(judgement, {}).get(g) for fw in frameworks
                 for g in grades]
        return Count(sum(c.reports for c in cells if c), sum(c.of for c in cells if c))

    def combined_frameworks(self) -> list[str]:
        """Frameworks whose area counts use a combined judgement (ILACS 2018 care leavers)."""
        return [fw for fw, judgement in sorted(self.judgements.items())
                if judgement.endswith("(combined)")]

    def statement(self) -> str:
        """The counts in words, ILACS and SIF separately, worked out from the numbers."""
        parts = [part for name, frameworks in FAMILIES
                 if (part := self._family(name, frameworks))]
        if not parts:
            return "inspectors' reports in the corpus give no count for this finding"
        return "inspectors raised this in " + ", and in ".join(parts)

    def _family(self, name: str, frameworks: tuple[str, ...]) -> str:
        weak = self.pooled(frameworks, ("inadequate",))
        strong = self.pooled(frameworks, ("good", "outstanding"))
        pieces = []
        if weak.of:
            pieces.append(f"{weak.reports} of {weak.of} inadequate")
        if strong.of:
            pieces.append(f"{strong.reports} of {strong.of} good or outstanding")
        if not pieces:
            return ""
        spans = [self.years[fw] for fw in frameworks if fw in self.years]
        years = f", {min(s[0] for s in spans)}-{max(s[1] for s in spans)}" if spans else ""
        return f"{' and '.join(pieces)} {name} reports{years}"


@dataclass(frozen=True)
class CitedReport:
    """A corpus report some rule's evidence cites, as the index describes it."""

    report: str
    authority: str
    date: str
    framework: str
    grades: Mapping[str, str]
    #: ILACS 2018-22: the care_leavers grade is the combined children in care judgement.
    care_leavers_combined: bool = False


@dataclass(frozen=True)
class EvidenceData:
    rules: Mapping[str, RuleStatistics] = field(default_factory=dict)
    reports: Mapping[str, CitedReport] = field(default_factory=dict)
    attribution: str = ATTRIBUTION

    def for_rule(self, rule: Rule) -> RuleStatistics | None:
        """The rule's statistics, if they were built from the patterns it has now."""
        found = self.rules.get(rule.id)
        patterns = rule.finding_patterns
        if found is None or patterns is None or found.patterns != patterns.digest():
            return None
        return found


def _count(node: Any) -> Count:
    return Count(int(node["reports"]), int(node["of"]))


def _rule_statistics(rule_id: str, node: Mapping[str, Any],
                     years: Mapping[str, tuple[int, int]]) -> RuleStatistics:
    counts = {
        fw: {kind: {grade: _count(cell) for grade, cell in cells.items()}
             for kind, cells in by_kind.items() if kind in {"area", "overall"}}
        for fw, by_kind in node["counts"].items()
    }
    return RuleStatistics(
        rule=rule_id, area=node["area"], patterns=node["patterns"], counts=counts,
        judgements={fw: str(by_kind["judgement"]) for fw, by_kind in node["counts"].items()},
        examples=tuple(Example(e["report"], e["authority"], e["date"], e["paragraph"],
                               e["sentence"]) for e in node["examples"]),
        years=years,
    )


class _Rules(Mapping[str, RuleStatistics]):
    """Rule id -> its statistics, each built the first time it is asked for (a report shows
    the few rules that fired)."""

    def __init__(self, nodes: Mapping[str, Any], years: Mapping[str, tuple[int, int]]) -> None:
        if not isinstance(nodes, dict):
            raise TypeError("rules is not an object")
        self._nodes, self._years = nodes, years
        self._built: dict[str, RuleStatistics] = {}

    def __getitem__(self, key: str) -> RuleStatistics:
        if key not in self._built:
            try:
                self._built[key] = _rule_statistics(key, self._nodes[key], self._years)
            except (ValueError, TypeError, KeyError) as error:
                if key not in self._nodes:
                    raise
                raise InternalError(f"the evidence statistics of {key} are not valid ({error}); "
                                    "rebuild them with `checker evidence build --corpus "
                                    "DIR`") from None
        return self._built[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


def parse(data: Mapping[str, Any]) -> EvidenceData:
    """The evidence file's content, as written by :mod:`checker.rules.evidence`."""
    years = {fw: (int(span["first"][:4]), int(span["last"][:4]))
             for fw, span in data["corpus"]["frameworks"].items()}
    return EvidenceData(
        rules=_Rules(data["rules"], years),
        reports={key: CitedReport(key, node["authority"], node["date"], node["framework"],
                                  dict(node["grades"]),
                                  bool(node.get("care_leavers_combined", False)))
                 for key, node in data["reports"].items()},
        attribution=data["attribution"],
    )


def load(path: Path) -> EvidenceData:
    """Read an evidence file; a missing one means no statistics."""
    if not path.is_file():
        return EvidenceData()
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise InternalError(f"{path} is not a valid evidence file ({error}); rebuild it with "
                            "`checker evidence build --corpus DIR`") from None


@functools.cache
def shipped() -> EvidenceData:
    """The statistics shipped beside the rule catalogue (read on first use)."""
    return load(rules_dir() / EVIDENCE_FILE)
