"""The report as data: one JSON-ready document that every output format is rendered from.

Its shape is :mod:`checker.report.model` (the contract in ``schemas/report.schema.json``). It
holds no timestamps or absolute paths of this machine, so two runs over the same files give
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from checker import __version__
from checker.core.jsonout import Shared, SharedList
from checker.core.text import words
from checker.core.vocab import BANDS, COMPARISONS, OPERATORS, BandKey
from checker.engine.comparators import COMPARATOR_PREFIX
from checker.engine.evaluator import Step
from checker.inputs.assessment import Assessment
from checker.inputs.metrics import catalogue
from checker.inputs.titles import section_title
from checker.report import model, wording
from checker.rules.frameworks import GradeDef
from checker.rules.loader import SHIPPED, Rulebook
from checker.rules.model import Evidence, Rule
from checker.scoring.fixes import Fixes
from checker.scoring.params import model_params
from checker.scoring.risk import AreaResult, Finding, OverallResult
from checker.scoring.risk import Evidence as BandEvidence
from checker.scoring.run import AssessmentResult
from checker.scoring.whatif import WhatIf

if TYPE_CHECKING:  # only --what-if and --previous load the comparison
    from checker.scoring.compare import Moved

REPORT_VERSION = "1.1"
BANDS_ORDER: tuple[BandKey, ...] = tuple(band.key for band in BANDS.values())


def step_info(step: Step, line: int | None = None) -> model.Step:
    threshold_text = None
    if step.op in COMPARISONS or step.op in {"in", "not_in"}:
        # A threshold is in the unit of the policy parameter or metric it comes from, else
        # (a constant, a comparator) in the metric's own.
        source = step.threshold_source.split(" ")[0]
        threshold_text = wording.shown(source if wording.metric(source) else step.metric,
                                       step.threshold)
    return {
        "metric": step.metric,
        "label": wording.title(step.metric),
        "observed": step.observed,
        "observed_text": wording.shown(step.metric, step.observed),
        "operator": step.op,
        "operator_text": OPERATORS[step.op].words,
        "threshold": step.threshold,
        "threshold_text": threshold_text,
        "threshold_source": step.threshold_source or None,
        "result": "unknown" if step.result is None else step.result,
        "missing": list(step.missing),
        "line": line,
    }


def _grade(grade: GradeDef | None) -> model.GradeInfo | None:
    return None if grade is None else {"key": grade.key, "title": grade.title, "rank": grade.rank}


def _evidence_item(item: Evidence, rulebook: Rulebook) -> model.EvidenceItem:
    source = rulebook.sources.get(item.source)
    authority = source.authority if source else None
    date = source.date.isoformat() if source and source.date else None
    found: model.EvidenceItem = {
        "source": item.source,
        "source_title": source.title if source else item.source,
        "authority": authority,
        "date": date,
        "paragraph": item.paragraph,
        "quote": words(item.quote),
        "grade": None if item.grade is None else {
            "judgement": item.grade.judgement, "grade": item.grade.grade},
        "good_practice": item.good_practice,
    }
    if item.report is not None:  # a corpus report: its own authority and date (read lazily)
        from checker.rules import statistics  # noqa: PLC0415 - read on first use

        cited = statistics.shipped().reports.get(item.report)
        found["report"] = item.report
        found["authority"] = cited.authority if cited else None
        found["date"] = cited.date if cited else None
    return found


@dataclass(frozen=True)
class _RuleParts:
    """What a rule's finding shows that no assessment changes, built once per rulebook and
    shared by every report (marked so the JSON writer writes each once)."""

    rule: Rule
    evidence: list[model.EvidenceItem]
    statistics: model.EvidenceStatistics | None
    basis: model.BasisInfo


#: id(rulebook) -> (the rulebook, rule id -> its parts), for the last few rulebooks.
_PARTS: dict[int, tuple[Rulebook, dict[str, _RuleParts]]] = {}


def _parts(rule: Rule, rulebook: Rulebook) -> _RuleParts:
    held = _PARTS.get(id(rulebook))
    if held is None or held[0] is not rulebook:
        if len(_PARTS) >= 4:
            _PARTS.clear()
        held = _PARTS[id(rulebook)] = (rulebook, {})
    found = held[1].get(rule.id)
    if found is None or found.rule is not rule:
        # The list is shared; its items need no memo entries of their own (the JSON writer
        # would only keep, and check after every report, text it never reuses).
        evidence = cast(list[model.EvidenceItem], SharedList(
            _evidence_item(item, rulebook) for item in rule.evidence))
        statistics = evidence_statistics(rule)
        found = held[1][rule.id] = _RuleParts(
            rule, evidence, None if statistics is None else cast(
                model.EvidenceStatistics, Shared(statistics)),
            {"kind": rule.basis.kind, "text": rule.basis.text, "citation": rule.basis.citation})
    return found


def evidence_statistics(rule: Rule) -> model.EvidenceStatistics | None:
    """How often inspectors made the rule's finding; the shipped statistics are read only
    when a rule with finding patterns is shown."""
    if rule.finding_patterns is None:
        return None
    from checker.rules import statistics  # noqa: PLC0415 - read on first use

    data = statistics.shipped()
    found = data.for_rule(rule)
    if found is None:
        return None
    counts = [
        cast(model.StatisticsCount, {"framework": framework, "judgement": judgement,
                                     "grade": grade, "reports": count.reports, "of": count.of})
        for framework, by_judgement in sorted(found.counts.items())
        for judgement, by_grade in sorted(by_judgement.items())
        for grade, count in by_grade.items()
    ]
    return {
        "statement": found.statement(),
        "area": found.area,
        "counts": counts,
        "examples": [{"report": e.report, "authority": e.authority, "date": e.date,
                      "paragraph": e.paragraph, "sentence": e.sentence}
                     for e in found.examples],
        "attribution": data.attribution,
    }


def finding_info(finding: Finding, rulebook: Rulebook, assessment: Assessment,
                 effect: str | None = None) -> model.FindingInfo:
    rule = finding.rule
    kind: Literal["weakness", "strength", "context"] = (
        "context" if "context" in (effect, rule.effect) else "strength"
        if rule.effect == "strength" else "weakness")
    steps = [cast(model.Step, Shared(step_info(step, assessment.line_of(step.metric))))
             for step in finding.evaluation.steps]
    parts = _parts(rule, rulebook)
    info: model.FindingInfo = {
        "rule": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "origin": "shipped" if rule.origin == SHIPPED else "local",
        "observations": [step for step in steps if step["result"] is True],
        "trace": steps,
        "evidence": parts.evidence,
        "basis": parts.basis,
        "recommendation": rule.recommendation,
        "points": 0 if kind == "context" else finding.points,
        "effect": kind,
        "also_bears_on": list(rule.areas[1:]),
        "to_clear": [],
    }
    if parts.statistics is not None:
        info["evidence_statistics"] = parts.statistics
    return cast(model.FindingInfo, Shared(info))


@dataclass(frozen=True)
class Extras:
    """What a report shows beyond one run: what would move it (:mod:`checker.scoring.whatif`),
    and what moved against the file as given (``--what-if``) or an earlier one
    (``--previous``)."""

    analysis: WhatIf | None = None
    what_if: Moved | None = None
    previous: AssessmentResult | None = None
    trend: Moved | None = None


class _Builder:
    """One assessment's report. Each rule's finding is built once and shared by every area
    it shows in."""

    def __init__(self, result: AssessmentResult, rulebook: Rulebook, extras: Extras) -> None:
        self.result = result
        self.rulebook = rulebook
        self.extras = extras
        self._findings: dict[tuple[str, str | None], model.FindingInfo] = {}
        self._gaps: dict[tuple[str, tuple[str, ...]], model.GapInfo] = {}

    def changes(self, fixes: Fixes | None) -> list[model.ChangeInfo]:
        return [wording.change_info(fix) for fix in fixes or ()]

    def finding(self, finding: Finding, effect: str | None = None) -> model.FindingInfo:
        key = (finding.rule.id, effect)
        if key not in self._findings:
            analysis = self.extras.analysis
            info = finding_info(finding, self.rulebook, self.result.assessment, effect)
            info["to_clear"] = self.changes(
                analysis.fixes.get(finding.rule.id) if analysis else None)
            self._findings[key] = info
        return self._findings[key]

    def gap(self, metric: str, rules: tuple[str, ...]) -> model.GapInfo:
        """A data gap of an area; areas sharing the rules that need a figure share it."""
        key = (metric, rules)
        if key not in self._gaps:
            self._gaps[key] = cast(model.GapInfo, Shared({
                "metric": metric, "label": wording.title(metric), "section": _section(metric),
                "rules": list(rules)}))
        return self._gaps[key]

    def area(self, area: AreaResult) -> model.AreaInfo:
        lowered = self.extras.analysis.lowerings.get(area.key) if self.extras.analysis else None
        return {
            "key": area.key,
            "title": area.title,
            "limiting": area.limiting,
            "band": area.band,
            "grade": _grade(area.grade),
            "meaning": area.meaning,
            "score": area.score,
            "coverage": {
                "evaluable": area.rules_evaluable,
                "total": area.rules_total,
                "share": round(area.coverage, 4),
            },
            "findings": [self.finding(finding) for finding in area.findings],
            "gaps": [self.gap(gap.metric, gap.rules) for gap in area.gaps],
            "passed": list(area.passed),
            "strengths": [self.finding(f) for f in area.strengths],
            "context": [self.finding(f, "context") for f in area.context],
            "evidence": [_evidence_source(item) for item in area.evidence],
            "to_lower": None if lowered is None else {
                "band": lowered.band, "rules": list(lowered.rules),
                "checks": list(lowered.checks), "changes": self.changes(lowered.fixes),
                "checked": lowered.checked},
            "weight": {"total": area.weight.total, "checked": area.weight.checked,
                       "found": area.weight.found, "strengths": area.weight.strengths,
                       "counted_of": round(area.weight.base(model_params().local_min_checked))},
            "local_decides": area.local_decides,
        }

    def published(self) -> model.PublishedInfo:
        context = self.result.published
        failed = [self.finding(Finding(rule, self.result.evaluations[rule.id]), "context")
                  for rule_id in context.failed
                  if (rule := self.rulebook.rule(rule_id)) is not None]
        return {"checks": list(context.checks), "evaluable": list(context.evaluable),
                "failed": failed, "needed": context.needed, "score": context.score}

    def actions(self) -> list[model.ActionInfo]:
        analysis = self.extras.analysis
        found: list[model.ActionInfo] = []
        for rank, action in enumerate(analysis.actions if analysis else (), start=1):
            rule = self.rulebook.rule(action.rule)
            found.append({
                "rank": rank, "rule": action.rule, "title": rule.title if rule else action.rule,
                "severity": rule.severity if rule else "minor", "kind": action.kind,
                "points": action.points, "areas": list(action.areas), "value": action.value,
                "changes": self.changes(action.fixes)})
        return found

    def data_gaps(self) -> list[model.RankedGap]:
        analysis = self.extras.analysis
        return [{"rank": rank, "metric": gap.metric, "label": wording.title(gap.metric),
                 "section": _section(gap.metric), "rules": list(gap.rules),
                 "unlocks": list(gap.unlocks), "areas": list(gap.areas),
                 "could_change": list(gap.could_change)}
                for rank, gap in enumerate(analysis.gaps if analysis else (), start=1)]

    def report(self) -> model.AssessmentReport:
        result, extras = self.result, self.extras
        previous = extras.previous
        return {
            "source": result.assessment.source,
            "authority": _authority(result),
            "framework": {
                "id": result.framework.id,
                "title": result.framework.title,
                "grades": [{"key": g.key, "title": g.title, "rank": g.rank}
                           for g in result.framework.grades],
            },
            "summary": _summary(result),
            "overall": [overall_info(item) for item in result.overall],
            "areas": [self.area(area) for area in result.areas],
            "published": self.published(),
            "warnings": [{"pointer": w.pointer, "line": None if w.sheet else w.line,
                          "message": w.message} for w in result.assessment.warnings],
            "comparators": _comparators(result),
            "provenance": _provenance(result),
            "actions": self.actions(),
            "data_gaps": self.data_gaps(),
            "what_if": None if extras.what_if is None else {
                "moved": movement(extras.what_if)},
            "trend": None if previous is None or extras.trend is None else {
                "previous_source": previous.assessment.source,
                "previous_as_of": previous.assessment.authority.as_of.isoformat(),
                "moved": movement(extras.trend)},
        }


def _section(path: str) -> str:
    section = path.removeprefix(COMPARATOR_PREFIX).split(".", 1)[0]
    return section_title("comparators" if path.startswith(COMPARATOR_PREFIX) else section)


def _provenance(result: AssessmentResult) -> dict[str, model.ProvenanceInfo]:
    given = result.assessment.document.data.get("provenance", {})
    return {(path := pointer.removeprefix("/").replace("/", ".")): {
        "label": wording.title(path), "source": node["source"],
        "paragraph": node.get("paragraph"),
        "quote": node.get("quote"), "note": node.get("note")}
        for pointer, node in sorted(given.items())}


def movement(moved: Moved) -> model.Movement:
    return {
        "areas": [{"key": a.key, "title": a.title, "band_before": _band(a.band_before),
                   "band_after": _band(a.band_after), "score_before": a.score_before,
                   "score_after": a.score_after, "direction": a.direction}
                  for a in moved.areas],
        "figures": [wording.figure_change(figure) for figure in moved.figures],
        "fired": list(moved.fired),
        "cleared": list(moved.cleared),
    }


def _band(key: str) -> BandKey:
    return next(band for band in BANDS_ORDER if band == key)


def _authority(result: AssessmentResult) -> model.AuthorityInfo:
    authority = result.assessment.authority
    return {
        "name": authority.name,
        "code": authority.code,
        "as_of": authority.as_of.isoformat(),
        "period_start": authority.period_start.isoformat() if authority.period_start else None,
        "period_end": authority.period_end.isoformat() if authority.period_end else None,
    }


def _evidence_source(item: BandEvidence) -> model.EvidenceSource:
    params = model_params()
    row = item.calibration
    return {
        "kind": "published" if item.kind == "published" else "local",
        "score": item.score,
        "band": item.band,
        "calibration": None if row is None else {
            "low": row.low, "high": row.high, "cases": row.cases,
            "inadequate": row.inadequate, "requires_improvement": row.requires_improvement,
            "good_or_better": row.good_or_better},
        "source": params.published_source if item.kind == "published" else params.local_source,
    }


def _comparators(result: AssessmentResult) -> dict[str, model.ComparatorInfo]:
    values = result.assessment.values
    return {path: {"label": wording.title(path), "value": values.get(path),
                   "value_text": wording.shown(path, values.get(path)),
                   "unit": "%" if (found := wording.metric(path)) and found.kind == "percent"
                   else "",
                   "origin": item.origin, "source": item.source, "year": item.year,
                   "national": item.national, "region": item.region,
                   "statistical_neighbours": item.statistical_neighbours,
                   "lower_quartile": item.lower_quartile, "median": item.median,
                   "upper_quartile": item.upper_quartile}
            for path, item in sorted(result.comparators.items())}


def overall_info(overall: OverallResult) -> model.OverallInfo:
    return {
        "key": overall.key,
        "title": overall.title,
        "judgement": overall.judgement,
        "band": overall.band,
        "grade": _grade(overall.grade),
        "meaning": overall.meaning,
        "explanation": overall.explanation,
    }


def _summary(result: AssessmentResult) -> model.Summary:
    evaluations = result.evaluations.values()
    assessment = result.assessment
    return {
        "metrics_given": len(assessment.values),
        "metrics_total": len(catalogue()),
        "rules_total": len(result.evaluations),
        "rules_evaluable": sum(1 for ev in evaluations if ev.evaluable),
        "rules_fired": sum(1 for ev in evaluations if ev.fired),
        "policy_defaults_used": defaults_used(result),
    }


def defaults_used(result: AssessmentResult) -> list[str]:
    """Policy parameters whose default a rule actually compared a given figure with: not every
    parameter the file left out (some only define how a metric is counted, and no rule reads
    them), nor one whose rules had no figure to compare."""
    marker = " (default)"
    return sorted({step.threshold_source.removeprefix("policy.").removesuffix(marker)
                   for evaluation in result.evaluations.values() for step in evaluation.steps
                   if step.threshold_source.startswith("policy.")
                   and step.threshold_source.endswith(marker) and step.result is not None})


def assessment_report(result: AssessmentResult, rulebook: Rulebook,
                      extras: Extras | None = None) -> model.AssessmentReport:
    return _Builder(result, rulebook, extras or Extras()).report()


def tool_info() -> model.Tool:
    return {"name": "checker", "version": __version__}


def rules_info(rulebook: Rulebook) -> model.RulesInfo:
    return {"total": len(rulebook.rules), "packs": list(rulebook.packs),
            "overridden": list(rulebook.overridden)}


def build_report(results: Sequence[AssessmentResult], rulebook: Rulebook,
                 extras: Sequence[Extras] | None = None) -> model.Report:
    return {
        "report_version": REPORT_VERSION,
        "tool": tool_info(),
        "rules": rules_info(rulebook),
        "assessments": [assessment_report(result, rulebook, extra) for result, extra in
                        zip(results, extras or [Extras()] * len(results), strict=True)],
    }
