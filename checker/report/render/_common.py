"""Wording shared by the human-readable formats."""

from __future__ import annotations

from checker.core.text import paragraph_label
from checker.core.vocab import BANDS
from checker.report.model import AreaInfo, EvidenceItem, OverallInfo, Step


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
    text = f"{evidence['source']}, {paragraph_label(evidence['paragraph'])}"
    grade = evidence.get("grade")
    if grade:
        text += f" ({grade['judgement']}: {grade['grade'].replace('_', ' ')})"
    return text


def coverage(area: AreaInfo) -> str:
    cov = area["coverage"]
    if not cov["total"]:
        return "no rules bear on this area"
    return (f"{cov['evaluable']} of {cov['total']} rules could be evaluated "
            f"({round(cov['share'] * 100)}%)")


def headline(item: AreaInfo | OverallInfo) -> str:
    return f"{BANDS[item['band']].label}: {item['meaning']}"
