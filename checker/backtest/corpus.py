"""The local evidence's numbers, from the inspection-report corpus, and its out-of-fold test.

Published reports are the only record of what inspectors found beside the grade they gave.
A rule's finding patterns say whether inspectors made its finding in a report; taking each
report as if its findings were the council's own, this module

* weighs each rule by evidence: the odds of an inadequate judgement of its area where
  inspectors made the finding over where they did not (a strength: of a good or better
  judgement), one severity point per doubling (:func:`checker.backtest.fit.severity_for`),
  minor when fewer than :data:`MIN_REPORTS` of the reports it matches were judged
  inadequate or good or better (the two groups compared), or without patterns;
* scores each report as a self-assessment is scored (:class:`checker.scoring.risk.LocalWeight`:
  net points over the area's weight) and fits each area's cut-offs on those scores
  (:func:`checker.backtest.fit.fit_cutoffs`);
* tests the whole procedure out of fold (weights and cut-offs fitted without the held-out
  authorities' reports), which is what ``checker backtest --corpus`` prints.

What the test measures, plainly: how well the points model separates grades *when the
findings are the inspectors' own*. A council's self-assessment is a weaker signal than the
report written about it, so these figures are an upper bound for the local evidence, not a
forecast's accuracy; the published backtest is the test of prediction from figures alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.backtest.fit import (
    BAND_GRADE,
    INADEQUATE,
    PERCENT_BINS,
    Case,
    Fitted,
    agreement,
    auc,
    baseline,
    calibration,
    fit_cutoffs,
    folds,
)
from checker.core.vocab import POINT_LOG_ODDS, SEVERITIES
from checker.inputs import corpus as reader
from checker.rules.evidence import CorpusSentences
from checker.rules.model import Rule
from checker.rules.patterns import Matcher
from checker.scoring.params import CalibrationRow
from checker.scoring.risk import LocalWeight

AREAS = ("leadership", "help_and_protection", "children_in_care", "care_leavers")
GRADES = {"outstanding": 1, "good": 2, "requires_improvement": 3, "inadequate": 4}
#: Fewest matching reports judged inadequate or good or better (the groups the odds ratio
#: compares) for the ratio to set a severity.
MIN_REPORTS = 5
#: The local score counts at least this share of an area's weight as checked, and from
#: this share checked the local score alone sets the band (``rules/model.yaml``).
MIN_CHECKED = 0.25
DECISIVE = 0.5


def odds_ratio(made_bad: int, bad: int, made_good: int, good: int) -> float | None:
    """Odds of the finding where the area was judged badly over where it was judged well
    (the same as the odds of the bad judgement with the finding over without it), a half
    added to every cell so none is zero; None without both groups."""
    if not bad or not good:
        return None
    return ((made_bad + 0.5) / (bad - made_bad + 0.5)) / (
        (made_good + 0.5) / (good - made_good + 0.5))


def severity_for(ratio: float | None) -> str:
    """One point of severity per doubling of the odds, from minor (1) to critical (4)."""
    if ratio is None or ratio <= 1:
        return "minor"
    points = max(1, min(4, round(math.log(ratio) / POINT_LOG_ODDS)))
    return next(s.key for s in SEVERITIES.values() if s.points == points)


@dataclass(frozen=True)
class ReportFindings:
    """One report: its authority, grades and the rules whose findings inspectors made."""

    report: reader.Report
    matched: frozenset[str]

    def grade(self, area: str) -> int | None:
        return GRADES.get(self.report.grades.get(area, ""))


def match_reports(rules: Sequence[Rule], sentences: CorpusSentences) -> list[ReportFindings]:
    """Which rules' patterns match in each report of the corpus."""
    found: list[set[str]] = [set() for _ in sentences.reports]
    for rule in rules:
        if rule.finding_patterns is None:
            continue
        for sentence in sentences.index.matching(Matcher(rule.finding_patterns)):
            found[sentences.report_of[sentence]].add(rule.id)
    return [ReportFindings(report, frozenset(ids))
            for report, ids in zip(sentences.reports, found, strict=True)]


@dataclass(frozen=True)
class RuleWeight:
    """A rule's severity and the counts it rests on (area grades, reports with patterns)."""

    rule: str
    severity: str
    odds_ratio: float | None
    made_bad: int
    bad: int
    made_good: int
    good: int

    @property
    def points(self) -> int:
        return SEVERITIES[self.severity].points

    def basis(self, strength: bool) -> str:
        if self.odds_ratio is None or self.made_bad + self.made_good < MIN_REPORTS:
            return ("report corpus: too few reports judged inadequate or good or better with "
                    f"the finding to weigh it ({self.made_bad + self.made_good}); minor")
        judged = "good or outstanding" if strength else "inadequate"
        other = "inadequate" if strength else "good or outstanding"
        return (f"report corpus: inspectors made the finding in {self.made_bad} of {self.bad} "
                f"reports with the area judged {judged} and {self.made_good} of {self.good} "
                f"judged {other} (odds ratio {self.odds_ratio:.1f})")


