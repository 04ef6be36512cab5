"""``checker evidence build``: how often inspectors made each rule's finding in the report corpus.

For every rule with finding patterns, and for each framework of the corpus (the 2013-17 single
inspection framework, ILACS 2018-22 and ILACS from 2023), the number of reports of each grade of
the rule's area (its first ``areas`` entry) and of the overall grade in which at least one
sentence matched, out of all reports with that grade; the first matching sentence of each of the
three most recent matching reports as examples; and the index entry of every report a rule's
evidence cites. The result is the deterministic JSON file that ships with the rules
(``rules/evidence.json``); :mod:`checker.rules.statistics` reads it.

Grades come from the corpus reader (:func:`checker.inputs.corpus.load_index`): ILACS 2018-22
judged children in care and care leavers together, so a care-leaver finding's ILACS-2018 counts
use that combined judgement (the file says so). Sentences are split by the reader; standard text
repeated across reports (licence, contact details, grade descriptors) is left out, as in the
theme-mining study: a sentence found verbatim in 5 or more reports and 8 or more words long, or in
20 or more reports.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidRules
from checker.inputs import corpus as reader
from checker.rules.model import Rule
from checker.rules.patterns import FindingPatterns, Matcher, SentenceIndex
from checker.rules.statistics import ATTRIBUTION, FRAMEWORKS, GRADES

EXAMPLES = 3
#: The index columns each framework's area judgements come from (see checker.inputs.corpus).
JUDGEMENTS: dict[str, dict[str, str]] = {
    "sif-2013": {"leadership": "leadership_management_governance",
                 "help_and_protection": "help_and_protection",
                 "children_in_care": "children_looked_after", "care_leavers": "care_leavers"},
    "ilacs-2018": {"leadership": "leaders", "help_and_protection": "help_and_protection",
                   "children_in_care": "children_in_care",
                   "care_leavers": "children_in_care (combined)"},
    "ilacs-2023": {"leadership": "leaders", "help_and_protection": "help_and_protection",
                   "children_in_care": "children_in_care", "care_leavers": "care_leavers"},
}
METHOD = (
    "For each rule with finding_patterns: reports (not sentences) with at least one sentence "
    "that a match pattern matches and no exclude pattern does, by framework and by the grade of "
    "the rule's first area ('area') and of overall effectiveness ('overall'), out of all reports "
    "of that framework with that grade ('of'). Sentences as split by checker.inputs.corpus; text "
    "found verbatim in 5+ reports with 8+ words, or in 20+ reports, is left out as boilerplate. "
    "ILACS 2018-22 judged children in care and care leavers together: care-leaver counts for "
    "ilacs-2018 use that combined judgement. Examples: the first matching sentence of each of "
    "the three most recently published matching reports."
)


def is_boilerplate(reports: int, sentence: str) -> bool:
    """Standard text repeated across reports (licence, contact details, judgement tables,
    grade descriptors)."""
    return reports >= 20 or (reports >= 5 and len(sentence.split()) >= 8)


@dataclass
class CorpusSentences:
    """The sentences of every report of :data:`FRAMEWORKS`, boilerplate left out."""

    reports: list[reader.Report]
    index: SentenceIndex
    report_of: list[int]
    paragraph_of: list[str | None]

    @classmethod
    def load(cls, corpus_dir: Path) -> CorpusSentences:
        loaded = [item for item in reader.load_corpus(corpus_dir)
                  if item.report.framework in FRAMEWORKS]
        found: list[tuple[int, str | None, str]] = []
        seen_in: dict[str, set[int]] = defaultdict(set)
        for number, item in enumerate(loaded):
            for paragraph in item.paragraphs:
                for sentence in reader.sentences(paragraph.text):
                    found.append((number, paragraph.number, sentence))
                    seen_in[sentence].add(number)
        kept = [row for row in found if not is_boilerplate(len(seen_in[row[2]]), row[2])]
        return cls(reports=[item.report for item in loaded],
                   index=SentenceIndex([text for _n, _p, text in kept]),
                   report_of=[n for n, _p, _t in kept], paragraph_of=[p for _n, p, _t in kept])


def stem(report: reader.Report) -> str:
    """How rules cite a report: its file name without folder or extension."""
    return Path(report.file).stem


def _base(reports: Sequence[reader.Report], key: str) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {fw: Counter() for fw in FRAMEWORKS}
    for report in reports:
        grade = report.grades.get(key)
        if grade is not None:
            counts[report.framework][grade] += 1
    return counts


class Builder:
    """Counts findings over one corpus (its base counts worked out once)."""

    def __init__(self, sentences: CorpusSentences) -> None:
        self.sentences = sentences
        keys = {*reader.AREAS, "overall"}
        self.base = {key: _base(sentences.reports, key) for key in keys}

    def _cells(self, matched: Sequence[reader.Report], key: str, framework: str
               ) -> dict[str, dict[str, int]]:
        hits = Counter(r.grades.get(key) for r in matched if r.framework == framework)
        return {grade: {"of": self.base[key][framework][grade], "reports": hits[grade]}
                for grade in GRADES}

    def _example(self, number: int, sentence: int) -> dict[str, Any]:
        report = self.sentences.reports[number]
        return {"authority": report.authority, "date": report.publication_date.isoformat(),
                "paragraph": self.sentences.paragraph_of[sentence], "report": stem(report),
                "sentence": self.sentences.index.texts[sentence]}

    def finding(self, patterns: FindingPatterns, area: str) -> dict[str, Any]:
        """Counts and examples of one set of finding patterns, on the grades of ``area``."""
        table = self.sentences
        matches = table.index.matching(Matcher(patterns))
        first: dict[int, int] = {}
        for sentence in matches:
            first.setdefault(table.report_of[sentence], sentence)
        matched = [table.reports[number] for number in first]
        recent = sorted(first, key=lambda n: (table.reports[n].publication_date,
                                              table.reports[n].file), reverse=True)
        return {
            "area": area,
            "counts": {fw: {"area": self._cells(matched, area, fw),
                            "judgement": JUDGEMENTS[fw].get(area, area),
                            "overall": self._cells(matched, "overall", fw)}
                       for fw in FRAMEWORKS},
            "examples": [self._example(n, first[n]) for n in recent[:EXAMPLES]],
            "reports_matched": len(first),
            "sentences_matched": len(matches),
        }

    def rule(self, rule: Rule) -> dict[str, Any]:
        patterns = rule.finding_patterns
        if patterns is None:
            raise ValueError(f"{rule.id} has no finding patterns")
        return {**self.finding(patterns, rule.areas[0]), "patterns": patterns.digest()}

    def corpus(self) -> dict[str, Any]:
        spans: dict[str, dict[str, Any]] = {}
        for framework in FRAMEWORKS:
            dates = sorted(r.publication_date for r in self.sentences.reports
                           if r.framework == framework)
            if dates:
                spans[framework] = {"first": dates[0].isoformat(), "last": dates[-1].isoformat(),
                                    "reports": len(dates)}
        return {"frameworks": spans, "sentences": len(self.sentences.index.texts)}


def cited_reports(rules: Iterable[Rule], corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """The index entry of every corpus report a rule's evidence cites."""
    by_stem = {stem(report): report for report in reader.load_index(corpus_dir)}
    out: dict[str, dict[str, Any]] = {}
    problems = []
    for rule in rules:
        for item in rule.evidence:
            if item.report is None:
                continue
            report = by_stem.get(item.report)
            if report is None:
                problems.append(rule.problem(item.pointer + "/report",
                                             f"no report {item.report!r} in the corpus",
                                             code="RL024"))
                continue
            out[item.report] = {"authority": report.authority,
                                "care_leavers_combined": report.care_leavers_combined,
                                "date": report.publication_date.isoformat(),
                                "framework": report.framework, "grades": dict(report.grades)}
    if problems:
        raise InvalidRules(problems)
    return out


def build(rules: Sequence[Rule], corpus_dir: Path,
          sentences: CorpusSentences | None = None) -> dict[str, Any]:
    """The evidence file's content for ``rules`` over the corpus in ``corpus_dir``."""
    builder = Builder(sentences or CorpusSentences.load(corpus_dir))
    chosen = sorted((rule for rule in rules if rule.finding_patterns is not None),
                    key=lambda rule: rule.id)
    return {
        "attribution": ATTRIBUTION,
        "corpus": builder.corpus(),
        "generated_by": "checker evidence build --corpus DIR",
        "method": METHOD,
        "reports": cited_reports(rules, corpus_dir),
        "rules": {rule.id: builder.rule(rule) for rule in chosen},
    }


def render(document: dict[str, Any]) -> str:
    """The file as committed: sorted keys, one item per line, UTF-8, a final newline."""
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
