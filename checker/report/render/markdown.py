"""The report as Markdown, for pasting into a paper or a wiki: the summary (areas table,
legend, the actions that would lower risk most, the missing figures that matter most), or
with ``--detail full`` every finding with its evidence, every data gap by section, the
comparators and where the figures came from.

Everything from a file is escaped (no control characters, no markup, no line breaks that could
start a heading); acronyms are expanded the first time each is used. Each assessment is
rendered on its own.
"""

from __future__ import annotations

import re

from checker.core.text import Expander, printable, printable_data, words
from checker.core.vocab import BANDS
from checker.report.model import AreaInfo, AssessmentReport, FindingInfo, Report
from checker.report.render import EachOnItsOwn, Options, whole
from checker.report.render._common import (
    SUMMARY_ACTIONS,
    SUMMARY_GAPS,
    action_head,
    action_text,
    also_fired,
    area_moves,
    attribution,
    basis_lines,
    calibration,
    change_phrase,
    citation,
    coverage,
    coverage_cell,
    crossings,
    evidence_label,
    figure_line,
    gap_text,
    headline,
    hidden_figures,
    legend,
    number,
    observation,
    points_cell,
    published_line,
    short_title,
    statistics_line,
)

_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: object) -> str:
    """Text safe inside a Markdown line or table cell: control characters and line breaks as
    spaces, markup characters escaped."""
    return _MARKUP.sub(r"\\\1", printable(str(text)))


class _Writer(EachOnItsOwn):
    """Each assessment rendered on its own, a blank line between two."""

    ending = "\n"

    def piece(self, assessment: AssessmentReport, options: Options, *, first: bool) -> str:
        text = render_assessment(assessment, options).rstrip()
        return text if first else "\n\n" + text


writer = _Writer


def render(report: Report, options: Options) -> str:
    return whole(writer, report, options)


def render_assessment(assessment: AssessmentReport, options: Options) -> str:
    expand = Expander()
    lines = _assessment(printable_data(assessment), options)
    return "\n".join(expand(line) if not line.startswith("|---") else line for line in lines)


def _assessment(assessment: AssessmentReport, options: Options) -> list[str]:
    authority = assessment["authority"]
    summary = assessment["summary"]
    lines = [
        f"# {md(authority['name'])}: predicted inspection risk",
        "",
        f"Figures as of {authority['as_of']}. Framework: {md(assessment['framework']['title'])}. "
        f"{summary['metrics_given']} of {summary['metrics_total']} figures given, "
        f"{summary['rules_evaluable']} of {summary['rules_total']} rules evaluated, "
        f"{summary['rules_fired']} fired. File: {md(assessment['source'])}.",
        "",
        *_what_if(assessment),
        *_trend(assessment, options.full),
        *_areas(assessment),
        *_actions(assessment, None if options.full else SUMMARY_ACTIONS),
        *_gaps(assessment),
    ]
    if options.full:
        lines += _details(assessment)
    else:
        lines += ["_Every finding with its evidence, every data gap, the comparators and where "
                  "the figures came from: `--detail full`._", ""]
    return lines


def _what_if(assessment: AssessmentReport) -> list[str]:
    what_if = assessment["what_if"]
    if what_if is None:
        return []
    moved = what_if["moved"]
    lines = ["## What if (this report is with these changes)", ""]
    lines += [f"- {md(figure_line(figure))}" for figure in moved["figures"]]
    lines += [f"- {md(line)}" for line in area_moves(moved) or ["No band moved."]]
    if moved["cleared"]:
        lines.append(f"- Rules cleared: {', '.join(moved['cleared'])}")
    if moved["fired"]:
        lines.append(f"- Rules now firing: {', '.join(moved['fired'])}")
    return [*lines, ""]


def _trend(assessment: AssessmentReport, full: bool) -> list[str]:
    trend = assessment["trend"]
    if trend is None:
        return []
    moved, since = trend["moved"], trend["previous_as_of"]
    lines = [f"## Since {since} ({md(trend['previous_source'])})", ""]
    lines += [f"- {md(line)}" for line in area_moves(moved, since) or ["No area moved."]]
    crossed = crossings(moved)
    lines += [f"- **Crossed a threshold:** {md(figure_line(f, since))}" for f in crossed]
    rest = [f for f in moved["figures"] if f not in crossed]
    shown = rest if full else [f for f in rest if f["direction"] == "worse"][:5]
    lines += [f"- {md(figure_line(f, since))}" for f in shown]
    if len(rest) > len(shown):
        lines.append(f"- {md(hidden_figures([f for f in rest if f not in shown]))}")
    return [*lines, ""]


