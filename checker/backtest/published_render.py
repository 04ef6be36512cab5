"""The published backtest in each format: text, Markdown (the README block), JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import Any

from checker.backtest.published import (
    GRADE_LABEL,
    PREDICTED_COLUMNS,
    SOURCES,
    PublishedBacktest,
    Summary,
)

SHORT = {"outstanding": "outst.", "good": "good", "requires improvement": "RI",
         "inadequate": "inad.", "not predicted": "none"}
METRIC_HEADERS = ("Judgements", "Predicted", "Exact", "Within one", "Exact (pred.)",
                  "Within one (pred.)", "Inad. recall", "Inad. precision", "AUC",
                  "Baseline", "Base exact", "Base within one")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _auc(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _cells(summary: Summary) -> list[str]:
    grade, base_exact, base_near = summary.baseline()
    return [str(summary.total), str(len(summary.predicted)), _pct(summary.rate(0)),
            _pct(summary.rate(1)), _pct(summary.rate(0, predicted_only=True)),
            _pct(summary.rate(1, predicted_only=True)), _pct(summary.recall()),
            _pct(summary.precision()), _auc(summary.auc()),
            GRADE_LABEL.get(grade or 0, "-"), _pct(base_exact), _pct(base_near)]


def area_rows(result: PublishedBacktest) -> list[list[str]]:
    """One row per framework and area, then the framework's total, then all frameworks."""
    rows = []
    for framework in result.frameworks:
        for area in result.areas:
            summary = result.summary(framework=framework, area=area)
            if summary.total:
                rows.append([framework, area, *_cells(summary)])
        rows.append([framework, "all", *_cells(result.summary(framework=framework))])
    rows.append(["all", "all", *_cells(result.summary())])
    return rows


def year_rows(result: PublishedBacktest) -> list[list[str]]:
    rows = []
    for framework in result.frameworks:
        for year in result.years:
            summary = result.summary(framework=framework, year=year)
            if summary.total:
                inspections = len({id(j.inspection) for j in summary.judgements})
                rows.append([framework, str(year), str(inspections), *_cells(summary)])
    return rows


def confusion_rows(summary: Summary) -> list[list[str]]:
    return [[row, *(str(counts[column]) for column in PREDICTED_COLUMNS)]
            for row, counts in summary.confusion().items()]


def _intro(result: PublishedBacktest) -> str:
    per = Counter(i.framework for i in result.inspections)
    counts = ", ".join(f"{framework} {per[framework]}" for framework in result.frameworks)
    skipped = f"; {len(result.skipped)} skipped (see the text format)" if result.skipped else ""
    estimated = result.estimated_starts
    return (f"{len(result.inspections)} SIF and ILACS inspections in {result.source} ({counts}), "
            f"each prefilled from the published statistics as of its fieldwork start and "
            f"checked in {result.framework}; {estimated} had no published start date and "
            f"{'was' if estimated == 1 else 'were'} dated {result.fallback_days} days before "
            f"publication{skipped}. {len(result.judgements)} published judgements compared.")


def _markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(result: PublishedBacktest) -> str:
    lines = [f"**Published backtest**: {_intro(result)}", ""]
    lines += _markdown_table(["Framework", "Area", *METRIC_HEADERS], area_rows(result))
    lines += ["", "By year of the inspection's start:", ""]
    lines += _markdown_table(["Framework", "Year", "Inspections", *METRIC_HEADERS],
                             year_rows(result))
    lines += ["", "Confusion matrix, all judgements (rows published, columns predicted):", ""]
    lines += _markdown_table(["Published \\ predicted", *PREDICTED_COLUMNS],
                             confusion_rows(result.summary()))
    lines += ["", f"Sources: {SOURCES}"]
    return "\n".join(lines) + "\n"


def _text_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows,
                                                                         strict=False)]
    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)
                         ).rstrip()
    return [line(headers), line(["-" * width for width in widths]), *map(line, rows)]


def render_text(result: PublishedBacktest) -> str:
    title = "Published backtest: predictions from published statistics against Ofsted grades"
    lines = [title, "=" * len(title), "", *textwrap.wrap(_intro(result), 100), ""]
    headers = ["framework", "area", *[h.lower() for h in METRIC_HEADERS]]
    lines += _text_table(headers, area_rows(result))
    lines += ["", "By year of the inspection's start:", ""]
    lines += _text_table(["framework", "year", "inspections", *headers[2:]], year_rows(result))
    for framework in result.frameworks:
        lines += ["", f"Confusion matrix, {framework} (rows published, columns predicted):", ""]
        lines += _text_table(["", *(SHORT[c] for c in PREDICTED_COLUMNS)],
                             [[SHORT[row[0]], *row[1:]] for row in
                              confusion_rows(result.summary(framework=framework))])
    lines += ["", *textwrap.wrap(
        "Rates over all judgements count 'not predicted' as a miss; '(pred.)' rates are over "
        "the predicted ones. Inadequate recall and precision: predicted high against "
        "published inadequate. AUC: the area score against a published inadequate (areas "
        "only). Baseline: always the commonest published grade of the row's own "
        "judgements.", 100)]
    if result.skipped:
        lines += ["", "Skipped:"]
        lines += [f"- {s.inspection.name} ({s.inspection.code}), {s.inspection.start}: "
                  f"{s.reason}" for s in result.skipped]
    lines += ["", *textwrap.wrap(f"Sources: {SOURCES}", 100)]
    return "\n".join(lines) + "\n"


def as_dict(result: PublishedBacktest) -> dict[str, Any]:
    return {
        "source": result.source,
        "framework": result.framework,
        "inspections": len(result.inspections),
        "estimated_start_dates": result.estimated_starts,
        "skipped": [{"code": s.inspection.code, "authority": s.inspection.name,
                     "start": s.inspection.start.isoformat(), "reason": s.reason}
                    for s in result.skipped],
        "all": result.summary().as_dict(),
        "by_framework": {
            framework: {"all": result.summary(framework=framework).as_dict(),
                        "areas": {area: result.summary(framework=framework, area=area).as_dict()
                                  for area in result.areas},
                        "years": {str(year): result.summary(framework=framework,
                                                            year=year).as_dict()
                                  for year in result.years
                                  if result.summary(framework=framework, year=year).total}}
            for framework in result.frameworks},
        "attribution": SOURCES,
    }


def render_json(result: PublishedBacktest) -> str:
    return json.dumps(as_dict(result), indent=2) + "\n"


CSV_COLUMNS = ("authority", "code", "framework", "start_date", "start_estimated", "area",
               "published_grade", "predicted_band", "predicted_grade", "score", "coverage")


def render_csv(result: PublishedBacktest) -> str:
    """One row per inspection and area compared."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for j in result.judgements:
        i = j.inspection
        writer.writerow([i.name, i.code, i.framework, i.start.isoformat(),
                         "yes" if i.start_estimated else "no", j.area,
                         GRADE_LABEL[j.published], j.band,
                         GRADE_LABEL[j.predicted] if j.predicted is not None else "",
                         "" if j.score is None else j.score,
                         "" if j.coverage is None else f"{j.coverage:.4f}"])
    return stream.getvalue()


#: Format name -> renderer.
FORMATS: dict[str, Callable[[PublishedBacktest], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}
