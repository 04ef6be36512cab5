"""What would stop a rule firing: the smallest set of changes to the figures, each with its
distance to the threshold in the metric's unit.

A rule's condition is a tree; the evaluator's trace gives every leaf's comparison. To make a
true condition false, an ``all`` needs one of its true parts made false (the cheapest), an
``any`` needs every true part made false, a ``not`` needs its part made true; a comparison
needs its figure moved to the nearest value on the other side of its threshold (never outside
the metric's range). A condition true because a figure is missing is cleared by recording the
figure (the change has no target value). The result is checked by evaluating the rule again
with the changes (:class:`Fixer`); a set that does not clear the rule is not offered.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.vocab import OPERATORS
from checker.engine.conditions import AllOf, AnyOf, Condition, NotOf
from checker.engine.evaluator import Evaluation, Step, Truth
from checker.inputs.metrics import Metric


@dataclass(frozen=True)
class Fix:
    """One change to one figure."""

    metric: str
    observed: Any
    #: The value that clears the comparison; None: record the figure (it is missing).
    target: Any
    #: The comparison the new value must meet, against ``threshold``.
    op: str
    threshold: Any
    threshold_source: str
    #: How far the figure is from the threshold, in the metric's unit (levels for an ordered
    #: category); None for yes/no, categories and missing figures.
    distance: float | None


Fixes = tuple[Fix, ...]


def _truth(node: Condition, steps: Mapping[str, Step]) -> Truth:
    if isinstance(node, AllOf | AnyOf):
        results = [_truth(item, steps) for item in node.items]
        decisive = isinstance(node, AnyOf)
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    if isinstance(node, NotOf):
        inner = _truth(node.item, steps)
        return None if inner is None else not inner
    step = steps.get(node.pointer)
    return None if step is None else step.result


def _decimals(value: Any) -> int:
    if isinstance(value, int) or not isinstance(value, float):
        return 0
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _numeric_target(metric: Metric, observed: Any, op: str, threshold: float) -> Any:
    """The value nearest ``threshold`` that meets ``value op threshold``, at the precision of
    the figures (whole numbers for counts, at most two decimal places), within range."""
    places = 0 if metric.kind == "count" else min(
        2, max(1, _decimals(threshold), _decimals(observed)))
    scale = 10 ** places
    step = 1 / scale
    down = math.floor(threshold * scale) / scale
    up = math.ceil(threshold * scale) / scale
    target: float = {
        "lte": down, "lt": down - step if down >= threshold else down,
        "gte": up, "gt": up + step if up <= threshold else up, "eq": threshold,
        "ne": threshold + step if observed >= threshold else threshold - step,
    }[op]
    target = round(target, places) + 0.0
    low = -math.inf if metric.minimum is None else metric.minimum
    high = math.inf if metric.maximum is None else metric.maximum
    if not low <= target <= high or not _meets(metric, target, op, threshold):
        return None
    return int(target) if metric.kind == "count" or target.is_integer() else target


def _meets(metric: Metric, value: Any, op: str, threshold: Any) -> bool:
    if op in {"in", "not_in"}:
        inside = value in threshold
        return inside is (op == "in")
    if op in {"eq", "ne"}:
        return (value == threshold and isinstance(value, bool) == isinstance(threshold, bool)
                ) is (op == "eq")
    if metric.ordered:
        value, threshold = metric.rank(value), metric.rank(threshold)
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "gt": lambda a, b: a > b, "gte": lambda a, b: a >= b,
        "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}
    return compare[op](value, threshold)


def _category_target(metric: Metric, observed: Any, op: str, threshold: Any) -> Any:
    """The allowed value nearest the observed one (by order, for an ordered category) that
    meets the comparison; None if there is none."""
    candidates = [value for value in metric.values if value != observed
                  and _meets(metric, value, op, threshold)]
    if not candidates:
        return None
    if metric.ordered and observed in metric.values:
        here = metric.rank(observed)
        return min(candidates, key=lambda value: (abs(metric.rank(value) - here),
                                                  -metric.rank(value)))
    return candidates[0]


def leaf_fix(step: Step, want: bool, metrics: Mapping[str, Metric]) -> Fix | None:
    """The change that makes this comparison ``want`` (true or false), or None."""
    op = step.op if want else OPERATORS[step.op].negation
    metric = metrics.get(step.metric)
    if step.op in {"missing", "present"}:
        # Only a missing figure can be cleared, by recording it.
        return Fix(step.metric, None, None, "present", None, "", None) if (
            op == "present") else None
    if metric is None or step.observed is None:
        return None
    threshold = step.threshold
    if metric.kind == "boolean":
        target: Any = threshold if op == "eq" else not threshold
        if op not in {"eq", "ne"} or not isinstance(threshold, bool):
            return None
    elif metric.numeric and isinstance(threshold, int | float):
        target = _numeric_target(metric, step.observed, op, threshold)
    elif metric.values:
        target = _category_target(metric, step.observed, op, threshold)
    else:
        return None
    if target is None:
        return None
    return Fix(step.metric, step.observed, target, op, threshold, step.threshold_source,
               _distance(metric, step.observed, threshold))


def _distance(metric: Metric, observed: Any, threshold: Any) -> float | None:
    if isinstance(observed, bool) or isinstance(threshold, bool | list):
        return None
    if metric.numeric and isinstance(observed, int | float) and isinstance(
            threshold, int | float):
        return abs(observed - threshold)
    if metric.ordered and observed in metric.values and threshold in metric.values:
        return float(abs(metric.rank(observed) - metric.rank(threshold)))
    return None


def _cheapest(options: Sequence[Fixes | None]) -> Fixes | None:
    found = [option for option in options if option is not None]
    return min(found, key=len) if found else None


def _all_of(options: Sequence[Fixes | None]) -> Fixes | None:
    if any(option is None for option in options):
        return None
    return tuple(fix for option in options if option is not None for fix in option)


def change(node: Condition, want: bool, steps: Mapping[str, Step],
           metrics: Mapping[str, Metric]) -> Fixes | None:
    """The fewest changes that make ``node`` evaluate to ``want`` (it is now ``not want``);
    None when no change of the figures can."""
    if isinstance(node, NotOf):
        return change(node.item, not want, steps, metrics)
    if isinstance(node, AllOf | AnyOf):
        # An all that must become false, or an any that must become true, needs one part;
        # the other way round it needs every part that is not yet as wanted.
        one = isinstance(node, AllOf) != want
        parts = [item for item in node.items if _truth(item, steps) is (not want)]
        if one:
            return _cheapest([change(item, want, steps, metrics) for item in parts])
        # A part that is unknown stays unknown: the rule then cannot fire (it needs true).
        return _all_of([change(item, want, steps, metrics) for item in parts])
    step = steps.get(node.pointer)
    if step is None or step.result is not (not want):
        return None
    fix = leaf_fix(step, want, metrics)
    return None if fix is None else (fix,)


def merged(fixes: Fixes, metrics: Mapping[str, Metric]) -> Fixes | None:
    """One change per figure: where two changes move the same figure, the target that meets
    both comparisons (None if no single value does)."""
    by_metric: dict[str, list[Fix]] = {}
    for fix in fixes:
        by_metric.setdefault(fix.metric, []).append(fix)
    result = []
    for path, group in by_metric.items():
        if len(group) == 1 or any(fix.target is None for fix in group):
            result.append(group[0])
            continue
        metric = metrics[path]
        fitting = [fix for fix in group
                   if all(_meets(metric, fix.target, other.op, other.threshold)
                          for other in group)]
        if not fitting:
            return None
        result.append(min(fitting, key=lambda fix: -(fix.distance or 0.0)))
    return tuple(result)


def clearing(when: Condition, evaluation: Evaluation, metrics: Mapping[str, Metric]
             ) -> Fixes | None:
    """The fewest changes that stop a fired rule firing (before checking them)."""
    steps = {step.pointer: step for step in evaluation.steps}
    found = change(when, False, steps, metrics)
    return None if found is None else merged(found, metrics)


def values_after(values: Mapping[str, Any], fixes: Fixes) -> dict[str, Any] | None:
    """The figures with ``fixes`` applied; None when a fix only asks for a missing figure
    (its value cannot be guessed)."""
    if any(fix.target is None for fix in fixes):
        return None
    return {**values, **{fix.metric: fix.target for fix in fixes}}
