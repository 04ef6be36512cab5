"""The report's shape as types: one TypedDict per object of ``schemas/report.schema.json``.

The JSON report is these dictionaries serialised; every renderer reads them, so mypy checks
every key a renderer uses. A test walks the schema and these types together and fails if a
property is missing on either side or a required one is optional here.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from checker.core.vocab import BandKey

Scalar = float | int | str | bool


class GradeInfo(TypedDict):
    key: str
    title: str
    rank: int


class Tool(TypedDict):
    name: Literal["checker"]
    version: str


class RulesInfo(TypedDict):
    total: int
    packs: list[str]
    overridden: list[str]


class AuthorityInfo(TypedDict):
    name: str
    code: str | None
    as_of: str
    period_start: str | None
    period_end: str | None


class FrameworkInfo(TypedDict):
    id: str
    title: str
    grades: list[GradeInfo]


class Summary(TypedDict):
    metrics_given: int
    metrics_total: int
    rules_total: int
    rules_evaluable: int
    rules_fired: int
    policy_defaults_used: list[str]


class Step(TypedDict):
    metric: str
    #: The metric's readable title.
    label: str
    observed: Scalar | None
    observed_text: str
    operator: str
    operator_text: str
    threshold: Scalar | list[Scalar] | None
    threshold_text: str | None
    threshold_source: str | None
    result: bool | Literal["unknown"]
    missing: list[str]
    line: int | None


class EvidenceGrade(TypedDict):
    judgement: str
    grade: str


class EvidenceItem(TypedDict):
    source: str
    #: A quote from the report corpus: the report cited (authority and date are its own).
    report: NotRequired[str]
    source_title: str
    authority: str | None
    date: str | None
    paragraph: str
    quote: str
    grade: EvidenceGrade | None
    good_practice: bool


class BasisInfo(TypedDict):
    kind: str
    text: str
    citation: str


class StatisticsCount(TypedDict):
    framework: Literal["sif-2013", "ilacs-2018", "ilacs-2023"]
    judgement: Literal["area", "overall"]
    grade: Literal["inadequate", "requires_improvement", "good", "outstanding"]
    reports: int
    of: int


class StatisticsExample(TypedDict):
    report: str
    authority: str
    date: str
    paragraph: str | None
    sentence: str


class EvidenceStatistics(TypedDict):
    statement: str
    area: str
    counts: list[StatisticsCount]
    examples: list[StatisticsExample]
    attribution: str


class ChangeInfo(TypedDict):
    """One change to one figure that helps clear a rule, with its distance to the threshold."""

    metric: str
    title: str
    observed: Scalar | None
    observed_text: str
    #: The value that clears the comparison; None when the figure must first be recorded.
    target: Scalar | None
    target_text: str | None
    #: The comparison the new value must meet.
    operator: str
    threshold: Scalar | list[Scalar] | None
    threshold_text: str | None
    #: What the threshold is, in words ("England's figure for 2023"); None for the rule's own.
    reference: str | None
    #: How far the figure is from the threshold, in the metric's unit.
    distance: float | None
    distance_text: str | None
    text: str


class FindingInfo(TypedDict):
    rule: str
    title: str
    severity: str
    origin: Literal["shipped", "local"]
    observations: list[Step]
    trace: list[Step]
    evidence: list[EvidenceItem]
    basis: BasisInfo
    recommendation: str
    points: int
    effect: Literal["weakness", "strength", "context"]
    also_bears_on: list[str]
    #: How often inspectors made the finding (present when the rule has statistics).
    evidence_statistics: NotRequired[EvidenceStatistics]
    #: The fewest changes that stop the rule firing, checked by running it again (empty when
    #: none was found).
    to_clear: list[ChangeInfo]


class CoverageInfo(TypedDict):
    evaluable: int
    total: int
    share: float


class CalibrationInfo(TypedDict):
    low: int
    high: int | None
    cases: int
    inadequate: int
    requires_improvement: int
    good_or_better: int


class EvidenceSource(TypedDict):
    kind: Literal["published", "local"]
    score: int
    band: BandKey
    calibration: CalibrationInfo | None
    source: str


class GapInfo(TypedDict):
    metric: str
    #: The metric's readable title.
    label: str
    #: The title of the self-assessment section it belongs in.
    section: str
    rules: list[str]


class WeightInfo(TypedDict):
    """Severity points of the area's own rules (the local score is net over checked)."""

    total: int
    checked: int
    found: int
    strengths: int
    #: The points the local score is counted of: those checked, at least the model's
    #: min_checked share of the total (rounded for reading).
    counted_of: int


class LowerInfo(TypedDict):
    """The smallest set of changes found that lowers an area's band."""

    band: BandKey
    rules: list[str]
    checks: list[str]
    changes: list[ChangeInfo]
    #: False when a change asks for a missing figure, so the result could not be rerun.
    checked: bool


