"""Fitting the risk model's band cut-offs, and judging them out of fold.

The same procedure serves ``scripts/fit_model.py`` (which fits on every case and writes
``rules/model.yaml``) and the backtests (which fit on the training folds and band the held-out
fold, so every figure they print is out of fold).

A score places a case in a band through two cut-offs (``medium_at`` <= score: medium, and
``high_at`` <= score: high). Bands stand for grades: low for good or better, medium for requires
improvement, high for inadequate. The cut-offs are chosen on the training cases:

1. among all pairs whose high band finds at least :data:`TARGET_RECALL` of the inadequate
   judgements with a precision of at least :data:`TARGET_PRECISION`, the pair with the best
   exact agreement over the three grades (ties: the lower cut-offs);
2. if no pair does, ``medium_at`` is the one with the best exact agreement and ``high_at`` the
   lowest score from which inadequate judgements are at least :data:`HIGH_LIFT` times as common
   as among all the cases (with at least :data:`MIN_CASES` cases that high), so a high band
   still means the odds of an inadequate judgement are clearly raised; about one council in
   ten is judged inadequate, and a high band for an ordinary council would be ignored.

Folds are grouped by authority (an authority's inspections or reports are never in both the
fitting and the scoring folds) and assigned deterministically from a seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from checker.scoring.params import CalibrationRow

TARGET_RECALL = 0.6
TARGET_PRECISION = 0.35
HIGH_LIFT = 2.0
#: Fewest cases at or above a lift-based cut-off for it to count.
MIN_CASES = 10
INADEQUATE = 4
#: The grade each band stands for (good or better counts as good).
BAND_GRADE = {"low": 2, "medium": 3, "high": 4}
Bins = tuple[tuple[int, int | None], ...]
#: Calibration bins (inclusive; the last is open): published checks failed.
COUNT_BINS: Bins = ((0, 0), (1, 2), (3, 4), (5, 6), (7, None))
#: Calibration bins for a percentage score.
PERCENT_BINS: Bins = ((0, 9), (10, 19), (20, 29), (30, 39), (40, None))


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


def three_way(grade: int) -> int:
    """Good or better (2), requires improvement (3) or inadequate (4)."""
    return max(grade, 2)


@dataclass(frozen=True)
class Agreement:
    """How a set of predicted grades agrees with the published ones."""

    exact: float
    within_one: float
    recall: float | None  # of the inadequate judgements, the share predicted inadequate
    precision: float | None  # of the predicted inadequate, the share judged inadequate


def agreement(grades: Sequence[int], predicted: Sequence[int]) -> Agreement:
    pairs = [(three_way(g), p) for g, p in zip(grades, predicted, strict=True)]
    if not pairs:
        return Agreement(0.0, 0.0, None, None)
    hits = sum(1 for g, p in pairs if g == INADEQUATE and p == INADEQUATE)
    bad = sum(1 for g, _p in pairs if g == INADEQUATE)
    high = sum(1 for _g, p in pairs if p == INADEQUATE)
    return Agreement(sum(1 for g, p in pairs if g == p) / len(pairs),
                     sum(1 for g, p in pairs if abs(g - p) <= 1) / len(pairs),
                     hits / bad if bad else None, hits / high if high else None)


def _lowest_with_lift(cases: Sequence[Case], lift: float, floor: int) -> int:
    """The lowest score s >= ``floor`` from which inadequate judgements are more than ``lift``
    times as common as among all cases; one above the top score if there is none."""
    top = max((c.score for c in cases), default=0)
    overall = sum(1 for c in cases if c.grade >= INADEQUATE) / len(cases) if cases else 0.0
    for score in range(floor, top + 1):
        above = [c for c in cases if c.score >= score]
        share = sum(1 for c in above if c.grade >= INADEQUATE) / len(above) if above else 0.0
        if len(above) >= MIN_CASES and overall and share > lift * overall:
            return score
    return top + 1


class _Table:
    """Cases counted by score and grade, so any pair of cut-offs is judged in constant time."""

    def __init__(self, cases: Sequence[Case]) -> None:
        scores = sorted({c.score for c in cases})
        self.candidates = [*scores, (scores[-1] if scores else 0) + 1]
        position = {score: i for i, score in enumerate(self.candidates)}
        # below[g][i]: cases of three-way grade g scoring below candidates[i]
        self.below = {g: [0] * (len(self.candidates) + 1) for g in (2, 3, 4)}
        for case in cases:
            self.below[three_way(case.grade)][position[case.score] + 1] += 1
        for counts in self.below.values():
            for i in range(1, len(counts)):
                counts[i] += counts[i - 1]
        self.total = len(cases)

    def _between(self, grade: int, low: int, high: int) -> int:
        return self.below[grade][high] - self.below[grade][low]

    def judge(self, medium: int, high: int) -> Agreement:
        """Agreement of the cut-offs (candidates[medium], candidates[high])."""
        end = len(self.candidates)
        hits = self._between(4, high, end)
        exact = self._between(2, 0, medium) + self._between(3, medium, high) + hits
        near = self.total - self._between(4, 0, medium) - self._between(2, high, end)
        bad, flagged = self._between(4, 0, end), sum(self._between(g, high, end) for g in (2, 3, 4))
        total = self.total or 1
        return Agreement(exact / total, near / total, hits / bad if bad else None,
                         hits / flagged if flagged else None)


def fit_cutoffs(cases: Sequence[Case]) -> Fitted:
    """The cut-offs for ``cases`` (see the module documentation)."""
    table = _Table(cases)
    values = table.candidates
    best: tuple[float, Fitted] | None = None
    best_medium: tuple[float, int] | None = None
    for medium in range(len(values)):
        for high in range(medium + 1, len(values)):
            found = table.judge(medium, high)
            meets = (found.recall or 0.0) >= TARGET_RECALL and (
                found.precision or 0.0) >= TARGET_PRECISION
            if meets and (best is None or found.exact > best[0]):
                best = (found.exact, Fitted(values[medium], values[high]))
        exact_medium = table.judge(medium, len(values) - 1).exact
        if best_medium is None or exact_medium > best_medium[0]:
            best_medium = (exact_medium, values[medium])
    if best is not None:
        return best[1]
    medium_at = best_medium[1] if best_medium else 1
    high_at = _lowest_with_lift(cases, HIGH_LIFT, 1)
    medium_at = min(medium_at, high_at - 1) if high_at > 1 else medium_at
    return Fitted(medium_at, max(high_at, medium_at + 1))


def folds(groups: Sequence[str], k: int = 5, seed: int = 2024) -> list[list[int]]:
    """Indices of ``groups`` (one authority per item) in ``k`` folds, every authority in one
    fold."""
    distinct = sorted(set(groups))
    random.Random(seed).shuffle(distinct)  # noqa: S311 - fold assignment, not security
    fold_of = {group: index % k for index, group in enumerate(distinct)}
    found: list[list[int]] = [[] for _ in range(k)]
    for index, group in enumerate(groups):
        found[fold_of[group]].append(index)
    return found


def out_of_fold_bands(cases: Sequence[Case], k: int = 5, seed: int = 2024) -> list[str]:
    """Each case's band under cut-offs fitted without its authority."""
    bands = [""] * len(cases)
    for held in folds([c.group for c in cases], k, seed):
        held_set = set(held)
        fitted = fit_cutoffs([c for i, c in enumerate(cases) if i not in held_set])
        for index in held:
            bands[index] = fitted.band(cases[index].score)
    return bands


