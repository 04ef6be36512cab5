"""Checks of rules against the report corpus (``checker rules lint --corpus DIR``).

* RL022: each ``match`` pattern of a rule's finding patterns, on its own, counts at least one
  sentence of the corpus with the rule's ``exclude`` patterns applied (the sentences the
  evidence statistics are counted on: boilerplate left out).
* RL024: every quote citing a corpus report is verbatim (whitespace aside) inside the cited
  paragraph of that report, split as the corpus reader splits it
  (:func:`checker.inputs.corpus.find_quote`), and the report exists.
* RL025: the citation's grade is the report's published grade for the judgement it names, as
  the corpus reader maps the index (ILACS 2018-22 care leavers: the combined judgement).

Patterns that do not compile are left to RL021 (:func:`checker.rules.lint.pattern_problems`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.core.errors import Problem
from checker.inputs import corpus as reader
from checker.rules.evidence import CorpusSentences, stem
from checker.rules.lint import pattern_problems
from checker.rules.model import Evidence, Rule
from checker.rules.patterns import Matcher


def check_patterns(rules: Sequence[Rule], sentences: CorpusSentences) -> list[Problem]:
    """RL022 for every rule whose patterns compile."""
    problems = []
    for rule in rules:
        patterns = rule.finding_patterns
        if patterns is None or pattern_problems(rule):
            continue
        matcher = Matcher(patterns)
        for index in range(len(patterns.match)):
            if sentences.index.first_match(matcher, index) is None:
                problems.append(rule.problem(
                    f"{patterns.pointer}/match/{index}",
                    "finding pattern matches no sentence of the report corpus (with the "
                    "rule's exclude patterns applied)", code="RL022"))
    return problems


class _Reports:
    """Corpus reports by file stem, their text read once when first cited."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.index = {stem(report): report for report in reader.load_index(corpus_dir)}
        self._texts: dict[str, str] = {}

    def text(self, key: str) -> str:
        if key not in self._texts:
            self._texts[key] = reader.read_report(self.corpus_dir, self.index[key])
        return self._texts[key]


def _quote_problem(reports: _Reports, item: Evidence) -> str | None:
    key = item.report or ""
    if key not in reports.index:
        return f"no report {key!r} in the corpus"
    text = reports.text(key)
    if reader.find_quote(text, item.paragraph, item.quote):
        return None
    if reader.find_quote(text, None, item.quote):
        return f"quote is in {key} but not in paragraph {item.paragraph!r}"
    return f"quote not found verbatim in {key}"


def _grade_problem(reports: _Reports, item: Evidence) -> str | None:
    report = reports.index.get(item.report or "")
    if report is None or item.grade is None:
        return None
    published = report.grades.get(item.grade.judgement)
    if published == item.grade.grade:
        return None
    combined = (" (the combined children in care and care leavers judgement)"
                if item.grade.judgement == "care_leavers" and report.care_leavers_combined
                else "")
    if published is None:
        return f"{report.file} has no graded {item.grade.judgement} judgement"
    return (f"{report.file} gives {item.grade.judgement}{combined} "
            f"{published.replace('_', ' ')}, not {item.grade.grade.replace('_', ' ')}")


def check_citations(rules: Sequence[Rule], corpus_dir: Path,
                    corpus_sources: set[str]) -> list[Problem]:
    """RL024 and RL025 for every evidence item citing a corpus source with a report."""
    reports = _Reports(corpus_dir)
    problems = []
    for rule in rules:
        for item in rule.evidence:
            if item.source not in corpus_sources or item.report is None:
                continue
            quote = _quote_problem(reports, item)
            if quote is not None:
                where = "/report" if quote.startswith("no report") else "/quote"
                problems.append(rule.problem(item.pointer + where, quote, code="RL024"))
            grade = _grade_problem(reports, item)
            if grade is not None:
                problems.append(rule.problem(item.pointer + "/grade", grade, code="RL025"))
    return problems


def check_corpus(rules: Sequence[Rule], corpus_dir: Path, corpus_sources: set[str],
                 sentences: CorpusSentences | None = None) -> list[Problem]:
    """Every check against the corpus; the sentences are loaded only if a rule has patterns."""
    problems = check_citations(rules, corpus_dir, corpus_sources)
    if any(rule.finding_patterns is not None for rule in rules):
        problems += check_patterns(rules, sentences or CorpusSentences.load(corpus_dir))
    return problems
