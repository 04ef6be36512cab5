"""Fitting the risk model's band cut-offs, and judging them out of fold.

The same procedure serves ``scripts/fit_model.py`` (which fits on every case and writes
``rules/model.yaml``) and ``checker backtest --published --cross-validate`` (which fits on the
training folds and scores the held-out fold, so the figures it prints are out of fold):

* **high** starts at the lowest score from which inadequate judgements were at least twice as
  common as among all the cases (and at least :data:`MIN_CASES` cases score that much), so a
  high band means the odds of an inadequate judgement are clearly raised, not that an
  ordinary council is in trouble (about one council in ten is judged inadequate);
* **medium** starts at the lowest score (at least 1) from which requires improvement or worse
  was more common than among all the cases.

Folds are grouped by authority (an authority's inspections are never in both the fitting and
the scoring folds) and assigned deterministically from a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

#: How much more common than overall inadequate judgements must be for the high band, and
#: requires improvement or worse for the medium band.
HIGH_LIFT = 2.0
MEDIUM_LIFT = 1.0
#: Fewest cases at or above a cut-off for it to count.
MIN_CASES = 10
INADEQUATE = 4
#: Score bins of the calibration tables (inclusive ranges; the last is open).
BINS: tuple[tuple[int, int | None], ...] = ((0, 0), (1, 2), (3, 4), (5, 6), (7, None))


@dataclass(frozen=True)
class Case:
    """One published judgement (or one report) and the score the model gave it."""

    group: str  # the authority: folds never split one
    score: int
    grade: int  # 1 outstanding ... 4 inadequate


@dataclass(frozen=True)
class Fitted:
    medium_at: int
    high_at: int

    def band(self, score: int) -> str:
        if score >= self.high_at:
            return "high"
        return "medium" if score >= self.medium_at else "low"


def _lowest_with_lift(cases: Sequence[Case], worse: int, lift: float, floor: int) -> int:
    """The lowest score s >= ``floor`` from which grades >= ``worse`` are more than ``lift``
    times as common as among all cases; one above the top score if there is none."""
    top = max((c.score for c in cases), default=0)
    overall = sum(1 for c in cases if c.grade >= worse) / len(cases) if cases else 0.0
    for score in range(floor, top + 1):
        above = [c for c in cases if c.score >= score]
        share = sum(1 for c in above if c.grade >= worse) / len(above) if above else 0.0
        if len(above) >= MIN_CASES and overall and share > lift * overall:
            return score
    return top + 1


def fit_cutoffs(cases: Sequence[Case]) -> Fitted:
    medium = _lowest_with_lift(cases, 3, MEDIUM_LIFT, 1)
    high = _lowest_with_lift(cases, INADEQUATE, HIGH_LIFT, medium + 1)
    return Fitted(medium, max(high, medium + 1))


def folds(cases: Sequence[Case], k: int = 5, seed: int = 2024) -> list[list[int]]:
    """Indices of ``cases`` in ``k`` folds, every authority's cases in one fold."""
    groups = sorted({case.group for case in cases})
    random.Random(seed).shuffle(groups)  # noqa: S311 - fold assignment, not security
    fold_of = {group: index % k for index, group in enumerate(groups)}
    found: list[list[int]] = [[] for _ in range(k)]
    for index, case in enumerate(cases):
        found[fold_of[case.group]].append(index)
    return found


def out_of_fold_bands(cases: Sequence[Case], k: int = 5, seed: int = 2024) -> list[str]:
    """Each case's band under cut-offs fitted without its authority."""
    bands = [""] * len(cases)
    for held in folds(cases, k, seed):
        held_set = set(held)
        fitted = fit_cutoffs([c for i, c in enumerate(cases) if i not in held_set])
        for index in held:
            bands[index] = fitted.band(cases[index].score)
    return bands


@dataclass(frozen=True)
class Row:
    low: int
    high: int | None
    cases: int
    inadequate: int
    requires_improvement: int
    good_or_better: int


def calibration(cases: Sequence[Case]) -> list[Row]:
    """How the cases in each score bin were judged."""
    rows = []
    for low, high in BINS:
        inside = [c for c in cases if c.score >= low and (high is None or c.score <= high)]
        rows.append(Row(low, high, len(inside),
                        sum(1 for c in inside if c.grade == INADEQUATE),
                        sum(1 for c in inside if c.grade == 3),
                        sum(1 for c in inside if c.grade <= 2)))
    return rows
