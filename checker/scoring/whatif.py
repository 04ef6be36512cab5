"""What would move the prediction: for every fired rule the changes that clear it, for every
area the smallest set of changes that lowers its band, the actions ranked by how much risk
they remove, and the data gaps ranked by how much of the prediction they could change.

Everything here follows from the risk model (:mod:`checker.scoring.risk`) and is checked by
scoring again: a set of changes is offered for an area only if, applied to the figures and
run through the rules and the model, it lowers the band.

* **How close an area is to dropping a band** is the number of units it must lose: the
  points its own findings must shed for its local score (net points over checked points) to
  fall below the cut-off of its band, plus the published checks that must pass to bring the
  published score below that area's cut-off (each counted only when that source holds the
  band: the local evidence alone when it decides).
* **An action's value** is, summed over the areas it counts in, its points (one for a
  published check) divided by that area's distance: an action that on its own drops a band is
  worth 1 or more there; one in an area far from dropping is worth little. Ties go to more
  points, then the rule id.
* **A data gap's reach** is the areas whose band it could change (with the figure given, the
  rules that need only it are evaluated: if they all fire, or none does), then the rules it
  would let be evaluated, then the rules that need it at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from checker.core.vocab import BANDS, SEVERITIES
from checker.engine.evaluator import Evaluation
from checker.inputs.metrics import Metric
from checker.rules.frameworks import AreaDef, Framework
from checker.rules.model import Rule
from checker.scoring.fixes import Fixes, clearing, merged, values_after
from checker.scoring.params import Cutoffs, ModelParams
from checker.scoring.risk import (
    AreaResult,
    Band,
    Evidence,
    LocalWeight,
    PublishedContext,
    assess_area,
    combine,
    local_evidence,
    params_key,
    published_context,
    published_evidence,
    reads_only_published,
    selection,
)

#: Evaluates one rule against changed figures.
Rerun = Callable[[Rule, Mapping[str, Any]], Evaluation]


@dataclass(frozen=True)
class Lowering:
    """The smallest set of changes found that lowers an area's band."""

    band: Band
    rules: tuple[str, ...]
    checks: tuple[str, ...]
    fixes: Fixes
    #: False when a change only asks for a missing figure, so the result was not rerun.
    checked: bool


@dataclass(frozen=True)
class Action:
    rule: str
    kind: Literal["local", "published"]
    points: int
    areas: tuple[str, ...]
    value: float
    fixes: Fixes | None


@dataclass(frozen=True)
class GapReach:
    metric: str
    rules: tuple[str, ...]
    #: The rules this figure alone would let be evaluated.
    unlocks: tuple[str, ...]
    #: Areas whose coverage it would raise.
    areas: tuple[str, ...]
    #: Areas whose band it could change.
    could_change: tuple[str, ...]


@dataclass(frozen=True)
class WhatIf:
    #: Fired rule id -> the changes that clear it (checked), or None if none was found.
    fixes: dict[str, Fixes | None]
    lowerings: dict[str, Lowering | None]
    actions: tuple[Action, ...]
    gaps: tuple[GapReach, ...]


@dataclass
class Model:
    """One assessment's scoring, with what is needed to score it again."""

    framework: Framework
    rules: Sequence[Rule]
    evaluations: Mapping[str, Evaluation]
    areas: Sequence[AreaResult]
    published: PublishedContext
    params: ModelParams
    values: Mapping[str, Any]
    metrics: Mapping[str, Metric]
    rerun: Rerun

    def area_def(self, key: str) -> AreaDef:
        return self._area_defs[key]

    @functools.cached_property
    def _area_defs(self) -> dict[str, AreaDef]:
        return {area.key: area for area in self.framework.areas}

    def rescore(self, key: str, evaluations: Mapping[str, Evaluation]) -> AreaResult:
        published = published_context(self.rules, evaluations, self.params)
        return assess_area(self.framework, self.area_def(key), self.rules, evaluations,
                           published, self.params)


def _cut(cutoffs: Cutoffs, band: str) -> int:
    return cutoffs.high_at if band == "high" else cutoffs.medium_at


def distances(model: Model, area: AreaResult) -> tuple[int | None, int | None]:
    """(points the area's own findings must shed, published checks that must pass) for its
    band to drop, each None when that source does not hold the band."""
    if area.band not in {"medium", "high"}:
        return None, None
    key = params_key(model.area_def(area.key))
    holders = ({area.evidence[0].kind} if area.local_decides else
               {item.kind for item in area.evidence if item.band == area.band})
    local = published = None
    if "local" in holders and key in model.params.local:
        local = area.weight.points_to_drop_below(_cut(model.params.local[key], area.band),
                                                 model.params.local_min_checked)
        if _clears_all(model, area, local):
            local = None  # the area would have too little evidence left, not a lower band
    if "published" in holders and key in model.params.published and \
            model.published.score is not None:
        published = model.published.score - _cut(model.params.published[key], area.band) + 1
    return local, published


