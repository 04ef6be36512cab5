"""Hold predictions against published judgements.

Each example self-assessment ``<name>.json`` sits beside ``<name>.outcomes.yaml``: the graded
judgements of the source's record of main findings, in the source's own framework, and their
mapping to the current framework's areas. The backtest checks every example in both framework
views, compares predicted and published grades on Ofsted's four-point scale (1 outstanding,
2 good, 3 adequate or requires improvement, 4 inadequate), and reports exact and within-one
rates beside the baseline that always predicts the commonest published grade. An area the
model cannot predict (band "unknown") counts as a miss, never as a hit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidAssessment, Problem
from checker.inputs.assessment import load_assessment
from checker.inputs.schemas import load_valid
from checker.rules.frameworks import DEFAULT_FRAMEWORK, Framework, frameworks
from checker.rules.loader import Rulebook
from checker.scoring.params import ModelParams
from checker.scoring.risk import AreaResult, OverallResult
from checker.scoring.run import Checker

RANK_LABEL = {1: "outstanding", 2: "good", 3: "adequate / requires improvement", 4: "inadequate"}
COLUMNS = ("outstanding", "good", "adequate / requires improvement", "inadequate", "not predicted")


@dataclass
class PublishedJudgement:
    judgement: str
    key: str | None
    grade: str
    #: The part of the record of main findings it is in ("Safeguarding services").
    section: str | None = None

    @property
    def label(self) -> str:
        return f"{self.section}: {self.judgement}" if self.section else self.judgement


@dataclass
class MappedJudgement:
    area: str
    grade: str


@dataclass
class Outcomes:
    """A ``<name>.outcomes.yaml`` file (schemas/outcomes.schema.json)."""

    source: str
    framework: str
    graded: bool
    summary: str
    judgements: tuple[PublishedJudgement, ...]
    current_framework: tuple[MappedJudgement, ...]


@dataclass
class Comparison:
    example: str
    view: str  # "published" (source framework) or "current" (mapped to ilacs-2026)
    framework: str
    key: str
    title: str
    published: int
    predicted: int | None
    band: str

    @property
    def error(self) -> int | None:
        return None if self.predicted is None else abs(self.predicted - self.published)

    @property
    def verdict(self) -> str:
        if self.error is None:
            return f"not predicted (band {self.band})"
        return "exact" if self.error == 0 else f"off by {self.error}"


@dataclass
class Scores:
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.comparisons)

    @property
    def predicted(self) -> int:
        return sum(1 for c in self.comparisons if c.predicted is not None)

    def rate(self, within: int) -> float:
        hits = sum(1 for c in self.comparisons if c.error is not None and c.error <= within)
        return hits / self.total if self.total else 0.0

    def predicted_only(self) -> Scores:
        """The comparisons the model made a prediction for (band not unknown)."""
        return Scores([c for c in self.comparisons if c.predicted is not None])

    def baseline(self, grade: int | None = None) -> tuple[int, float, float]:
        """(grade, exact rate, within-one rate) of always predicting ``grade``, by default the
        commonest published grade."""
        if not self.comparisons:
            return 0, 0.0, 0.0
        counts = Counter(c.published for c in self.comparisons)
        commonest = grade if grade is not None else min(
            counts, key=lambda rank: (-counts[rank], rank))
        exact = sum(1 for c in self.comparisons if c.published == commonest) / self.total
        near = sum(1 for c in self.comparisons if abs(c.published - commonest) <= 1) / self.total
        return commonest, exact, near

    def confusion(self) -> dict[str, dict[str, int]]:
        matrix = {RANK_LABEL[rank]: dict.fromkeys(COLUMNS, 0) for rank in (1, 2, 3, 4)}
        for c in self.comparisons:
            column = RANK_LABEL[c.predicted] if c.predicted is not None else "not predicted"
            matrix[RANK_LABEL[c.published]][column] += 1
        return matrix

    def as_dict(self) -> dict[str, Any]:
        commonest, base_exact, base_near = self.baseline()
        return {
            "judgements": self.total,
            "predicted": self.predicted,
            "exact_rate": round(self.rate(0), 4),
            "within_one_rate": round(self.rate(1), 4),
            "baseline": {
                "grade": RANK_LABEL.get(commonest),
                "exact_rate": round(base_exact, 4),
                "within_one_rate": round(base_near, 4),
            },
            "confusion": self.confusion(),
            "on_predicted": self.on_predicted(),
        }

    def on_predicted(self) -> dict[str, Any]:
        """Model and baseline rates restricted to the judgements the model predicted, so the
        model's abstentions do not count against it (the baseline keeps its overall grade)."""
        subset = self.predicted_only()
        _, base_exact, base_near = subset.baseline(self.baseline()[0])
        return {
            "judgements": subset.total,
            "exact_rate": round(subset.rate(0), 4),
            "within_one_rate": round(subset.rate(1), 4),
            "baseline_exact_rate": round(base_exact, 4),
            "baseline_within_one_rate": round(base_near, 4),
        }


