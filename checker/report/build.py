"""The report as data: one JSON-ready document that every output format is rendered from.

Its shape is :mod:`checker.report.model` (the contract in ``schemas/report.schema.json``). It
holds no timestamps or absolute paths of this machine, so two runs over the same files give
byte-identical output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, cast

from checker import __version__
from checker.core.text import words
from checker.core.vocab import COMPARISONS, OPERATORS
from checker.engine.evaluator import Step
from checker.inputs.assessment import Assessment
from checker.inputs.metrics import Metric, catalogue, policies
from checker.report import model
from checker.rules import statistics
from checker.rules.frameworks import GradeDef
from checker.rules.loader import SHIPPED, Rulebook
from checker.rules.model import Evidence, Rule
from checker.scoring.params import model_params
from checker.scoring.risk import AreaResult, Finding, OverallResult
from checker.scoring.risk import Evidence as BandEvidence
from checker.scoring.run import AssessmentResult

REPORT_VERSION = "1.0"


def _metric(path: str) -> Metric | None:
    if path.startswith("policy."):
        return policies().get(path.removeprefix("policy."))
    return catalogue().get(path)


def _format(path: str, value: Any) -> str:
    metric = _metric(path)
    if isinstance(value, list):
        return ", ".join(_format(path, item) for item in value)
    if metric is None:
        return "not known" if value is None else str(value)
    return metric.format(value)


def short_label(path: str) -> str:
    """The first clause of a metric's definition, as a readable label."""
    metric = _metric(path)
    if metric is None:
        return path
    text = metric.description.split(". Unit:")[0]
    return text.split(" (")[0] if len(text) > 110 else text


def step_info(step: Step, line: int | None = None) -> model.Step:
    threshold_text = None
    if step.op in COMPARISONS or step.op in {"in", "not_in"}:
        source = step.threshold_source
        reference = source.split(" ")[0] if source not in {"rule", ""} else step.metric
        threshold_text = _format(reference, step.threshold)
    return {
        "metric": step.metric,
        "label": short_label(step.metric),
        "observed": step.observed,
        "observed_text": _format(step.metric, step.observed),
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
        cited = statistics.shipped().reports.get(item.report)
        found["report"] = item.report
        found["authority"] = cited.authority if cited else None
        found["date"] = cited.date if cited else None
    return found


def _evidence(finding: Finding, rulebook: Rulebook) -> list[model.EvidenceItem]:
    return [_evidence_item(item, rulebook) for item in finding.rule.evidence]


def evidence_statistics(rule: Rule) -> model.EvidenceStatistics | None:
    """How often inspectors made the rule's finding; the shipped statistics are read only
    when a rule with finding patterns is shown."""
    if rule.finding_patterns is None:
        return None
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
    steps = [step_info(step, assessment.line_of(step.metric))
             for step in finding.evaluation.steps]
    info: model.FindingInfo = {
        "rule": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "origin": "shipped" if rule.origin == SHIPPED else "local",
        "observations": [step for step in steps if step["result"] is True],
        "trace": steps,
        "evidence": _evidence(finding, rulebook),
        "basis": {"kind": rule.basis.kind, "text": rule.basis.text,
                  "citation": rule.basis.citation},
        "recommendation": rule.recommendation,
        "points": 0 if kind == "context" else finding.points,
        "effect": kind,
        "also_bears_on": list(rule.areas[1:]),
    }
    found = evidence_statistics(rule)
    if found is not None:
        info["evidence_statistics"] = found
    return info


def area_info(area: AreaResult, rulebook: Rulebook, assessment: Assessment) -> model.AreaInfo:
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
        "findings": [finding_info(finding, rulebook, assessment) for finding in area.findings],
        "gaps": [
            {"metric": gap.metric, "label": short_label(gap.metric), "rules": list(gap.rules)}
            for gap in area.gaps
        ],
        "passed": list(area.passed),
        "strengths": [finding_info(f, rulebook, assessment) for f in area.strengths],
        "context": [finding_info(f, rulebook, assessment, "context") for f in area.context],
        "evidence": [_evidence_source(item) for item in area.evidence],
        "weight": {"total": area.weight.total, "checked": area.weight.checked,
                   "found": area.weight.found, "strengths": area.weight.strengths},
        "local_decides": area.local_decides,
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


def _published(result: AssessmentResult, rulebook: Rulebook) -> model.PublishedInfo:
    context = result.published
    failed = [finding_info(Finding(rule, result.evaluations[rule.id]), rulebook,
                           result.assessment, "context")
              for rule_id in context.failed if (rule := rulebook.rule(rule_id)) is not None]
    return {"checks": list(context.checks), "evaluable": list(context.evaluable),
            "failed": failed, "needed": context.needed, "score": context.score}


def _comparators(result: AssessmentResult) -> dict[str, model.ComparatorInfo]:
    return {path: {"origin": item.origin, "source": item.source, "year": item.year,
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


def assessment_report(result: AssessmentResult, rulebook: Rulebook) -> model.AssessmentReport:
    authority = result.assessment.authority
    framework = result.framework
    return {
        "source": result.assessment.source,
        "authority": {
            "name": authority.name,
            "code": authority.code,
            "as_of": authority.as_of.isoformat(),
            "period_start": authority.period_start.isoformat() if authority.period_start else None,
            "period_end": authority.period_end.isoformat() if authority.period_end else None,
        },
        "framework": {
            "id": framework.id,
            "title": framework.title,
            "grades": [{"key": g.key, "title": g.title, "rank": g.rank}
                       for g in framework.grades],
        },
        "summary": _summary(result),
        "overall": [overall_info(item) for item in result.overall],
        "areas": [area_info(area, rulebook, result.assessment) for area in result.areas],
        "published": _published(result, rulebook),
        "warnings": [{"pointer": w.pointer, "line": w.line, "message": w.message}
                     for w in result.assessment.warnings],
        "comparators": _comparators(result),
    }


def build_report(results: Sequence[AssessmentResult], rulebook: Rulebook) -> model.Report:
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "checker", "version": __version__},
        "rules": {
            "total": len(rulebook.rules),
            "packs": list(rulebook.packs),
            "overridden": list(rulebook.overridden),
        },
        "assessments": [assessment_report(result, rulebook) for result in results],
    }
