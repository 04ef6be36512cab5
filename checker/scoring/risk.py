"""The risk model: from fired rules to a predicted risk band per judgement area.

Deterministic and deliberately simple, so a manager can check it by hand (README, "How the
risk bands are worked out"):

1. Each fired rule scores by severity: critical 8, major 4, moderate 2, minor 1.
2. An area's score is the sum over the rules that bear on it and fired.
3. Band: **high** at 8 or more (one critical finding, or two major ones); **medium** at 2 or
   more; otherwise **low** if at least half of the area's rules could be evaluated, and
   **unknown** if not: without evidence the tool does not predict a good grade.
4. Bands carry a grade meaning in the chosen framework: low = good, medium = requires
   improvement (adequate in the 2009-12 framework), high = inadequate. The tool never
   predicts outstanding.
5. Overall judgements honour limiting judgements: the overall band is the worst band of its
   limiting areas, and at least one band below the worst of its other areas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.core.vocab import BANDS, PREDICTED_BANDS, SEVERITIES, BandKey
from checker.engine.evaluator import Evaluation
from checker.rules.frameworks import AreaDef, Framework, GradeDef, OverallDef
from checker.rules.model import Rule

Band = BandKey
HIGH_AT = 8
MEDIUM_AT = 2
MIN_COVERAGE = 0.5


@dataclass
class Finding:
    rule: Rule
    evaluation: Evaluation


@dataclass
class Gap:
    metric: str
    rules: tuple[str, ...]


@dataclass
class AreaResult:
    key: str
    title: str
    limiting: bool
    band: Band
    grade: GradeDef | None
    meaning: str
    score: int
    rules_total: int
    rules_evaluable: int
    findings: tuple[Finding, ...]
    gaps: tuple[Gap, ...]
    #: Rules that were evaluated and did not fire.
    passed: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        return self.rules_evaluable / self.rules_total if self.rules_total else 0.0


@dataclass
class OverallResult:
    key: str
    title: str
    judgement: bool
    band: Band
    grade: GradeDef | None
    meaning: str
    explanation: str


def band_for(score: int, coverage: float) -> Band:
    if score >= HIGH_AT:
        return "high"
    if score >= MEDIUM_AT:
        return "medium"
    return "low" if coverage >= MIN_COVERAGE else "unknown"


def grade_of(framework: Framework, band: Band) -> GradeDef | None:
    position = BANDS[band].from_worst
    return None if position is None else framework.grade_from_worst(position)


def meaning_of(framework: Framework, band: Band) -> str:
    grade = grade_of(framework, band)
    template = BANDS[band].meaning
    return template.format(grade=grade.title.lower() if grade else "")


#: (framework id, id of the rules sequence) -> (the sequence, area key -> its rules). The
#: sequence is kept so its id cannot be reused while the entry exists.
_SELECTIONS: dict[tuple[str, int], tuple[Sequence[Rule], dict[str, list[Rule]]]] = {}


def selection(framework: Framework, rules: Sequence[Rule]) -> dict[str, list[Rule]]:
    """Which rules each judgement of ``framework`` takes; worked out once per rule set."""
    cache_key = (framework.id, id(rules))
    hit = _SELECTIONS.get(cache_key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    chosen = {area.key: [rule for rule in rules
                         if framework.selects(area, rule.areas, rule.topics)]
              for area in framework.areas}
    if len(_SELECTIONS) > 64:
        _SELECTIONS.clear()
    _SELECTIONS[cache_key] = (rules, chosen)
    return chosen


def assess_area(
    framework: Framework,
    area: AreaDef,
    rules: Sequence[Rule],
    evaluations: Mapping[str, Evaluation],
) -> AreaResult:
    mine = selection(framework, rules)[area.key]
    evaluable = [rule for rule in mine if evaluations[rule.id].evaluable]
    fired = [rule for rule in mine if evaluations[rule.id].fired]
    fired.sort(key=lambda rule: (-rule.rank, rule.id))
    score = sum(SEVERITIES[rule.severity].points for rule in fired)
    coverage = len(evaluable) / len(mine) if mine else 0.0
    band = band_for(score, coverage)
    gaps: dict[str, list[str]] = {}
    for rule in mine:
        evaluation = evaluations[rule.id]
        if evaluation.evaluable:
            continue
        for metric in evaluation.missing:
            gaps.setdefault(metric, []).append(rule.id)
    return AreaResult(
        key=area.key,
        title=area.title,
        limiting=area.limiting,
        band=band,
        grade=grade_of(framework, band),
        meaning=meaning_of(framework, band),
        score=score,
        rules_total=len(mine),
        rules_evaluable=len(evaluable),
        findings=tuple(Finding(rule, evaluations[rule.id]) for rule in fired),
        gaps=tuple(Gap(metric, tuple(ids)) for metric, ids in sorted(gaps.items())),
        passed=tuple(sorted(rule.id for rule in evaluable
                            if not evaluations[rule.id].fired)),
    )


def assess_overall(
    framework: Framework, overall: OverallDef, areas: Mapping[str, AreaResult]
) -> OverallResult:
    limiting = [areas[key] for key in overall.limiting]
    others = [areas[key] for key in overall.source if key not in overall.limiting]
    known_limiting = [a for a in limiting if a.band != "unknown"]
    known_others = [a for a in others if a.band != "unknown"]
    candidates: list[tuple[int, str]] = []
    if known_limiting:
        worst = max(known_limiting, key=lambda a: BANDS[a.band].rank)
        candidates.append((BANDS[worst.band].rank, f"limiting judgement '{worst.title}' is "
                           f"{worst.band}"))
    if known_others:
        worst = max(known_others, key=lambda a: BANDS[a.band].rank)
        candidates.append((max(1, BANDS[worst.band].rank - 1), f"'{worst.title}' is "
                           f"{worst.band}, which pulls the overall view to within one band"))
    unknown = [a.title for a in (*limiting, *others) if a.band == "unknown"]
    if not candidates:
        band: Band = "unknown"
        explanation = "no judgement it depends on could be predicted"
    else:
        rank, explanation = max(candidates, key=lambda item: item[0])
        band = PREDICTED_BANDS[rank - 1]
    if unknown and band != "unknown":
        explanation += f"; not predicted: {', '.join(unknown)}"
    return OverallResult(
        key=overall.key,
        title=overall.title,
        judgement=overall.judgement,
        band=band,
        grade=grade_of(framework, band),
        meaning=meaning_of(framework, band),
        explanation=explanation,
    )


def assess(
    framework: Framework, rules: Sequence[Rule], evaluations: Mapping[str, Evaluation]
) -> tuple[tuple[AreaResult, ...], tuple[OverallResult, ...]]:
    areas = {area.key: assess_area(framework, area, rules, evaluations)
             for area in framework.areas}
    overall = tuple(assess_overall(framework, item, areas) for item in framework.overall)
    return tuple(areas.values()), overall
