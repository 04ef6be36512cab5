"""The risk model: from fired rules to a risk band per judgement area, with how sure it is.

A points model a manager can follow on paper (README, "How the risk bands are worked out"),
whose numbers come from evidence (``rules/model.yaml``, written by ``scripts/fit_model.py``):

1. **Published figures** are council-wide context. The published-figures checklist (nine
   rules comparing DfE's figures with England, statistical neighbours and the national
   quartiles) scores one point per check that fails. The score counts once it has enough
   checks to go on, and places every area through that area's own cut-offs and out-of-fold
   calibration in the published backtest.
2. **The authority's own figures**: every other rule scores in one area only, its first
   (the others it bears on are shown, never scored twice). A rule that reads only published
   measures but is not in the checklist is *context*: shown with its comparators, not scored
   (a published figure is never counted twice); so is a rule marked ``effect: context`` (a
   partner's capacity, such as health services', which inspectors record but which is not
   the council's own practice). Each rule weighs its severity's points, set
   by evidence (one point about doubles the odds of an inadequate judgement). The local score
   is the area's net points (weaknesses found less strengths found) as a percentage of the
   weight of its weaknesses that could be checked, counting at least a quarter of the area's
   weight as checked (so one finding on a nearly empty file does not read as 100%). It meets
   the area's cut-offs, fitted on the inspection-report corpus, and counts once a weakness
   was found or a quarter of the area's weight could be checked.
3. With half or more of the area's weight checked, the band is the local one: the
   authority's own evidence decides. Otherwise it is the higher of the two; with neither, it
   is **unknown**: the tool never predicts a grade without evidence. Each band comes with the
   calibration row behind it ("of the 32 councils ... 7 were judged inadequate ...").
4. Overall judgements honour limiting judgements: unknown if a limiting judgement is unknown,
   else the worst band of the limiting judgements, and at least one band below the worst of
   the others.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from checker.core.vocab import BANDS, PREDICTED_BANDS, SEVERITIES, BandKey
from checker.engine.evaluator import Evaluation
from checker.inputs.metrics import catalogue
from checker.rules.frameworks import AreaDef, Framework, GradeDef, OverallDef
from checker.rules.model import Rule
from checker.scoring.params import CalibrationRow, ModelParams, model_params

Band = BandKey


@dataclass
class Finding:
    rule: Rule
    evaluation: Evaluation

    @property
    def points(self) -> int:
        return SEVERITIES[self.rule.severity].points


@dataclass
class Gap:
    metric: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class PublishedContext:
    """The published-figures checklist for one assessment."""

    checks: tuple[str, ...]
    evaluable: tuple[str, ...]
    failed: tuple[str, ...]
    #: Checks needed for the score to count.
    needed: int

    @property
    def score(self) -> int | None:
        return len(self.failed) if len(self.evaluable) >= self.needed else None


@dataclass(frozen=True)
class Evidence:
    """What one source of evidence says about an area."""

    kind: str  # "published" or "local"
    score: int
    band: Band
    calibration: CalibrationRow | None


@dataclass(frozen=True)
class LocalWeight:
    """Severity points of an area's own rules: all its weaknesses, those that could be
    checked, the weaknesses and the strengths found."""

    total: int
    checked: int
    found: int
    strengths: int

    @property
    def net(self) -> int:
        return self.found - self.strengths

    def base(self, min_checked: float) -> float:
        """The points the share is counted of: those checked, at least ``min_checked`` of
        the total."""
        return max(self.checked, min_checked * self.total)

    def share(self, min_checked: float) -> int:
        """Net points as a percentage of :meth:`base`, never below 0."""
        base = self.base(min_checked)
        return max(0, round(100 * self.net / base)) if base else 0

    def checked_share(self) -> float:
        return self.checked / self.total if self.total else 0.0

    def points_to_drop_below(self, cut: int, min_checked: float) -> int:
        """Net points to shed (findings cleared, still checked) for the share to fall below
        ``cut``."""
        base = max(self.checked, min_checked * self.total)
        net = self.net
        while net > 0 and base and round(100 * net / base) >= cut:
            net -= 1
        return self.net - net


@dataclass
class AreaResult:
    key: str
    title: str
    limiting: bool
    band: Band
    grade: GradeDef | None
    meaning: str
    #: The local score: net points as a percentage of the checked weight (see LocalWeight).
    score: int
    rules_total: int
    rules_evaluable: int
    findings: tuple[Finding, ...]
    gaps: tuple[Gap, ...]
    #: Rules that were evaluated and did not fire.
    passed: tuple[str, ...] = ()
    strengths: tuple[Finding, ...] = ()
    #: The evidence the band rests on, strongest first (empty when unknown).
    evidence: tuple[Evidence, ...] = ()
    #: Context that fired, shown only: published figures worse than their comparators
    #: outside the checklist, and rules marked ``effect: context``.
    context: tuple[Finding, ...] = ()
    weight: LocalWeight = LocalWeight(0, 0, 0, 0)
    #: The local score alone set the band (enough of the area's weight was checked).
    local_decides: bool = False

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


def grade_of(framework: Framework, band: Band) -> GradeDef | None:
    position = BANDS[band].from_worst
    return None if position is None else framework.grade_from_worst(position)


def meaning_of(framework: Framework, band: Band) -> str:
    grade = grade_of(framework, band)
    template = BANDS[band].meaning
    return template.format(grade=grade.title.lower() if grade else "")


def _band(key: str) -> Band:
    return next(band for band in PREDICTED_BANDS if band == key)


#: (framework id, id of the rules sequence) -> (the sequence, area key -> its rules). The
#: sequence is kept so its id cannot be reused while the entry exists.
_SELECTIONS: dict[tuple[str, int], tuple[Sequence[Rule], dict[str, list[Rule]]]] = {}


def selection(framework: Framework, rules: Sequence[Rule]) -> dict[str, list[Rule]]:
    """The rules each judgement of ``framework`` scores: those whose scoring area it takes
    (narrowed to its topics in older frameworks); worked out once per rule set."""
    cache_key = (framework.id, id(rules))
    hit = _SELECTIONS.get(cache_key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    chosen = {area.key: [rule for rule in rules
                         if framework.selects(area, (rule.scoring_area,), rule.topics)]
              for area in framework.areas}
    if len(_SELECTIONS) > 64:
        _SELECTIONS.clear()
    _SELECTIONS[cache_key] = (rules, chosen)
    return chosen


def published_context(rules: Sequence[Rule], evaluations: Mapping[str, Evaluation],
                      params: ModelParams) -> PublishedContext:
    present = {rule.id for rule in rules}
    checks = tuple(rule_id for rule_id in params.published_checks if rule_id in present)
    evaluable = tuple(r for r in checks if evaluations[r].evaluable)
    failed = tuple(r for r in checks if evaluations[r].fired)
    return PublishedContext(checks, evaluable, failed, params.min_published_evaluable)


def params_key(area: AreaDef) -> str:
    """The current area whose cut-offs a judgement uses (its own key in the current
    framework, else the first area it is drawn from)."""
    return area.key if area.source is None else area.source.areas[0]


def published_evidence(area: AreaDef, published: PublishedContext, params: ModelParams
                       ) -> Evidence | None:
    key = params_key(area)
    if published.score is None or key not in params.published:
        return None
    cutoffs = params.published[key]
    return Evidence("published", published.score, _band(cutoffs.band(published.score)),
                    cutoffs.row(published.score))


def local_evidence(area: AreaDef, weight: LocalWeight, params: ModelParams
                    ) -> Evidence | None:
    key = params_key(area)
    known = weight.found > 0 or (
        weight.total > 0 and weight.checked >= params.local_min_checked * weight.total)
    if not known or key not in params.local:
        return None
    cutoffs = params.local[key]
    score = weight.share(params.local_min_checked)
    return Evidence("local", score, _band(cutoffs.band(score)), cutoffs.row(score))


def combine(published: Evidence | None, local: Evidence | None, local_decides: bool
            ) -> tuple[Evidence, ...]:
    """The evidence behind a band, the deciding source first: the local evidence alone when
    it decides, else the higher band of the two (the local one on a tie)."""
    if local is not None and local_decides:
        return (local,) if published is None else (local, published)
    found = [e for e in (local, published) if e is not None]
    return tuple(sorted(found, key=lambda e: -BANDS[e.band].rank))


def _gaps(rules: Sequence[Rule], evaluations: Mapping[str, Evaluation]) -> tuple[Gap, ...]:
    gaps: dict[str, list[str]] = {}
    for rule in rules:
        evaluation = evaluations[rule.id]
        if not evaluation.evaluable:
            for metric in evaluation.missing:
                gaps.setdefault(metric, []).append(rule.id)
    return tuple(Gap(metric, tuple(ids)) for metric, ids in sorted(gaps.items()))


def reads_only_published(rule: Rule) -> bool:
    """Does every metric the rule reads have a published DfE indicator?"""
    return _all_published(rule.metrics_read)


@functools.cache
def _all_published(paths: frozenset[str]) -> bool:
    """Worked out once per set of metrics: the catalogue is fixed for the process, and every
    area of every report asks again about the same rules."""
    metrics = catalogue()
    return all(path in metrics and metrics[path].published for path in paths)


def is_context(rule: Rule) -> bool:
    """Shown, not scored: a rule marked ``effect: context`` (a partner's capacity, not the
    council's practice) or one that reads only published figures (they count once, in the
    published checklist)."""
    return rule.effect == "context" or reads_only_published(rule)


def _weight(mine: Sequence[Rule], evaluations: Mapping[str, Evaluation]) -> LocalWeight:
    def points(rules: Sequence[Rule]) -> int:
        return sum(SEVERITIES[rule.severity].points for rule in rules)

    weaknesses = [rule for rule in mine if rule.effect == "weakness"]
    return LocalWeight(
        total=points(weaknesses),
        checked=points([r for r in weaknesses if evaluations[r.id].evaluable]),
        found=points([r for r in weaknesses if evaluations[r.id].fired]),
        strengths=points([r for r in mine if r.effect == "strength"
                          and evaluations[r.id].fired]))


def assess_area(framework: Framework, area: AreaDef, rules: Sequence[Rule],
                evaluations: Mapping[str, Evaluation], published: PublishedContext,
                params: ModelParams) -> AreaResult:
    selected = [rule for rule in selection(framework, rules)[area.key]
                if rule.id not in published.checks]
    context = tuple(Finding(r, evaluations[r.id]) for r in selected
                    if is_context(r) and evaluations[r.id].fired)
    mine = [rule for rule in selected if not is_context(rule)]
    evaluable = [rule for rule in mine if evaluations[rule.id].evaluable]
    fired = sorted((rule for rule in mine if evaluations[rule.id].fired),
                   key=lambda rule: (-rule.rank, rule.id))
    weight = _weight(mine, evaluations)
    decides = weight.total > 0 and weight.checked_share() >= params.local_decisive
    evidence = combine(published_evidence(area, published, params),
                       local_evidence(area, weight, params), decides)
    band: Band = evidence[0].band if evidence else "unknown"
    return AreaResult(
        key=area.key, title=area.title, limiting=area.limiting, band=band,
        grade=grade_of(framework, band), meaning=meaning_of(framework, band),
        score=weight.share(params.local_min_checked),
        rules_total=len(mine), rules_evaluable=len(evaluable),
        findings=tuple(Finding(r, evaluations[r.id]) for r in fired if r.effect == "weakness"),
        gaps=_gaps(selected, evaluations),
        passed=tuple(sorted(r.id for r in evaluable if not evaluations[r.id].fired)),
        strengths=tuple(Finding(r, evaluations[r.id]) for r in fired if r.effect == "strength"),
        evidence=evidence, context=context, weight=weight, local_decides=decides,
    )


def assess_overall(
    framework: Framework, overall: OverallDef, areas: Mapping[str, AreaResult]
) -> OverallResult:
    limiting = [areas[key] for key in overall.limiting]
    others = [areas[key] for key in overall.source if key not in overall.limiting]
    unknown_limiting = [a.title for a in limiting if a.band == "unknown"]
    if unknown_limiting:
        return _overall(framework, overall, "unknown", "a limiting judgement could not be "
                        f"predicted ({', '.join(unknown_limiting)}), so neither can this")
    worst = max(limiting, key=lambda a: BANDS[a.band].rank)
    rank, explanation = BANDS[worst.band].rank, (f"limiting judgement '{worst.title}' is "
                                                 f"{worst.band}")
    known_others = [a for a in others if a.band != "unknown"]
    if known_others:
        other = max(known_others, key=lambda a: BANDS[a.band].rank)
        if BANDS[other.band].rank - 1 > rank:
            rank = BANDS[other.band].rank - 1
            explanation = (f"'{other.title}' is {other.band}, which pulls the overall view to "
                           "within one band")
    unknown = [a.title for a in others if a.band == "unknown"]
    if unknown:
        explanation += f"; not predicted: {', '.join(unknown)}"
    return _overall(framework, overall, PREDICTED_BANDS[rank - 1], explanation)


def _overall(framework: Framework, overall: OverallDef, band: Band, explanation: str
             ) -> OverallResult:
    return OverallResult(key=overall.key, title=overall.title, judgement=overall.judgement,
                         band=band, grade=grade_of(framework, band),
                         meaning=meaning_of(framework, band), explanation=explanation)


def reband(framework: Framework, areas: Sequence[AreaResult], published: PublishedContext,
           params: ModelParams) -> tuple[tuple[AreaResult, ...], tuple[OverallResult, ...]]:
    """The areas and overall views again under other published cut-offs (``params``), the
    local evidence unchanged: how the published backtest bands a held-out fold."""
    defs = {area.key: area for area in framework.areas}
    rebanded = {}
    for area in areas:
        local = next((e for e in area.evidence if e.kind == "local"), None)
        evidence = combine(published_evidence(defs[area.key], published, params), local,
                           area.local_decides)
        band: Band = evidence[0].band if evidence else "unknown"
        rebanded[area.key] = replace(area, band=band, grade=grade_of(framework, band),
                                     meaning=meaning_of(framework, band), evidence=evidence)
    overall = tuple(assess_overall(framework, item, rebanded) for item in framework.overall)
    return tuple(rebanded.values()), overall


def assess(
    framework: Framework, rules: Sequence[Rule], evaluations: Mapping[str, Evaluation],
    params: ModelParams | None = None,
) -> tuple[tuple[AreaResult, ...], tuple[OverallResult, ...], PublishedContext]:
    params = params or model_params()
    published = published_context(rules, evaluations, params)
    areas = {area.key: assess_area(framework, area, rules, evaluations, published, params)
             for area in framework.areas}
    overall = tuple(assess_overall(framework, item, areas) for item in framework.overall)
    return tuple(areas.values()), overall, published
