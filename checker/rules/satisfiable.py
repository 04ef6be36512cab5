"""Can a rule's condition fire, and does it fire whatever the values? Worked out by trying,
for every variable, the constants it is compared with, a step either side and the ends of its
range (truth only changes where a value crosses a constant), plus "missing".
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any

from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluator
from checker.inputs.metrics import Metric

MAX_COMBINATIONS = 4096


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _points(condition: cond.Condition, policies: Mapping[str, Metric]) -> dict[str, set[Any]]:
    """For each variable (metric path or ``policy.name``), the constants it is compared with."""
    points: dict[str, set[Any]] = {}
    links: list[tuple[str, str]] = []
    for leaf in cond.leaves(condition):
        bucket = points.setdefault(leaf.metric, set())
        if isinstance(leaf, cond.Member):
            bucket.update(leaf.values)
        elif isinstance(leaf, cond.Compare):
            match leaf.operand:
                case cond.Constant(value):
                    bucket.add(value)
                case cond.MetricRef(path):
                    points.setdefault(path, set())
                    links.append((leaf.metric, path))
                case cond.PolicyRef(name):
                    policy = policies.get(name)
                    variable = f"policy.{name}"
                    points.setdefault(variable, set())
                    if policy is not None:
                        points[variable].update(
                            v for v in (policy.minimum, policy.default, policy.maximum)
                            if v is not None
                        )
                    links.append((leaf.metric, variable))
    for left, right in links:  # compared variables must meet at each other's points
        merged = points[left] | points[right]
        points[left] = points[right] = merged
    return points


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


def explore(
    condition: cond.Condition, metrics: Mapping[str, Metric], policies: Mapping[str, Metric]
) -> tuple[bool, bool] | None:
    """(can fire, fires whenever every value is known), or None when not worked out exactly.

    Truth only changes where a value crosses a constant it is compared with, so trying each
    such constant, a step either side and the ends of the range covers every case.
    """
    points = _points(condition, policies)
    variables = sorted(points)
    options: list[list[Any]] = []  # candidate values per variable
    for variable in variables:
        if variable.startswith("policy."):
            policy = policies.get(variable.removeprefix("policy."))
            options.append(_candidates(policy, points[variable]))
        else:
            options.append(_candidates(metrics.get(variable), points[variable]))
    # Metrics may be missing; policy parameters never are (they fall back to defaults).
    options = [
        choices if variable.startswith("policy.") else [*choices, None]
        for variable, choices in zip(variables, options, strict=True)
    ]
    total = 1
    for choices in options:
        total *= len(choices)
    if total > MAX_COMBINATIONS:
        rng = random.Random(0)  # noqa: S311 - sampling, not security
        can_fire = False
        for _ in range(MAX_COMBINATIONS):
            picked = [rng.choice(choices) for choices in options]
            if _run(condition, variables, picked, metrics) is True:
                can_fire = True
                break
        return (True, False) if can_fire else None
    can_fire = False
    always = True
    for combination in itertools.product(*options):
        picked = list(combination)
        result = _run(condition, variables, picked, metrics)
        if result is True:
            can_fire = True
        if None not in picked and result is not True:
            always = False
    return can_fire, always


def _run(condition: cond.Condition, variables: list[str], picked: list[Any],
         metrics: Mapping[str, Metric]) -> bool | None:
    values = {}
    policy = {}
    for variable, value in zip(variables, picked, strict=True):
        if variable.startswith("policy."):
            if value is not None:
                policy[variable.removeprefix("policy.")] = value
        elif value is not None:
            values[variable] = value
    return Evaluator(values, policy, metrics).evaluate(condition).result
