"""The risk model, on hand-made parameters so every expectation is worked out here by hand
(nothing is derived from the constants under test)."""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluation
from checker.rules.frameworks import frameworks
from checker.rules.model import Effect, Severity
from checker.scoring.params import CalibrationRow, Cutoffs, ModelParams
from checker.scoring.risk import assess, assess_overall
from tests.engine_hazards import make_rule

FIRED = Evaluation(True, ())
PASSED = Evaluation(False, ())
UNKNOWN = Evaluation(None, ())
LOCAL_ONLY = cond.Missing("workforce.nqsw_holding_complex_cases")  # not a published metric
PUBLISHED_ONLY = cond.Missing("workforce.vacancy_rate_pct")  # a published metric


def _rule(rule_id: str, severity: Severity, areas: tuple[str, ...], *,
          effect: Effect = "weakness", when: cond.Condition = LOCAL_ONLY) -> Any:
    return dataclasses.replace(make_rule(rule_id, when), severity=severity, areas=areas,
                               topics=("workforce",), effect=effect)


ROWS = (CalibrationRow(0, 0, 40, 1, 9, 30), CalibrationRow(1, 3, 100, 8, 32, 60),
        CalibrationRow(4, None, 20, 6, 10, 4))
PARAMS = ModelParams(
    published_checks=("PF-001", "PF-002", "PF-003"),
    min_published_evaluable=2,
    published={a: Cutoffs(1, 3, ROWS) for a in
               ("leadership", "help_and_protection", "children_in_care", "care_leavers")},
    local={a: Cutoffs(20, 50) for a in  # percent of the checked weight
           ("leadership", "help_and_protection", "children_in_care", "care_leavers")},
    rules={}, published_source="test", local_source="test",
    local_min_checked=0.25, local_decisive=0.5,
)
CHECKS = [_rule(f"PF-00{i}", "minor", ("leadership",), when=PUBLISHED_ONLY) for i in (1, 2, 3)]


def _areas(rules: list[Any], evaluations: dict[str, Evaluation]) -> dict[str, Any]:
    areas, _overall, _published = assess(frameworks()["ilacs-2026"], rules, evaluations, PARAMS)
    return {area.key: area for area in areas}


def test_local_findings_score_their_severity_points_in_their_first_area_only() -> None:
    rules = [_rule("A-001", "moderate", ("leadership", "help_and_protection")),  # 2 points
             _rule("A-002", "major", ("leadership",)),  # 3 points
             _rule("B-001", "minor", ("help_and_protection",)),  # 1 point
             _rule("B-002", "major", ("help_and_protection",))]  # 3 points
    areas = _areas(rules, {"A-001": FIRED, "A-002": FIRED, "B-001": FIRED, "B-002": PASSED})
    leadership, help_ = areas["leadership"], areas["help_and_protection"]
    assert (leadership.weight.total, leadership.weight.found) == (5, 5)
    assert leadership.score == 100 and leadership.band == "high"  # 5 of 5 checked
    assert (help_.weight.total, help_.weight.checked, help_.weight.found) == (4, 4, 1)
    assert help_.score == 25 and help_.band == "medium"  # 1 of 4: 20 <= 25 < 50
    assert [f.rule.id for f in leadership.findings] == ["A-002", "A-001"]


def test_strengths_offset_weaknesses_in_the_same_area() -> None:
    rules = [_rule("A-001", "major", ("leadership",)),
             _rule("A-002", "moderate", ("leadership",), effect="strength"),
             _rule("A-003", "major", ("leadership",))]
    area = _areas(rules, {"A-001": FIRED, "A-002": FIRED, "A-003": PASSED})["leadership"]
    assert area.weight.net == 3 - 2 and area.weight.checked == 6
    assert area.score == 17 and area.band == "low"  # 1 of 6 = 17% < 20
    assert [f.rule.id for f in area.strengths] == ["A-002"]


def test_the_local_share_counts_at_least_a_quarter_of_the_weight_as_checked() -> None:
    rules = [_rule("A-001", "major", ("leadership",)),
             *(_rule(f"A-00{i}", "critical", ("leadership",)) for i in (2, 3, 4, 5))]
    evaluations = {"A-001": FIRED, **{f"A-00{i}": UNKNOWN for i in (2, 3, 4, 5)}}
    area = _areas(rules, evaluations)["leadership"]
    assert (area.weight.total, area.weight.checked) == (19, 3)
    assert area.score == 63  # 3 / max(3, 19 / 4 = 4.75), not 3 / 3
    assert not area.local_decides and area.band == "high"


def test_published_checklist_places_every_area_and_is_not_scored_locally() -> None:
    evaluations = {"PF-001": FIRED, "PF-002": FIRED, "PF-003": FIRED}
    areas = _areas(CHECKS, evaluations)
    for area in areas.values():
        assert area.band == "high"  # 3 failed checks >= 3
        assert area.score == 0 and area.findings == ()
        assert area.evidence[0].kind == "published"
        assert area.evidence[0].calibration == ROWS[1]  # the 1-3 row


