"""The self-assessment as an Excel workbook: the starter ``checker init --format xlsx`` writes,
and reading one back for ``checker check`` and ``checker validate``.

Layout: an ``authority`` sheet and a ``policy`` sheet (field, value, and what each is), one
sheet per section with a row per metric (its name, the value, a title, the unit, the full
definition and the allowed values, the value cell carrying Excel data validation), and
``comparators`` and ``provenance`` sheets with one row per metric or value. A blank value
means "not known", as a missing field does in YAML.

Reading builds the same document a YAML file gives, so the schema checks it with the same
messages; each problem names its sheet and cell (``sa.xlsx, sheet 'workforce', cell B7``)
instead of a line. Dates in the authority sheet may be Excel dates or ``YYYY-MM-DD`` text;
yes/no metrics may be Excel's TRUE and FALSE (or that text, as the drop-down enters it).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core.errors import InvalidAssessment, Problem
from checker.core.text import escape_token
from checker.inputs.metrics import Metric, catalogue, policies
from checker.inputs.safeload import Document
from checker.inputs.sanity import PLACEHOLDER_NAME
from checker.inputs.schemas import load_schema
from checker.inputs.xlsxfile import damaged, open_workbook

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

AUTHORITY_FIELDS = ("name", "code", "as_of", "period_start", "period_end", "framework",
                    "prepared_by", "notes")
COMPARATOR_COLUMNS = ("metric", "national", "region", "statistical_neighbours",
                      "lower_quartile", "median", "upper_quartile", "year", "source")
PROVENANCE_COLUMNS = ("pointer", "source", "paragraph", "quote", "note")
METRIC_COLUMNS = ("metric", "value", "title", "unit", "definition", "allowed values")
GUIDE = (
    "Children's services self-assessment. Fill in the 'value' column of what you know; leave "
    "the rest blank: a blank means 'not known' and the report lists it as a data gap.",
    "Percentages are 0-100. Yes/no metrics take TRUE or FALSE. Dates are Excel dates or "
    "YYYY-MM-DD. Check the file with: checker validate <this file>; run it with: checker "
    "check <this file>.",
    "Sheets: authority (who and when), policy (your own standards where no national one "
    "exists; blank = the default), one sheet per section of metrics, comparators (national "
    "and neighbour figures by metric, e.g. workforce.caseload_average) and provenance (where "
    "a value came from, by pointer, e.g. /workforce/caseload_average).",
)


@dataclass
class WorkbookDocument(Document):
    """A self-assessment read from a workbook: each pointer's sheet, row and column."""

    cells: dict[str, tuple[str, int, int]] = field(default_factory=dict, repr=False)

    def problem(self, pointer: str, message: str, **details: Any) -> Problem:
        probe = pointer
        place = self.cells.get(probe)
        while place is None and probe:
            probe = probe.rsplit("/", 1)[0]
            place = self.cells.get(probe)
        sheet, row, column = place if place else (None, None, None)
        return Problem(file=self.name, sheet=sheet, line=row, column=column, pointer=pointer,
                       message=message, **details)


# --- writing the starter --------------------------------------------------------------------


def _title(metric: Metric) -> str:
    text = metric.description.split(". Unit:")[0]
    return text.split(" (")[0] if len(text) > 110 else text


def _validation(metric: Metric) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    if metric.kind == "boolean":
        return DataValidation(type="list", formula1='"TRUE,FALSE"', allow_blank=True)
    if metric.values:
        return DataValidation(type="list", formula1='"' + ",".join(metric.values) + '"',
                              allow_blank=True)
    low = f"{metric.minimum or 0:g}"
    high = f"{metric.maximum if metric.maximum is not None else 1e9:g}"
    if metric.kind == "count":
        return DataValidation(type="whole", operator="between", allow_blank=True,
                              formula1=low, formula2=high)
    return DataValidation(type="decimal", operator="between", allow_blank=True,
                          formula1=low, formula2=high)


