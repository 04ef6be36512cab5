"""The condition language: Kleene logic, negation normal form, descriptions."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.vocab import OPERATORS
from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluator
from checker.inputs.metrics import catalogue
from tests.strategies import Figures, conditions, metric_values, policies

V = "workforce.vacancy_rate_pct"
A = "workforce.agency_rate_pct"


def _eval(condition: cond.Condition, values: dict[str, Any],
          policy: dict[str, float] | None = None) -> bool | None:
    return Evaluator(values, policy or {"timeliness_target_pct": 90.0}, catalogue()).evaluate(
        condition).result


def test_kleene_all_any_not() -> None:
    high = cond.Compare(V, "gt", cond.Constant(10))
    other = cond.Compare(A, "gt", cond.Constant(10))
    assert _eval(cond.AllOf((high, other)), {V: 20}) is None
    assert _eval(cond.AllOf((high, other)), {V: 5}) is False
    assert _eval(cond.AnyOf((high, other)), {V: 20}) is True
    assert _eval(cond.AnyOf((high, other)), {V: 5}) is None
    assert _eval(cond.NotOf(high), {}) is None
    assert _eval(cond.NotOf(high), {V: 5}) is True


def test_missing_and_present_are_always_known() -> None:
    assert _eval(cond.Missing(V), {}) is True
    assert _eval(cond.Missing(V, negated=True), {}) is False
    assert _eval(cond.NotOf(cond.Missing(V)), {V: 1}) is True


def test_ordered_categories_compare_by_rank() -> None:
    level = "safer_recruitment.positive_disclosure_signoff_level"
    below = cond.Compare(level, "lt", cond.Constant("head_of_service"))
    assert _eval(below, {level: "middle_manager"}) is True
    assert _eval(below, {level: "director"}) is False
    assert _eval(below, {level: "head_of_service"}) is False


def test_yes_no_never_equals_a_number() -> None:
    flag = "leadership.restructure_in_progress"
    assert _eval(cond.Member(flag, (1,)), {flag: True}) is False
    assert _eval(cond.Compare(flag, "eq", cond.Constant(True)), {flag: True}) is True


def test_policy_thresholds_and_metric_references() -> None:
    low = cond.Compare(V, "lt", cond.PolicyRef("timeliness_target_pct"))
    assert _eval(low, {V: 85}, {"timeliness_target_pct": 90}) is True
    assert _eval(low, {V: 85}, {"timeliness_target_pct": 80}) is False
    ref = cond.Compare(A, "gt", cond.MetricRef(V))
    assert _eval(ref, {A: 20}) is None
    assert _eval(ref, {A: 20, V: 10}) is True


def test_normal_form_flattens_and_pushes_negation() -> None:
    tree = cond.NotOf(cond.AllOf((cond.Compare(V, "gt", cond.Constant(1)),
                                  cond.AllOf((cond.Missing(A),)))))
    normal = cond.normal_form(tree)
    assert normal == cond.AnyOf((cond.Compare(V, "lte", cond.Constant(1)),
                                 cond.Missing(A, negated=True)))
    assert cond.depth(normal) == 2


def test_describe_reads_as_words() -> None:
    text = cond.describe(cond.AllOf((
        cond.Compare(V, "gt", cond.Constant(20)),
        cond.Compare(A, "lt", cond.PolicyRef("timeliness_target_pct")),
        cond.Member("workforce.caseload_counting_unit", ("family",)),
        cond.Missing(A),
    )))
    assert text == ("all of (workforce.vacancy_rate_pct is above 20; workforce.agency_rate_pct is "
                    "below policy.timeliness_target_pct; workforce.caseload_counting_unit is one "
                    "of: family; workforce.agency_rate_pct is not known)")


@settings(max_examples=300, deadline=None)
@given(condition=conditions, values=metric_values(), policy=policies)
def test_normal_form_is_equivalent_under_missing_data(
    condition: cond.Condition, values: dict[str, Any], policy: dict[str, float]
) -> None:
    """Pushing 'not' to the leaves never changes the three-valued result."""
    assert _eval(condition, values, policy) == _eval(cond.normal_form(condition), values, policy)


@settings(max_examples=200, deadline=None)
@given(condition=conditions, values=metric_values())
def test_not_flips_known_results_and_keeps_unknown(condition: cond.Condition,
                                                   values: dict[str, Any]) -> None:
    result = _eval(condition, values)
    negated = _eval(cond.NotOf(condition), values)
    assert negated == (None if result is None else not result)


@given(st.sampled_from(list(OPERATORS)))
def test_negation_table_is_an_involution(op: str) -> None:
    assert OPERATORS[OPERATORS[op].negation].negation == op


EET = "care_leavers.eet_pct"  # higher is better
FIGS = {V: Figures(national=16.0, region=18.0, statistical_neighbours=20.0, lower_quartile=12.0,
                   upper_quartile=22.0, year="2024"),
        EET: Figures(national=60.0, lower_quartile=50.0, upper_quartile=70.0, year="2024")}


def _versus(condition: cond.Condition, values: dict[str, Any],
            figures: dict[str, Figures] | None = None) -> bool | None:
    return Evaluator(values, {}, catalogue(), comparators=FIGS if figures is None else figures
                     ).evaluate(condition).result


def test_worse_than_follows_the_metrics_direction() -> None:
    worse = cond.Versus(V, "worse", "national")  # vacancies: lower is better
    assert _versus(worse, {V: 16.5}) is True
    assert _versus(worse, {V: 16.0}) is False  # equal is not worse
    assert _versus(cond.Versus(EET, "worse", "national"), {EET: 59.9}) is True
    assert _versus(cond.Versus(EET, "worse", "national"), {EET: 61}) is False
    assert _versus(cond.Versus(EET, "better", "national"), {EET: 61}) is True


def test_margins_in_points_and_per_cent() -> None:
    by_five = cond.Versus(V, "worse", "neighbours", by=5)  # worse than 20 + 5
    assert _versus(by_five, {V: 25}) is False
    assert _versus(by_five, {V: 25.1}) is True
    by_pct = cond.Versus(EET, "worse", "national", by_pct=10)  # below 60 - 6
    assert _versus(by_pct, {EET: 54}) is False
    assert _versus(by_pct, {EET: 53.9}) is True


def test_quartiles_take_the_worse_or_better_end() -> None:
    assert _versus(cond.Versus(V, "worse", "quartile"), {V: 22.1}) is True  # above upper
    assert _versus(cond.Versus(V, "better", "quartile"), {V: 11}) is True  # below lower
    assert _versus(cond.Versus(EET, "worse", "quartile"), {EET: 49}) is True  # below lower
    assert _versus(cond.Versus(EET, "worse", "quartile"), {EET: 51}) is False


def test_an_unknown_comparator_or_value_is_unknown_and_negation_keeps_it() -> None:
    worse = cond.Versus(V, "worse", "national")
    assert _versus(worse, {V: 30}, {}) is None
    assert _versus(worse, {}) is None
    assert _versus(cond.NotOf(worse), {V: 30}, {}) is None
    assert _versus(cond.normal_form(cond.NotOf(worse)), {V: 15}) is True
    trace = Evaluator({V: 30}, {}, catalogue(), comparators={}).evaluate(worse).steps
    assert trace[0].missing == ("comparators.workforce.vacancy_rate_pct.national",)


def test_comparisons_in_words() -> None:
    assert cond.describe(cond.Versus(V, "worse", "neighbours", by=5)) == (
        "workforce.vacancy_rate_pct is worse than the statistical neighbours' average by more "
        "than 5")
    assert cond.describe(cond.Versus(EET, "worse", "quartile")) == (
        "care_leavers.eet_pct is in the worst quartile of authorities")
