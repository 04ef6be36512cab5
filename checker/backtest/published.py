"""Predictions from published statistics held against Ofsted's published judgements.

For every SIF and ILACS inspection in ``inspections.csv`` (the shared data's file), the
authority is prefilled as of the inspection's start (:mod:`checker.stats.prefill`: its
published figures for the latest years ending before that date, nothing later), checked with
the shipped rules in the current framework, and each area's predicted band compared with the
published grade mapped to that area (``rules/frameworks/published-judgements.yaml``).

Every figure is out of fold: the published-figures cut-offs that band an inspection are
fitted (``checker.backtest.fit``) on the inspections of other authorities only, in five folds
grouped by authority. Bands stand for grade groups (low = good or better, medium = requires
improvement, high = inadequate) and are compared in those groups; ``unknown`` predicts nothing
and counts as a miss in the rates over all judgements. Inspections missing from the file (held
back) are simply absent: nothing is reconstructed. The metrics are in :class:`Summary`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.backtest.fit import (
    Case,
    auc,
    baseline,
    calibration,
    fit_cutoffs,
    folds,
    three_way,
)
from checker.core.errors import InvalidAssessment, InvalidRequest, InvalidRules, Problem
from checker.core.resources import rules_dir
from checker.inputs.assessment import from_data
from checker.inputs.schemas import load_valid
from checker.rules.frameworks import Framework, frameworks
from checker.rules.loader import Rulebook
from checker.scoring.params import Cutoffs, ModelParams
from checker.scoring.risk import AreaResult, OverallResult, reband
from checker.scoring.run import AssessmentResult, Checker
from checker.stats.prefill import build_prefill, prefill_data
from checker.stats.published import ATTRIBUTION, Statistics, published

MAPPING_FILE = "published-judgements.yaml"
#: The repository a source checkout runs from; the shared data sit beside it.
_REPOSITORY = Path(__file__).resolve().parents[2]
REQUIRED_COLUMNS = ("la_code", "la_name", "framework", "inspection_start", "published")
GRADE_LABEL = {1: "outstanding", 2: "good", 3: "requires improvement", 4: "inadequate"}
PREDICTED_COLUMNS = ("outstanding", "good", "requires improvement", "inadequate",
                     "not predicted")
INADEQUATE = 4
SOURCES = ("Ofsted: local authority children's services inspection outcomes (inspections.csv "
           "of the shared data: Children's social care data in England 2023; LA inspection "
           "outcomes as at 31 March 2025; the published reports). DfE: the published "
           "statistics shipped with the tool (children in need, children looked after, "
           "children's social work workforce, LAIT, statistical neighbours). " + ATTRIBUTION)


@dataclass(frozen=True)
class JudgementMap:
    column: str
    area: str
    since: dt.date | None = None
    until: dt.date | None = None

    def applies(self, start: dt.date) -> bool:
        return not ((self.since and start < self.since) or (self.until and start > self.until))


@dataclass(frozen=True)
class Mapping:
    current_framework: str
    grades: dict[str, int]
    fallback_days: int
    frameworks: dict[str, tuple[JudgementMap, ...]]


def default_inspections() -> Path | None:
    """``../shared/data/inspections.csv`` beside the repository, if it is there."""
    path = _REPOSITORY.parent / "shared" / "data" / "inspections.csv"
    return path if path.is_file() else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_mapping(path: Path | None = None) -> Mapping:
    """The mapping file (schemas/published-judgements.schema.json), checked against the
    current framework's areas."""
    where = path or rules_dir() / "frameworks" / MAPPING_FILE
    data = load_valid(where, "published-judgements", InvalidRules).data
    current = frameworks().get(data["current_framework"])
    if current is None:
        raise InvalidRules([Problem(file=str(where), pointer="/current_framework",
                                    message=f"unknown framework {data['current_framework']!r}")])
    keys = {area.key for area in current.areas} | {item.key for item in current.overall}
    found: dict[str, tuple[JudgementMap, ...]] = {}
    for name, node in data["frameworks"].items():
        items = tuple(JudgementMap(j["column"], j["area"], _day(j.get("since")),
                                   _day(j.get("until"))) for j in node["judgements"])
        stray = sorted({item.area for item in items} - keys)
        if stray:
            raise InvalidRules([Problem(file=str(where), pointer=f"/frameworks/{name}",
                                        message=f"{stray} are not areas of {current.id}")])
        found[name] = items
    return Mapping(current.id, dict(data["grades"]), int(data["start_fallback_days"]), found)


