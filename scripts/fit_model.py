"""Fit the risk model's numbers from the evidence and write ``rules/model.yaml``.

    python scripts/fit_model.py [--data ../shared/data] [--corpus ../shared/corpus] [--check]

* **Published figures.** Every SIF and ILACS inspection in the shared inspections file is
  prefilled with the figures DfE had published by its fieldwork start (no look-ahead) and the
  published-figures checklist (``rules/published/``) is scored. Per area, the band cut-offs
  are fitted on every inspection (``checker.backtest.fit``); the calibration table says how
  inspections with each score were judged. Each check's severity comes from its odds ratio:
  how much more often it failed where the area was judged inadequate than where it was good
  or better.
* **The authority's own figures.** Fitted on the inspection-report corpus when it is given
  (see ``checker.rules.evidence``); without it the local cut-offs keep their current values.

``--check`` exits 1 if the committed file differs from what the evidence gives (CI). The
output is deterministic: sorted keys, fixed fold seed, no timestamps.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from checker.backtest.fit import Case, calibration, fit_cutoffs
from checker.backtest.published import load_mapping, read_inspections
from checker.core.vocab import POINT_LOG_ODDS, SEVERITIES
from checker.inputs.assessment import from_data
from checker.rules.frameworks import frameworks
from checker.rules.loader import Rulebook, load_rulebook
from checker.scoring.params import Cutoffs, ModelParams, model_params
from checker.scoring.run import Checker
from checker.stats.prefill import build_prefill, prefill_data
from checker.stats.published import published

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "rules" / "model.yaml"
CHECKLIST = REPO / "rules" / "published"
#: Checks that must be evaluable for the published score to count.
MIN_EVALUABLE = 5
AREAS = ("leadership", "help_and_protection", "children_in_care", "care_leavers")
HEADER = ("# Written by scripts/fit_model.py from the evidence. Do not edit by hand: rerun the "
          "script.\n")


def severity_for(odds_ratio: float | None) -> str:
    """One point of severity per doubling of the odds, from minor (1) to critical (4)."""
    if odds_ratio is None or odds_ratio <= 1:
        return "minor"
    points = max(1, min(4, round(math.log(odds_ratio) / POINT_LOG_ODDS)))
    return next(s.key for s in SEVERITIES.values() if s.points == points)


def odds_ratio(fired_bad: int, bad: int, fired_good: int, good: int) -> float | None:
    """Odds of an inadequate judgement where the finding was made over where it was not,
    with a half added to every cell (so no cell is zero); None without both groups."""
    if not bad or not good:
        return None
    return ((fired_bad + 0.5) / (bad - fired_bad + 0.5)) / (
        (fired_good + 0.5) / (good - fired_good + 0.5))


def _bootstrap(rulebook: Rulebook) -> ModelParams:
    """Parameters good enough to score the checklist (cut-offs are not used here)."""
    checks = tuple(sorted(r.id for r in rulebook.rules if Path(r.file).parent.name ==
                          CHECKLIST.name))
    neutral = {area: Cutoffs(1, 2) for area in AREAS}
    return ModelParams(checks, MIN_EVALUABLE, neutral, neutral, {}, "bootstrap", "bootstrap")


def published_cases(data: Path, rulebook: Rulebook, params: ModelParams
                    ) -> tuple[dict[str, list[Case]], dict[str, list[tuple[bool, int]]]]:
    """Per area the (authority, published score, grade) of every judged inspection, and per
    check whether it failed, beside the overall grade."""
    mapping = load_mapping()
    statistics = published()
    checker = Checker(rulebook, params)
    framework = frameworks()[mapping.current_framework]
    cases: dict[str, list[Case]] = {area: [] for area in (*AREAS, "overall_view")}
    checks: dict[str, list[tuple[bool, int]]] = {check: [] for check in params.published_checks}
    for inspection in read_inspections(data / "inspections.csv", mapping):
        prefill = build_prefill(inspection.code, inspection.start, statistics,
                                as_published=True)
        result = checker.check(from_data(prefill_data(prefill), name=inspection.code),
                               framework)
        score = result.published.score
        if score is None:
            continue
        for item in mapping.frameworks[inspection.framework]:
            grade = inspection.grades.get(item.column)
            if grade and item.applies(inspection.start):
                cases[item.area].append(Case(inspection.code, score, mapping.grades[grade]))
        overall = inspection.grades.get("overall_effectiveness")
        if overall:
            for check in params.published_checks:
                fired = result.evaluations[check].fired
                checks[check].append((fired, mapping.grades[overall]))
    return cases, checks


def _area_node(cases: Sequence[Case]) -> dict[str, Any]:
    fitted = fit_cutoffs(cases)
    return {"medium_at": fitted.medium_at, "high_at": fitted.high_at,
            "calibration": [row.__dict__ for row in calibration(cases)]}


def _check_node(outcomes: Sequence[tuple[bool, int]]) -> dict[str, Any]:
    bad = [fired for fired, grade in outcomes if grade == 4]
    good = [fired for fired, grade in outcomes if grade <= 2]
    ratio = odds_ratio(sum(bad), len(bad), sum(good), len(good))
    return {"severity": severity_for(ratio),
            "odds_ratio": None if ratio is None else round(ratio, 2),
            "basis": f"published backtest: failed in {sum(bad)} of {len(bad)} inspections "
                     f"judged inadequate overall and {sum(good)} of {len(good)} judged good or "
                     "outstanding"}


def build(data: Path) -> dict[str, Any]:
    rulebook = load_rulebook()
    params = _bootstrap(rulebook)
    cases, checks = published_cases(data, rulebook, params)
    current = model_params() if MODEL.is_file() else None
    local = {area: {"medium_at": (current.local[area].medium_at if current else 2),
                    "high_at": (current.local[area].high_at if current else 6)}
             for area in AREAS}
    rules = {rule.id: {"severity": rule.severity, "odds_ratio": None,
                       "basis": "the rule file's own severity (no statistical evidence yet)"}
             for rule in rulebook.rules}
    rules.update({check: _check_node(outcomes) for check, outcomes in checks.items()})
    return {
        "generated_by": "scripts/fit_model.py",
        "published": {
            "source": f"published backtest: {len(cases['overall_view'])} SIF and ILACS "
                      "inspections with figures DfE had published by the fieldwork start",
            "checks": list(params.published_checks),
            "min_evaluable": MIN_EVALUABLE,
            "areas": {area: _area_node(cases[area]) for area in AREAS},
        },
        "local": {"source": "provisional cut-offs until the report corpus is fitted",
                  "areas": local},
        "rules": dict(sorted(rules.items())),
    }


def render(model: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(model, sort_keys=True, allow_unicode=True, width=95)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if rules/model.yaml is not what the evidence gives")
    args = parser.parse_args(argv)
    text = render(build(args.data))
    if args.check:
        current = MODEL.read_text(encoding="utf-8") if MODEL.is_file() else ""
        if current != text:
            print("rules/model.yaml is stale: run python scripts/fit_model.py", file=sys.stderr)
            return 1
        print("rules/model.yaml is current")
        return 0
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
