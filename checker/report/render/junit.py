"""The report as JUnit XML: one test suite per self-assessment, one test case per rule and
judgement area. A fired rule is a failure, a rule that could not be evaluated is skipped
(its data is missing), a rule that was evaluated and did not fire passes.

With ``--previous``, one more case per area under ``<framework>.trend`` fails when the area
deteriorated (naming any figure that crossed a threshold); with ``--what-if``, the changes are
the suite's properties. Text is in plain words (metric titles), and nothing from a file can
make the XML ill-formed (:mod:`checker.core.junit`)."""

from __future__ import annotations

from checker.core import junit
from checker.core.vocab import BANDS
from checker.report.model import AreaInfo, AssessmentReport, FindingInfo, Report
from checker.report.render import Head, Options, Write, whole
from checker.report.render._common import (
    change_phrase,
    citation,
    crossings,
    evidence_label,
    figure_line,
    number,
    observation,
)


def _sources(assessment: AssessmentReport, finding: FindingInfo) -> list[str]:
    """Where an observed figure came from, and what it compares with, as the file says."""
    lines = []
    for step in finding["observations"]:
        given = assessment["provenance"].get(step["metric"])
        if given is not None:
            lines.append(f"{step['label']} from: " + ", ".join(
                part for part in (given["source"], given["paragraph"], given["note"]) if part))
        compared = assessment["comparators"].get(step["metric"])
        if compared is not None:
            figures = [f"{name} {number(value, compared['unit'])}" for name, value in (
                ("England", compared["national"]), ("region", compared["region"]),
                ("neighbours", compared["statistical_neighbours"])) if value is not None]
            lines.append(f"{step['label']} compared with: {', '.join(figures)} "
                         f"({compared['year'] or 'year not given'})")
    return lines


def _cases(classname: str, findings: list[FindingInfo], assessment: AssessmentReport,
           area: AreaInfo | None = None) -> list[junit.Case]:
    """A failure per finding; for an area, a skipped case per rule it could not evaluate and
    a passing one per rule evaluated that did not fire."""
    cases = []
    for finding in findings:
        lines = [observation(step) for step in finding["observations"]]
        lines += _sources(assessment, finding)
        lines += [f"Clears with: {change_phrase(change)}" for change in finding["to_clear"]]
        lines += [f"{evidence_label(e).capitalize()}: {citation(e)}: \"{e['quote']}\""
                  for e in finding["evidence"]]
        lines.append(f"What to do: {finding['recommendation']}")
        cases.append(junit.Case(classname, f"{finding['rule']} {finding['title']}", failure=(
            junit.Failure(finding["title"], "\n".join(lines), type=finding["severity"]))))
    if area is None:
        return cases
    unevaluable: dict[str, list[str]] = {}
    for gap in area["gaps"]:
        for rule_id in gap["rules"]:
            unevaluable.setdefault(rule_id, []).append(gap["label"])
    cases += [junit.Case(classname, rule_id, skipped="not evaluable: missing " + ", ".join(metrics))
              for rule_id, metrics in sorted(unevaluable.items())]
    cases += [junit.Case(classname, rule_id) for rule_id in area["passed"]]
    return cases


def _trend(assessment: AssessmentReport) -> list[junit.Case]:
    trend = assessment["trend"]
    if trend is None:
        return []
    moved, since = trend["moved"], trend["previous_as_of"]
    classname = f"{assessment['framework']['id']}.trend"
    crossed = crossings(moved)
    cases = []
    for area in moved["areas"]:
        name = f"{area['title']} since {since}"
        if area["direction"] != "worse":
            cases.append(junit.Case(classname, name))
            continue
        lines = [f"{BANDS[area['band_before']].label} -> {BANDS[area['band_after']].label}, "
                 f"local score {area['score_before']}% -> {area['score_after']}%"]
        lines += [f"Crossed a threshold: {figure_line(f, since)}" for f in crossed]
        cases.append(junit.Case(classname, name, failure=junit.Failure(
            f"deteriorated since {since}", "\n".join(lines), type="trend")))
    return cases


def _properties(assessment: AssessmentReport) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if assessment["what_if"] is not None:
        found += [("what-if", figure_line(f)) for f in assessment["what_if"]["moved"]["figures"]]
    if assessment["trend"] is not None:
        found.append(("previous", assessment["trend"]["previous_source"]))
    return found


def _suite(assessment: AssessmentReport) -> junit.Suite:
    suite = junit.Suite(f"{assessment['authority']['name']} ({assessment['source']})",
                        properties=_properties(assessment))
    for area in assessment["areas"]:
        suite.cases += _cases(f"{assessment['framework']['id']}.{area['key']}",
                              area["findings"], assessment, area)
    suite.cases += _cases(f"{assessment['framework']['id']}.published",
                          assessment["published"]["failed"], assessment)
    suite.cases += _trend(assessment)
    return suite


class _Writer:
    """A suite per assessment as it comes (:class:`checker.core.junit.Stream`)."""

    def __init__(self, head: Head, options: Options, write: Write) -> None:
        del head, options
        self._stream = junit.Stream("checker", write)

    def add(self, assessment: AssessmentReport) -> None:
        self._stream.add(_suite(assessment))

    def close(self) -> None:
        self._stream.close()


writer = _Writer


def render(report: Report, options: Options) -> str:
    return whole(writer, report, options)
