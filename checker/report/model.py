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
    label: str
    rules: list[str]


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
    origin: Literal["input", "published"]
    source: str
    year: str | None
    national: float | None
    region: float | None
    statistical_neighbours: float | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None


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
    #: The children behind findings on figures derived from Annex A (``checker derive``).
    children: NotRequired[ChildrenInfo]


class Report(TypedDict):
    report_version: str
    tool: Tool
    rules: RulesInfo
    assessments: list[AssessmentReport]
