"""Can a rule's condition fire, and does it fire whatever the values? Worked out by trying,
for every variable, the constants it is compared with, a step either side and the ends of its
range (truth only changes where a value crosses a constant), plus "missing".
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping
from typing import Any

from checker.engine import conditions as cond
from checker.engine.comparators import COMPARATOR_PREFIX, missing_figure
from checker.engine.evaluator import Evaluator
from checker.inputs.assessment import GivenComparator
from checker.inputs.metrics import Metric

MAX_COMBINATIONS = 4096


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _policy_points(name: str, policies: Mapping[str, Metric]) -> set[Any]:
    policy = policies.get(name)
    if policy is None:
        return set()
    return {v for v in (policy.minimum, policy.default, policy.maximum) if v is not None}


def _points(condition: cond.Condition, metrics: Mapping[str, Metric],
            policies: Mapping[str, Metric]) -> dict[str, set[Any]]:
    """For each variable (a metric path, ``policy.name`` or a comparator figure
    ``comparators.<metric>.<figure>``), the constants it is compared with."""
    points: dict[str, set[Any]] = {}
    links: list[tuple[str, str]] = []
    for leaf in cond.leaves(condition):
        bucket = points.setdefault(leaf.metric, set())
        if isinstance(leaf, cond.Member):
            bucket.update(leaf.values)
        elif isinstance(leaf, cond.Versus):
            info = metrics.get(leaf.metric)
            variable = missing_figure(leaf, info.polarity if info else None)
            points.setdefault(variable, set())
            links.append((leaf.metric, variable))
        elif isinstance(leaf, cond.Compare):
            match leaf.operand:
                case cond.Constant(value):
                    bucket.add(value)
                case cond.MetricRef(path):
                    points.setdefault(path, set())
                    links.append((leaf.metric, path))
                case cond.PolicyRef(name):
                    points.setdefault(f"policy.{name}", set()).update(
                        _policy_points(name, policies))
                    links.append((leaf.metric, f"policy.{name}"))
    for left, right in links:  # compared variables must meet at each other's points
        merged = points[left] | points[right]
        points[left] = points[right] = merged
    return points


def _info(variable: str, metrics: Mapping[str, Metric], policies: Mapping[str, Metric]
          ) -> Metric | None:
    """The metric (or policy parameter) whose range a variable's candidates come from."""
    if variable.startswith("policy."):
        return policies.get(variable.removeprefix("policy."))
    if variable.startswith(COMPARATOR_PREFIX):
        return metrics.get(variable.removeprefix(COMPARATOR_PREFIX).rsplit(".", 1)[0])
    return metrics.get(variable)


def _candidates(metric: Metric | None, points: set[Any]) -> list[Any]:
    if metric is None:
        return sorted(points, key=repr)
    if metric.kind == "boolean":
        return [True, False]
    if metric.kind in {"enum", "ordinal"}:
        return [*metric.values]
    low = metric.minimum if metric.minimum is not None else -1e9
    high = metric.maximum if metric.maximum is not None else 1e9
    step = 1 if metric.kind == "count" else 0.5
    values = {low, high}
    for point in points:
        if is_number(point):
            values.update({point - step, point, point + step})
    return sorted(v for v in values if low <= v <= high)


def _options(variables: list[str], points: dict[str, set[Any]],
             metrics: Mapping[str, Metric], policies: Mapping[str, Metric]) -> list[list[Any]]:
    """Candidate values per variable; metrics and comparators may also be missing, policy
    parameters never are (they fall back to defaults)."""
    options = []
    for variable in variables:
        choices = _candidates(_info(variable, metrics, policies), points[variable])
        options.append(choices if variable.startswith("policy.") else [*choices, None])
    return options


def explore(
    condition: cond.Condition, metrics: Mapping[str, Metric], policies: Mapping[str, Metric]
) -> tuple[bool, bool] | None:
    """(can fire, fires whenever every value is known), or None when not worked out exactly.

    Truth only changes where a value crosses a constant it is compared with, so trying each
    such constant, a step either side and the ends of the range covers every case.
    """
    points = _points(condition, metrics, policies)
    variables = sorted(points)
    options = _options(variables, points, metrics, policies)
    if math.prod(len(choices) for choices in options) > MAX_COMBINATIONS:
        rng = random.Random(0)  # noqa: S311 - sampling, not security
        for _ in range(MAX_COMBINATIONS):
            picked = [rng.choice(choices) for choices in options]
            if _run(condition, variables, picked, metrics) is True:
                return True, False
        return None
    can_fire = False
    always = True
    for combination in itertools.product(*options):
        picked = list(combination)
        result = _run(condition, variables, picked, metrics)
        can_fire = can_fire or result is True
        if None not in picked and result is not True:
            always = False
    return can_fire, always


def _run(condition: cond.Condition, variables: list[str], picked: list[Any],
         metrics: Mapping[str, Metric]) -> bool | None:
    values: dict[str, Any] = {}
    policy: dict[str, Any] = {}
    figures: dict[str, dict[str, Any]] = {}
    for variable, value in zip(variables, picked, strict=True):
        if value is None:
            continue
        if variable.startswith("policy."):
            policy[variable.removeprefix("policy.")] = value
        elif variable.startswith(COMPARATOR_PREFIX):
            metric, name = variable.removeprefix(COMPARATOR_PREFIX).rsplit(".", 1)
            figures.setdefault(metric, {})[name] = value
        else:
            values[variable] = value
    comparators = {metric: GivenComparator(**given) for metric, given in figures.items()}
    return Evaluator(values, policy, metrics, comparators=comparators).evaluate(condition).result