def rule_weight(rule: Rule, reports: Sequence[ReportFindings]) -> RuleWeight:
    """The rule's weight from ``reports`` (its own area's grades)."""
    area = rule.scoring_area
    graded = [(r.grade(area), rule.id in r.matched) for r in reports]
    worse = [made for grade, made in graded if grade == INADEQUATE]
    better = [made for grade, made in graded if grade is not None and grade <= 2]
    if rule.effect == "strength":
        worse, better = better, worse
    ratio = odds_ratio(sum(worse), len(worse), sum(better), len(better))
    enough = rule.finding_patterns is not None and sum(worse) + sum(better) >= MIN_REPORTS
    return RuleWeight(rule.id, severity_for(ratio) if enough else "minor",
                      round(ratio, 2) if ratio is not None else None,
                      sum(worse), len(worse), sum(better), len(better))


def report_score(findings: ReportFindings, rules: Sequence[Rule],
                 weights: Mapping[str, RuleWeight]) -> int:
    """A report scored as a self-assessment with every pattern-bearing rule checked."""
    weaknesses = [r for r in rules if r.effect == "weakness"]
    strengths = [r for r in rules if r.effect == "strength"]
    total = sum(weights[r.id].points for r in weaknesses)
    weight = LocalWeight(
        total=total, checked=total,
        found=sum(weights[r.id].points for r in weaknesses if r.id in findings.matched),
        strengths=sum(weights[r.id].points for r in strengths if r.id in findings.matched))
    return weight.share(MIN_CHECKED)


@dataclass(frozen=True)
class AreaFit:
    cutoffs: Fitted
    calibration: list[CalibrationRow]
    cases: int


@dataclass(frozen=True)
class CorpusModel:
    weights: dict[str, RuleWeight]
    areas: dict[str, AreaFit]
    reports: int


def area_rules(rules: Sequence[Rule], area: str) -> list[Rule]:
    return [r for r in rules if r.finding_patterns is not None and r.scoring_area == area]


def _cases(area: str, rules: Sequence[Rule], reports: Sequence[ReportFindings],
           weights: Mapping[str, RuleWeight]) -> list[Case]:
    chosen = area_rules(rules, area)
    return [Case(r.report.authority, report_score(r, chosen, weights), grade)
            for r in reports if (grade := r.grade(area)) is not None]


def fit(rules: Sequence[Rule], reports: Sequence[ReportFindings]) -> CorpusModel:
    """Weights from every report, then each area's cut-offs and calibration."""
    weights = {rule.id: rule_weight(rule, reports) for rule in rules}
    areas = {}
    for area in AREAS:
        cases = _cases(area, rules, reports, weights)
        areas[area] = AreaFit(fit_cutoffs(cases), calibration(cases, PERCENT_BINS), len(cases))
    return CorpusModel(weights, areas, len(reports))


@dataclass(frozen=True)
class HeldOut:
    """One report's area judgement beside its out-of-fold score and band."""

    report: reader.Report
    area: str
    grade: int
    score: int
    band: str


def cross_validate(rules: Sequence[Rule], reports: Sequence[ReportFindings], k: int = 5,
                   seed: int = 2024) -> list[HeldOut]:
    """Every report's bands with weights and cut-offs fitted without its authority."""
    found: list[HeldOut] = []
    for held in folds([r.report.authority for r in reports], k, seed):
        held_set = set(held)
        training = [r for i, r in enumerate(reports) if i not in held_set]
        model = fit(rules, training)
        for index in held:
            item = reports[index]
            for area in AREAS:
                grade = item.grade(area)
                if grade is None:
                    continue
                score = report_score(item, area_rules(rules, area), model.weights)
                found.append(HeldOut(item.report, area, grade, score,
                                     model.areas[area].cutoffs.band(score)))
    return found


@dataclass(frozen=True)
class AreaSummary:
    """Out-of-fold agreement of one area (or all areas) beside the majority baseline."""

    area: str
    judgements: int
    exact: float
    within_one: float
    recall: float | None
    precision: float | None
    auc: float | None
    baseline_grade: int
    baseline_exact: float
    baseline_within_one: float


def summarise(held: Sequence[HeldOut], area: str) -> AreaSummary:
    chosen = [h for h in held if area in ("all", h.area)]
    grades = [h.grade for h in chosen]
    found = agreement(grades, [BAND_GRADE[h.band] for h in chosen])
    grade, base_exact, base_near = baseline(grades) if grades else (2, 0.0, 0.0)
    score = auc([h.score for h in chosen if h.grade == INADEQUATE],
                [h.score for h in chosen if h.grade != INADEQUATE])
    return AreaSummary(area, len(chosen), found.exact, found.within_one, found.recall,
                       found.precision, score, grade, base_exact, base_near)
