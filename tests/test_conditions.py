"""The condition language: Kleene logic, negation normal form, descriptions."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.vocab import OPERATORS
from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluator
from checker.inputs.metrics import catalogue
from tests.strategies import conditions, metric_values, policies

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