def _table(sheet: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", widths, strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _section_sheet(book: Any, section: str, metrics: list[Metric]) -> None:
    sheet = book.create_sheet(section)
    _table(sheet, METRIC_COLUMNS, (42, 14, 60, 22, 90, 40))
    for metric in metrics:
        sheet.append([metric.name, None, _title(metric), metric.unit, metric.description,
                      ", ".join(metric.values) or ("TRUE, FALSE" if metric.kind == "boolean"
                                                   else None)])
        rule = _validation(metric)
        sheet.add_data_validation(rule)
        rule.add(f"B{sheet.max_row}")


def _authority_sheet(book: Any, today: dt.date) -> None:
    properties = load_schema("selfassessment")["$defs"]["Authority"]["properties"]
    sheet = book.create_sheet("authority")
    _table(sheet, ("field", "value", "description"), (16, 30, 100))
    start = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else (
        today - dt.timedelta(days=365))
    values = {"name": PLACEHOLDER_NAME, "as_of": today, "period_start": start,
              "period_end": today}
    for name in AUTHORITY_FIELDS:
        sheet.append([name, values.get(name), properties[name].get("description", "")])
        if isinstance(values.get(name), dt.date):
            sheet.cell(sheet.max_row, 2).number_format = "yyyy-mm-dd"


def _policy_sheet(book: Any) -> None:
    sheet = book.create_sheet("policy")
    _table(sheet, ("parameter", "value", "unit", "default", "description"), (36, 12, 26, 10, 100))
    for name, parameter in policies().items():
        sheet.append([name, None, parameter.unit, parameter.default, parameter.description])
        rule = _validation(parameter)
        sheet.add_data_validation(rule)
        rule.add(f"B{sheet.max_row}")


def starter_workbook(today: dt.date) -> bytes:
    """The starter workbook: every metric, all unknown."""
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl costs ~150 ms to import

    book = Workbook()
    guide = book.active
    assert guide is not None  # noqa: S101 - a new workbook has a sheet
    guide.title = "README"
    guide.column_dimensions["A"].width = 120
    for line in GUIDE:
        guide.append([line])
    _authority_sheet(book, today)
    _policy_sheet(book)
    sections: dict[str, list[Metric]] = {}
    for metric in catalogue().values():
        sections.setdefault(metric.section, []).append(metric)
    for section, metrics in sections.items():
        _section_sheet(book, section, metrics)
    _table(book.create_sheet("comparators"), COMPARATOR_COLUMNS, (42, 12, 12, 12, 12, 12, 12,
                                                                  10, 60))
    _table(book.create_sheet("provenance"), PROVENANCE_COLUMNS, (42, 40, 14, 60, 80))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# --- reading a filled workbook --------------------------------------------------------------


@dataclass
class _Reading:
    name: str
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def at(self, pointer: str, sheet: str, row: int, column: int) -> None:
        self.cells.setdefault(pointer, (sheet, row, column))


def _cell(raw: Any, boolean: bool = False) -> Any:
    """A cell as a YAML file would hold it; None when blank."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str):
        text = raw.strip()
        if boolean and text.upper() in {"TRUE", "FALSE"}:
            return text.upper() == "TRUE"
        return text or None
    return raw


def _named_rows(reading: _Reading, title: str, rows: list[tuple[Any, ...]], target: str,
                booleans: frozenset[str] = frozenset()) -> None:
    """A sheet of name-value rows (authority, policy, a section) into ``data[target]``."""
    body = reading.data.setdefault(target, {})
    reading.at(f"/{target}", title, 1, 1)
    first: dict[str, int] = {}
    for number, row in enumerate(rows[1:], 2):
        key = _cell(row[0]) if row else None
        value = _cell(row[1], str(key) in booleans) if len(row) > 1 else None
        if key is None:
            if value is not None:
                reading.problems.append(Problem(
                    file=reading.name, sheet=title, line=number, column=2,
                    message="a value with no name in column A", expected="a field name"))
            continue
        key = str(key)
        if key in first:
            reading.problems.append(Problem(
                file=reading.name, sheet=title, line=number, column=1,
                message=f"{key!r} appears twice (first in row {first[key]})"))
            continue
        first[key] = number
        pointer = f"/{target}/{escape_token(key)}"
        reading.at(pointer, title, number, 2 if value is not None else 1)
        if value is not None:
            body[key] = value


def _table_rows(reading: _Reading, title: str, rows: list[tuple[Any, ...]], target: str
                ) -> None:
    """A sheet with a header row (comparators, provenance): one entry per row, by column A."""
    body = reading.data.setdefault(target, {})
    reading.at(f"/{target}", title, 1, 1)
    headers = [str(_cell(h) or "") for h in (rows[0] if rows else ())]
    for number, row in enumerate(rows[1:], 2):
        key = _cell(row[0]) if row else None
        if key is None:
            continue
        pointer = f"/{target}/{escape_token(key)}"
        reading.at(pointer, title, number, 1)
        entry: dict[str, Any] = {}
        for index, header in enumerate(headers[1:], 1):
            value = _cell(row[index]) if index < len(row) else None
            if value is not None and header:
                entry[header] = value
                reading.at(f"{pointer}/{escape_token(header)}", title, number, index + 1)
        body[str(key)] = entry


def _sheet(reading: _Reading, title: str, rows: list[tuple[Any, ...]]) -> None:
    sections = {m.section for m in catalogue().values()}
    if title == "README":
        return
    if title in {"authority", "policy"}:
        _named_rows(reading, title, rows, title)
    elif title in sections:
        booleans = frozenset(m.name for m in catalogue().values()
                             if m.section == title and m.kind == "boolean")
        _named_rows(reading, title, rows, title, booleans)
    elif title in {"comparators", "provenance"}:
        _table_rows(reading, title, rows, title)
    else:
        reading.data[title] = {}
        reading.at(f"/{escape_token(title)}", title, 1, 1)


def load_workbook_document(path: Path, *, name: str, max_bytes: int) -> WorkbookDocument:
    """A self-assessment workbook as a document the schema can check, problems located by
    sheet and cell."""
    book = open_workbook(path, name=name, error=InvalidAssessment, max_bytes=max_bytes)
    reading = _Reading(name)
    try:
        for worksheet in book.worksheets:
            title = str(worksheet.title)
            try:
                rows = [tuple(r) for r in worksheet.iter_rows(values_only=True)]
            except Exception as exc:  # a damaged sheet part
                raise damaged(InvalidAssessment, name, exc, title) from None
            _sheet(reading, title, rows)
    finally:
        book.close()
    if reading.problems:
        raise InvalidAssessment(reading.problems)
    return WorkbookDocument(name=name, data=reading.data, kind="xlsx",
                            _locate=lambda _pointer: None, cells=reading.cells)