def baseline(grades: Sequence[int]) -> tuple[int, float, float]:
    """(grade, exact, within one) of always predicting the commonest of the three grades
    (ties: the better); fitted on the very cases it is scored on, so flattering."""
    counts = Counter(three_way(g) for g in grades)
    grade = min(counts, key=lambda g: (-counts[g], g))
    found = agreement(grades, [grade] * len(grades))
    return grade, found.exact, found.within_one


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """Area under the ROC curve: the chance a positive scores above a negative, ties counting
    one half (Mann-Whitney U from mid-ranks); None without both classes."""
    if not positives or not negatives:
        return None
    pooled = sorted([*positives, *negatives])
    ranks: dict[float, float] = {}
    index = 0
    while index < len(pooled):
        end = index
        while end + 1 < len(pooled) and pooled[end + 1] == pooled[index]:
            end += 1
        ranks[pooled[index]] = (index + end) / 2 + 1
        index = end + 1
    rank_sum = sum(ranks[value] for value in positives)
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def calibration(cases: Sequence[Case], bins: Bins = COUNT_BINS) -> list[CalibrationRow]:
    """How the cases in each score bin were judged."""
    rows = []
    for low, high in bins:
        inside = [c for c in cases if c.score >= low and (high is None or c.score <= high)]
        rows.append(CalibrationRow(low, high, len(inside),
                                   sum(1 for c in inside if c.grade == INADEQUATE),
                                   sum(1 for c in inside if c.grade == 3),
                                   sum(1 for c in inside if c.grade <= 2)))
    return rows
