"""One ``check``, end to end: rule packs and self-assessment files in, a report out, one
assessment at a time.

Every file is loaded and validated before any is checked: if one is invalid, nothing is
reported (a batch never yields a partial report) and every problem of every file is raised.
Only a small summary of each file is kept from that first pass (its name, its authority, its
warnings); then each file is loaded again, checked and reported, and its report handed on to
be rendered and written before the next is read, so memory does not grow with the batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core.errors import InvalidArgument, InvalidAssessment, Problem
from checker.core.vocab import BANDS, BandKey
from checker.inputs.assessment import Assessment, load_assessment
from checker.inputs.changes import parse_changes, with_changes
from checker.report.build import (
    REPORT_VERSION,
    Extras,
    assessment_report,
    rules_info,
    tool_info,
)
from checker.report.model import AssessmentReport
from checker.report.render import Head
from checker.rules.loader import Rulebook
from checker.scoring.run import AssessmentResult, Checker, framework_for

if TYPE_CHECKING:
    from checker.rules.model import Rule
    from checker.scoring.compare import Moved


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


@dataclass(frozen=True)
class Validated:
    """What the first pass keeps of a valid file."""

    path: Path
    #: The authority's name (the HTML paper's title names every assessment).
    name: str
    warnings: tuple[Problem, ...]


class Batch:
    """``checker check`` of ``files`` against ``rulebook``: every file is validated when the
    batch is made (nothing is reported unless every file is valid); :meth:`reports` then
    checks and reports them one at a time.

    With ``what_if`` changes ("metric=value") each report is of the figures with the changes
    made, with what moved; with ``previous``, what moved since that earlier file (in the same
    framework as the file it is compared with). A ``checker`` already built for the rulebook
    may be given (its engine is then not built again).
    """

    def __init__(self, files: Sequence[Path], rulebook: Rulebook, *,
                 framework: str | None = None, what_if: Sequence[str] = (),
                 previous: Path | None = None, checker: Checker | None = None) -> None:
        self.rulebook = rulebook
        self._framework = framework
        self._kept: Assessment | None = None  # a lone file is not read twice
        refused: InvalidArgument | None = None
        try:
            self._changes = parse_changes(what_if)
        except InvalidArgument as error:  # raised after the files' own problems
            self._changes, refused = (), error
        problems, self.validated, broken = self._validate(files, len(files) == 1)
        if problems:
            raise InvalidAssessment(problems)
        self._earlier = load_all([previous])[0] if previous is not None else None
        for refusal in (refused, broken):
            if refusal is not None:
                raise refusal
        self._checker = checker or Checker(rulebook)

    def _validate(self, files: Sequence[Path], keep: bool
                  ) -> tuple[list[Problem], list[Validated], InvalidArgument | None]:
        """Every file's problems, what is kept of the valid ones, and the first refusal of the
        ``--what-if`` changes (they must leave every file valid: exit 2 before any report)."""
        problems: list[Problem] = []
        validated: list[Validated] = []
        broken: InvalidArgument | None = None
        for path in files:
            try:
                item = load_assessment(path)
                framework_for(item, self._framework)
            except InvalidAssessment as error:
                problems.extend(error.problems)
                continue
            if self._changes and broken is None:
                try:
                    with_changes(item, self._changes)
                except InvalidArgument as error:
                    broken = error
            validated.append(Validated(path, item.authority.name, item.warnings))
            if keep:
                self._kept = item
        return problems, validated, broken

    @property
    def warnings(self) -> Iterator[Problem]:
        return (warning for item in self.validated for warning in item.warnings)

    def head(self) -> Head:
        """What the report holds besides its assessments."""
        return Head(REPORT_VERSION, tool_info(), rules_info(self.rulebook),
                    tuple(item.name for item in self.validated))

    def _assessments(self) -> Iterator[Assessment]:
        if self._kept is not None:
            yield self._kept
            return
        for item in self.validated:
            try:
                yield load_assessment(item.path)
            except InvalidAssessment as error:
                raise InvalidAssessment([*error.problems, Problem(
                    file=str(item.path), message="the file changed while the batch was being "
                    "checked; check it again")]) from None

    def reports(self) -> Iterator[tuple[AssessmentResult, AssessmentReport]]:
        """Each file checked and reported in turn."""
        for item in self._assessments():
            result, extras = self._check(item)
            yield result, assessment_report(result, self.rulebook, extras)

    def _check(self, item: Assessment) -> tuple[AssessmentResult, Extras]:
        checker, changes, rules = self._checker, self._changes, self.rulebook.rules
        chosen = framework_for(item, self._framework)
        result = checker.check(item, chosen)
        extras = Extras()
        if changes:
            given, result = result, checker.check(with_changes(item, changes), chosen)
            extras = replace(extras, what_if=moved(given, result, rules))
        if self._earlier is not None:
            before = checker.check(self._earlier, chosen)
            extras = replace(extras, previous=before, trend=moved(before, result, rules))
        return result, replace(extras, analysis=checker.analyse(result))


def moved(before: AssessmentResult, after: AssessmentResult, rules: Sequence[Rule]) -> Moved:
    """What moved between two runs (:mod:`checker.scoring.compare`, loaded only by
    ``--what-if`` and ``--previous``)."""
    from checker.scoring.compare import moved as compare  # noqa: PLC0415 - only when comparing

    return compare(before, after, rules)


@dataclass(frozen=True)
class Tripped:
    """An area at or above a ``--fail-on`` band."""

    source: str
    area: str
    band: BandKey


def at_or_above(assessment: AssessmentReport, band: str) -> list[Tripped]:
    threshold = BANDS[band].rank
    return [Tripped(assessment["source"], area["title"], area["band"])
            for area in assessment["areas"] if BANDS[area["band"]].rank >= threshold]


def not_predicted(assessment: AssessmentReport) -> list[Tripped]:
    """Areas whose band is unknown: too little evidence to predict anything."""
    return [Tripped(assessment["source"], area["title"], area["band"])
            for area in assessment["areas"] if area["band"] == "unknown"]

