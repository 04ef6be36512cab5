"""The report as Markdown, for pasting into a paper or a wiki."""

from __future__ import annotations

from checker.core.vocab import BANDS
from checker.report.model import AreaInfo, AssessmentReport, Report
from checker.report.render import Options
from checker.report.render._common import (
    attribution,
    citation,
    coverage,
    headline,
    observation,
    statistics_line,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report, options: Options) -> str:
    del options
    lines: list[str] = []
    for assessment in report["assessments"]:
        lines.extend(_assessment(assessment))
    return "\n".join(lines).rstrip() + "\n"


def _assessment(assessment: AssessmentReport) -> list[str]:
    authority = assessment["authority"]
    summary = assessment["summary"]
    lines = [
        f"# {authority['name']}: predicted inspection risk",
        "",
        f"Figures as of {authority['as_of']}. Framework: {assessment['framework']['title']}.",
        f"{summary['metrics_given']} of {summary['metrics_total']} metrics given; "
        f"{summary['rules_evaluable']} of {summary['rules_total']} rules evaluable; "
        f"{summary['rules_fired']} fired. Source: `{assessment['source']}`.",
        "",
        "| Judgement | Predicted risk | Grade meaning | Coverage |",
        "|---|---|---|---|",
    ]
    for overall in assessment["overall"]:
        lines.append(f"| {_cell(overall['title'])} | {BANDS[overall['band']].label} | "
                     f"{_cell(overall['meaning'])} | {_cell(overall['explanation'])} |")
    for area in assessment["areas"]:
        lines.append(f"| {_cell(area['title'])} | {BANDS[area['band']].label} | "
                     f"{_cell(area['meaning'])} | {_cell(coverage(area))} |")
    lines.append("")
    for area in assessment["areas"]:
        lines.extend(_area(area))
    notice = attribution(f for area in assessment["areas"] for f in area["findings"])
    if notice:
        lines += [notice, ""]
    return lines


def _area(area: AreaInfo) -> list[str]:
    limiting = " (limiting judgement)" if area["limiting"] else ""
    lines = [
        f"## {area['title']}{limiting}",
        "",
        f"**{headline(area)}**. {coverage(area).capitalize()}; score {area['score']}.",
        "",
    ]
    if not area["findings"]:
        lines += ["No rule fired.", ""]
    for finding in area["findings"]:
        lines += [f"### {finding['severity'].upper()} {finding['rule']}: {finding['title']}", ""]
        for step in finding["observations"]:
            lines.append(f"- Observed: {observation(step)}")
        statistics = statistics_line(finding)
        if statistics is not None:
            lines.append(f"- In inspection reports: {statistics}")
        for evidence in finding["evidence"]:
            lines.append(f"- Evidence: {citation(evidence)}: \"{evidence['quote']}\"")
        basis = finding["basis"]
        lines.append(f"- Basis ({basis['kind']}): {basis['text']} ({basis['citation']})")
        lines.append(f"- What to do: {finding['recommendation']}")
        lines.append("")
    if area["gaps"]:
        lines += ["Data gaps:", ""]
        for gap in area["gaps"]:
            lines.append(f"- `{gap['metric']}`: {gap['label']} ({', '.join(gap['rules'])})")
        lines.append("")
    return lines
