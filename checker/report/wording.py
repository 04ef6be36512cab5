"""Figures in plain words: what a threshold is, how far a figure is from it in the metric's
unit, what would clear it ("Assessments within 45 working days: 86%, 4 percentage points
below the authority's timeliness target (90%, the default); 90% clears it")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from checker.core.text import words
from checker.engine.comparators import COMPARATOR_PREFIX
from checker.inputs.metrics import Metric, catalogue, policies
from checker.report import model
from checker.scoring.fixes import Fix

if TYPE_CHECKING:  # only --what-if and --previous load the comparison
    from checker.scoring.compare import FigureMove

#: How a comparator's label reads: "upper quartile 2023 + 2" -> "the upper quartile of
#: councils for 2023, plus 2".
_COMPARATOR = re.compile(
    r"^(England|region|neighbours|lower quartile|upper quartile)"
    r"(?: (\d{4}(?:-\d{2,4})?))?(?: ([+-]) (\S+))?$")
_COMPARATOR_WORDS = {
    "England": "England's figure", "region": "the region's figure",
    "neighbours": "the statistical neighbours' average",
    "lower quartile": "the lower quartile of councils",
    "upper quartile": "the upper quartile of councils",
}


def metric(path: str) -> Metric | None:
    if path.startswith("policy."):
        return policies().get(path.removeprefix("policy."))
    return catalogue().get(path)


_FIGURES = {
    "national": "England's figure", "region": "the region's figure",
    "statistical_neighbours": "the statistical neighbours' average",
    "lower_quartile": "the lower quartile", "median": "the median",
    "upper_quartile": "the upper quartile",
}


def title(path: str) -> str:
    """A metric's readable title, or a missing comparator's ("England's figure for Re-referrals
    within 12 months"); the path if it has neither."""
    found = metric(path)
    if found is not None:
        return found.title
    if path.startswith(COMPARATOR_PREFIX):
        metric_path, _, figure = path.removeprefix(COMPARATOR_PREFIX).rpartition(".")
        compared = catalogue().get(metric_path)
        text = f"{_FIGURES.get(figure, figure)} for {compared.title if compared else metric_path}"
        return text[:1].upper() + text[1:]
    return path


def shown(path: str, value: Any) -> str:
    """A value as a manager reads it: 63%, 24 cases, yes/no, head of service."""
    found = metric(path)
    if isinstance(value, list):
        return ", ".join(shown(path, item) for item in value)
    if found is None:
        return "not known" if value is None else str(value)
    return found.format(value)


def reference(source: str | None) -> str | None:
    """What a threshold is, in words; None for a rule's own constant."""
    if not source or source == "rule":
        return None
    if source.startswith("policy."):
        name, _, default = source.removeprefix("policy.").partition(" ")
        found = policies().get(name)
        text = found.title if found else name.replace("_", " ")
        return text.replace("the authority's", "the default", 1) if default else text
    if source in catalogue():
        return catalogue()[source].title
    match = _COMPARATOR.match(source)
    if match is None:
        return source
    label, year, sign, margin = match.groups()
    text = _COMPARATOR_WORDS[label] + (f" for {year}" if year else "")
    if sign:
        text += f" {'plus' if sign == '+' else 'minus'} {margin}"
    return text


def amount(path: str, distance: float) -> str:
    """A distance in the metric's unit: "4 percentage points", "2.1 cases per full-time
    worker", "1 level"."""
    found = metric(path)
    number = f"{round(distance, 2):g}"
    if found is None:
        return number
    if found.kind == "percent":
        return f"{number} percentage point{'' if number == '1' else 's'}"
    if found.ordered:
        return f"{number} level{'' if number == '1' else 's'}"
    unit = found.short_unit
    return f"{number} {unit}" if unit else number


def _side(observed: Any, threshold: Any, path: str) -> str:
    found = metric(path)
    if found is not None and found.ordered:
        observed, threshold = found.rank(observed), found.rank(threshold)
    return "above" if observed > threshold else "below" if observed < threshold else "at"


def change_info(fix: Fix) -> model.ChangeInfo:
    """One change, worded: where the figure stands against its threshold and what clears it."""
    name = title(fix.metric)
    refers = reference(fix.threshold_source)
    threshold_text = None if fix.threshold is None else shown(
        fix.threshold_source if metric(fix.threshold_source.split(" ")[0]) else fix.metric,
        fix.threshold)
    against = f"{refers} ({threshold_text})" if refers else threshold_text
    distance_text = None
    if fix.target is None:
        text = f"{name}: not known; record it"
    elif fix.distance is not None:
        distance_text = (f"{amount(fix.metric, fix.distance)} "
                         f"{_side(fix.observed, fix.threshold, fix.metric)}")
        text = (f"{name}: {shown(fix.metric, fix.observed)}, {distance_text} {against}; "
                f"{shown(fix.metric, fix.target)} clears it")
    else:
        text = (f"{name}: {shown(fix.metric, fix.observed)}; "
                f"{shown(fix.metric, fix.target)} clears it")
    return {
        "metric": fix.metric, "title": name, "observed": fix.observed,
        "observed_text": shown(fix.metric, fix.observed), "target": fix.target,
        "target_text": None if fix.target is None else shown(fix.metric, fix.target),
        "operator": fix.op, "threshold": fix.threshold, "threshold_text": threshold_text,
        "reference": refers,
        "distance": None if fix.distance is None else round(fix.distance, 4),
        "distance_text": distance_text, "text": words(text),
    }


def figure_change(move: FigureMove) -> model.FigureChange:
    change = None
    if isinstance(move.before, int | float) and isinstance(move.after, int | float) and not (
            isinstance(move.before, bool) or isinstance(move.after, bool)):
        change = round(move.after - move.before, 4)
    change_text = None
    if change is not None:
        change_text = f"{'up' if change > 0 else 'down'} {amount(move.metric, abs(change))}"
    return {
        "metric": move.metric, "label": title(move.metric), "before": move.before,
        "before_text": shown(move.metric, move.before), "after": move.after,
        "after_text": shown(move.metric, move.after), "change": change,
        "change_text": change_text, "direction": move.direction,
        "crossed": list(move.crossed), "cleared": list(move.cleared),
    }
