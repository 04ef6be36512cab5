"""A plain-Python evaluator of the condition language, with a trace of every comparison.

The engine (:mod:`checker.engine.durable`) decides which rules fire; this evaluator explains
why, leaf by leaf (metric, observed value, operator, threshold, result), and marks the leaves
it could not evaluate because a value is missing. The two must agree on which rules fire: the
check stops with an internal error if they do not.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from checker.engine.comparators import Figures, direction_op, missing_figure, threshold
from checker.engine.conditions import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Constant,
    Member,
    MetricRef,
    Missing,
    NotOf,
    PolicyRef,
    Versus,
)
from checker.inputs.metrics import Metric

#: True, False, or None for "unknown" (a value needed was missing).
Truth = bool | None


@dataclass(slots=True)
class Step:
    """The evaluation of one leaf of a condition."""

    pointer: str
    metric: str
    observed: Any
    op: str
    threshold: Any
    threshold_source: str
    result: Truth
    missing: tuple[str, ...] = ()


@dataclass(slots=True)
class Evaluation:
    result: Truth
    steps: tuple[Step, ...]

    @property
    def fired(self) -> bool:
        return self.result is True

    @property
    def evaluable(self) -> bool:
        return self.result is not None

    @property
    def missing(self) -> tuple[str, ...]:
        """Metrics whose absence left some comparison unknown, in first-use order."""
        seen: dict[str, None] = {}
        for step in self.steps:
            for path in step.missing:
                seen[path] = None
        return tuple(seen)


def _ordered(metric: Metric | None, value: Any) -> Any:
    if metric is not None and metric.ordered and isinstance(value, str):
        return metric.rank(value)
    return value


def _equal(left: Any, right: Any) -> bool:
    """Equality without Python's ``True == 1``: a yes/no fact never equals a number."""
    return isinstance(left, bool) == isinstance(right, bool) and bool(left == right)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le,
}


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in {"eq", "ne"}:
        return _equal(left, right) is (op == "eq")
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    return bool(_ORDER[op](left, right))


class Evaluator:
    """Evaluates conditions against one assessment's values and policy parameters."""

    def __init__(
        self,
        values: Mapping[str, Any],
        policy: Mapping[str, float],
        metrics: Mapping[str, Metric],
        stated_policy: frozenset[str] = frozenset(),
        comparators: Mapping[str, Figures] | None = None,
    ) -> None:
        self._values = values
        self._policy = policy
        self._metrics = metrics
        self._stated = stated_policy
        self._comparators = comparators or {}

    def evaluate(self, condition: Condition) -> Evaluation:
        steps: list[Step] = []
        result = self._eval(condition, steps)
        return Evaluation(result, tuple(steps))

    def _eval(self, condition: Condition, steps: list[Step]) -> Truth:
        # Type checks in order of frequency (comparisons dominate).
        if isinstance(condition, Compare):
            return self._eval_compare(condition.metric, condition.op, condition.operand,
                                      condition.pointer, steps)
        if isinstance(condition, AllOf | AnyOf):
            return self._eval_group(condition, steps)
        if isinstance(condition, NotOf):
            inner = self._eval(condition.item, steps)
            return None if inner is None else not inner
        if isinstance(condition, Missing):
            return self._eval_missing(condition, steps)
        if isinstance(condition, Member):
            return self._eval_member(condition, steps)
        if isinstance(condition, Versus):
            return self._eval_versus(condition, steps)
        raise TypeError(condition)

    def _eval_versus(self, condition: Versus, steps: list[Step]) -> Truth:
        metric = condition.metric
        observed = self._values.get(metric)
        info = self._metrics.get(metric)
        polarity = info.polarity if info else None
        resolved = threshold(condition, polarity, self._comparators.get(metric))
        missing = [metric] if observed is None else []
        if resolved is None:
            missing.append(missing_figure(condition, polarity))
            op = direction_op(condition, polarity)
            steps.append(Step(condition.pointer, metric, observed, op, None, "comparator", None,
                              tuple(missing)))
            return None
        if missing:
            steps.append(Step(condition.pointer, metric, None, resolved.op, resolved.value,
                              resolved.label, None, tuple(missing)))
            return None
        result = _compare(resolved.op, observed, resolved.value)
        steps.append(Step(condition.pointer, metric, observed, resolved.op, resolved.value,
                          resolved.label, result))
        return result

    def _eval_group(self, condition: AllOf | AnyOf, steps: list[Step]) -> Truth:
        """Kleene logic; every item is evaluated, even after the result is known, so the
        trace shows every leaf."""
        decisive = isinstance(condition, AnyOf)  # True decides an any, False an all
        unknown = decided = False
        for item in condition.items:
            result = self._eval(item, steps)
            if result is None:
                unknown = True
            elif result is decisive:
                decided = True
        if decided:
            return decisive
        return None if unknown else not decisive

    def _eval_missing(self, condition: Missing, steps: list[Step]) -> Truth:
        observed = self._values.get(condition.metric)
        absent = observed is None
        result = (not absent) if condition.negated else absent
        steps.append(Step(condition.pointer, condition.metric, observed,
                          "present" if condition.negated else "missing", None, "", result))
        return result

    def _eval_member(self, condition: Member, steps: list[Step]) -> Truth:
        metric, values = condition.metric, condition.values
        observed = self._values.get(metric)
        op = "not_in" if condition.negated else "in"
        if observed is None:
            steps.append(Step(condition.pointer, metric, None, op, list(values), "rule",
                              None, (metric,)))
            return None
        inside = any(_equal(observed, value) for value in values)
        result = (not inside) if condition.negated else inside
        steps.append(Step(condition.pointer, metric, observed, op, list(values), "rule", result))
        return result

    def _eval_compare(
        self, metric: str, op: str, operand: Any, pointer: str, steps: list[Step]
    ) -> Truth:
        observed = self._values.get(metric)
        missing: list[str] = []
        threshold: Any
        if observed is None:
            missing.append(metric)
        match operand:
            case Constant(value):
                threshold, source = value, "rule"
            case MetricRef(path):
                threshold, source = self._values.get(path), path
                if threshold is None:
                    missing.append(path)
            case PolicyRef(name):
                threshold = self._policy.get(name)
                source = f"policy.{name}" + ("" if name in self._stated else " (default)")
                if threshold is None:
                    missing.append(f"policy.{name}")
            case _:
                raise TypeError(operand)
        if missing:
            steps.append(Step(pointer, metric, observed, op, threshold, source, None,
                              tuple(missing)))
            return None
        info = self._metrics.get(metric)
        left = _ordered(info, observed)
        right = _ordered(info, threshold)
        result = _compare(op, left, right)
        steps.append(Step(pointer, metric, observed, op, threshold, source, result))
        return result
