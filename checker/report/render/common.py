"""Wording shared by the human-readable formats."""

from __future__ import annotations

from typing import Any

BAND_LABEL = {"low": "LOW", "medium": "MEDIUM", "high": "HIGH", "unknown": "UNKNOWN"}


def observation(step: dict[str, Any]) -> str:
    """'Dental checks ...: 63% (below 90%, the authority's target)'."""
    if step["operator"] in {"missing", "present"}:
        return f"{step['metric']} is {step['operator_text']}"
    threshold = step["threshold_text"]
    source = step["threshold_source"]
    if source and source != "rule":
        threshold = f"{threshold} ({source})"
    return (f"{step['metric']} = {step['observed_text']}, "
            f"{step['operator_text']} {threshold}")


def citation(evidence: dict[str, Any]) -> str:
    from checker.rules.model import paragraph_label

    text = f"{evidence['source']}, {paragraph_label(evidence['paragraph'])}"
    grade = evidence.get("grade")
    if grade:
        text += f" ({grade['judgement']}: {grade['grade'].replace('_', ' ')})"
    return text


def coverage(area: dict[str, Any]) -> str:
    cov = area["coverage"]
    if not cov["total"]:
        return "no rules bear on this area"
    return (f"{cov['evaluable']} of {cov['total']} rules could be evaluated "
            f"({round(cov['share'] * 100)}%)")


def headline(item: dict[str, Any]) -> str:
    return f"{BAND_LABEL[item['band']]}: {item['meaning']}"