def _clears_all(model: Model, area: AreaResult, need: int) -> bool:
    """Would shedding ``need`` points (largest findings first) clear every finding of an area
    whose local evidence rests on them alone (under a quarter of its weight checked)?"""
    weight = area.weight
    if weight.checked >= model.params.local_min_checked * weight.total:
        return False
    points = sorted((finding.points for finding in area.findings), reverse=True)
    return sum(points[:-1]) < need


def _fixes(model: Model) -> dict[str, Fixes | None]:
    """Every fired rule's clearing changes, checked by evaluating the rule again."""
    found: dict[str, Fixes | None] = {}
    for rule in model.rules:
        evaluation = model.evaluations[rule.id]
        if not evaluation.fired:
            continue
        fixes = clearing(rule.when, evaluation, model.metrics)
        changed = None if fixes is None else values_after(model.values, fixes)
        if fixes is not None and changed is not None and model.rerun(rule, changed).fired:
            fixes = None
        found[rule.id] = fixes
    return found


def _greedy(items: Sequence[tuple[str, int, Fixes]], need: int) -> list[str] | None:
    """The fewest items whose points reach ``need`` (largest first, then fewest changes)."""
    chosen, total = [], 0
    for rule_id, points, _fixes in sorted(items, key=lambda i: (-i[1], len(i[2]), i[0])):
        if total >= need:
            break
        chosen.append(rule_id)
        total += points
    return chosen if total >= need else None


def _rerun_all(model: Model, fixes: Fixes, cleared: Sequence[str]
               ) -> tuple[dict[str, Evaluation], bool]:
    """The evaluations with ``fixes`` applied (every rule reading a changed figure run again),
    or, when a fix only asks for a missing figure, with the ``cleared`` rules not firing."""
    changed = values_after(model.values, fixes)
    evaluations = dict(model.evaluations)
    if changed is None:
        for rule_id in cleared:
            evaluations[rule_id] = replace(evaluations[rule_id], result=False)
        return evaluations, False
    moved = {fix.metric for fix in fixes}
    for rule in model.rules:
        if rule.metrics_read & moved:
            evaluations[rule.id] = model.rerun(rule, changed)
    return evaluations, True


def lowering(model: Model, area: AreaResult, fixes: Mapping[str, Fixes | None]
             ) -> Lowering | None:
    local, published = distances(model, area)
    if local is None and published is None:
        return None
    rules = checks = []
    if local is not None:
        items = [(f.rule.id, f.points, found) for f in area.findings
                 if (found := fixes.get(f.rule.id)) is not None]
        rules = _greedy(items, local) or []
        if not rules:
            return None
    if published is not None:
        items = [(rule_id, 1, found) for rule_id in model.published.failed
                 if (found := fixes.get(rule_id)) is not None]
        checks = _greedy(items, published) or []
        if not checks:
            return None
    joined = merged(tuple(fix for rule_id in [*rules, *checks]
                          for fix in fixes[rule_id] or ()), model.metrics)
    if joined is None:
        return None
    evaluations, checked = _rerun_all(model, joined, [*rules, *checks])
    after = model.rescore(area.key, evaluations)
    if after.band == "unknown" or BANDS[after.band].rank >= BANDS[area.band].rank:
        return None
    return Lowering(after.band, tuple(rules), tuple(checks), joined, checked)


def actions(model: Model, fixes: Mapping[str, Fixes | None]) -> tuple[Action, ...]:
    """Every fired weakness and failed published check, most risk removed first."""
    value: dict[str, float] = {}
    where: dict[str, list[str]] = {}
    for area in model.areas:
        local, published = distances(model, area)
        need = (local or 0) + (published or 0)
        for finding in area.findings:
            rule_id = finding.rule.id
            where.setdefault(rule_id, []).append(area.key)
            value[rule_id] = value.get(rule_id, 0.0) + (
                finding.points / need if local is not None else 0.0)
        for rule_id in model.published.failed:
            if published is not None:
                where.setdefault(rule_id, []).append(area.key)
                value[rule_id] = value.get(rule_id, 0.0) + 1 / need
    found = []
    for rule in model.rules:
        if rule.id not in where and rule.id not in model.published.failed:
            continue
        kind: Literal["local", "published"] = (
            "published" if rule.id in model.published.failed else "local")
        points = 1 if kind == "published" else SEVERITIES[rule.severity].points
        found.append(Action(rule.id, kind, points, tuple(where.get(rule.id, ())),
                            round(value.get(rule.id, 0.0), 4), fixes.get(rule.id)))
    return tuple(sorted(found, key=lambda a: (-a.value, -a.points, a.rule)))


def _points(rules: Sequence[Rule]) -> int:
    return sum(SEVERITIES[rule.severity].points for rule in rules)


