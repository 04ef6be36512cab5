"""The report as SARIF 2.1.0, for GitHub code scanning and other CI dashboards.

One result per fired rule per self-assessment (a rule bearing on two areas is reported once),
located at the line of the metric that made it fire. Levels: critical and major findings are
errors, moderate ones warnings, minor ones notes. Metric paths stay as they are (a machine
reads this); each result carries the changes that would clear it. With ``--previous`` each
result has a ``baselineState`` (``new`` or ``unchanged``), and the run's properties hold what
moved for each assessment (``trend``), as they hold what a ``--what-if`` moved (``whatIf``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from checker.core.text import json_text
from checker.core.vocab import SEVERITIES
from checker.report.model import AssessmentReport, FindingInfo, Report
from checker.report.render import Options
from checker.report.render._common import citation, evidence_label, observation

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(source: str) -> str:
    return PurePath(source).as_posix()


def _descriptor(finding: FindingInfo, areas: list[str]) -> dict[str, Any]:
    evidence = "\n".join(f"- {evidence_label(e)}: {citation(e)}: \"{e['quote']}\""
                         for e in finding["evidence"])
    basis = finding["basis"]
    help_text = (f"{finding['recommendation']}\n\nEvidence:\n{evidence}\n\n"
                 f"Basis ({basis['kind']}): {basis['text']} ({basis['citation']})")
    return {
        "id": finding["rule"],
        "name": finding["rule"].replace("-", ""),
        "shortDescription": {"text": finding["title"]},
        "fullDescription": {"text": basis["text"]},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": SEVERITIES[finding["severity"]].sarif_level},
        "properties": {
            "tags": sorted({*areas, "children's services", "inspection readiness"}),
            "severity": finding["severity"],
            "problem.severity": SEVERITIES[finding["severity"]].sarif_problem,
            "precision": "medium",
        },
    }


def _scored(assessment: AssessmentReport) -> Iterator[tuple[str, FindingInfo]]:
    """(area key, finding) for every scored finding: the weaknesses of each area, then the
    failed published-figures checks (council-wide: area ``published``)."""
    for area in assessment["areas"]:
        for finding in area["findings"]:
            yield area["key"], finding
    for finding in assessment["published"]["failed"]:
        yield "published", finding


def render(report: Report, options: Options) -> str:
    del options
    descriptors: dict[str, dict[str, Any]] = {}
    rule_areas: dict[str, list[str]] = {}
    for assessment in report["assessments"]:
        for key, finding in _scored(assessment):
            rule_areas.setdefault(finding["rule"], [])
            if key not in rule_areas[finding["rule"]]:
                rule_areas[finding["rule"]].append(key)
    results = []
    for assessment in report["assessments"]:
        seen: set[str] = set()
        for _key, finding in _scored(assessment):
            rule_id = finding["rule"]
            if rule_id not in descriptors:
                descriptors[rule_id] = _descriptor(finding, rule_areas[rule_id])
            if rule_id in seen:
                continue
            seen.add(rule_id)
            results.append(_result(assessment, finding, rule_areas[rule_id]))
    order = sorted(descriptors)
    for result in results:
        result["ruleIndex"] = order.index(result["ruleId"])
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "checker",
                "fullName": "Inspection-readiness checker for children's services",
                "version": report["tool"]["version"],
                "semanticVersion": report["tool"]["version"],
                "rules": [descriptors[rule_id] for rule_id in order],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            **_moved(report),
        }],
    }
    return json_text(document)


def _moved(report: Report) -> dict[str, Any]:
    """The run's properties: what a --what-if or --previous moved, per assessment."""
    found: dict[str, Any] = {}
    what_if = [{"source": a["source"], **a["what_if"]} for a in report["assessments"]
               if a["what_if"] is not None]
    trend = [{"source": a["source"], **a["trend"]} for a in report["assessments"]
             if a["trend"] is not None]
    for name, moved in (("whatIf", what_if), ("trend", trend)):
        if moved:
            found[name] = moved
    return {"properties": found} if found else {}


def _figures(assessment: AssessmentReport, finding: FindingInfo) -> dict[str, Any]:
    """The comparators and provenance the file gives for the figures a finding observed."""
    metrics = [step["metric"] for step in finding["observations"]]
    found: dict[str, Any] = {}
    for key, given in (("comparators", assessment["comparators"]),
                       ("provenance", assessment["provenance"])):
        picked = {metric: given[metric] for metric in metrics if metric in given}
        if picked:
            found[key] = picked
    return found


def _result(assessment: AssessmentReport, finding: FindingInfo, areas: list[str]
            ) -> dict[str, Any]:
    observed = "; ".join(observation(step, paths=True) for step in finding["observations"])
    line = next((step["line"] for step in finding["observations"] if step["line"]), None)
    authority = assessment["authority"]["name"]
    message = f"{finding['title']} ({authority}): {observed}" if observed else (
        f"{finding['title']} ({authority})")
    region = {"startLine": line or 1}
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "level": SEVERITIES[finding["severity"]].sarif_level,
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(assessment["source"])},
                "region": region,
            },
        }],
        "partialFingerprints": {
            "checkerFinding/v1": f"{_uri(assessment['source'])}:{finding['rule']}",
        },
        "properties": {"areas": areas, "severity": finding["severity"],
                       "toClear": [change["text"] for change in finding["to_clear"]],
                       **_figures(assessment, finding)},
    }
    trend = assessment["trend"]
    if trend is not None:
        result["baselineState"] = ("new" if finding["rule"] in trend["moved"]["fired"]
                                   else "unchanged")
    return result
