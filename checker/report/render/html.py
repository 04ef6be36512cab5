"""The report as a self-contained HTML board paper: inline SVG chart, inline CSS, no scripts,
no fonts or images from elsewhere, printable to A4. By default it is the paper a board reads
(summary and chart, the actions that would lower risk most, the missing figures that matter
most, comparators, trend) and prints to a few pages; ``--appendix`` (or ``--detail full``)
adds every finding with its evidence.

Rendered with Jinja2 with autoescaping on, so nothing from a self-assessment or rule file can
inject markup; control characters are removed first, and acronyms are expanded on first use
in each assessment's text (never inside markup). Each assessment is prepared on its own.
"""

from __future__ import annotations

import html
import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from checker.core.text import Expander, printable, printable_data, words
from checker.core.vocab import BANDS
from checker.report.model import AssessmentReport, ChangeInfo, Movement, Report
from checker.report.render import Head, Options, Write, whole
from checker.report.render._common import (
    SUMMARY_ACTIONS,
    SUMMARY_GAPS,
    action_head,
    action_text,
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
    legend,
    number,
    observation,
    points_cell,
    published_line,
    short_title,
    statistics_line,
)

CHART_LABEL_WIDTH = 330
CHART_BAR_WIDTH = 300
CHART_ROW = 20
CHART_BAR = 15
#: Text inside these elements is never rewritten (acronym expansion).
_VERBATIM = ("style", "title", "svg", "code", "blockquote")
_TAG = re.compile(r"(<[^>]*>)")


def _chart_rows(assessment: AssessmentReport) -> list[dict[str, Any]]:
    rows = []
    items = [(o, True) for o in assessment["overall"]] + [(a, False) for a in
                                                          assessment["areas"]]
    for index, (item, overall) in enumerate(items):
        value = BANDS[item["band"]].rank
        title = item["title"]
        short = title if len(title) <= 52 else title[:50].rstrip() + "…"
        rows.append({
            "y": 6 + index * CHART_ROW,
            "title": title,
            "short": short,
            "band": item["band"],
            "label": BANDS[item["band"]].label,
            "meaning": item["meaning"],
            "width": round(CHART_BAR_WIDTH * value / 3),
            "overall": overall,
        })
    return rows


def _changes(changes: list[ChangeInfo]) -> str:
    return "; ".join(change_phrase(change) for change in changes)


def _environment() -> Any:
    environment = Environment(
        loader=PackageLoader("checker.report.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update({
        "observation": observation, "citation": citation, "statistics_line": statistics_line,
        "coverage": coverage, "coverage_cell": coverage_cell, "points_cell": points_cell,
        "calibration": calibration,
        "band_label": lambda band: BANDS[band].label, "words": words,
        "evidence_label": evidence_label, "changes": _changes, "figure_line": figure_line,
        "area_moves": area_moves, "number": number,
    })
    return environment


def _trend(assessment: AssessmentReport) -> dict[str, Any]:
    trend = assessment["trend"]
    if trend is None:
        return {"trend_areas": [], "trend_crossed": [], "trend_figures": [], "trend_rest": [],
                "trend_hidden": 0}
    moved: Movement = trend["moved"]
    since = trend["previous_as_of"]
    crossed = crossings(moved)
    rest = [f for f in moved["figures"] if f not in crossed]
    worse = [f for f in rest if f["direction"] == "worse"]
    return {
        "trend_areas": area_moves(moved, since),
        "trend_crossed": [figure_line(f, since) for f in crossed],
        "trend_figures": [figure_line(f, since) for f in worse],
        "trend_rest": [figure_line(f, since) for f in rest],
        "trend_hidden": len(rest) - len(worse),
    }


def _prepared(assessment: AssessmentReport) -> dict[str, Any]:
    """What the template shows for one assessment, worded once."""
    actions = assessment["actions"][:SUMMARY_ACTIONS]
    listed = {action["rule"] for action in actions}
    also: list[str] = []
    first_area: dict[str, str] = {}
    for area in assessment["areas"]:
        for finding in [*area["findings"], *area["strengths"], *area["context"]]:
            first_area.setdefault(finding["rule"], area["key"])
            if finding["rule"] not in listed:
                listed.add(finding["rule"])
                kind = finding["severity"] if finding["effect"] == "weakness" else (
                    finding["effect"])
                also.append(f"{finding['rule']} ({kind})")
    sections: dict[str, list[str]] = {}
    titles = {area["key"]: short_title(area["title"]) for area in assessment["areas"]}
    for gap in sorted(assessment["data_gaps"], key=lambda g: (g["section"], g["label"])):
        areas = ", ".join(titles.get(key, key) for key in gap["areas"])
        sections.setdefault(gap["section"], []).append(
            f"{gap['label']} (needed by {', '.join(gap['rules'])}"
            + (f"; coverage of {areas}" if areas else "") + ")")
    return {
        **assessment,
        "chart": _chart_rows(assessment),
        "chart_height": 12 + CHART_ROW * (len(assessment["overall"]) + len(assessment["areas"])),
        "legend": legend(assessment),
        "basis": basis_lines(assessment),
        "published_line": published_line(assessment),
        "top_actions": [{"head": action_head(action, assessment),
                         "text": action_text(action, limit=2)} for action in actions],
        "also_fired": also,
        "top_gaps": [gap_text(gap, assessment) for gap in
                     assessment["data_gaps"][:SUMMARY_GAPS]],
        "comparator_sources": sorted({item["source"] for item in
                                      assessment["comparators"].values()}),
        "first_area": first_area,
        "gaps_by_section": list(sections.items()),
        "attribution": attribution(f for area in assessment["areas"] for f in area["findings"]),
        **_trend(assessment),
    }


def _expanded(article: str) -> str:
    """Acronyms expanded on first use in an article's text, never inside markup or in the
    elements kept verbatim (the chart, code, quotes)."""
    parts = _TAG.split(article)
    expand = Expander()
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = (part.strip("</>").split() or [""])[0].lower()
            if name in _VERBATIM:
                if part.startswith("</"):
                    skipping = skipping[:-1]
                elif not part.endswith("/>"):
                    skipping.append(name)
        elif part.strip() and not skipping:
            parts[index] = html.escape(expand(html.unescape(part)), quote=False)
    return "".join(parts)


#: Stands for the articles while the page around them is rendered (a file name, a name or a
#: version cannot hold a NUL, and names are stripped of control characters).
_ARTICLES = "\x00articles\x00"


class _Writer:
    """The page around the articles, then each assessment's article rendered on its own."""

    def __init__(self, head: Head, options: Options, write: Write) -> None:
        self._environment = _environment()
        self._article = self._environment.get_template("article.html.j2")
        self._options, self._write = options, write
        self._number = 0
        page: str = self._environment.get_template("report.html.j2").render(
            report=head, names=[printable(name) for name in head.names],
            articles=Markup(_ARTICLES))  # noqa: S704 - the placeholder, no input
        before, _marker, self._after = page.partition(_ARTICLES)
        write(before)

    def add(self, assessment: AssessmentReport) -> None:
        self._number += 1
        self._write(_expanded(self._article.render(
            a=_prepared(printable_data(assessment)), n=self._number,
            appendix=self._options.appendix, label_width=CHART_LABEL_WIDTH,
            bar_width=CHART_BAR_WIDTH, bar_height=CHART_BAR)))

    def close(self) -> None:
        self._write(self._after)


writer = _Writer


def render(report: Report, options: Options) -> str:
    """The paper: each assessment's article rendered on its own, then the page around them."""
    return whole(writer, report, options)
