"""The terminal report: a summary a director reads first (about a screen), or with
``--detail full`` every finding with its evidence, every data gap, the comparators and where
the figures came from.

The renderer lays the report out once, as wrapped lines made of styled spans (tables too, so
the areas table reads the same everywhere). On a terminal the spans are printed through rich,
in colour; anywhere else (a pipe, a file, NO_COLOR) the same lines are written as plain text,
so piped output never carries colour codes and the two can never differ in content. rich is
imported only when colour is wanted. Each assessment is laid out on its own: nothing is kept
across the assessments of a batch.
"""

from __future__ import annotations

import bisect
import functools
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from pathlib import PurePath

from checker.core.text import Expander, words
from checker.core.vocab import BANDS, SEVERITIES
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

#: One output line: a list of (text, style) spans; style "" means plain.
Line = list[tuple[str, str]]
#: One table cell: (text, style).
Cell = tuple[str, str]
#: Control characters (escape sequences, carriage returns...) from input files must not reach
#: a terminal: they are shown as spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=8192)
def _wrapped(text: str, width: int, indent: int, hang: int) -> tuple[str, ...]:
    """A paragraph wrapped (remembered: a batch repeats most of its lines)."""
    return tuple(textwrap.wrap(text, width=width, initial_indent=" " * indent,
                               subsequent_indent=" " * (indent + hang), break_long_words=False,
                               break_on_hyphens=False))


@functools.lru_cache(maxsize=4096)
def _cell(text: str, width: int) -> tuple[str, ...]:
    """A table's first cell wrapped to its column."""
    return tuple(textwrap.wrap(text, width, subsequent_indent="    ", break_long_words=False))


class _Page:
    def __init__(self, width: int) -> None:
        self.width = max(width, 40)
        self.lines: list[Line] = []
        #: Expands acronyms on first use (one expander per assessment).
        self.expand: Callable[[str], str] = str

    def say(self, *spans: tuple[str, str], indent: int = 0, hang: int = 0) -> None:
        """Add a paragraph of spans, wrapped to the width; continuation lines indent by
        ``indent + hang``. Styles survive wrapping."""
        spans = tuple((self.expand(_CONTROL.sub(" ", chunk)), style) for chunk, style in spans)
        text = "".join(chunk for chunk, _style in spans)
        if not text.strip():
            wrapped: Sequence[str] = ("",)
        elif indent + len(text.rstrip()) <= self.width:  # fits: what textwrap would return
            wrapped = (" " * indent + text.rstrip(),)
        else:
            wrapped = _wrapped(text, self.width, indent, hang)
        # Style runs as (end offset, style): each wrapped line is cut at run boundaries.
        ends: list[int] = []
        styles: list[str] = []
        for chunk, style in spans:
            if chunk:
                ends.append((ends[-1] if ends else 0) + len(chunk))
                styles.append(style)
        position = 0
        for index, line in enumerate(wrapped):
            lead = indent if index == 0 else indent + hang
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

    def heading(self, text: str) -> None:
        self.say((text, "bold"))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
        """A table whose first column wraps to what the others leave; a row of one cell is a
        group heading. Other columns are right-aligned at their widest cell."""
        rows = [[(self.expand(_CONTROL.sub(" ", text)), style) for text, style in row]
                for row in rows]
        count = len(headers)
        widths = [max([len(headers[i])] + [len(row[i][0]) for row in rows if len(row) > 1])
                  for i in range(1, count)]
        first = max(self.width - sum(widths) - 2 * (count - 1), 24)
        self.lines.append([(headers[0].ljust(first), "bold")] + [
            (f"  {header.rjust(width)}", "bold") for header, width in zip(
                headers[1:], widths, strict=True)])
        for row in rows:
            if len(row) == 1:
                self.lines.append([(row[0][0], "bold")])
                continue
            pieces = _cell(row[0][0], first) or ("",)
            for index, piece in enumerate(pieces):
                line: Line = [(piece.ljust(first), row[0][1])]
                if index == 0:
                    for (text, style), width in zip(row[1:], widths, strict=True):
                        line += [("  ", ""), (text.rjust(width), style)]
                self.lines.append(line)


class _Writer(EachOnItsOwn):
    """Each assessment laid out and written on its own, separated by a rule; nothing follows
    the last."""

    def piece(self, assessment: AssessmentReport, options: Options, *, first: bool) -> str:
        return render_assessment(assessment, options, first=first)


writer = _Writer


def render(report: Report, options: Options) -> str:
    return whole(writer, report, options)


def render_assessment(assessment: AssessmentReport, options: Options, *, first: bool = True
                      ) -> str:
    page = _Page(options.width)
    if not first:
        page.say(("─" * page.width, "dim"))
    page.expand = Expander()
    _assessment(page, assessment, options)
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