def _areas(assessment: AssessmentReport) -> list[str]:
    lines = ["| Judgement | Predicted risk | Rules evaluated | Points found | Strengths |",
             "|---|---|---|---|---|"]
    for overall in assessment["overall"]:
        lines.append(f"| **{md(overall['title'])}** | {headline(overall)} | | | |")
    for area in assessment["areas"]:
        limiting = " (limiting)" if area["limiting"] else ""
        lines.append(f"| {md(area['title'])}{limiting} | {headline(area)} | "
                     f"{coverage_cell(area)} | {points_cell(area)} | {len(area['strengths'])} |")
    lines += ["", *[f"_{md(line)}_" for line in legend(assessment)], "",
              "**What the bands rest on:**", ""]
    lines += [f"- {md(line)}" for line in basis_lines(assessment)]
    return [*lines, f"- {md(published_line(assessment))}", ""]


def _actions(assessment: AssessmentReport, limit: int | None) -> list[str]:
    actions = assessment["actions"]
    shown = actions if limit is None else actions[:limit]
    lines = [f"## What would lower the risk most ({len(shown)} of {len(actions)} actions)", "",
             "_Ranked by points and how near each area is to dropping a band._", ""] if actions \
        else ["No weakness fired, so there is nothing to clear."]
    lines += [f"{action['rank']}. **{md(action_head(action, assessment))}** "
              f"{md(action_text(action, limit=None if limit is None else 2))}"
              for action in shown]
    others = also_fired(assessment, {action["rule"] for action in shown})
    if others:
        lines += ["", f"{'Also fired' if actions else 'Fired'}: {', '.join(others)}."]
    return [*lines, ""]


def _gaps(assessment: AssessmentReport) -> list[str]:
    gaps = assessment["data_gaps"][:SUMMARY_GAPS]
    if not gaps:
        return []
    lines = [f"## The missing figures that would change the prediction most ({len(gaps)} of "
             f"{len(assessment['data_gaps'])})", ""]
    lines += [f"{gap['rank']}. {md(gap_text(gap, assessment))}" for gap in gaps]
    return [*lines, ""]


def _details(assessment: AssessmentReport) -> list[str]:
    lines: list[str] = []
    shown: set[str] = set()
    for area in assessment["areas"]:
        lines.extend(_area(area, shown))
    lines += _published(assessment)
    lines += _every_gap(assessment)
    lines += _comparators(assessment)
    lines += _provenance(assessment)
    lines += _notes(assessment)
    return lines


def _area(area: AreaInfo, shown: set[str]) -> list[str]:
    limiting = " (limiting judgement)" if area["limiting"] else ""
    lines = [f"## {md(area['title'])}{limiting}", "",
             f"**{md(headline(area))}**. {md(coverage(area)).capitalize()}; points found "
             f"{points_cell(area)} (local score {area['score']}%).", ""]
    lines += [f"- {md(calibration(source))}" for source in area["evidence"]]
    lower = area["to_lower"]
    if lower is not None:
        lines.append(f"- To lower it to {BANDS[lower['band']].label}: "
                     + md("; ".join(change_phrase(c) for c in lower["changes"])))
    lines.append("")
    if not area["findings"]:
        lines += ["No weakness fired.", ""]
    for finding in area["findings"]:
        lines += _finding(finding, shown)
    for label, items in (("What is working (strengths)", area["strengths"]),
                         ("Published figures worse than comparators (context, not scored)",
                          area["context"])):
        if items:
            lines += [f"**{label}:**", ""]
        for finding in items:
            lines += _finding(finding, shown)
    if area["passed"]:
        lines += [f"Evaluated and not fired: {', '.join(area['passed'])}.", ""]
    return lines


