"""The corpus backtest (``checker backtest --corpus``) as text, Markdown or JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence

from checker.backtest.corpus import AREAS, AreaSummary, HeldOut, summarise

GRADE = {2: "good or better", 3: "requires improvement", 4: "inadequate"}
HEADERS = ("area", "judgements", "exact", "within one", "inad. recall", "inad. precision",
           "auc", "baseline", "base exact", "base within one")
CAVEAT = (
    "Out of fold: each report's rule weights and cut-offs were fitted without its authority's "
    "reports (five folds grouped by authority). The findings are the inspectors' own, read from "
    "each report by the rules' finding patterns, so this is how well the points model "
    "separates grades given what inspectors found: an upper bound for a self-assessment, not "
    "a forecast's accuracy. Reports: Ofsted, Crown copyright, Open Government Licence v3.0.")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _cells(item: AreaSummary) -> list[str]:
    return [item.area, str(item.judgements), _pct(item.exact), _pct(item.within_one),
            _pct(item.recall), _pct(item.precision),
            "-" if item.auc is None else f"{item.auc:.2f}", GRADE[item.baseline_grade],
            _pct(item.baseline_exact), _pct(item.baseline_within_one)]


def summaries(held: Sequence[HeldOut]) -> list[AreaSummary]:
    return [summarise(held, area) for area in (*AREAS, "all")]


def _reports(held: Sequence[HeldOut]) -> int:
    return len({h.report.file for h in held})


def text(held: Sequence[HeldOut]) -> str:
    rows = [list(HEADERS), *(_cells(item) for item in summaries(held))]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             .rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return (f"Corpus backtest: {_reports(held)} inspection reports, {len(held)} area "
            "judgements\n\n" + "\n".join(lines) + "\n\n" + textwrap.fill(CAVEAT, 100) + "\n")


def markdown(held: Sequence[HeldOut]) -> str:
    rows = [f"| {' | '.join(_cells(item))} |" for item in summaries(held)]
    return (f"**Corpus backtest** ({_reports(held)} reports, {len(held)} area judgements, out "
            "of fold):\n\n" + f"| {' | '.join(HEADERS)} |\n"
            + "|" + "---|" * len(HEADERS) + "\n" + "\n".join(rows) + "\n\n" + CAVEAT + "\n")


def as_json(held: Sequence[HeldOut]) -> str:
    document = {
        "reports": _reports(held), "judgements": len(held), "method": CAVEAT,
        "areas": [{**item.__dict__, "baseline_grade": GRADE[item.baseline_grade]}
                  for item in summaries(held)],
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


FORMATS: dict[str, Callable[[Sequence[HeldOut]], str]] = {
    "text": text, "markdown": markdown, "json": as_json}
