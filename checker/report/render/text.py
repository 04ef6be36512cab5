"""The terminal report.

The renderer lays the report out once, as wrapped lines made of styled spans. On a terminal
the spans are printed through rich, in colour; anywhere else (a pipe, a file, NO_COLOR) the
same lines are written as plain text, so piped output never carries colour codes and the two
can never differ in content. rich is imported only when colour is wanted.
"""

from __future__ import annotations

import bisect
import io
import re
import textwrap

from checker.core.text import words
from checker.core.vocab import BANDS, SEVERITIES
from checker.report.model import AreaInfo, AssessmentReport, FindingInfo, Report
from checker.report.render import Options
from checker.report.render._common import (
    attribution,
    citation,
    coverage,
    headline,
    observation,
    statistics_line,
)

#: One output line: a list of (text, style) spans; style "" means plain.
Line = list[tuple[str, str]]
#: Control characters (escape sequences, carriage returns...) from input files must not reach
#: a terminal: they are shown as spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Page:
    def __init__(self, width: int) -> None:
        self.width = max(width, 40)
        self.lines: list[Line] = []

    def say(self, *spans: tuple[str, str], indent: int = 0, hang: int = 0) -> None:
        """Add a paragraph of spans, wrapped to the width; continuation lines indent by
        ``indent + hang``. Styles survive wrapping."""
        spans = tuple((_CONTROL.sub(" ", chunk), style) for chunk, style in spans)
        text = "".join(chunk for chunk, _style in spans)
        if not text.strip():
            wrapped = [""]
        elif indent + len(text.rstrip()) <= self.width:  # fits: what textwrap would return
            wrapped = [" " * indent + text.rstrip()]
        else:
            wrapped = textwrap.wrap(
                text, width=self.width, initial_indent=" " * indent,
                subsequent_indent=" " * (indent + hang), break_long_words=False,
                break_on_hyphens=False,
            )
        # Style runs as (end offset, style): each wrapped line is cut at run boundaries.
        ends: list[int] = []
        styles: list[str] = []
        for chunk, style in spans:
            if chunk:
                ends.append((ends[-1] if ends else 0) + len(chunk))
                styles.append(style)
        position = 0
        for number, line in enumerate(wrapped):
            lead = indent if number == 0 else indent + hang
            body = line[lead:]
            while position < len(text) and text[position] == " " and not body.startswith(" "):
                position += 1  # spaces eaten by wrapping
            spans_out: Line = [(line[:lead], "")]
            start = position
            stop_at = position + len(body)
            while position < stop_at:
                run = bisect.bisect_right(ends, position)
                stop = min(stop_at, ends[run]) if run < len(ends) else stop_at
                style = styles[run] if run < len(styles) else ""
                piece = body[position - start:stop - start]
                if spans_out[-1][1] == style:
                    spans_out[-1] = (spans_out[-1][0] + piece, style)
                else:
                    spans_out.append((piece, style))
                position = stop
            self.lines.append(spans_out)

    def blank(self) -> None:
        self.lines.append([("", "")])


def render(report: Report, options: Options) -> str:
    page = _Page(options.width)
    for index, assessment in enumerate(report["assessments"]):
        if index:
            page.say(("─" * page.width, "dim"))
        _assessment(page, assessment)
    if not options.color:
        return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in page.lines)
    return _coloured(page)


def _coloured(page: _Page) -> str:
    from rich.console import Console  # noqa: PLC0415 - rich only when colour is wanted
    from rich.text import Text  # noqa: PLC0415 - rich only when colour is wanted

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=page.width, highlight=False,
                      emoji=False, soft_wrap=True)
    for line in page.lines:
        console.print(Text.assemble(*line), soft_wrap=True)
    return buffer.getvalue()


