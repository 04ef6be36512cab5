"""The report as SARIF 2.1.0, for GitHub code scanning and other CI dashboards.

One result per fired rule per self-assessment (a rule bearing on two areas is reported once),
located at the line of the metric that made it fire. Levels: critical and major findings are
errors, moderate ones warnings, minor ones notes.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from checker.core.vocab import SEVERITIES
from checker.report.model import AssessmentReport, FindingInfo, Report
from checker.report.render import Options
from checker.report.render._common import citation, observation

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(source: str) -> str:
    return PurePath(source).as_posix()


def _descriptor(finding: FindingInfo, areas: list[str]) -> dict[str, Any]:
    evidence = "\n".join(f"- {citation(e)}: \"{e['quote']}\"" for e in finding["evidence"])
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


def render(report: Report, options: Options) -> str:
    del options
    descriptors: dict[str, dict[str, Any]] = {}
    rule_areas: dict[str, list[str]] = {}
    for assessment in report["assessments"]:
        for area in assessment["areas"]:
            for finding in area["findings"]:
                rule_areas.setdefault(finding["rule"], [])
                if area["key"] not in rule_areas[finding["rule"]]:
                    rule_areas[finding["rule"]].append(area["key"])
    results = []
    for assessment in report["assessments"]:
        seen: set[str] = set()
        for area in assessment["areas"]:
            for finding in area["findings"]:
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
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _result(assessment: AssessmentReport, finding: FindingInfo, areas: list[str]
            ) -> dict[str, Any]:
    observed = "; ".join(observation(step) for step in finding["observations"])
    line = next((step["line"] for step in finding["observations"] if step["line"]), None)
    authority = assessment["authority"]["name"]
    message = f"{finding['title']} ({authority}): {observed}" if observed else (
        f"{finding['title']} ({authority})")
    region = {"startLine": line or 1}
    return {
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
        "properties": {"areas": areas, "severity": finding["severity"]},
    }
