"""Probes of the durable-rules hazards, each driving the real adapter.

Run one probe per subprocess (``python -m tests.engine_hazards NAME``), so a hang, a
segfault or a SIGFPE fails that test instead of killing the test runner. Each probe prints
``OK <detail>`` on success.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.memory import peak_rss_kb
from checker.core.errors import EngineError, InvalidRules
from checker.engine import conditions as cond
from checker.engine.durable import MAX_RULESET_ATTRIBUTES, MAX_RULESET_CONDITIONS, Engine
from checker.inputs.metrics import catalogue, policies
from checker.inputs.safeload import parse_text
from checker.rules.model import Basis, Evidence, Rule

PROBES: dict[str, Callable[[], str]] = {}


def probe(function: Callable[[], str]) -> Callable[[], str]:
    PROBES[function.__name__] = function
    return function


def make_rule(rule_id: str, when: cond.Condition) -> Rule:
    document = parse_text("{}", kind="yaml", name="probe.yaml", error=InvalidRules)
    return Rule(
        id=rule_id, title=rule_id, areas=("leadership",), topics=("workforce",),
        severity="minor", when=when,
        evidence=(Evidence("cornwall-2009-slac", "1", "quote", None, False, "/evidence/0"),),
        basis=Basis("source", "probe", "probe"), recommendation="probe", tests=(),
        file="probe.yaml", pointer="", origin="probe", document=document,
    )


def defaults() -> dict[str, float]:
    return {name: float(p.default or 0) for name, p in policies().items()}


@probe
def facts_not_events() -> str:
    """Three rules matching one assessment all fire (events would be consumed by the first)."""
    metric = "workforce.vacancy_rate_pct"
    rules = [make_rule(f"R-00{i}", cond.Compare(metric, "gt", cond.Constant(i)))
             for i in range(1, 4)]
    fired = Engine(rules, catalogue()).fired({"workforce.vacancy_rate_pct": 50.0}, defaults())
    assert fired == {"R-001", "R-002", "R-003"}, fired
    return f"OK {sorted(fired)}"


@probe
def no_rule_matches() -> str:
    """An assessment no rule matches neither raises nor segfaults on delete_state (sentinel)."""
    rule = make_rule("R-001", cond.Compare("workforce.vacancy_rate_pct", "gt", cond.Constant(90)))
    engine = Engine([rule], catalogue())
    for _ in range(5000):
        assert engine.fired({}, defaults()) == set()
        assert engine.fired({"workforce.vacancy_rate_pct": 1.0}, defaults()) == set()
    return "OK 10000 sessions with no match"


@probe
def same_assessment_twice() -> str:
    """Identical assessments in a row each get their own session (no MessageObserved)."""
    rule = make_rule("R-001", cond.Compare("workforce.vacancy_rate_pct", "gt", cond.Constant(1)))
    engine = Engine([rule], catalogue())
    values = {"workforce.vacancy_rate_pct": 5.0}
    results = [engine.fired(values, defaults()) for _ in range(3)]
    assert results == [{"R-001"}] * 3, results
    return "OK"


@probe
def missing_only_rule() -> str:
    """A rule whose only condition is 'missing' runs (a bare $nex rule hangs durable-rules)."""
    rule = make_rule("R-001", cond.Missing("workforce.vacancy_rate_pct"))
    engine = Engine([rule], catalogue())
    text = json.dumps([r.definition for r in engine.rulesets])
    assert "$nex" not in text and "$ex" not in text, text
    assert engine.fired({}, defaults()) == {"R-001"}
    assert engine.fired({"workforce.vacancy_rate_pct": 3.0}, defaults()) == set()
    return "OK"


@probe
def many_conditions() -> str:
    """1,500 conditions (far over 512 per ruleset) are split into rulesets, not hung."""
    metric = "workforce.vacancy_rate_pct"
    rules = []
    for index in range(300):
        leaves = tuple(cond.Compare(metric, "gt", cond.Constant(float(index % 90 + j)))
                       for j in range(5))
        rules.append(make_rule(f"R-{index:03d}", cond.AnyOf(leaves)))
    engine = Engine(rules, catalogue())
    assert len(engine.rulesets) >= 4, len(engine.rulesets)
    assert all(r.conditions <= MAX_RULESET_CONDITIONS for r in engine.rulesets)
    fired = engine.fired({metric: 50.0}, defaults())
    expected = {f"R-{i:03d}" for i in range(300) if (i % 90) < 50.0}
    assert fired == expected
    return f"OK {len(engine.rulesets)} rulesets"


@probe
def many_matching_conditions() -> str:
    """200 conditions matching one fact (64 overflow the C core's stack: error 303)."""
    metric = "workforce.vacancy_rate_pct"
    rules = [make_rule(f"R-{i:03d}", cond.Compare(metric, "gt", cond.Constant(i / 10)))
             for i in range(200)]
    engine = Engine(rules, catalogue())
    fired = engine.fired({metric: 99.0}, defaults())
    assert len(fired) == 200, len(fired)
    return f"OK {len(engine.rulesets)} rulesets"


@probe
def many_attributes() -> str:
    """Rules reading every metric (over 250 fact properties) are split by attribute count."""
    rules = [make_rule(f"R-{i:03d}", cond.Missing(path)) for i, path in enumerate(catalogue())]
    engine = Engine(rules, catalogue())
    assert all(r.keys.count() <= MAX_RULESET_ATTRIBUTES for r in engine.rulesets)
    fired = engine.fired({}, defaults())
    assert len(fired) == len(rules)
    return f"OK {len(engine.rulesets)} rulesets for {len(rules)} metrics"


@probe
def no_arithmetic_emitted() -> str:
    """No $div (SIGFPE on zero), $add, $sub or $mul is ever emitted."""
    from checker.rules.loader import load_rulebook

    book = load_rulebook([Path(__file__).parent / "fixtures" / "packs" / "operators"])
    from checker.engine.durable import Engine
    from checker.inputs.metrics import catalogue

    text = json.dumps([r.definition for r in Engine(book.rules, catalogue()).rulesets])
    for operator in ("$div", "$add", "$sub", "$mul", "$nex", "$ex", "$in"):
        assert operator not in text, operator
    return "OK"


@probe
def wrong_types_refused() -> str:
    """'abc' > 20 fires in durable-rules; the adapter refuses wrong types and huge numbers."""
    rule = make_rule("R-001", cond.Compare("workforce.vacancy_rate_pct", "gt", cond.Constant(20)))
    engine = Engine([rule], catalogue())
    refused = 0
    for value in ("abc", True, 1e300, float("nan"), [1], {"a": 1}):
        try:
            engine.fired({"workforce.vacancy_rate_pct": value}, defaults())
        except EngineError:
            refused += 1
    assert refused == 6, refused
    return "OK"


@probe
def right_hand_metric_missing() -> str:
    """$m comparisons fire when the right-hand attribute is missing; the adapter guards them."""
    rule = make_rule("R-001", cond.Compare("workforce.agency_rate_pct", "gt",
                                          cond.MetricRef("workforce.vacancy_rate_pct")))
    engine = Engine([rule], catalogue())
    assert engine.fired({"workforce.agency_rate_pct": 10.0}, defaults()) == set()
    rule2 = make_rule("R-002", cond.Compare("workforce.agency_rate_pct", "lte",
                                           cond.MetricRef("workforce.vacancy_rate_pct")))
    engine2 = Engine([rule2], catalogue())
    assert engine2.fired({"workforce.agency_rate_pct": 10.0}, defaults()) == set()
    return "OK"


@probe
def engine_error_names_the_rule() -> str:
    """A ruleset the C core refuses is reported with words and the rule at fault."""
    import checker.engine.durable as engine_module

    good = make_rule("R-001", cond.Compare("workforce.vacancy_rate_pct", "gt", cond.Constant(1)))
    bad = make_rule("R-002", cond.Compare("workforce.agency_rate_pct", "gt", cond.Constant(1)))
    original = engine_module._compile

    def broken(condition: Any, keys: Any, metrics: Any) -> Any:
        compiled = original(condition, keys, metrics)
        if "$gt" in compiled and keys.values.get("workforce.agency_rate_pct") in compiled["$gt"]:
            return {"$in": compiled["$gt"]}  # not supported by durable-rules: error 202
        return compiled

    engine_module._compile = broken
    try:
        Engine([good, bad], catalogue()).fired({}, defaults())
    except EngineError as error:
        text = str(error)
        assert "R-002" in text and "engine error" in text, text
        return f"OK {text}"
    finally:
        engine_module._compile = original
    raise AssertionError("the broken ruleset was accepted")


@probe
def one_host_flat_memory() -> str:
    """Thousands of checks in one process share the rulesets created once and do not grow
    memory much."""
    from checker.engine.durable import Engine, _Core
    from checker.inputs.metrics import catalogue
    from checker.rules.loader import load_rulebook

    book = load_rulebook([Path(__file__).parent / "fixtures" / "packs" / "operators"])
    engine = Engine(book.rules, catalogue())
    values = {"workforce.vacancy_rate_pct": 25.0, "children_in_care.reviews_on_time_pct": 80.0}
    for _ in range(500):
        engine.fired(values, defaults())
    before = peak_rss_kb()
    handles = dict(_Core.handles)
    for index in range(5000):
        values["workforce.vacancy_rate_pct"] = float(index % 100)
        engine.fired(values, defaults())
    after = peak_rss_kb()
    assert _Core.handles == handles
    growth_mb = (after - before) / 1024
    assert growth_mb < 20, growth_mb
    return f"OK grew {growth_mb:.1f} MB over 5000 checks"


@probe
def no_background_dispatch() -> str:
    """durable-rules' Host runs timer threads that dispatch pending actions every 0.2 s and
    can steal a match from synchronous processing; the adapter uses no Host, so none run, and
    20,000 sessions over several seconds all report their matches."""
    import threading
    import time

    rule = make_rule("R-001", cond.Compare("workforce.vacancy_rate_pct", "gt", cond.Constant(50)))
    engine = Engine([rule], catalogue())
    started = time.monotonic()
    index = 0
    while index < 20_000 or time.monotonic() - started < 1.5:  # several dispatch periods
        value = float(index % 100)
        assert engine.fired({"workforce.vacancy_rate_pct": value}, defaults()) == (
            {"R-001"} if value > 50 else set())
        index += 1
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    assert not timers, timers
    return f"OK {index} sessions in {time.monotonic() - started:.1f} s, no timer threads"


def main(argv: list[str]) -> int:
    name = argv[1]
    print(PROBES[name]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
