"""One ``check``, end to end: rule packs and self-assessment files in, a report out.

Every file is loaded and validated before any is checked: if one is invalid, nothing is
reported (a batch never yields a partial report) and every problem of every file is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.core.errors import InvalidAssessment, Problem
from checker.core.vocab import BANDS, BandKey
from checker.inputs.assessment import Assessment, load_assessment
from checker.report.build import build_report
from checker.report.model import Report
from checker.rules.loader import Rulebook, load_rulebook
from checker.scoring.run import AssessmentResult, Checker, framework_for


@dataclass
class CheckRun:
    rulebook: Rulebook
    results: list[AssessmentResult]
    report: Report


def load_all(files: Sequence[Path]) -> list[Assessment]:
    """Every file loaded and validated, or :class:`InvalidAssessment` with all problems."""
    assessments = []
    problems: list[Problem] = []
    for path in files:
        try:
            assessments.append(load_assessment(path))
        except InvalidAssessment as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidAssessment(problems)
    return assessments


def check_files(files: Sequence[Path], *, framework: str | None = None,
                packs: Sequence[Path] = (), shipped_rules: bool = True) -> CheckRun:
    rulebook = load_rulebook(packs, shipped_rules=shipped_rules)
    assessments = load_all(files)
    checker = Checker(rulebook)
    results = [checker.check(item, framework_for(item, framework)) for item in assessments]
    return CheckRun(rulebook, results, build_report(results, rulebook))


@dataclass(frozen=True)
class Tripped:
    """An area at or above a ``--fail-on`` band."""

    source: str
    area: str
    band: BandKey


def at_or_above(report: Report, band: str) -> list[Tripped]:
    threshold = BANDS[band].rank
    return [Tripped(assessment["source"], area["title"], area["band"])
            for assessment in report["assessments"] for area in assessment["areas"]
            if BANDS[area["band"]].rank >= threshold]


def not_predicted(report: Report) -> list[Tripped]:
    """Areas whose band is unknown: too little evidence to predict anything."""
    return [Tripped(assessment["source"], area["title"], area["band"])
            for assessment in report["assessments"] for area in assessment["areas"]
            if area["band"] == "unknown"]