class AreaInfo(TypedDict):
    key: str
    title: str
    limiting: bool
    band: BandKey
    grade: GradeInfo | None
    meaning: str
    score: int
    coverage: CoverageInfo
    findings: list[FindingInfo]
    gaps: list[GapInfo]
    passed: list[str]
    strengths: list[FindingInfo]
    context: list[FindingInfo]
    evidence: list[EvidenceSource]
    weight: WeightInfo
    local_decides: bool
    #: None when the band is low or unknown, or no set of changes was found.
    to_lower: LowerInfo | None


class OverallInfo(TypedDict):
    key: str
    title: str
    judgement: bool
    band: BandKey
    grade: GradeInfo | None
    meaning: str
    explanation: str


class PublishedInfo(TypedDict):
    checks: list[str]
    evaluable: list[str]
    failed: list[FindingInfo]
    needed: int
    score: int | None


class WarningInfo(TypedDict):
    pointer: str
    line: int | None
    message: str


class ComparatorInfo(TypedDict):
    #: The metric's readable title, and the authority's own figure.
    label: str
    value: Scalar | None
    value_text: str
    #: What follows a comparator figure: "%" for a percentage, else nothing.
    unit: str
    origin: Literal["input", "published"]
    source: str
    year: str | None
    national: float | None
    region: float | None
    statistical_neighbours: float | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None


class ActionInfo(TypedDict):
    """A fired weakness or failed published check, ranked by the risk clearing it removes."""

    rank: int
    rule: str
    title: str
    severity: str
    kind: Literal["local", "published"]
    #: Severity points (one for a published check).
    points: int
    #: Area keys it counts in.
    areas: list[str]
    value: float
    changes: list[ChangeInfo]


class RankedGap(TypedDict):
    """A missing figure, ranked by how much of the prediction it could change."""

    rank: int
    metric: str
    label: str
    section: str
    rules: list[str]
    unlocks: list[str]
    areas: list[str]
    could_change: list[str]


class ProvenanceInfo(TypedDict):
    #: The metric's readable title.
    label: str
    source: str
    paragraph: str | None
    quote: str | None
    note: str | None


class FigureChange(TypedDict):
    """A figure that differs between two runs (what-if or the previous self-assessment)."""

    metric: str
    label: str
    before: Scalar | None
    before_text: str
    after: Scalar | None
    after_text: str
    #: after - before, for numbers.
    change: float | None
    change_text: str | None
    direction: Literal["better", "worse", "changed"]
    #: Rules that fire now and did not before, and read this figure.
    crossed: list[str]
    #: Rules that fired before and do not now, and read this figure.
    cleared: list[str]


class AreaChange(TypedDict):
    key: str
    title: str
    band_before: BandKey
    band_after: BandKey
    score_before: int
    score_after: int
    #: "changed": between a prediction and unknown (more or less evidence, not risk).
    direction: Literal["better", "worse", "same", "changed"]


class Movement(TypedDict):
    areas: list[AreaChange]
    figures: list[FigureChange]
    fired: list[str]
    cleared: list[str]


class WhatIfInfo(TypedDict):
    """``--what-if``: what moved against the file as given (its figures are the changes)."""

    moved: Movement


class TrendInfo(TypedDict):
    """``--previous``: what moved since an earlier self-assessment."""

    previous_source: str
    previous_as_of: str
    moved: Movement


class ChildInfo(TypedDict):
    id: str
    list: str
    sheet: str
    row: int
    dates: dict[str, str]
    detail: str | None


class ChildrenFinding(TypedDict):
    rule: str
    title: str
    metric: str
    breach: str
    count: int
    children: list[ChildInfo]


class ChildrenInfo(TypedDict):
    file: str
    identifiers: bool
    findings: list[ChildrenFinding]


class AssessmentReport(TypedDict):
    source: str
    authority: AuthorityInfo
    framework: FrameworkInfo
    summary: Summary
    overall: list[OverallInfo]
    areas: list[AreaInfo]
    published: PublishedInfo
    warnings: list[WarningInfo]
    comparators: dict[str, ComparatorInfo]
    #: Where each figure came from, as the file says (keyed by metric path).
    provenance: dict[str, ProvenanceInfo]
    actions: list[ActionInfo]
    data_gaps: list[RankedGap]
    what_if: WhatIfInfo | None
    trend: TrendInfo | None
    #: The children behind findings on figures derived from Annex A (``checker derive``).
    children: NotRequired[ChildrenInfo]


class Report(TypedDict):
    report_version: str
    tool: Tool
    rules: RulesInfo
    assessments: list[AssessmentReport]