def _assessment(page: _Page, assessment: AssessmentReport) -> None:
    authority = assessment["authority"]
    summary = assessment["summary"]
    page.say((authority["name"], "bold"),
             (f": predicted inspection risk, figures as of {authority['as_of']}", ""))
    page.say((f"Framework: {assessment['framework']['title']}", ""), hang=2)
    page.say((f"Source: {assessment['source']}; {summary['metrics_given']} of "
              f"{summary['metrics_total']} metrics given; {summary['rules_evaluable']} of "
              f"{summary['rules_total']} rules evaluable; {summary['rules_fired']} fired", ""),
             hang=2)
    if summary["policy_defaults_used"]:
        page.say(("Policy defaults used (state your own in 'policy'): "
                  + ", ".join(summary["policy_defaults_used"]), ""), hang=2)
    page.blank()
    for overall in assessment["overall"]:
        page.say((overall["title"], "bold"), (": ", ""),
                 (headline(overall), BANDS[overall["band"]].style), hang=2)
        page.say((overall["explanation"], ""), indent=2)
        page.blank()
    shown: dict[str, str] = {}  # rule id -> title of the area where its details were shown
    for area in assessment["areas"]:
        _area(page, area, shown)
    notice = attribution(f for area in assessment["areas"] for f in area["findings"])
    if notice:
        page.say((notice, "dim"))
        page.blank()


def _area(page: _Page, area: AreaInfo, shown: dict[str, str]) -> None:
    """One area. A rule's evidence, basis and recommendation are printed under the first area
    it fired in; later areas repeat its observations and point back, so a rule bearing on many
    judgements (the 2009-12 framework has 29) does not repeat its quotes under each one."""
    limiting = " (limiting judgement)" if area["limiting"] else ""
    page.say((area["title"], "bold"), (limiting, ""))
    page.say(("Risk: ", ""), (headline(area), BANDS[area["band"]].style), indent=2, hang=6)
    page.say((f"Coverage: {coverage(area)}; score {area['score']}", ""), indent=2, hang=2)
    if not area["findings"]:
        page.say(("No rule fired.", ""), indent=2)
    for finding in area["findings"]:
        _finding(page, finding, area["title"], shown)
    for label, items in (("What is working (strengths):", area["strengths"]),
                         ("Context, not scored (published figures worse than comparators, "
                          "partners' capacity):", area["context"])):
        if items:
            page.say((label, ""), indent=2)
        for item in items:
            page.say((f"{item['rule']} {item['title']}", ""), indent=4, hang=4)
            for step in item["observations"]:
                page.say((f"observed: {observation(step)}", ""), indent=6, hang=4)
    if area["gaps"]:
        page.say(("Data gaps (rules that could not be evaluated):", ""), indent=2)
        for gap in area["gaps"]:
            page.say((f"- {gap['metric']}: {gap['label']} ({', '.join(gap['rules'])})", ""),
                     indent=4, hang=2)
    page.blank()



def _finding(page: _Page, finding: FindingInfo, area_title: str, shown: dict[str, str]) -> None:
    """One finding: observations, then (the first time the rule is shown) its evidence."""
    severity = finding["severity"]
    page.say((severity.upper(), SEVERITIES[severity].style),
             (f" {finding['rule']} {finding['title']}", ""), indent=2, hang=4)
    for step in finding["observations"]:
        page.say((f"observed: {observation(step)}", ""), indent=6, hang=4)
    if finding["rule"] in shown:
        page.say((f"evidence, basis and what to do: under '{shown[finding['rule']]}' above",
                  "dim"), indent=6, hang=4)
        return
    shown[finding["rule"]] = area_title
    statistics = statistics_line(finding)
    if statistics is not None:
        page.say((f"in inspection reports: {statistics}", ""), indent=6, hang=4)
    for evidence in finding["evidence"]:
        page.say((f"evidence: {citation(evidence)}", ""), indent=6, hang=4)
        page.say((f"\"{evidence['quote']}\"", "italic"), indent=8, hang=1)
    basis = finding["basis"]
    page.say((f"basis ({basis['kind']}): {words(basis['text'])} "
              f"({basis['citation']})", ""), indent=6, hang=4)
    page.say((f"what to do: {words(finding['recommendation'])}", ""),
             indent=6, hang=4)