def _finding(finding: FindingInfo, shown: set[str]) -> list[str]:
    kind = finding["severity"] if finding["effect"] == "weakness" else finding["effect"]
    lines = [f"### {kind.upper()} {finding['rule']}: {md(finding['title'])} "
             f"({finding['points']} points)", ""]
    lines += [f"- Observed: {md(observation(step))}" for step in finding["observations"]]
    if finding["to_clear"]:
        lines.append("- Clears with: "
                     + md("; ".join(change_phrase(c) for c in finding["to_clear"])))
    if finding["rule"] in shown:
        return [*lines, "- Evidence, basis and what to do: under its first area above.", ""]
    shown.add(finding["rule"])
    statistics = statistics_line(finding)
    if statistics is not None:
        lines.append(f"- In inspection reports: {md(statistics)}")
    for evidence in finding["evidence"]:
        lines.append(f"- {evidence_label(evidence).capitalize()}: {md(citation(evidence))}: "
                     f"\"{md(evidence['quote'])}\"")
    basis = finding["basis"]
    lines.append(f"- Basis ({basis['kind']}): {md(words(basis['text']))} "
                 f"({md(basis['citation'])})")
    lines.append(f"- What to do: {md(words(finding['recommendation']))}")
    return [*lines, ""]


def _published(assessment: AssessmentReport) -> list[str]:
    published = assessment["published"]
    lines = ["## Published-figures checklist", "", md(published_line(assessment)), ""]
    shown: set[str] = set()
    for finding in published["failed"]:
        lines += _finding(finding, shown)
    return lines


def _every_gap(assessment: AssessmentReport) -> list[str]:
    gaps = assessment["data_gaps"]
    if not gaps:
        return []
    titles = {area["key"]: short_title(area["title"]) for area in assessment["areas"]}
    lines = [f"## Every data gap ({len(gaps)} missing figures that rules need), by section", ""]
    section = None
    for gap in sorted(gaps, key=lambda g: (g["section"], g["label"])):
        if gap["section"] != section:
            section = gap["section"]
            lines += ["", f"**{md(section)}**", ""]
        areas = ", ".join(titles.get(key, key) for key in gap["areas"])
        lines.append(f"- {md(gap['label'])} (needed by {', '.join(gap['rules'])}"
                     + (f"; coverage of {md(areas)}" if areas else "") + ")")
    return [*lines, ""]


def _comparators(assessment: AssessmentReport) -> list[str]:
    comparators = assessment["comparators"]
    if not comparators:
        return []
    lines = ["## Comparators", "",
             "| Figure | Authority | England | Region | Neighbours | Lower quartile | Median | "
             "Upper quartile | Year | Source |", "|---|---|---|---|---|---|---|---|---|---|"]
    for item in comparators.values():
        cells = [("" if value is None else number(value, item["unit"])) for value in (
            item["national"], item["region"], item["statistical_neighbours"],
            item["lower_quartile"], item["median"], item["upper_quartile"])]
        lines.append(f"| {md(item['label'])} | {md(item['value_text'])} | {' | '.join(cells)} | "
                     f"{md(item['year'] or '')} | {md(item['source'])} |")
    return [*lines, ""]


def _provenance(assessment: AssessmentReport) -> list[str]:
    provenance = assessment["provenance"]
    if not provenance:
        return []
    lines = ["## Where the figures came from", ""]
    for item in provenance.values():
        parts = [item["source"], item["paragraph"], item["note"]]
        quote = f" \"{md(item['quote'])}\"" if item["quote"] else ""
        lines.append(f"- {md(item['label'])}: {md(', '.join(p for p in parts if p))}{quote}")
    return [*lines, ""]


def _notes(assessment: AssessmentReport) -> list[str]:
    lines = []
    summary = assessment["summary"]
    if summary["policy_defaults_used"]:
        lines.append("Policy defaults used (state your own in `policy`): "
                     + ", ".join(summary["policy_defaults_used"]) + ".")
    for warning in assessment["warnings"]:
        line = f" (line {warning['line']})" if warning["line"] else ""
        lines.append(f"- Warning{line}: {md(warning['message'])}")
    notice = attribution(f for area in assessment["areas"] for f in area["findings"])
    if notice:
        lines += ["", md(notice)]
    return [*lines, ""] if lines else []