class _Bands:
    """An area's band with more of its evidence evaluated (its own unlocked rules, ``weak``
    points of weaknesses and ``strong`` of strengths, and ``checks`` published checks), all
    firing or none; each distinct case worked out once per assessment."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._published: dict[tuple[str, int, bool], Evidence | None] = {}
        self._changes: dict[tuple[str, int, int, int], bool] = {}

    def _published_evidence(self, area: AreaDef, checks: int, fire: bool) -> Evidence | None:
        key = (area.key, checks, fire and checks > 0)
        if key not in self._published:
            published = self.model.published
            if checks:
                extra = tuple(f"unlocked-{index}" for index in range(checks))
                published = replace(published, evaluable=published.evaluable + extra,
                                    failed=published.failed + (extra if fire else ()))
            self._published[key] = published_evidence(area, published, self.model.params)
        return self._published[key]

    def band(self, state: AreaResult, weak: int, strong: int, checks: int, fire: bool) -> Band:
        was, params = state.weight, self.model.params
        weight = LocalWeight(was.total, was.checked + weak, was.found + (weak if fire else 0),
                             was.strengths + (strong if fire else 0))
        area = self.model.area_def(state.key)
        decides = weight.total > 0 and weight.checked_share() >= params.local_decisive
        evidence = combine(self._published_evidence(area, checks, fire),
                           local_evidence(area, weight, params), decides)
        return evidence[0].band if evidence else "unknown"

    def could_change(self, state: AreaResult, weak: int, strong: int, checks: int) -> bool:
        key = (state.key, weak, strong, checks)
        if key not in self._changes:  # many figures unlock alike
            self._changes[key] = any(self.band(state, weak, strong, checks, fire) != state.band
                                     for fire in (False, True))
        return self._changes[key]


#: (framework id, id(rules), published checks) -> (rules, rule id -> the keys of the areas
#: that count it as their own evidence).
_MEMBERS: dict[tuple[str, int, frozenset[str]], tuple[Sequence[Rule], dict[str, list[str]]]] = {}


def _members(model: Model, checks: frozenset[str]) -> dict[str, list[str]]:
    """Rule id -> the areas whose own (local) evidence it is; worked out once per rule set."""
    key = (model.framework.id, id(model.rules), checks)
    hit = _MEMBERS.get(key)
    if hit is not None and hit[0] is model.rules:
        return hit[1]
    chosen = selection(model.framework, model.rules)
    members: dict[str, list[str]] = {}
    for area in model.framework.areas:
        for rule in chosen[area.key]:
            if rule.id not in checks and not reads_only_published(rule):
                members.setdefault(rule.id, []).append(area.key)
    if len(_MEMBERS) > 64:
        _MEMBERS.clear()
    _MEMBERS[key] = (model.rules, members)
    return members


def gap_reach(model: Model) -> tuple[GapReach, ...]:
    """Every missing figure a rule needs, the one that could change most first."""
    needing: dict[str, list[Rule]] = {}
    for rule in model.rules:
        evaluation = model.evaluations[rule.id]
        if evaluation.evaluable:
            continue  # a rule that fired or passed needs nothing more to count
        for metric in evaluation.missing:
            needing.setdefault(metric, []).append(rule)
    checks = frozenset(model.published.checks)
    members = _members(model, checks)
    states = list(model.areas)
    position = {area.key: index for index, area in enumerate(states)}
    bands = _Bands(model)

    def could_change(index: int, mine: list[Rule], unlocked_checks: int) -> bool:
        weak = _points([rule for rule in mine if rule.effect == "weakness"])
        strong = _points([rule for rule in mine if rule.effect == "strength"])
        return bands.could_change(states[index], weak, strong, unlocked_checks)

    found = []
    for metric, rules in needing.items():
        unlocks = [r for r in rules if model.evaluations[r.id].missing == (metric,)]
        unlocked_checks = sum(1 for r in unlocks if r.id in checks)
        mine: dict[int, list[Rule]] = {}
        for rule in unlocks:
            for key in members.get(rule.id, ()):
                if key in position:
                    mine.setdefault(position[key], []).append(rule)
        indices = range(len(states)) if unlocked_checks else sorted(mine)
        found.append(GapReach(
            metric, tuple(r.id for r in rules), tuple(r.id for r in unlocks),
            tuple(states[index].key for index in sorted(mine)),
            tuple(states[index].key for index in indices
                  if could_change(index, mine.get(index, []), unlocked_checks))))
    return tuple(sorted(found, key=lambda g: (-len(g.could_change), -len(g.unlocks),
                                              -len(g.rules), g.metric)))


def analyse(model: Model) -> WhatIf:
    fixes = _fixes(model)
    return WhatIf(
        fixes=fixes,
        lowerings={area.key: lowering(model, area, fixes) for area in model.areas},
        actions=actions(model, fixes),
        gaps=gap_reach(model),
    )
