"""The report as SARIF 2.1.0, for GitHub code scanning and other CI dashboards.

One result per fired rule per self-assessment (a rule bearing on two areas is reported once),
located at the line of the metric that made it fire. Levels: critical and major findings are
errors, moderate ones warnings, minor ones notes. Metric paths stay as they are (a machine
reads this); each result carries the changes that would clear it. With ``--previous`` each
result has a ``baselineState`` (``new`` or ``unchanged``), and the run's properties hold what
moved for each assessment (``trend``), as they hold what a ``--what-if`` moved (``whatIf``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from checker.core.jsonout import ArrayStream, Encoder, Hole, split
from checker.core.vocab import SEVERITIES
from checker.report.model import AssessmentReport, FindingInfo, Report
from checker.report.render import Head, Options, Write, whole
from checker.report.render._common import citation, evidence_label, observation

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: A batch's results are kept in memory up to this many characters, then on disk.
SPILL_IN_MEMORY = 4 * 1024 * 1024


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


class _Spill:
    """JSON values kept on disk in order (in memory up to a few megabytes), one per line, so
    a batch's results are never all held."""

    def __init__(self) -> None:
        import tempfile  # noqa: PLC0415 - only SARIF of a batch spills

        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by read()
            max_size=SPILL_IN_MEMORY, mode="w+", encoding="ascii")
        self.count = 0

    def add(self, value: Any) -> None:
        self._file.write(json.dumps(value, separators=(",", ":")) + "\n")
        self.count += 1

    def read(self) -> Iterator[Any]:
        self._file.seek(0)
        with self._file:
            for line in self._file:
                yield json.loads(line)


class _Writer:
    """Results written to a spill file as each assessment comes, then the whole document: the
    rules' descriptors (which need every assessment's areas) come first in SARIF."""

    def __init__(self, head: Head, options: Options, write: Write) -> None:
        del options
        self._version, self._write = head.tool["version"], write
        self._first: dict[str, FindingInfo] = {}  # rule id -> its first finding (descriptor)
        self._areas: dict[str, list[str]] = {}
        self._results = _Spill()
        self._moved = {"whatIf": _Spill(), "trend": _Spill()}

    def add(self, assessment: AssessmentReport) -> None:
        seen: set[str] = set()
        for key, finding in _scored(assessment):
            rule_id = finding["rule"]
            self._first.setdefault(rule_id, finding)
            areas = self._areas.setdefault(rule_id, [])
            if key not in areas:
                areas.append(key)
            if rule_id not in seen:
                seen.add(rule_id)
                self._results.add(_result(assessment, finding, []))
        for name, moved in (("whatIf", assessment["what_if"]), ("trend", assessment["trend"])):
            if moved is not None:
                self._moved[name].add({"source": assessment["source"], **moved})

    def close(self) -> None:
        order = sorted(self._first)
        index = {rule_id: number for number, rule_id in enumerate(order)}
        holes = {name: Hole() for name, spill in self._moved.items() if spill.count}
        segments, depths = split(safe=True, value={
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "checker",
                    "fullName": "Inspection-readiness checker for children's services",
                    "version": self._version,
                    "semanticVersion": self._version,
                    "rules": [_descriptor(self._first[r], self._areas[r]) for r in order],
                }},
                "columnKind": "unicodeCodePoints",
                "results": Hole(),
                **({"properties": holes} if holes else {}),
            }],
        })
        spills = [self._results, *(self._moved[name] for name in holes)]
        encoder = Encoder(safe=True)
        for segment, depth, spill in zip(segments, depths, spills, strict=False):
            self._write(segment)
            array = ArrayStream(depth, self._write, encoder)
            for value in spill.read():
                if spill is self._results:
                    value["properties"]["areas"] = self._areas[value["ruleId"]]
                    value["ruleIndex"] = index[value["ruleId"]]
                array.add(value)
            array.close()
        self._write(segments[-1] + "\n")


writer = _Writer


def render(report: Report, options: Options) -> str:
    return whole(writer, report, options)


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
