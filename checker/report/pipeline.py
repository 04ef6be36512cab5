"""One ``check``, end to end: rule packs and self-assessment files in, a report out.

Every file is loaded and validated before any is checked: if one is invalid, nothing is
reported (a batch never yields a partial report) and every problem of every file is raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.core.errors import InvalidAssessment, Problem
from checker.core.vocab import BANDS, BandKey
from checker.inputs.assessment import Assessment, load_assessment
from checker.inputs.changes import parse_changes, with_changes
from checker.report.build import Extras, build_report
from checker.report.model import Report
from checker.rules.loader import Rulebook, load_rulebook
from checker.scoring.compare import moved
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
                packs: Sequence[Path] = (), shipped_rules: bool = True,
                what_if: Sequence[str] = (), previous: Path | None = None) -> CheckRun:
    """Check ``files``; with ``what_if`` changes ("metric=value"), report the figures with the
    changes made and what moved; with ``previous``, what moved since that earlier file (in the
    same framework as the file it is compared with)."""
    rulebook = load_rulebook(packs, shipped_rules=shipped_rules)
    assessments = load_all(files)
    earlier = load_all([previous])[0] if previous is not None else None
    changes = parse_changes(what_if)
    checker = Checker(rulebook)
    results, extras = [], []
    for item in assessments:
        chosen = framework_for(item, framework)
        result = checker.check(item, chosen)
        extra = Extras()
        if changes:
            given, result = result, checker.check(with_changes(item, changes), chosen)
            extra = replace(extra, what_if=moved(given, result, rulebook.rules))
        if earlier is not None:
            before = checker.check(earlier, chosen)
            extra = replace(extra, previous=before, trend=moved(before, result, rulebook.rules))
        results.append(result)
        extras.append(replace(extra, analysis=checker.analyse(result)))
    return CheckRun(rulebook, results, build_report(results, rulebook, extras))


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
