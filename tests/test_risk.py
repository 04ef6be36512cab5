"""The risk model: scores, bands, coverage, grade meanings and limiting judgements."""

from __future__ import annotations

import pytest

from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluation
from checker.rules.frameworks import frameworks
from checker.scoring.risk import (
    HIGH_AT,
    MEDIUM_AT,
    MIN_COVERAGE,
    AreaResult,
    assess,
    assess_overall,
    band_for,
)
from tests.engine_hazards import make_rule


@pytest.mark.parametrize(
    ("score", "coverage", "band"),
    [
        (0, 1.0, "low"),
        (1, 1.0, "low"),
        (MEDIUM_AT, 0.0, "medium"),
        (HIGH_AT - 1, 1.0, "medium"),
        (HIGH_AT, 0.0, "high"),
        (0, MIN_COVERAGE, "low"),
        (0, MIN_COVERAGE - 0.01, "unknown"),
    ],
)
def test_band_thresholds(score: int, coverage: float, band: str) -> None:
    assert band_for(score, coverage) == band


def _rule(rule_id: str, severity: str, areas: tuple[str, ...], topics: tuple[str, ...] = ("workforce",)):  # type: ignore[no-untyped-def]
    rule = make_rule(rule_id, cond.Missing("workforce.vacancy_rate_pct"))
    return rule.__class__(**{**rule.__dict__, "severity": severity, "areas": areas,
                             "topics": topics})


FIRED = Evaluation(True, ())
PASSED = Evaluation(False, ())
UNKNOWN = Evaluation(None, ())


def test_one_critical_or_two_majors_make_high_and_findings_sort_by_severity() -> None:
    framework = frameworks()["ilacs-2026"]
    rules = [
        _rule("A-001", "moderate", ("leadership",)),
        _rule("A-002", "critical", ("leadership",)),
        _rule("B-001", "major", ("help_and_protection",)),
        _rule("B-002", "major", ("help_and_protection",)),
        _rule("C-001", "major", ("children_in_care",)),
        _rule("C-002", "minor", ("children_in_care",)),
        _rule("D-001", "minor", ("care_leavers",)),
    ]
    evaluations = {r.id: FIRED for r in rules} | {"C-002": PASSED, "D-001": UNKNOWN}
    areas, overall = assess(framework, rules, evaluations)
    by_key = {a.key: a for a in areas}
    assert by_key["leadership"].band == "high"
    assert [f.rule.id for f in by_key["leadership"].findings] == ["A-002", "A-001"]
    assert by_key["help_and_protection"].band == "high"
    assert by_key["children_in_care"].band == "medium"
    assert by_key["children_in_care"].coverage == 1.0
    assert by_key["care_leavers"].band == "unknown"
    assert by_key["care_leavers"].grade is None
    assert by_key["leadership"].grade is not None
    assert by_key["leadership"].grade.key == "inadequate"
    assert by_key["children_in_care"].grade.key == "requires_improvement"  # type: ignore[union-attr]
    assert overall[0].band == "high"


def test_grade_meaning_follows_the_framework() -> None:
    rule = _rule("A-001", "major", ("care_leavers",), ("leaving_care",))
    slac = frameworks()["slac-2009"]
    areas, _overall = assess(slac, [rule], {"A-001": FIRED})
    economic = next(a for a in areas if a.key == "lac_economic_wellbeing")
    assert economic.band == "medium"
    assert economic.grade is not None and economic.grade.key == "adequate"
    assert "adequate" in economic.meaning


def test_topics_narrow_a_framework_judgement() -> None:
    slac = frameworks()["slac-2009"]
    health = _rule("H-001", "major", ("children_in_care",), ("health",))
    placements = _rule("P-001", "critical", ("children_in_care",), ("placements",))
    areas, _overall = assess(slac, [health, placements], {"H-001": FIRED, "P-001": FIRED})
    by_key = {a.key: a for a in areas}
    assert [f.rule.id for f in by_key["lac_being_healthy"].findings] == ["H-001"]
    assert by_key["lac_being_healthy"].band == "medium"
    assert by_key["lac_staying_safe"].band == "high"


def _area(key: str, band: str) -> AreaResult:
    return AreaResult(key=key, title=key, limiting=False, band=band,  # type: ignore[arg-type]
                      grade=None, meaning="", score=0, rules_total=1, rules_evaluable=1,
                      findings=(), gaps=())


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        ({"leadership": "high", "help_and_protection": "low", "children_in_care": "low",
          "care_leavers": "low"}, "high"),
        ({"leadership": "low", "help_and_protection": "low", "children_in_care": "high",
          "care_leavers": "low"}, "medium"),
        ({"leadership": "low", "help_and_protection": "medium", "children_in_care": "medium",
          "care_leavers": "low"}, "medium"),
        ({"leadership": "low", "help_and_protection": "low", "children_in_care": "medium",
          "care_leavers": "low"}, "low"),
        ({"leadership": "unknown", "help_and_protection": "unknown",
          "children_in_care": "unknown", "care_leavers": "unknown"}, "unknown"),
        ({"leadership": "unknown", "help_and_protection": "unknown",
          "children_in_care": "high", "care_leavers": "unknown"}, "medium"),
    ],
)
def test_overall_honours_limiting_judgements(bands: dict[str, str], expected: str) -> None:
    framework = frameworks()["ilacs-2023"]
    areas = {key: _area(key, band) for key, band in bands.items()}
    result = assess_overall(framework, framework.overall[0], areas)
    assert result.band == expected
    assert result.judgement is True
