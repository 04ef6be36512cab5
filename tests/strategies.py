"""Hypothesis strategies: random conditions in the rule language and random metric values."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from checker.engine import conditions as cond
from checker.inputs.assessment import GivenComparator, canonical
from checker.inputs.metrics import catalogue

PERCENTS = [
    "workforce.vacancy_rate_pct",
    "workforce.agency_rate_pct",
    "children_in_care.reviews_on_time_pct",
    "care_leavers.eet_pct",
]
COUNTS = ["workforce.caseload_maximum", "assessment.closed_without_child_seen_count"]
NUMBERS = ["workforce.caseload_average"]
BOOLEANS = ["safer_recruitment.single_complete_vetting_record",
            "leadership.restructure_in_progress"]
ENUMS = ["workforce.caseload_counting_unit"]
ORDINALS = ["safer_recruitment.positive_disclosure_signoff_level",
            "children_in_care.fostering_service_grade"]
ALL_METRICS = PERCENTS + COUNTS + NUMBERS + BOOLEANS + ENUMS + ORDINALS
OPS: list[cond.CompareOp] = ["gt", "gte", "lt", "lte", "eq", "ne"]

# Values pass through the same canonical rounding as a loaded self-assessment.
percent_values = st.sampled_from([0, 10, 22, 49.5, 50, 50.5, 90, 100]) | st.floats(
    0, 100).map(canonical)
count_values = st.integers(0, 60)
number_values = st.sampled_from([0.0, 16.0, 18.0, 18.5, 30.0]) | st.floats(0, 60).map(canonical)


def _values(path: str) -> st.SearchStrategy[Any]:
    if path in PERCENTS:
        return percent_values
    if path in COUNTS:
        return count_values
    if path in NUMBERS:
        return number_values
    if path in BOOLEANS:
        return st.booleans()
    return st.sampled_from(catalogue()[path].values)


#: Metrics with a direction, for comparisons with comparators.
DIRECTED = ["workforce.vacancy_rate_pct", "care_leavers.eet_pct", "workforce.caseload_average"]


@st.composite
def versus_leaves(draw: st.DrawFn) -> cond.Versus:
    path = draw(st.sampled_from(DIRECTED))
    comparator = draw(st.sampled_from(cond.COMPARATOR_KINDS))
    relation: cond.Relation = draw(st.sampled_from(["worse", "better"]))
    by = by_pct = 0.0
    if comparator != "quartile":
        margin = draw(st.sampled_from(["none", "by", "by_pct"]))
        by = draw(st.sampled_from([0.5, 2.0, 5.0])) if margin == "by" else 0.0
        by_pct = draw(st.sampled_from([10.0, 25.0])) if margin == "by_pct" else 0.0
    return cond.Versus(path, relation, comparator, by, by_pct, negated=draw(st.booleans()))


#: Comparators of one metric, as a self-assessment gives them.
Figures = GivenComparator


@st.composite
def comparator_figures(draw: st.DrawFn) -> dict[str, Figures]:
    """Comparators for a random subset of the directed metrics, some figures unknown."""
    chosen = draw(st.lists(st.sampled_from(DIRECTED), unique=True))
    figure = st.none() | st.sampled_from([0.0, 10.0, 16.5, 22.0, 50.0]) | st.floats(
        0, 60).map(canonical)
    return {path: Figures(national=draw(figure), region=draw(figure),
                          statistical_neighbours=draw(figure), lower_quartile=draw(figure),
                          upper_quartile=draw(figure), year="2024") for path in chosen}


@st.composite
def compare_leaves(draw: st.DrawFn, path: str, ref: bool) -> cond.Condition:
    numeric = path in PERCENTS + COUNTS + NUMBERS or path in ORDINALS
    op: cond.CompareOp = draw(st.sampled_from(OPS if numeric else ["eq", "ne"]))
    if ref and path in PERCENTS:
        if draw(st.booleans()):
            return cond.Compare(path, op, cond.PolicyRef("timeliness_target_pct"))
        other = draw(st.sampled_from([p for p in PERCENTS if p != path]))
        return cond.Compare(path, op, cond.MetricRef(other))
    if ref and path in NUMBERS:
        return cond.Compare(path, op, cond.PolicyRef("caseload_ceiling"))
    constant = draw(_values(path))
    if isinstance(constant, float):  # rule thresholds have at most four places (lint RL007)
        constant = round(constant, 4)
    return cond.Compare(path, op, cond.Constant(constant))


@st.composite
def leaves(draw: st.DrawFn) -> cond.Condition:
    path = draw(st.sampled_from(ALL_METRICS))
    kind = draw(st.sampled_from(["constant", "constant", "member", "missing", "ref", "versus"]))
    if kind == "versus":
        return draw(versus_leaves())
    if kind == "missing":
        return cond.Missing(path, negated=draw(st.booleans()))
    if kind == "member":
        values = tuple(draw(st.lists(_values(path).map(
            lambda v: round(v, 4) if isinstance(v, float) else v),
            min_size=1, max_size=3, unique=True)))
        return cond.Member(path, values, negated=draw(st.booleans()))
    return draw(compare_leaves(path, kind == "ref"))


conditions: st.SearchStrategy[cond.Condition] = st.recursive(
    leaves(),
    lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda xs: cond.AllOf(tuple(xs)))
    | st.lists(inner, min_size=1, max_size=3).map(lambda xs: cond.AnyOf(tuple(xs)))
    | inner.map(cond.NotOf),
    max_leaves=6,
)


@st.composite
def metric_values(draw: st.DrawFn) -> dict[str, Any]:
    """Values for a random subset of the metrics the conditions use (the rest missing)."""
    chosen = draw(st.lists(st.sampled_from(ALL_METRICS), unique=True, max_size=len(ALL_METRICS)))
    return {path: draw(_values(path)) for path in chosen}


policies = st.fixed_dictionaries({
    "timeliness_target_pct": st.sampled_from([80.0, 90.0, 100.0]),
    "caseload_ceiling": st.sampled_from([15.0, 18.0, 25.0]),
    "cp_visit_interval_working_days": st.just(10.0),
    "supervision_interval_days_experienced": st.just(28.0),
    "supervision_interval_days_nqsw": st.just(14.0),
})