def _assessment(page: _Page, assessment: AssessmentReport, options: Options) -> None:
    _header(page, assessment)
    _what_if(page, assessment)
    _trend(page, assessment, options.full)
    _areas(page, assessment)
    _actions(page, assessment, None if options.full else SUMMARY_ACTIONS)
    _gaps(page, assessment)
    if options.full:
        _details(page, assessment)
    else:
        page.say(("Every finding with its evidence, every gap, comparators, provenance: "
                  "--detail full", "dim"))


def _header(page: _Page, assessment: AssessmentReport) -> None:
    authority = assessment["authority"]
    summary = assessment["summary"]
    page.say((authority["name"], "bold"),
             (f": predicted inspection risk, figures as of {authority['as_of']}", ""))
    page.say((f"Framework: {assessment['framework']['title']}", ""), hang=2)
    counts = (f"{summary['metrics_given']} of {summary['metrics_total']} figures, "
              f"{summary['rules_evaluable']} of {summary['rules_total']} rules checked, "
              f"{summary['rules_fired']} fired")
    source = assessment["source"]
    if len(f"{counts} ({source})") > page.width:  # a long path: its file name keeps one line
        source = PurePath(source).name
    page.say((f"{counts} ({source})", ""), hang=2)
    if assessment["warnings"]:
        page.say((f"{len(assessment['warnings'])} warning(s) about the file: see --detail full "
                  "(or the messages above).", "yellow"), hang=2)
    page.blank()


def _what_if(page: _Page, assessment: AssessmentReport) -> None:
    what_if = assessment["what_if"]
    if what_if is None:
        return
    moved = what_if["moved"]
    page.heading("What if (the report below is with these changes):")
    for figure in moved["figures"]:
        page.say((f"- {figure_line(figure)}", ""), indent=2, hang=2)
    for line in area_moves(moved) or ["No band moved."]:
        page.say((f"- {line}", ""), indent=2, hang=2)
    for label, rules in (("Rules cleared", moved["cleared"]), ("Rules now firing",
                                                               moved["fired"])):
        if rules:
            page.say((f"{label}: {', '.join(rules)}", ""), indent=2, hang=2)
    page.blank()


def _trend(page: _Page, assessment: AssessmentReport, full: bool) -> None:
    trend = assessment["trend"]
    if trend is None:
        return
    moved, since = trend["moved"], trend["previous_as_of"]
    page.heading(f"Since {since} ({trend['previous_source']}):")
    for line in area_moves(moved, since) or ["No area moved."]:
        page.say((f"- {line}", ""), indent=2, hang=2)
    crossed = crossings(moved)
    for figure in crossed:
        page.say(("- ", ""), ("Crossed a threshold: ", "bold red"),
                 (figure_line(figure, since), ""), indent=2, hang=2)
    rest = [f for f in moved["figures"] if f not in crossed]
    shown = rest if full else [f for f in rest if f["direction"] == "worse"][:5]
    for figure in shown:
        page.say((f"- {figure_line(figure, since)}", ""), indent=2, hang=2)
    if len(rest) > len(shown):
        page.say((hidden_figures([f for f in rest if f not in shown]), "dim"), indent=2)
    page.blank()


def _group(title: str, groups: set[str]) -> tuple[str | None, str]:
    """('Safeguarding', 'capacity for improvement') for a framework whose judgements share a
    prefix; (None, title) otherwise."""
    head, colon, rest = title.partition(": ")
    return (head, rest) if colon and head in groups else (None, title)


def _groups(titles: Sequence[str]) -> set[str]:
    heads = [title.partition(": ")[0] for title in titles if ": " in title]
    return {head for head in heads if heads.count(head) > 1}


def _rows(assessment: AssessmentReport) -> list[list[Cell]]:
    """The areas table's rows: the overall view first, or, where judgements are grouped
    ("Safeguarding: ..."), each group's overall judgement at the head of its group."""
    entries: list[tuple[str, str, list[Cell]]] = []  # title, title style, other cells
    for overall in assessment["overall"]:
        band = BANDS[overall["band"]]
        entries.append((overall["title"], "bold", [(band.label, band.style), ("", ""),
                                                   ("", ""), ("", "")]))
    for area in assessment["areas"]:
        band = BANDS[area["band"]]
        entries.append((area["title"] + (" (limiting)" if area["limiting"] else ""), "", [
            (band.label, band.style), (coverage_cell(area), ""), (points_cell(area), ""),
            (str(len(area["strengths"])), "")]))
    groups = _groups([title for title, _style, _cells in entries])
    order = {group: index for index, group in enumerate(dict.fromkeys(
        _group(title, groups)[0] for title, _style, _cells in entries))}
    entries.sort(key=lambda entry: order[_group(entry[0], groups)[0]])  # stable
    rows: list[list[Cell]] = []
    current: str | None = None
    for title, style, cells in entries:
        group, name = _group(title, groups)
        if group is not None and group != current:
            rows.append([(group, "bold")])
        current = group
        rows.append([(f"{'  ' if group else ''}{name}", style), *cells])
    return rows


