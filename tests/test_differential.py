"""Differential check: the durable-rules engine and the plain-Python evaluator agree."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import conditions as cond
from checker.engine.durable import Engine
from checker.engine.evaluator import Evaluator
from checker.inputs.metrics import catalogue
from tests.engine_hazards import make_rule
from tests.strategies import Figures, comparator_figures, conditions, metric_values, policies

catalogues = st.lists(conditions, min_size=1, max_size=25)
assessments = st.lists(st.tuples(metric_values(), policies, comparator_figures()), min_size=1,
                       max_size=20)
Case = tuple[dict[str, Any], dict[str, float], dict[str, Figures]]


def _agree(rules_conditions: list[cond.Condition], cases: list[Case]) -> int:
    rules = [make_rule(f"R-{i:03d}", c) for i, c in enumerate(rules_conditions)]
    engine = Engine(rules, catalogue())
    for values, policy, figures in cases:
        evaluator = Evaluator(values, policy, catalogue(), comparators=figures)
        expected = {r.id for r in rules if evaluator.evaluate(r.when).fired}
        assert engine.fired(values, policy, figures) == expected, (values, policy, figures)
    return len(cases) * len(rules)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules_conditions=catalogues, cases=assessments)
def test_engine_agrees_with_evaluator(rules_conditions: list[cond.Condition],
                                      cases: list[Case]) -> None:
    _agree(rules_conditions, cases)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules_conditions=catalogues, cases=assessments)
def test_engine_agrees_with_evaluator_at_scale(rules_conditions: list[cond.Condition],
                                              cases: list[Case]) -> None:
    _agree(rules_conditions, cases)