@dataclass(frozen=True)
class Inspection:
    code: str
    name: str
    framework: str
    start: dt.date
    #: True when the fieldwork start is not published and the fallback date stands in.
    start_estimated: bool
    published: dt.date
    grades: dict[str, str]


def _inspection(row: dict[str, str], mapping: Mapping) -> Inspection:
    published_on = dt.date.fromisoformat(row["published"])
    start = _day(row["inspection_start"])
    return Inspection(
        code=row["la_code"], name=row["la_name"], framework=row["framework"],
        start=start or published_on - dt.timedelta(days=mapping.fallback_days),
        start_estimated=start is None, published=published_on,
        grades={key: value for key, value in row.items() if value})


def read_inspections(path: Path, mapping: Mapping) -> list[Inspection]:
    """The inspections of ``path`` under the mapped frameworks, in file order."""
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InvalidRequest([Problem(file=str(path), message=f"cannot read: {error}")]
                             ) from None
    missing = [c for c in REQUIRED_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise InvalidRequest([Problem(file=str(path), message="not an inspections file",
                                      expected=f"columns {', '.join(REQUIRED_COLUMNS)}",
                                      found=f"missing {', '.join(missing)}" if rows else
                                      "no rows")])
    found = []
    for number, row in enumerate(rows, start=2):
        if row["framework"] not in mapping.frameworks:
            continue
        try:
            found.append(_inspection(row, mapping))
        except ValueError as error:
            raise InvalidRequest([Problem(file=str(path), line=number,
                                          message=f"bad date: {error}")]) from None
    return found


@dataclass
class Judgement:
    """One published judgement beside the model's prediction for its area."""

    inspection: Inspection
    area: str
    published: int
    band: str
    predicted: int | None
    #: The published-figures score (checks failed) for an area; None for the overall view
    #: or without enough published figures.
    score: int | None
    coverage: float | None

    @property
    def error(self) -> int | None:
        """Grades apart, in three groups (good or better, requires improvement, inadequate:
        what the bands stand for); None when nothing was predicted."""
        if self.predicted is None:
            return None
        return abs(three_way(self.predicted) - three_way(self.published))


@dataclass(frozen=True)
class Skipped:
    inspection: Inspection
    reason: str


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass
class Summary:
    """The metrics of a set of judgements."""

    judgements: list[Judgement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.judgements)

    @property
    def predicted(self) -> list[Judgement]:
        return [j for j in self.judgements if j.predicted is not None]

    def rate(self, within: int, *, predicted_only: bool = False) -> float | None:
        pool = self.predicted if predicted_only else self.judgements
        hits = sum(1 for j in pool if j.error is not None and j.error <= within)
        return _rate(hits, len(pool))

    def recall(self) -> float | None:
        """Of the published inadequate judgements, the share predicted high."""
        bad = [j for j in self.judgements if j.published == INADEQUATE]
        return _rate(sum(1 for j in bad if j.predicted == INADEQUATE), len(bad))

    def precision(self) -> float | None:
        """Of the judgements predicted high, the share published inadequate."""
        high = [j for j in self.judgements if j.predicted == INADEQUATE]
        return _rate(sum(1 for j in high if j.published == INADEQUATE), len(high))

    def auc(self) -> float | None:
        """ROC AUC of the area score against a published inadequate (areas only)."""
        scored = [j for j in self.judgements if j.score is not None]
        return auc([j.score for j in scored if j.published == INADEQUATE and j.score is not None],
                   [j.score for j in scored if j.published != INADEQUATE and j.score is not None])

    def baseline(self) -> tuple[int | None, float | None, float | None]:
        """(grade, exact, within one) of always predicting this set's commonest grade group
        (ties: the better). It is fitted on the very judgements it is scored on."""
        if not self.judgements:
            return None, None, None
        return baseline([j.published for j in self.judgements])

    def confusion(self) -> dict[str, dict[str, int]]:
        matrix = {GRADE_LABEL[rank]: dict.fromkeys(PREDICTED_COLUMNS, 0) for rank in GRADE_LABEL}
        for j in self.judgements:
            column = GRADE_LABEL[j.predicted] if j.predicted is not None else "not predicted"
            matrix[GRADE_LABEL[j.published]][column] += 1
        return matrix

    def as_dict(self) -> dict[str, Any]:
        grade, base_exact, base_near = self.baseline()
        return {
            "judgements": self.total, "predicted": len(self.predicted),
            "exact_rate": _round(self.rate(0)), "within_one_rate": _round(self.rate(1)),
            "exact_rate_predicted": _round(self.rate(0, predicted_only=True)),
            "within_one_rate_predicted": _round(self.rate(1, predicted_only=True)),
            "inadequate_recall": _round(self.recall()),
            "inadequate_precision": _round(self.precision()),
            "auc": _round(self.auc()),
            "baseline": {"grade": GRADE_LABEL.get(grade or 0), "exact_rate": _round(base_exact),
                         "within_one_rate": _round(base_near)},
            "confusion": self.confusion(),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class PublishedBacktest:
    source: str
    framework: str
    areas: tuple[str, ...]
    inspections: list[Inspection]
    judgements: list[Judgement]
    skipped: list[Skipped]
    #: Days before publication that stand in for a missing fieldwork start.
    fallback_days: int = 0

    def summary(self, *, framework: str | None = None, area: str | None = None,
                year: int | None = None) -> Summary:
        return Summary([j for j in self.judgements
                        if (framework is None or j.inspection.framework == framework)
                        and (area is None or j.area == area)
                        and (year is None or j.inspection.start.year == year)])

    @property
    def frameworks(self) -> list[str]:
        return sorted({i.framework for i in self.inspections})

    @property
    def years(self) -> list[int]:
        return sorted({j.inspection.start.year for j in self.judgements})

    @property
    def estimated_starts(self) -> int:
        return sum(1 for i in self.inspections if i.start_estimated)


def _compare(inspection: Inspection, mapping: Mapping, areas: Sequence[AreaResult],
             overall: Sequence[OverallResult], score: int | None) -> list[Judgement]:
    predictions: dict[str, tuple[str, int | None, float | None]] = {
        area.key: (area.band, area.grade.rank if area.grade else None, area.coverage)
        for area in areas}
    predictions.update({item.key: (item.band, item.grade.rank if item.grade else None, None)
                        for item in overall})
    found = []
    for item in mapping.frameworks[inspection.framework]:
        grade = inspection.grades.get(item.column)
        if not grade or not item.applies(inspection.start):
            continue
        if grade not in mapping.grades:
            raise InvalidRequest([Problem(file="inspections", message=(
                f"{inspection.name} ({inspection.code}), {inspection.published}: grade "
                f"{grade!r} in {item.column} is not on the scale"))])
        band, rank, coverage = predictions[item.area]
        is_area = item.area in {area.key for area in areas}
        found.append(Judgement(inspection, item.area, mapping.grades[grade], band, rank,
                               score if is_area else None, coverage))
    return found


def _check(checker: Checker, framework: Framework, inspection: Inspection,
           statistics: Statistics, as_published: bool) -> AssessmentResult:
    prefill = build_prefill(inspection.code, inspection.start, statistics,
                            as_published=as_published)
    assessment = from_data(prefill_data(prefill),
                           name=f"{inspection.code} {inspection.start.isoformat()}")
    return checker.check(assessment, framework)


def _fold_params(checked: Sequence[tuple[Inspection, AssessmentResult]], mapping: Mapping,
                 training: set[int], params: ModelParams) -> ModelParams:
    """The model with published cut-offs fitted on the ``training`` inspections only."""
    cases: dict[str, list[Case]] = {area: [] for area in params.published}
    for index in training:
        inspection, result = checked[index]
        score = result.published.score
        if score is None:
            continue
        for item in mapping.frameworks[inspection.framework]:
            grade = inspection.grades.get(item.column)
            if grade in mapping.grades and item.area in cases and item.applies(inspection.start):
                cases[item.area].append(Case(inspection.code, score, mapping.grades[grade]))
    cutoffs = {}
    for area, found in cases.items():
        fitted = fit_cutoffs(found)
        cutoffs[area] = Cutoffs(fitted.medium_at, fitted.high_at, tuple(calibration(found)))
    return replace(params, published=cutoffs)


def _out_of_fold(checked: Sequence[tuple[Inspection, AssessmentResult]], mapping: Mapping,
                 framework: Framework, params: ModelParams) -> list[Judgement]:
    """Every inspection banded with published cut-offs fitted without its authority."""
    judgements: list[tuple[int, list[Judgement]]] = []
    for held in folds([inspection.code for inspection, _r in checked]):
        held_set = set(held)
        fold = _fold_params(checked, mapping, set(range(len(checked))) - held_set, params)
        for index in held:
            inspection, result = checked[index]
            areas, overall = reband(framework, result.areas, result.published, fold)
            judgements.append((index, _compare(inspection, mapping, areas, overall,
                                               result.published.score)))
    return [j for _index, found in sorted(judgements, key=lambda x: x[0]) for j in found]


def select(inspections: Iterable[Inspection], *, since: dt.date | None = None,
           until: dt.date | None = None, codes: set[str] | None = None) -> list[Inspection]:
    return [i for i in inspections
            if (since is None or i.start >= since) and (until is None or i.start <= until)
            and (codes is None or i.code in codes)]


def run_published_backtest(path: Path, rulebook: Rulebook, *, since: dt.date | None = None,
                           until: dt.date | None = None, authority: str | None = None,
                           progress: Callable[[Sequence[Inspection]], Iterable[Inspection]]
                           | None = None, as_published: bool = False) -> PublishedBacktest:
    """Prefill, check and compare every selected inspection of ``path`` (with
    ``as_published``, from the figures DfE had published by the fieldwork start)."""
    mapping = load_mapping()
    statistics = published()
    codes = None
    if authority is not None:
        codes = statistics.matching_codes(authority)
        if not codes:
            statistics.find_authority(authority)  # raises with a suggestion
    chosen = select(read_inspections(path, mapping), since=since, until=until, codes=codes)
    framework = frameworks()[mapping.current_framework]
    checker = Checker(rulebook)
    keys = (*(a.key for a in framework.areas), *(o.key for o in framework.overall))
    result = PublishedBacktest(path.name, framework.id, keys, [], [], [],
                               mapping.fallback_days)
    checked: list[tuple[Inspection, AssessmentResult]] = []
    for inspection in (progress(chosen) if progress else chosen):
        try:
            checked.append((inspection, _check(checker, framework, inspection, statistics,
                                               as_published)))
        except (InvalidRequest, InvalidAssessment) as error:
            result.skipped.append(Skipped(inspection, "; ".join(
                p.message for p in error.problems)))
    result.inspections.extend(inspection for inspection, _r in checked)
    result.judgements.extend(_out_of_fold(checked, mapping, framework, checker.params))
    return result
