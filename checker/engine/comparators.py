"""What a ``worse_than`` / ``better_than`` / ``quartile`` condition compares with.

A comparison with a comparator becomes an ordinary comparison with a threshold worked out for
each assessment: the comparator's figure for the assessment's year (from the input's
``comparators`` or the published statistics), moved by the rule's margin, and the operator
that means "worse" or "better" in the metric's own direction. The engine receives the
threshold as a fact attribute; the evaluator compares with it; both use this module, so they
cannot disagree about what a comparison means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from checker.engine.conditions import CompareOp, Versus

#: The comparator's attribute for each comparison (quartile: the worse or the better end).
FIGURE: dict[str, str] = {
    "national": "national", "region": "region", "neighbours": "statistical_neighbours",
}
LABEL: dict[str, str] = {
    "national": "England", "region": "region", "statistical_neighbours": "neighbours",
    "lower_quartile": "lower quartile", "upper_quartile": "upper quartile",
}


class Figures(Protocol):
    """One metric's comparators for one year (``checker.stats`` resolves them)."""

    @property
    def national(self) -> float | None: ...

    @property
    def region(self) -> float | None: ...

    @property
    def statistical_neighbours(self) -> float | None: ...

    @property
    def lower_quartile(self) -> float | None: ...

    @property
    def upper_quartile(self) -> float | None: ...

    @property
    def year(self) -> str | None: ...


@dataclass(frozen=True)
class Threshold:
    op: CompareOp
    value: float
    #: Which figure, for the report: "England 2023", "upper quartile 2023".
    label: str


def figure_name(versus: Versus, polarity: str) -> str:
    """The comparator attribute a comparison reads."""
    if versus.comparator != "quartile":
        return FIGURE[versus.comparator]
    higher_better = polarity == "higher_is_better"
    worse_end = "lower_quartile" if higher_better else "upper_quartile"
    better_end = "upper_quartile" if higher_better else "lower_quartile"
    return worse_end if versus.relation == "worse" else better_end


def direction_op(versus: Versus, polarity: str | None) -> CompareOp:
    """The comparison meaning "worse" (or "better") in the metric's direction."""
    higher_means_worse = polarity == "lower_is_better"
    above = (versus.relation == "worse") == higher_means_worse
    if versus.negated:
        return "lte" if above else "gte"
    return "gt" if above else "lt"


def threshold(versus: Versus, polarity: str | None, figures: Figures | None
              ) -> Threshold | None:
    """The threshold for this assessment, or None when the figure is not known (or the metric
    has no direction, which lint refuses)."""
    if polarity not in {"higher_is_better", "lower_is_better"} or figures is None:
        return None
    name = figure_name(versus, polarity)
    base: float | None = getattr(figures, name)
    if base is None:
        return None
    op = direction_op(versus, polarity)
    margin = versus.by + abs(base) * versus.by_pct / 100
    # Worse in a lower-is-better measure means above: the threshold moves up by the margin.
    away = 1 if (versus.relation == "worse") == (polarity == "lower_is_better") else -1
    value = base + away * margin + 0.0
    year = f" {figures.year}" if figures.year else ""
    sign = "+" if away > 0 else "-"
    if versus.by:
        shift = f" {sign} {versus.by:g}"
    elif versus.by_pct:
        shift = f" {sign} {versus.by_pct:g}%"
    else:
        shift = ""
    return Threshold(op, value, f"{LABEL[name]}{year}{shift}")


COMPARATOR_PREFIX = "comparators."


def missing_figure(versus: Versus, polarity: str | None) -> str:
    """How a data gap names a comparator that is not known: ``comparators.<metric>.<figure>``."""
    name = figure_name(versus, polarity or "lower_is_better")
    return f"{COMPARATOR_PREFIX}{versus.metric}.{name}"