def test_too_few_evaluable_checks_and_too_little_local_evidence_is_unknown() -> None:
    evaluations = {"PF-001": FIRED, "PF-002": UNKNOWN, "PF-003": UNKNOWN}
    areas = _areas([*CHECKS, _rule("A-001", "major", ("leadership",))],
                   {**evaluations, "A-001": UNKNOWN})
    assert {area.band for area in areas.values()} == {"unknown"}


def test_the_band_is_the_higher_of_published_and_local_with_little_checked() -> None:
    rules = [*CHECKS, _rule("A-001", "critical", ("leadership",)),
             _rule("A-002", "critical", ("leadership",)),
             *(_rule(f"A-10{i}", "critical", ("leadership",)) for i in range(5))]
    evaluations = {"PF-001": PASSED, "PF-002": FIRED, "PF-003": FIRED, "A-001": FIRED,
                   "A-002": PASSED, **{f"A-10{i}": UNKNOWN for i in range(5)}}
    area = _areas(rules, evaluations)["leadership"]
    assert area.score == 50 and not area.local_decides  # 4 of 8 checked, of 28 in all
    assert [(e.kind, e.band) for e in area.evidence] == [("local", "high"), ("published",
                                                                              "medium")]
    assert area.band == "high"


def test_with_half_the_weight_checked_the_local_evidence_decides() -> None:
    rules = [*CHECKS, _rule("A-001", "minor", ("leadership",)),
             _rule("A-002", "minor", ("leadership",))]
    evaluations = {"PF-001": FIRED, "PF-002": FIRED, "PF-003": FIRED, "A-001": PASSED,
                   "A-002": PASSED}
    area = _areas(rules, evaluations)["leadership"]
    assert area.local_decides and area.score == 0
    assert [(e.kind, e.band) for e in area.evidence] == [("local", "low"), ("published",
                                                                             "high")]
    assert area.band == "low"


def test_a_comparison_on_published_figures_outside_the_checklist_is_context_only() -> None:
    context = _rule("C-001", "critical", ("leadership",), when=PUBLISHED_ONLY)
    area = _areas([context], {"C-001": FIRED})["leadership"]
    assert [f.rule.id for f in area.context] == ["C-001"]
    assert area.score == 0 and area.findings == ()


def test_a_rule_marked_context_is_shown_and_never_scored() -> None:
    rules = [_rule("P-001", "critical", ("help_and_protection",), effect="context"),
             _rule("H-001", "minor", ("help_and_protection",))]
    area = _areas(rules, {"P-001": FIRED, "H-001": PASSED})["help_and_protection"]
    assert [f.rule.id for f in area.context] == ["P-001"]
    assert area.findings == () and area.strengths == ()
    assert (area.weight.total, area.weight.checked, area.weight.found) == (1, 1, 0)
    assert area.score == 0 and area.band == "low"  # 0 of 1 checked: the context adds nothing
    assert area.rules_total == 1 and "P-001" not in area.passed


def test_a_context_rule_that_does_not_fire_is_neither_passed_nor_a_gap() -> None:
    rules = [_rule("P-001", "major", ("help_and_protection",), effect="context"),
             _rule("H-001", "minor", ("help_and_protection",))]
    area = _areas(rules, {"P-001": PASSED, "H-001": FIRED})["help_and_protection"]
    assert area.context == () and area.passed == ()
    assert (area.weight.total, area.weight.found) == (1, 1) and area.score == 100


def test_overall_is_unknown_when_a_limiting_judgement_is_unknown() -> None:
    framework = frameworks()["ilacs-2026"]
    rules = [_rule("C-001", "critical", ("care_leavers",)),
             _rule("C-002", "critical", ("care_leavers",))]
    areas, overall, _published = assess(framework, rules, {"C-001": FIRED, "C-002": FIRED},
                                        PARAMS)
    by_key = {area.key: area for area in areas}
    assert by_key["care_leavers"].band == "high"
    assert by_key["leadership"].band == "unknown"
    assert overall[0].band == "unknown"
    assert "limiting judgement could not be predicted" in overall[0].explanation
    assert assess_overall(framework, framework.overall[0], by_key).band == "unknown"


def test_overall_follows_limiting_judgements_and_one_below_the_others() -> None:
    framework = frameworks()["ilacs-2026"]
    rules = [_rule("L-001", "minor", ("leadership",)),
             _rule("H-001", "minor", ("help_and_protection",)),
             _rule("C-001", "critical", ("children_in_care",)),
             _rule("C-002", "critical", ("children_in_care",))]
    evaluations = {"L-001": PASSED, "H-001": PASSED, "C-001": FIRED, "C-002": FIRED}
    _areas_found, overall, _published = assess(framework, rules, evaluations, PARAMS)
    assert overall[0].band == "medium"  # limiting areas low, children in care high: one below
    assert "pulls the overall view" in overall[0].explanation
