"""The children behind each finding, for self-assessments derived from Annex A.

``checker derive`` writes ``NAME.children.json`` beside ``NAME.yaml``. When a check reads such a
file, every fired rule (weakness or context) that read a derived figure gets the children
behind that figure: their identifiers, list, sheet, row and the dates that put them there. A
figure edited after derivation (its value no longer the derived one) lists no children.

Identifiers are personal data. The report holds them only when it goes to a file (``-o``) or
the user asks (``--show-children``); otherwise each finding carries its count and an empty list,
and the text report gives counts only. ``--children FILE.xlsx`` writes them to a workbook, one
sheet per fired rule.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checker.inputs.annexa import sidecar_path
from checker.report.model import (
    AreaInfo,
    AssessmentReport,
    ChildInfo,
    ChildrenFinding,
    ChildrenInfo,
    FindingInfo,
)
from checker.scoring.run import AssessmentResult

if TYPE_CHECKING:  # the children file is read (and its module loaded) only if there is one
    from checker.inputs.annexa import children as sidecar

SHEET_NAME_MAX = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _fired(areas: list[AreaInfo]) -> Iterator[FindingInfo]:
    """Each fired weakness or context finding once (a rule may bear on several areas)."""
    seen: set[str] = set()
    for area in areas:
        for finding in [*area["findings"], *area["context"]]:
            if finding["rule"] not in seen:
                seen.add(finding["rule"])
                yield finding


def _child(row: sidecar.ChildRow) -> ChildInfo:
    return {"id": row.id, "list": row.list, "sheet": row.sheet, "row": row.row,
            "dates": dict(row.dates), "detail": row.detail}


def _findings(result: AssessmentResult, areas: list[AreaInfo],
              known: dict[str, sidecar.ChildrenOf],
              notes: list[str]) -> list[ChildrenFinding]:
    values = result.assessment.values
    found: list[ChildrenFinding] = []
    for finding in _fired(areas):
        for step in finding["observations"]:
            entry = known.get(step["metric"])
            if entry is None:
                continue
            value = values.get(step["metric"])
            if not isinstance(value, int | float) or float(value) != entry.value:
                notes.append(f"{result.assessment.source}: {step['metric']} is not the figure "
                             "derived from Annex A (edited since?), so its children are not "
                             "listed")
                continue
            found.append({"rule": finding["rule"], "title": finding["title"],
                          "metric": step["metric"], "breach": entry.breach,
                          "count": len(entry.children),
                          "children": [_child(c) for c in entry.children]})
    return found


def attach_children(assessment: AssessmentReport, result: AssessmentResult) -> list[str]:
    """Add the children behind each finding if the assessment's children file lies beside
    it; the notes to show (a file ignored, figures edited)."""
    notes: list[str] = []
    path = sidecar_path(Path(result.assessment.source))
    if not path.is_file():
        return notes
    from checker.inputs.annexa import children as sidecar  # noqa: PLC0415 - a derived file only

    try:
        known = sidecar.load(path)
    except sidecar.BadSidecar as error:
        return [f"{path}: ignored, {error}"]
    assessment["children"] = {"file": str(path), "identifiers": True,
                              "findings": _findings(result, assessment["areas"], known, notes)}
    return notes


def without_identifiers(assessment: AssessmentReport) -> AssessmentReport:
    """The assessment with every child list emptied (counts kept), for the terminal."""
    if "children" not in assessment:
        return assessment
    item = assessment.copy()
    info = assessment["children"]
    item["children"] = {"file": info["file"], "identifiers": False, "findings": [
        {**f, "children": []} for f in info["findings"]]}
    return item


def _dates(child: ChildInfo) -> str:
    return "; ".join(f"{header} {day}" for header, day in child["dates"].items())


def children_text(assessment: AssessmentReport, *, identifiers: bool) -> str:
    """One assessment's part of the block appended to the text report: counts, and the
    children when asked ("" when it has none). The parts of a batch are joined by line
    breaks, with one after the last."""
    lines: list[str] = []
    info = assessment.get("children")
    if not info or not info["findings"]:
        return ""
    where = ("" if identifiers else "; identifiers with --show-children, --children "
             "FILE.xlsx or --format json -o FILE")
    lines.append(f"\nChildren behind the findings ({assessment['source']}, from "
                 f"{info['file']}{where}):")
    for finding in info["findings"]:
        lines.append(f"  {finding['rule']} ({finding['metric']}): {finding['count']} "
                     f"{'child' if finding['count'] == 1 else 'children'}: "
                     f"{finding['breach']}")
        for child in finding["children"] if identifiers else []:
            facts = "; ".join(part for part in (_dates(child), child["detail"]) if part)
            lines.append(f"    {child['id']}: {child['list']}, sheet {child['sheet']!r} row "
                         f"{child['row']}" + (f": {facts}" if facts else ""))
    return "\n".join(lines)


def _sheet_name(rule: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("-", rule)[:SHEET_NAME_MAX - 4] or "rule"
    name, number = base, 2
    while name.lower() in used:
        name, number = f"{base} ({number})", number + 1
    used.add(name.lower())
    return name


def _by_rule(found: Sequence[tuple[str, ChildrenInfo]]
             ) -> dict[tuple[str, str], list[ChildrenFinding]]:
    grouped: dict[tuple[str, str], list[ChildrenFinding]] = {}
    for source, info in found:
        for finding in info["findings"]:
            grouped.setdefault((source, finding["rule"]), []).append(finding)
    return grouped


def children_workbook(found: Sequence[tuple[str, ChildrenInfo]]) -> bytes:
    """One sheet per fired rule (per self-assessment, given as its source and children)
    listing the children behind it, after an 'About' sheet."""
    from openpyxl import Workbook  # noqa: PLC0415 - only this option writes a workbook

    book = Workbook(write_only=True)
    about = book.create_sheet("About")
    about.append(["Children behind the findings of checker check"])
    from checker.inputs.annexa.children import WARNING  # noqa: PLC0415 - with --children only

    about.append([WARNING])
    grouped = _by_rule(found)
    if not grouped:
        about.append(["No fired rule read a figure derived from Annex A with its children file "
                      "beside the self-assessment."])
    used = {"about"}
    for (source, rule), findings in grouped.items():
        sheet = book.create_sheet(_sheet_name(rule, used))
        children = [c for f in findings for c in f["children"]]
        headers = list(dict.fromkeys(h for c in children for h in c["dates"]))
        sheet.append([f"{rule}: {findings[0]['title']}"])
        sheet.append([f"Self-assessment: {source}"])
        sheet.append(["Figure", "What they have in common", "Child", "List", "Sheet", "Row",
                      *headers, "Detail"])
        for finding in findings:
            for child in finding["children"]:
                sheet.append([finding["metric"], finding["breach"], child["id"], child["list"],
                              child["sheet"], child["row"],
                              *[child["dates"].get(h) for h in headers], child["detail"]])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
