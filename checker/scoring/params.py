"""The risk model's numbers, kept as data beside the rules (``rules/model.yaml``).

The file is written by ``scripts/fit_model.py`` from the evidence (the published backtest and
the inspection-report corpus) and checked for staleness in CI; nothing here is a constant in
code. It holds:

* ``published``: the published-figures checklist (rule ids), how many of its checks must be
  evaluable for the score to count, and per judgement area the band cut-offs and the
  out-of-fold calibration table of the published backtest;
* ``local``: per area the band cut-offs for the authority's own figures and their
  out-of-fold calibration table on the report corpus;
* ``rules``: for each shipped rule, the evidence its severity rests on.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.errors import InvalidRules
from checker.core.resources import rules_dir
from checker.inputs.schemas import load_valid


@dataclass(frozen=True)
class CalibrationRow:
    """Out of fold: of the ``cases`` scoring from ``low`` to ``high`` (None: and above), how
    many were judged inadequate, requires improvement, good or better."""

    low: int
    high: int | None
    cases: int
    inadequate: int
    requires_improvement: int
    good_or_better: int

    def covers(self, score: int) -> bool:
        return score >= self.low and (self.high is None or score <= self.high)


@dataclass(frozen=True)
class Cutoffs:
    medium_at: int
    high_at: int
    calibration: tuple[CalibrationRow, ...] = ()

    def band(self, score: int) -> str:
        if score >= self.high_at:
            return "high"
        return "medium" if score >= self.medium_at else "low"

    def row(self, score: int) -> CalibrationRow | None:
        return next((row for row in self.calibration if row.covers(score)), None)


@dataclass(frozen=True)
class RuleEvidence:
    severity: str
    #: How much more often inspectors made the finding (or the check failed) where the area
    #: was judged inadequate than where it was good or better; None without such evidence.
    odds_ratio: float | None
    basis: str


@dataclass(frozen=True)
class ModelParams:
    published_checks: tuple[str, ...]
    min_published_evaluable: int
    published: Mapping[str, Cutoffs]
    local: Mapping[str, Cutoffs]
    rules: Mapping[str, RuleEvidence]
    #: What the published figures' out-of-fold calibration is called in reports.
    published_source: str
    local_source: str
    #: The share of an area's weight that counts as checked at the least (a local score
    #: is worked out of no less than this), and from which the local score counts.
    local_min_checked: float = 0.25
    #: From this share of an area's weight checked, the local score alone sets the band.
    local_decisive: float = 0.5


def _cutoffs(node: dict[str, Any]) -> Cutoffs:
    rows = tuple(CalibrationRow(r["low"], r.get("high"), r["cases"], r["inadequate"],
                                r["requires_improvement"], r["good_or_better"])
                 for r in node.get("calibration", ()))
    return Cutoffs(node["medium_at"], node["high_at"], rows)


@functools.cache
def model_params() -> ModelParams:
    data = load_valid(rules_dir() / "model.yaml", "model", InvalidRules).data
    published, local = data["published"], data["local"]
    return ModelParams(
        published_checks=tuple(published["checks"]),
        min_published_evaluable=published["min_evaluable"],
        published={key: _cutoffs(node) for key, node in published["areas"].items()},
        local={key: _cutoffs(node) for key, node in local["areas"].items()},
        rules={key: RuleEvidence(node["severity"], node.get("odds_ratio"), node["basis"])
               for key, node in data.get("rules", {}).items()},
        published_source=published["source"],
        local_source=local["source"],
        local_min_checked=local["min_checked"],
        local_decisive=local["decisive"],
    )