def _areas(page: _Page, assessment: AssessmentReport) -> None:
    page.table(["Judgement", "Risk", "Evaluated", "Points found", "Strengths"], _rows(assessment))
    for line in legend(assessment):
        page.say((line, "dim"))
    page.say(("What the bands rest on:", "bold"))
    for line in basis_lines(assessment):
        page.say((f"- {line}", ""), indent=2, hang=2)
    page.say((f"- {published_line(assessment)}", ""), indent=2, hang=2)
    page.blank()


def _actions(page: _Page, assessment: AssessmentReport, limit: int | None) -> None:
    actions = assessment["actions"]
    shown = actions if limit is None else actions[:limit]
    if not actions:
        page.say(("No weakness fired, so there is nothing to clear.", ""))
    else:
        page.heading(f"What would lower the risk most ({len(shown)} of {len(actions)} actions, "
                     "by points and nearness to a lower band):")
    for action in shown:
        page.say((f"{action['rank']:>2}. ", ""), (action_head(action, assessment), "bold"),
                 (f" {action_text(action, limit=None if limit is None else 2)}", ""), hang=4)
    others = also_fired(assessment, {action["rule"] for action in shown})
    if others:
        page.say((f"{'Also fired' if actions else 'Fired'}: {', '.join(others)}.", ""), hang=2)
    page.blank()


def _gaps(page: _Page, assessment: AssessmentReport) -> None:
    gaps = assessment["data_gaps"][:SUMMARY_GAPS]
    if not gaps:
        return
    page.heading(f"The missing figures that would change the prediction most ({len(gaps)} of "
                 f"{len(assessment['data_gaps'])}):")
    for gap in gaps:
        page.say((f"{gap['rank']:>2}. {gap_text(gap, assessment)}", ""), hang=4)
    page.blank()


def _details(page: _Page, assessment: AssessmentReport) -> None:
    page.say(("─" * page.width, "dim"))
    shown: dict[str, str] = {}  # rule id -> title of the area where its details were shown
    for area in assessment["areas"]:
        _area(page, area, shown)
    _published(page, assessment)
    _gaps_by_section(page, assessment)
    _comparators(page, assessment)
    _provenance(page, assessment)
    _notes(page, assessment)


def _area(page: _Page, area: AreaInfo, shown: dict[str, str]) -> None:
    """One area in full. A rule's evidence, basis and recommendation are printed under the
    first area it fired in; later areas repeat its observations and point back, so a rule
    bearing on many judgements (the 2009-12 framework has 29) does not repeat its quotes."""
    limiting = " (limiting judgement)" if area["limiting"] else ""
    page.say((area["title"], "bold"), (limiting, ""))
    page.say(("Risk: ", ""), (headline(area), BANDS[area["band"]].style), indent=2, hang=6)
    page.say((f"Coverage: {coverage(area)}; points found {points_cell(area)} (local score "
              f"{area['score']}%)", ""), indent=2, hang=2)
    for source in area["evidence"]:
        page.say((calibration(source), ""), indent=2, hang=2)
    lower = area["to_lower"]
    if lower is not None:
        checked = "" if lower["checked"] else " (not rerun: a figure must first be recorded)"
        page.say((f"To lower it to {BANDS[lower['band']].label}{checked}: "
                  + "; ".join(change_phrase(c) for c in lower["changes"]), ""),
                 indent=2, hang=4)
    if not area["findings"]:
        page.say(("No weakness fired.", ""), indent=2)
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
            if item["rule"] not in shown:
                shown[item["rule"]] = area["title"]
                _evidence(page, item)
    if area["passed"]:
        page.say((f"Evaluated and not fired: {', '.join(area['passed'])}", "dim"), indent=2,
                 hang=4)
    page.blank()


def _finding(page: _Page, finding: FindingInfo, area_title: str, shown: dict[str, str]) -> None:
    """One finding: observations and what clears it, then (the first time the rule is shown)
    its evidence."""
    severity = finding["severity"]
    page.say((severity.upper(), SEVERITIES[severity].style),
             (f" {finding['rule']} {finding['title']} ({finding['points']} points)", ""),
             indent=2, hang=4)
    for step in finding["observations"]:
        page.say((f"observed: {observation(step)}", ""), indent=6, hang=4)
    if finding["to_clear"]:
        page.say(("clears with: " + "; ".join(change_phrase(c) for c in finding["to_clear"]),
                  ""), indent=6, hang=4)
    if finding["rule"] in shown:
        page.say((f"evidence, basis and what to do: under '{shown[finding['rule']]}' above",
                  "dim"), indent=6, hang=4)
        return
    shown[finding["rule"]] = area_title
    _evidence(page, finding)