@dataclass
class BacktestResult:
    examples: list[dict[str, Any]]
    published: Scores
    current: Scores

    def as_dict(self) -> dict[str, Any]:
        return {
            "examples": self.examples,
            "published_frameworks": self.published.as_dict(),
            "current_framework": self.current.as_dict(),
            "comparisons": [
                {"example": c.example, "view": c.view, "framework": c.framework, "key": c.key,
                 "title": c.title, "published": RANK_LABEL[c.published],
                 "predicted": RANK_LABEL.get(c.predicted) if c.predicted else None,
                 "band": c.band, "error": c.error}
                for c in (*self.published.comparisons, *self.current.comparisons)
            ],
        }


def _rank(framework: Framework, grade: str, where: str) -> int:
    found = framework.grade(grade)
    if found is None:
        raise InvalidAssessment([Problem(file=where, message=f"grade {grade!r} is not on the "
                                         f"{framework.id} scale")])
    return found.rank


def load_outcomes(path: Path) -> Outcomes:
    data = load_valid(path, "outcomes", InvalidAssessment).data
    return Outcomes(
        source=data["source"],
        framework=data["framework"],
        graded=data["graded"],
        summary=data["summary"],
        judgements=tuple(PublishedJudgement(j["judgement"], j["key"], j["grade"],
                                            j.get("section"))
                         for j in data.get("judgements", ())),
        current_framework=tuple(MappedJudgement(m["area"], m["grade"])
                                for m in data.get("current_framework", ())),
    )


def _predictions(checker: Checker, example: Path, framework: Framework
                 ) -> dict[str, tuple[str, str, int | None]]:
    result = checker.check(load_assessment(example), framework)
    found: dict[str, tuple[str, str, int | None]] = {}
    items: list[AreaResult | OverallResult] = [*result.areas, *result.overall]
    for item in items:
        found[item.key] = (item.title, item.band, item.grade.rank if item.grade else None)
    return found


def find_examples(directory: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for outcomes in sorted(directory.glob("*.outcomes.yaml")):
        stem = outcomes.name.removesuffix(".outcomes.yaml")
        for suffix in (".json", ".yaml", ".yml"):
            example = outcomes.with_name(stem + suffix)
            if example.is_file():
                pairs.append((example, outcomes))
                break
        else:
            raise InvalidAssessment([Problem(file=str(outcomes), message=(
                f"no self-assessment {stem}.json beside these outcomes"))])
    return pairs


def run_backtest(directory: Path, rulebook: Rulebook, params: ModelParams | None = None
                 ) -> BacktestResult:
    checker = Checker(rulebook, params)
    known = frameworks()
    current = known[DEFAULT_FRAMEWORK]
    examples: list[dict[str, Any]] = []
    published = Scores()
    mapped = Scores()
    for example, outcomes_path in find_examples(directory):
        outcomes = load_outcomes(outcomes_path)
        name = example.stem
        where = str(outcomes_path)
        if outcomes.framework not in known:
            raise InvalidAssessment([Problem(file=where, message=(
                f"unknown framework {outcomes.framework!r}"))])
        own = known[outcomes.framework]
        own_predictions = _predictions(checker, example, own)
        skipped = []
        for judgement in outcomes.judgements:
            if judgement.key is None:
                skipped.append(judgement.label)
                continue
            if judgement.key not in own_predictions:
                raise InvalidAssessment([Problem(file=where, message=(
                    f"judgement key {judgement.key!r} ({judgement.label}) is not a judgement of "
                    f"{own.id}; use null for judgements the framework does not model"))])
            title, band, rank = own_predictions[judgement.key]
            published.comparisons.append(Comparison(
                name, "published", own.id, judgement.key, title,
                _rank(own, judgement.grade, where), rank, band))
        current_predictions = _predictions(checker, example, current)
        for item in outcomes.current_framework:
            if item.area not in current_predictions:
                raise InvalidAssessment([Problem(file=where, message=(
                    f"{item.area!r} is not an area of {current.id}"))])
            title, band, rank = current_predictions[item.area]
            mapped.comparisons.append(Comparison(
                name, "current", current.id, item.area, title,
                _rank(current, item.grade, where), rank, band))
        examples.append({
            "example": name,
            "source": outcomes.source,
            "framework": outcomes.framework,
            "graded": outcomes.graded,
            "summary": outcomes.summary,
            "judgements_compared": sum(1 for c in published.comparisons if c.example == name),
            "judgements_not_modelled": skipped,
        })
    return BacktestResult(examples, published, mapped)
