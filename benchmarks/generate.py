"""Generated self-assessments for the benchmarks and the batch tests: valid, varied, seeded.

Each is a self-assessment of a made-up authority with 60% of the metrics given and the
framework chosen round-robin from every shipped framework. A value is taken from the shipped
rules' own test cases: mostly (85%) a value some rule's "no_fire" case uses, otherwise one a
"fire" case uses, so about as many rules fire as in a council with some weaknesses (10-20% of
those evaluated; uniformly random figures would make most rules fire and every report several
times longer than a real one). Metrics no rule tests get a random value of their kind. The
cross-field sanity checks are respected (a largest caseload at or above the average, audit
shares within 100%, children on plans no more than children in need). The same seed and index
give the same file.
"""

from __future__ import annotations

import functools
import json
import random
from pathlib import Path
from typing import Any

from checker.inputs.metrics import Metric, catalogue
from checker.rules.frameworks import frameworks

SHARE_GIVEN = 0.6
#: The share of given figures taken from a rule's "fire" case rather than a "no_fire" one.
SHARE_FIRING = 0.15


@functools.cache
def framework_ids() -> tuple[str, ...]:
    return tuple(sorted(frameworks()))


@functools.cache
def _pools() -> dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Metric path -> (values of "no_fire" cases, values of "fire" cases) of the shipped rules."""
    from checker.rules.loader import load_rulebook

    metrics = catalogue()
    found: dict[str, tuple[list[Any], list[Any]]] = {}
    for rule in load_rulebook().rules:
        for test in rule.tests:
            if test.expect not in {"fire", "no_fire"}:
                continue
            for section, body in test.input.items():
                for name, value in body.items() if isinstance(body, dict) else ():
                    path = f"{section}.{name}"
                    if path in metrics and value is not None:
                        pools = found.setdefault(path, ([], []))
                        pools[test.expect == "fire"].append(value)
    return {path: (tuple(good), tuple(bad)) for path, (good, bad) in found.items()}


def _value(rng: random.Random, metric: Metric) -> Any:
    good, bad = _pools().get(metric.path, ((), ()))
    pool = bad if bad and (rng.random() < SHARE_FIRING or not good) else good
    if pool:
        return rng.choice(pool)
    return _random_value(rng, metric)


def _random_value(rng: random.Random, metric: Metric) -> Any:
    if metric.kind == "percent":
        low = 70.0 if rng.random() < 0.6 else 0.0
        return round(rng.uniform(low, 100.0), 1)
    if metric.kind == "count":
        return rng.randint(0, 60)
    if metric.kind == "number":
        low = metric.minimum or 0.0
        return round(rng.uniform(low, min(metric.maximum or 60.0, 60.0)), 1)
    if metric.kind == "boolean":
        return rng.random() < 0.5
    return rng.choice(metric.values)


def _sane(data: dict[str, Any]) -> None:
    """Make the figures pass the cross-field checks (:mod:`checker.inputs.sanity`)."""
    workforce = data.get("workforce", {})
    if "caseload_maximum" in workforce and "caseload_average" in workforce:
        workforce["caseload_maximum"] = max(workforce["caseload_maximum"],
                                            int(workforce["caseload_average"]) + 1)
    quality = data.get("quality_assurance", {})
    good = quality.get("audits_graded_good_or_better_pct")
    if good is not None and "audits_graded_inadequate_pct" in quality:
        quality["audits_graded_inadequate_pct"] = round(min(
            quality["audits_graded_inadequate_pct"], 100.0 - good), 1)
    plans = data.get("child_protection", {}).get("children_on_plans_count")
    need = data.get("children_in_need", {})
    if plans is not None and "children_in_need_count" in need:
        need["children_in_need_count"] = max(need["children_in_need_count"], plans)


def assessment(seed: int, index: int) -> dict[str, Any]:
    """Self-assessment number ``index`` of the series ``seed``."""
    rng = random.Random(seed * 1_000_003 + index)
    ids = framework_ids()
    data: dict[str, Any] = {"authority": {
        "name": f"Generated Council {index}", "as_of": "2024-03-31",
        "framework": ids[index % len(ids)]}}
    for path, metric in catalogue().items():
        if rng.random() < SHARE_GIVEN:
            section, name = path.split(".", 1)
            data.setdefault(section, {})[name] = _value(rng, metric)
    _sane(data)
    return data


def assessment_text(seed: int, index: int) -> str:
    return json.dumps(assessment(seed, index), indent=2) + "\n"


def write_batch(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` generated self-assessments written to ``folder`` as ``a00000.json``..."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"a{index:05d}.json"
        path.write_text(assessment_text(seed, index), encoding="utf-8")
        paths.append(path)
    return paths
