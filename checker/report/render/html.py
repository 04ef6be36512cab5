"""The report as a self-contained HTML board paper: inline SVG chart, inline CSS, no scripts,
no fonts or images from elsewhere, printable to A4. Rendered with Jinja2 with autoescaping on,
so nothing from a self-assessment or rule file can inject markup."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from checker.core.text import words
from checker.core.vocab import BANDS
from checker.report.model import AssessmentReport, FindingInfo, Report
from checker.report.render import Options
from checker.report.render._common import (
    attribution,
    citation,
    coverage,
    observation,
    statistics_line,
)

CHART_LABEL_WIDTH = 330
CHART_BAR_WIDTH = 300
CHART_ROW = 34


def _chart_rows(assessment: AssessmentReport) -> list[dict[str, Any]]:
    rows = []
    items = [(o, True) for o in assessment["overall"]] + [(a, False) for a in
                                                          assessment["areas"]]
    for index, (item, overall) in enumerate(items):
        value = BANDS[item["band"]].rank
        title = item["title"]
        short = title if len(title) <= 52 else title[:50].rstrip() + "…"
        rows.append({
            "y": 10 + index * CHART_ROW,
            "title": title,
            "short": short,
            "band": item["band"],
            "label": BANDS[item["band"]].label,
            "meaning": item["meaning"],
            "width": round(CHART_BAR_WIDTH * value / 3),
            "overall": overall,
        })
    return rows


def _environment() -> Any:
    environment = Environment(
        loader=PackageLoader("checker.report.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["observation"] = observation
    environment.filters["citation"] = citation
    environment.filters["statistics_line"] = statistics_line
    environment.filters["coverage"] = coverage
    environment.filters["band_label"] = lambda band: BANDS[band].label
    environment.filters["words"] = words
    return environment


def render(report: Report, options: Options) -> str:
    del options
    template = _environment().get_template("report.html.j2")
    assessments = []
    for assessment in report["assessments"]:
        fired: dict[str, FindingInfo] = {}
        for area in assessment["areas"]:
            for finding in area["findings"]:
                fired.setdefault(finding["rule"], finding)
        assessments.append({
            **assessment,
            "chart": _chart_rows(assessment),
            "chart_height": 20 + CHART_ROW * (len(assessment["overall"]) +
                                              len(assessment["areas"])),
            "fired": [fired[key] for key in sorted(fired)],
            "attribution": attribution(fired.values()),
        })
    page: str = template.render(
        report=report,
        assessments=assessments,
        label_width=CHART_LABEL_WIDTH,
        bar_width=CHART_BAR_WIDTH,
    )
    return page