def _evidence(page: _Page, finding: FindingInfo) -> None:
    statistics = statistics_line(finding)
    if statistics is not None:
        page.say((f"in inspection reports: {statistics}", ""), indent=6, hang=4)
    for evidence in finding["evidence"]:
        page.say((f"{evidence_label(evidence)}: {citation(evidence)}", ""), indent=6, hang=4)
        page.say((f"\"{evidence['quote']}\"", "italic"), indent=8, hang=1)
    basis = finding["basis"]
    page.say((f"basis ({basis['kind']}): {words(basis['text'])} "
              f"({basis['citation']})", ""), indent=6, hang=4)
    page.say((f"what to do: {words(finding['recommendation'])}", ""),
             indent=6, hang=4)


def _published(page: _Page, assessment: AssessmentReport) -> None:
    published = assessment["published"]
    page.heading("Published-figures checklist (council-wide)")
    page.say((published_line(assessment), ""), indent=2, hang=2)
    page.say((f"Checks: {', '.join(published['checks']) or 'none'}; could be made: "
              f"{', '.join(published['evaluable']) or 'none'}", ""), indent=2, hang=4)
    for finding in published["failed"]:
        page.say((f"{finding['rule']} {finding['title']}", ""), indent=2, hang=4)
        for step in finding["observations"]:
            page.say((f"observed: {observation(step)}", ""), indent=6, hang=4)
        if finding["to_clear"]:
            page.say(("clears with: " + "; ".join(change_phrase(c) for c in
                                                  finding["to_clear"]), ""), indent=6, hang=4)
        _evidence(page, finding)
    page.blank()


def _gaps_by_section(page: _Page, assessment: AssessmentReport) -> None:
    gaps = assessment["data_gaps"]
    if not gaps:
        return
    page.heading(f"Every data gap ({len(gaps)} missing figures that rules need), by section:")
    by_section: dict[str, list[str]] = {}
    titles = {area["key"]: short_title(area["title"]) for area in assessment["areas"]}
    for gap in sorted(gaps, key=lambda g: (g["section"], g["label"])):
        areas = ", ".join(titles.get(key, key) for key in gap["areas"])
        by_section.setdefault(gap["section"], []).append(
            f"{gap['label']} (needed by {', '.join(gap['rules'])}"
            + (f"; coverage of {areas}" if areas else "") + ")")
    for section, lines in by_section.items():
        page.say((section, "bold"), indent=2)
        for line in lines:
            page.say((f"- {line}", ""), indent=4, hang=2)
    page.blank()


def _comparators(page: _Page, assessment: AssessmentReport) -> None:
    comparators = assessment["comparators"]
    if not comparators:
        return
    page.heading("Comparators (the authority's figure against England, its region, its "
                 "statistical neighbours and the quartiles of all councils):")
    for item in comparators.values():
        figures = [f"{name} {number(value, item['unit'])}" for name, value in (
            ("England", item["national"]), ("region", item["region"]),
            ("neighbours", item["statistical_neighbours"]),
            ("lower quartile", item["lower_quartile"]), ("median", item["median"]),
            ("upper quartile", item["upper_quartile"])) if value is not None]
        page.say((f"- {item['label']}: {item['value_text']}; {', '.join(figures)}"
                  f" ({item['year'] or 'year not given'}; {item['source']})", ""),
                 indent=2, hang=2)
    page.blank()


def _provenance(page: _Page, assessment: AssessmentReport) -> None:
    provenance = assessment["provenance"]
    if not provenance:
        return
    page.heading("Where the figures came from (the file's provenance):")
    for item in provenance.values():
        where = ", ".join(part for part in (item["source"], item["paragraph"]) if part)
        extra = "".join(f"; {part}" for part in (item["note"],) if part)
        quote = f' "{item["quote"]}"' if item["quote"] else ""
        page.say((f"- {item['label']}: {where}{extra}{quote}", ""), indent=2, hang=2)
    page.blank()


def _notes(page: _Page, assessment: AssessmentReport) -> None:
    summary = assessment["summary"]
    if summary["policy_defaults_used"]:
        page.say(("Policy defaults used (state your own in 'policy'): "
                  + ", ".join(summary["policy_defaults_used"]), ""), hang=2)
    for warning in assessment["warnings"]:
        line = f" (line {warning['line']})" if warning["line"] else ""
        page.say((f"Warning{line}: {warning['message']}", "yellow"), hang=2)
    notice = attribution(f for area in assessment["areas"] for f in area["findings"])
    if notice:
        page.say((notice, "dim"))
    page.blank()
