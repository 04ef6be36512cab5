"""What moved between two runs of the same framework: a self-assessment and an earlier one
(``--previous``), or the file as given and the file with ``--what-if`` changes.

Whether a change is better or worse follows the metric's polarity in the schema, else the
rules that read it: a weakness firing when a figure is low means higher is better (a yes/no
fact: the value that does not fire). A metric read both ways, or by no rule, only "changed".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from checker.core.vocab import BANDS
from checker.engine.conditions import AllOf, AnyOf, Compare, Condition, Member, NotOf, Versus
from checker.inputs.metrics import Metric, catalogue
from checker.rules.model import Rule
from checker.scoring.run import AssessmentResult

Direction = Literal["better", "worse", "changed"]
#: "higher" or "lower" for numbers and ordered categories; for a yes/no fact, the better value.
Better = str | bool

_WORSE_WHEN = {"gt": "higher", "gte": "higher", "lt": "lower", "lte": "lower"}


@dataclass(frozen=True)
class FigureMove:
    metric: str
    before: Any
    after: Any
    direction: Direction
    crossed: tuple[str, ...]
    cleared: tuple[str, ...]


@dataclass(frozen=True)
class AreaMove:
    key: str
    title: str
    band_before: str
    band_after: str
    score_before: int
    score_after: int

    @property
    def direction(self) -> Literal["better", "worse", "same", "changed"]:
        """Worse or better by band, else by points; "changed" between a prediction and
        unknown (more or less evidence, not more or less risk)."""
        before, after = BANDS[self.band_before].rank, BANDS[self.band_after].rank
        if 0 in {before, after}:
            return "same" if before == after else "changed"
        if after != before:
            return "worse" if after > before else "better"
        if self.score_after != self.score_before:
            return "worse" if self.score_after > self.score_before else "better"
        return "same"


@dataclass(frozen=True)
class Moved:
    areas: tuple[AreaMove, ...]
    figures: tuple[FigureMove, ...]
    fired: tuple[str, ...]
    cleared: tuple[str, ...]


def _leaves(node: Condition, flipped: bool = False
            ) -> list[tuple[Compare | Member | Versus, bool]]:
    if isinstance(node, AllOf | AnyOf):
        return [leaf for item in node.items for leaf in _leaves(item, flipped)]
    if isinstance(node, NotOf):
        return _leaves(node.item, not flipped)
    if isinstance(node, Compare | Member | Versus):
        return [(node, flipped)]
    return []


def _worse_side(leaf: Compare | Member | Versus, metric: Metric) -> Better | None:
    """Which way this comparison fires: "higher"/"lower", or the yes/no value that fires."""
    if isinstance(leaf, Versus):
        polarity = metric.polarity
        if polarity not in {"higher_is_better", "lower_is_better"}:
            return None
        worse = "lower" if polarity == "higher_is_better" else "higher"
        return worse if leaf.relation == "worse" else ("higher" if worse == "lower" else "lower")
    if isinstance(leaf, Compare):
        if leaf.op in _WORSE_WHEN:
            return _WORSE_WHEN[leaf.op]
        value = getattr(leaf.operand, "value", None)
        if metric.kind == "boolean" and isinstance(value, bool):
            return value if leaf.op == "eq" else not value
    return None


def _flip(side: Better) -> Better:
    if isinstance(side, bool):
        return not side
    return "lower" if side == "higher" else "higher"


#: id of a rules sequence -> (the sequence, its better directions); the sequence is kept so
#: its id cannot be reused while the entry exists.
_BETTER: dict[int, tuple[Sequence[Rule], dict[str, Better]]] = {}


def better_directions(rules: Sequence[Rule]) -> dict[str, Better]:
    """Metric path -> the better direction (or yes/no value), from the schema and the rules;
    worked out once per rule set."""
    hit = _BETTER.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    if len(_BETTER) > 16:
        _BETTER.clear()
    found = _better(rules)
    _BETTER[id(rules)] = (rules, found)
    return found


def _better(rules: Sequence[Rule]) -> dict[str, Better]:
    metrics = catalogue()
    sides: dict[str, set[Better]] = {}
    for rule in rules:
        for leaf, flipped in _leaves(rule.when):
            metric = metrics.get(leaf.metric)
            side = None if metric is None else _worse_side(leaf, metric)
            if side is None:
                continue
            worse = _flip(side) if flipped != (rule.effect == "strength") else side
            sides.setdefault(leaf.metric, set()).add(_flip(worse))
    found: dict[str, Better] = {path: next(iter(found)) for path, found in sides.items()
                                if len(found) == 1}
    for path, metric in metrics.items():
        if metric.polarity == "higher_is_better":
            found[path] = "higher"
        elif metric.polarity == "lower_is_better":
            found[path] = "lower"
    return found


def direction(metric: Metric | None, better: Better | None, before: Any, after: Any
              ) -> Direction:
    """Is ``after`` better or worse than ``before`` for this metric?"""
    if better is None or metric is None or before is None or after is None:
        return "changed"
    if isinstance(better, bool):
        return "better" if after is better else "worse" if before is better else "changed"
    if metric.ordered:
        if before not in metric.values or after not in metric.values:
            return "changed"
        before, after = metric.rank(before), metric.rank(after)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (before, after)):
        return "changed"
    return "better" if (after > before) == (better == "higher") else "worse"


def moved(before: AssessmentResult, after: AssessmentResult, rules: Sequence[Rule]) -> Moved:
    """What differs from ``before`` to ``after`` (same framework)."""
    metrics = catalogue()
    better = better_directions(rules)
    fired_before, fired_after = set(before.fired), set(after.fired)
    fired = tuple(sorted(fired_after - fired_before))
    cleared = tuple(sorted(fired_before - fired_after))
    reads = {rule.id: rule.metrics_read for rule in rules}
    figures = []
    old, new = before.assessment.values, after.assessment.values
    for path in [p for p in metrics if old.get(p) != new.get(p)]:
        figures.append(FigureMove(
            path, old.get(path), new.get(path),
            direction(metrics[path], better.get(path), old.get(path), new.get(path)),
            tuple(r for r in fired if path in reads.get(r, ())),
            tuple(r for r in cleared if path in reads.get(r, ()))))
    areas = tuple(AreaMove(a.key, a.title, b.band, a.band, b.score, a.score)
                  for b, a in zip(before.areas, after.areas, strict=True))
    return Moved(areas, tuple(figures), fired, cleared)
