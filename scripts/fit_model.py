"""Fit the risk model's numbers from the evidence and write ``rules/model.yaml``.

    python scripts/fit_model.py [--data ../shared/data] [--corpus ../shared/corpus] [--check]

* **Published figures.** Every SIF and ILACS inspection in the shared inspections file is
  prefilled with the figures DfE had published by its fieldwork start (no look-ahead) and the
  published-figures checklist (``rules/published/``) is scored. Per area, the band cut-offs
  are fitted on every inspection (``checker.backtest.fit``); the calibration table says how
  inspections with each score were judged. Each check's severity comes from its odds ratio:
  how much more often it failed where the area was judged inadequate than where it was good
  or better.
* **The authority's own figures.** Fitted on the inspection-report corpus
  (``checker.backtest.corpus``): each rule's severity from how much more often inspectors made
  its finding where the area was judged inadequate (strengths: good or better), each area's
  cut-offs on the reports scored as self-assessments are. Rules without finding patterns, or
  with too few matching reports, are minor. Rules reading only published figures outside the
  checklist, and rules marked ``effect: context``, are context (not scored) and keep their
  files' severity.

``--check`` exits 1 if the committed file differs from what the evidence gives (CI);
``--apply-severities`` rewrites the ``severity:`` of every shipped rule whose file disagrees
with the evidence (``tests/test_model.py`` fails on a shipped rule that disagrees). The output is
deterministic: sorted keys, fixed fold seed, no timestamps.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from checker.backtest import corpus
from checker.backtest.fit import Case, calibration, fit_cutoffs
from checker.backtest.published import load_mapping, read_inspections
from checker.inputs.assessment import from_data
from checker.rules.evidence import CorpusSentences
from checker.rules.frameworks import frameworks
from checker.rules.loader import Rulebook, load_rulebook
from checker.rules.model import Rule
from checker.scoring.params import Cutoffs, ModelParams
from checker.scoring.risk import is_context
from checker.scoring.run import Checker
from checker.stats.prefill import build_prefill, prefill_data
from checker.stats.published import published

odds_ratio = corpus.odds_ratio
severity_for = corpus.severity_for

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "rules" / "model.yaml"
CHECKLIST = REPO / "rules" / "published"
#: Checks that must be evaluable for the published score to count.
MIN_EVALUABLE = 5
AREAS = ("leadership", "help_and_protection", "children_in_care", "care_leavers")
HEADER = ("# Written by scripts/fit_model.py from the evidence. Do not edit by hand: rerun the "
          "script.\n")


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


def local_rules(rulebook: Rulebook, checks: Sequence[str]) -> list[Rule]:
    """The rules the local score weighs: not the checklist, not context."""
    return [rule for rule in rulebook.rules if rule.id not in checks
            and rule.scoring_area in AREAS and not is_context(rule)]


def _local(rulebook: Rulebook, checks: Sequence[str], corpus_dir: Path
           ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The local section and the local rules' evidence, from the report corpus."""
    rules = local_rules(rulebook, checks)
    reports = corpus.match_reports(rules, CorpusSentences.load(corpus_dir))
    model = corpus.fit(rules, reports)
    evidence = {rule.id: {"severity": model.weights[rule.id].severity,
                          "odds_ratio": model.weights[rule.id].odds_ratio,
                          "basis": model.weights[rule.id].basis(rule.effect == "strength")
                          if rule.finding_patterns is not None else
                          "no finding patterns, so no corpus evidence to weigh it; minor"}
                for rule in rules}
    section = {
        "source": f"report corpus: {model.reports} published inspection reports scored as "
                  "self-assessments (the findings inspectors made)",
        "min_checked": corpus.MIN_CHECKED, "decisive": corpus.DECISIVE,
        "areas": {area: {"medium_at": fitted.cutoffs.medium_at,
                         "high_at": fitted.cutoffs.high_at,
                         "calibration": [row.__dict__ for row in fitted.calibration]}
                  for area, fitted in model.areas.items()},
    }
    return section, evidence


def build(data: Path, corpus_dir: Path) -> dict[str, Any]:
    rulebook = load_rulebook()
    params = _bootstrap(rulebook)
    cases, checks = published_cases(data, rulebook, params)
    local, evidence = _local(rulebook, params.published_checks, corpus_dir)
    rules = {rule.id: {"severity": rule.severity, "odds_ratio": None,
                       "basis": "context: marked effect: context, shown and not scored"
                       if rule.effect == "context" else "context: reads only published "
                       "figures outside the checklist, shown and not scored"}
             for rule in rulebook.rules}
    rules.update(evidence)
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
        "local": local,
        "rules": dict(sorted(rules.items())),
    }


def render(model: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(model, sort_keys=True, allow_unicode=True, width=95)


def apply_severities(model: dict[str, Any]) -> list[str]:
    """Rewrite each shipped rule's ``severity:`` to the evidence's; the ids changed."""
    wanted = {key: node["severity"] for key, node in model["rules"].items()}
    changed = []
    for rule in load_rulebook().rules:
        if wanted.get(rule.id, rule.severity) == rule.severity:
            continue
        path = Path(rule.file)
        text = path.read_text(encoding="utf-8")
        pattern = re.compile(rf"(- id: {re.escape(rule.id)}\n(?:(?!\s*- id: ).*\n)*?"
                             rf"\s*severity: ){rule.severity}\b")
        updated, count = pattern.subn(rf"\g<1>{wanted[rule.id]}", text, count=1)
        if count != 1:
            raise SystemExit(f"{path}: could not find the severity of {rule.id}")
        path.write_text(updated, encoding="utf-8")
        changed.append(f"{rule.id}: {rule.severity} -> {wanted[rule.id]}")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if rules/model.yaml is not what the evidence gives")
    parser.add_argument("--apply-severities", action="store_true",
                        help="also rewrite rule files whose severity the evidence changes")
    args = parser.parse_args(argv)
    model = build(args.data, args.corpus)
    text = render(model)
    if args.check:
        current = MODEL.read_text(encoding="utf-8") if MODEL.is_file() else ""
        if current != text:
            print("rules/model.yaml is stale: run python scripts/fit_model.py", file=sys.stderr)
            return 1
        print("rules/model.yaml is current")
        return 0
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL.relative_to(REPO)}")
    if args.apply_severities:
        for line in apply_severities(model):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
