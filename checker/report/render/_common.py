"""Wording shared by the human-readable formats."""

from __future__ import annotations

from collections.abc import Iterable

from checker.core.text import paragraph_label
from checker.core.vocab import BANDS
from checker.report.model import AreaInfo, EvidenceItem, FindingInfo, OverallInfo, Step


def observation(step: Step) -> str:
    """'Dental checks ...: 63% (below 90%, the authority's target)'."""
    if step["operator"] in {"missing", "present"}:
        return f"{step['metric']} is {step['operator_text']}"
    threshold = step["threshold_text"]
    source = step["threshold_source"]
    if source and source != "rule":
        threshold = f"{threshold} ({source})"
    return (f"{step['metric']} = {step['observed_text']}, "
            f"{step['operator_text']} {threshold}")


def citation(evidence: EvidenceItem) -> str:
    """'cornwall-2009-slac, paragraph 15 (...: inadequate)'; a quote from the report corpus
    with its authority and date: 'Havering, Ofsted inspection report published 2024-02-16,
    paragraph 9 (leadership: inadequate)'."""
    report = evidence.get("report")
    if report is not None:
        name = f"{evidence['authority'] or report}, Ofsted inspection report"
        if evidence["date"]:
            name += f" published {evidence['date']}"
    else:
        name = evidence["source"]
    text = f"{name}, {paragraph_label(evidence['paragraph'])}"
    grade = evidence.get("grade")
    if grade:
        judgement = grade["judgement"].replace("_", " ")
        text += f" ({judgement}: {grade['grade'].replace('_', ' ')})"
    return text


def statistics_line(finding: FindingInfo) -> str | None:
    """How often inspectors made this finding, in one sentence, or None without statistics."""
    found = finding.get("evidence_statistics")
    if found is None:
        return None
    statement = found["statement"]
    area = found["area"].replace("_", " ")
    return f"{statement[:1].upper()}{statement[1:]} (reports' {area} grades)."


def coverage(area: AreaInfo) -> str:
    cov = area["coverage"]
    if not cov["total"]:
        return "no rules bear on this area"
    return (f"{cov['evaluable']} of {cov['total']} rules could be evaluated "
            f"({round(cov['share'] * 100)}%)")


def headline(item: AreaInfo | OverallInfo) -> str:
    return f"{BANDS[item['band']].label}: {item['meaning']}"


def attribution(findings: Iterable[FindingInfo]) -> str | None:
    """The licence attribution for figures from inspection reports, if any finding shows some."""
    return next((f["evidence_statistics"]["attribution"] for f in findings
                 if "evidence_statistics" in f), None)
