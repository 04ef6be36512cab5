"""Read an Annex A workbook: find each list, read its rows, and check them.

Streaming (openpyxl read-only mode): each sheet is read once, row by row. A list is found by its
sheet's name ('List 8', 'L8 CLA', 'Children in care') or, failing that, by its headers; the
header row may sit below a title and blank rows (the first ten rows are searched). Headers are
matched tolerantly (:mod:`.spec`) and the header used for each column is kept, so every figure
can say which column it came from.

What stops a derivation (:class:`~checker.core.errors.InvalidWorkbook`, exit 3, nothing
written), each named by sheet, cell and header:

* a damaged, encrypted or non-.xlsx file; no Annex A list at all; a list without its required
  columns; a header that matches two columns, or two headers for one column;
* a cell that cannot be read (a date that is no date, text in a number column, an Excel error
  such as ``#REF!``), a row with data but no identifier;
* data that cannot be right: a date after the as-of date, a date before the child's birth (in a
  column where work with an unborn child is impossible), an end before its start, and two
  different rows for the same child and the same start date.

With ``skip_bad_rows`` the rows holding such cells are left out of every figure instead, each
one reported as a warning. Warnings (never fatal unless ``--warnings-as-errors``): lists not
found, sheets that are not lists, headers not recognised, headers matched only by a pattern,
category values not recognised (read as not recorded), and rows repeated exactly (read once).
Blank rows are skipped. Identifiers and names never appear in any message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidWorkbook, Problem
from checker.inputs.annexa import cells
from checker.inputs.annexa.spec import (
    AmbiguousHeader,
    AnnexASpec,
    ColumnSpec,
    HeaderMap,
    HeaderMatch,
    ListSpec,
    load_spec,
)
from checker.inputs.xlsxfile import damaged, open_workbook

Value = dt.date | float | str | None
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 10
#: Columns read from every list besides those a derivation asks for.
IDENTITY = frozenset({"child_id", "adopter_id", "date_of_birth"})
#: (start, end) pairs whose end may not precede the start, by list.
END_PAIRS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "early_help": (("eh_assessment_start_date", "eh_assessment_completion_date"),),
    "assessments": (("assessment_start_date", "assessment_authorisation_date"),),
    "section_47": (("s47_start_date", "icpc_date"),),
    "children_in_need": (("cin_start_date", "cin_closure_date"),),
    "child_protection": (("cp_plan_start_date", "cp_plan_end_date"),),
    "children_in_care": (("cla_start_date", "cla_end_date"),),
    "adopters": (("stage1_start_date", "stage1_end_date"), ("stage2_start_date",
                                                             "stage2_end_date")),
}
#: Columns that identify one row of a list: two different rows with the same values conflict.
ROW_KEYS: Mapping[str, tuple[str, ...]] = {
    "early_help": ("child_id", "eh_assessment_start_date"),
    "referrals": ("child_id", "referral_date"),
    "assessments": ("child_id", "assessment_start_date"),
    "section_47": ("child_id", "s47_start_date"),
    "children_in_need": ("child_id", "cin_start_date"),
    "child_protection": ("child_id", "cp_plan_start_date"),
    "children_in_care": ("child_id", "cla_start_date"),
    "care_leavers": ("child_id",),
    "adoption": ("child_id", "adm_decision_date"),
    "adopters": ("adopter_id",),
}


@dataclass(slots=True)
class Record:
    """One row of a list: its row number in the sheet and its values by column key."""

    row: int
    values: dict[str, Value]

    def date(self, key: str) -> dt.date | None:
        value = self.values.get(key)
        return value if isinstance(value, dt.date) else None

    def number(self, key: str) -> float | None:
        value = self.values.get(key)
        return value if isinstance(value, float) else None

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        return value if isinstance(value, str) else None

    @property
    def child(self) -> str:
        return str(self.values.get("child_id") or self.values.get("adopter_id") or "")


@dataclass(eq=False)
class ListData:
    """One list as read: where it was, which header each column came from, its rows."""

    spec: ListSpec
    sheet: str
    header_row: int
    headers: dict[str, HeaderMatch]
    records: list[Record] = field(default_factory=list)
    blank_rows: int = 0
    repeated_rows: int = 0
    excluded_rows: int = 0

    def has(self, key: str) -> bool:
        return key in self.headers

    def header(self, key: str) -> str:
        """The header the workbook used for a column (its standard name if absent)."""
        match = self.headers.get(key)
        return match.header if match else self.spec.column(key).title


@dataclass
class AnnexA:
    """A workbook as read and checked."""

    name: str
    lists: dict[str, ListData]
    as_of: dt.date
    #: How the as-of date was set: 'given', or how it was inferred.
    as_of_basis: str
    skipped_sheets: list[str]
    warnings: list[Problem]

    @property
    def rows(self) -> int:
        return sum(len(item.records) for item in self.lists.values())


@dataclass
class _Sheet:
    """A list being read, with the problems found on each row."""

    data: ListData
    needed: frozenset[str]
    problems: list[tuple[int, Problem]] = field(default_factory=list)
    unrecognised: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    seen: set[tuple[Any, ...]] = field(default_factory=set)


# --- locating lists and headers -------------------------------------------------------------


def _problem(name: str, sheet: str, message: str, *, row: int | None = None,
             column: int | None = None, **details: Any) -> Problem:
    return Problem(file=name, sheet=sheet, line=row, column=column, message=message, **details)


def _filled(row: Sequence[object]) -> int:
    return sum(1 for cell in row if not cells.is_blank(cell))


def _best_header(spec: ListSpec, rows: list[tuple[Any, ...]]
                 ) -> tuple[int, HeaderMap] | tuple[None, HeaderMap | None]:
    """The first row mapping every required column of ``spec``, else the closest row."""
    closest: HeaderMap | None = None
    for index, row in enumerate(rows):
        if _filled(row) < 2:
            continue
        mapping = spec.map_headers(row)  # AmbiguousHeader propagates
        if not mapping.missing_required and len(mapping.columns) >= 2:
            return index, mapping
        if closest is None or len(mapping.columns) > len(closest.columns):
            closest = mapping
    return None, closest


def _by_headers(spec: AnnexASpec, rows: list[tuple[Any, ...]]
                ) -> tuple[int, ListSpec] | None:
    for index, row in enumerate(rows):
        if _filled(row) >= 3:
            found = spec.list_from_headers(row)
            if found is not None:
                return index, found
    return None


def _missing_columns(name: str, sheet: str, item: ListSpec, closest: HeaderMap | None
                     ) -> Problem:
    missing = closest.missing_required if closest else tuple(
        c.key for c in item.columns if c.required)
    titles = ", ".join(repr(item.column(key).title) for key in missing)
    # Only a row that named some column is a header row; any other row may hold identifiers.
    shown = closest.unmatched if closest is not None and closest.columns else ()
    unmatched = ", ".join(repr(text) for _i, text in shown[:8])
    return _problem(name, sheet, f"reads as {item.label} but has no column for {titles}",
                    expected=f"a header row (in the first {HEADER_SCAN_ROWS} rows) naming "
                    "the required columns",
                    found=f"headers not recognised: {unmatched}" if unmatched else None,
                    hint="rename the header to one of the names in docs/annex-a.md, or add the "
                    "column")


def locate(spec: AnnexASpec, name: str, sheet: str, rows: list[tuple[Any, ...]]
           ) -> tuple[int, ListSpec, HeaderMap] | Problem | None:
    """Where a sheet's list and header row are: found, a problem, or None (not a list)."""
    named = spec.list_from_sheet_name(sheet)
    try:
        if named is not None:
            index, mapping = _best_header(named, rows)
            if index is not None and mapping is not None:
                return index, named, mapping
            by_headers = _by_headers(spec, rows)
            if by_headers is None:
                return _missing_columns(name, sheet, named, mapping)
        else:
            by_headers = _by_headers(spec, rows)
            if by_headers is None:
                return None
        index, found = by_headers
        return index, found, found.map_headers(rows[index])
    except AmbiguousHeader as error:
        return _problem(name, sheet, f"a header matches several columns ({error})",
                        hint="rename the header so it names one column")


# --- reading rows ---------------------------------------------------------------------------


def _text(column: ColumnSpec, raw: object) -> tuple[Value, str | None]:
    """A text or category cell: its value, and 'unrecognised' for a category it names none of."""
    if column.key == "allocated_worker":
        return cells.worker(raw), None
    if cells.is_blank(raw):
        return None, None
    text = " ".join(str(raw).split())
    if column.type != "category":
        return text, None
    key = column.match_value(text)
    if key is not None:
        return key, None
    return (text, None) if column.open else (None, "unrecognised")


def _parse(column: ColumnSpec, raw: object) -> tuple[Value, str | None]:
    """A cell's value, and what was wrong with it (None when fine); :class:`CellError` when
    it cannot be read as its column's type."""
    error = cells.excel_error(raw)
    if error is not None:
        return None, f"the cell holds the Excel error {error}"
    if column.type == "date":
        return cells.parse_date(raw), None
    if column.type == "number":
        number = cells.parse_number(raw)
        if number is not None and (number < 0 or not number.is_integer()):
            raise cells.CellError("not a whole number of 0 or more", "a whole number, 0 or more")
        return number, None
    if column.type == "id":
        return cells.identifier(raw), None
    return _text(column, raw)


def _found(column: ColumnSpec, raw: object) -> str | None:
    """How a bad cell is shown: never an identifier or a name."""
    if column.type == "id" or column.key in {"allocated_worker", "allocated_team"}:
        return None
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _cell(sheet: _Sheet, name: str, row: int, match: HeaderMatch, raw: object) -> Value:
    column = match.column
    try:
        value, issue = _parse(column, raw)
    except cells.CellError as error:
        sheet.problems.append((row, _problem(
            name, sheet.data.sheet, f"{match.header!r}: {error}", row=row,
            column=match.index + 1, expected=error.expected, found=_found(column, raw))))
        return None
    if issue == "unrecognised":
        count, first, text = sheet.unrecognised.get(column.key, (0, row, str(raw)))
        sheet.unrecognised[column.key] = (count + 1, first, text)
    elif issue is not None:
        sheet.problems.append((row, _problem(
            name, sheet.data.sheet, f"{match.header!r}: {issue}", row=row,
            column=match.index + 1, expected="a value")))
    return value


def _record(sheet: _Sheet, name: str, row: int, raw: tuple[Any, ...]) -> Record | None:
    data = sheet.data
    if _filled(raw) == 0:
        data.blank_rows += 1
        return None
    if raw in sheet.seen:
        data.repeated_rows += 1
        return None
    sheet.seen.add(raw)
    values: dict[str, Value] = {}
    for key, match in data.headers.items():
        if key in sheet.needed:
            values[key] = _cell(sheet, name, row, match, raw[match.index]
                                if match.index < len(raw) else None)
    record = Record(row, values)
    if not record.child:
        ident = "adopter_id" if "adopter_id" in data.headers else "child_id"
        sheet.problems.append((row, _problem(
            name, data.sheet, "a row with data but no identifier", row=row,
            column=data.headers[ident].index + 1, expected=f"a {data.header(ident)!r}")))
    return record


def _header_errors(name: str, sheet: str, mapping: HeaderMap, header_row: int
                   ) -> list[Problem]:
    errors = []
    for index, text, key in mapping.duplicates:
        first = mapping.columns[key]
        errors.append(_problem(name, sheet, f"headers {first.header!r} and {text!r} both read "
                               f"as {first.column.title!r}", row=header_row, column=index + 1,
                               hint="rename or remove one of them"))
    return errors


def _header_warnings(name: str, sheet: str, mapping: HeaderMap, header_row: int
                     ) -> list[Problem]:
    warnings = []
    if mapping.unmatched:
        shown = ", ".join(repr(text) for _index, text in mapping.unmatched[:10])
        more = len(mapping.unmatched) - 10
        warnings.append(_problem(
            name, sheet, f"{len(mapping.unmatched)} header(s) not recognised and ignored: "
            f"{shown}{f' and {more} more' if more > 0 else ''}", row=header_row))
    for match in mapping.columns.values():
        if match.by_pattern:
            warnings.append(_problem(
                name, sheet, f"header {match.header!r} read as {match.column.title!r} (a "
                "loose match: check it is that column)", row=header_row,
                column=match.index + 1))
    return warnings


def _read_rows(sheet: _Sheet, name: str, rows: Iterable[tuple[Any, ...]], first_row: int
               ) -> None:
    records = sheet.data.records
    for offset, raw in enumerate(rows):
        record = _record(sheet, name, first_row + offset, raw)
        if record is not None:
            records.append(record)


def read_sheet(spec: AnnexASpec, name: str, title: str, rows: Iterator[tuple[Any, ...]],
               needed: Mapping[str, frozenset[str]]
               ) -> tuple[_Sheet | None, list[Problem], list[Problem]]:
    """One sheet: the list it holds (None if it holds none), errors and warnings."""
    head = [row for _index, row in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
    found = locate(spec, name, title, head)
    if found is None:
        return None, [], []
    if isinstance(found, Problem):
        return None, [found], []
    index, item, mapping = found
    data = ListData(item, title, index + 1, dict(mapping.columns))
    sheet = _Sheet(data, needed.get(item.key, frozenset()) | IDENTITY)
    _read_rows(sheet, name, head[index + 1:], index + 2)
    _read_rows(sheet, name, rows, len(head) + 1)
    return (sheet, _header_errors(name, title, mapping, index + 1),
            _header_warnings(name, title, mapping, index + 1))


# --- checks across rows, and the as-of date -------------------------------------------------


def _dated(sheet: _Sheet) -> Iterator[tuple[Record, str, dt.date]]:
    for record in sheet.data.records:
        for key, value in record.values.items():
            if isinstance(value, dt.date) and key != "date_of_birth":
                yield record, key, value


def infer_as_of(sheets: Iterable[_Sheet], today: dt.date) -> dt.date | None:
    """The latest date in the lists that is not after today (birth dates aside)."""
    latest: dt.date | None = None
    for sheet in sheets:
        for _record, _key, value in _dated(sheet):
            if value <= today and (latest is None or value > latest):
                latest = value
    return latest


def _at(sheet: _Sheet, name: str, record: Record, key: str, message: str, **details: Any
        ) -> tuple[int, Problem]:
    data = sheet.data
    return record.row, _problem(name, data.sheet, f"{data.header(key)!r}: {message}",
                                row=record.row, column=data.headers[key].index + 1, **details)


def _date_problems(sheet: _Sheet, name: str, as_of: dt.date, basis: str
                   ) -> Iterator[tuple[int, Problem]]:
    spec = sheet.data.spec
    hint = ("the as-of date is the day the lists were extracted: give it with --as-of"
            if basis == "given" else "a typing slip? (no date in the lists may be after today)")
    for record, key, value in _dated(sheet):
        if value > as_of:
            yield _at(sheet, name, record, key, f"{value.isoformat()} is after the as-of date "
                      f"{as_of.isoformat()}", expected="a date on or before the as-of date",
                      hint=hint)
        born = record.date("date_of_birth")
        if born is not None and value < born and not spec.column(key).prebirth:
            yield _at(sheet, name, record, key, f"{value.isoformat()} is before the child's "
                      f"date of birth ({born.isoformat()})",
                      expected="a date on or after the date of birth")
    for start, end in END_PAIRS.get(spec.key, ()):
        if start not in sheet.needed or end not in sheet.needed:
            continue
        for record in sheet.data.records:
            began, ended = record.date(start), record.date(end)
            if began is not None and ended is not None and ended < began:
                yield _at(sheet, name, record, end, f"{ended.isoformat()} is before "
                          f"{sheet.data.header(start)!r} ({began.isoformat()})",
                          expected="an end on or after its start")


def _conflicts(sheet: _Sheet, name: str) -> Iterator[tuple[int, Problem]]:
    keys = ROW_KEYS.get(sheet.data.spec.key)
    if not keys or not all(key in sheet.data.headers for key in keys):
        return
    first: dict[tuple[Value, ...], int] = {}
    for record in sheet.data.records:
        key = tuple(record.values.get(k) for k in keys)
        if any(part is None for part in key):
            continue
        if key in first:
            what = " and ".join(repr(sheet.data.header(k)) for k in keys)
            problem = _problem(name, sheet.data.sheet, f"rows {first[key]} and {record.row} "
                               f"have the same {what} but differ",
                               row=record.row, hint="keep the row that is right")
            yield first[key], problem
            yield record.row, problem
        else:
            first[key] = record.row


def _unrecognised(sheet: _Sheet, name: str) -> Iterator[Problem]:
    data = sheet.data
    for key, (count, row, text) in sheet.unrecognised.items():
        match = data.headers[key]
        shown = text if len(text) <= 40 else text[:39] + "…"
        yield _problem(name, data.sheet, f"{data.header(key)!r}: {count} value(s) not "
                       f"recognised, read as not recorded (the first: {shown!r})",
                       row=row, column=match.index + 1,
                       expected="; ".join(v.label for v in match.column.values[:8]))


def _summary_warnings(sheet: _Sheet, name: str) -> Iterator[Problem]:
    data = sheet.data
    if data.repeated_rows:
        yield _problem(name, data.sheet, f"{data.repeated_rows} row(s) repeat an earlier row "
                       "exactly and were read once")
    yield from _unrecognised(sheet, name)


# --- the workbook ---------------------------------------------------------------------------


#: Told after each sheet: sheets read, sheets in the workbook, the sheet's name.
Progress = Callable[[int, int, str], None]


def _read_sheets(path: Path, name: str, spec: AnnexASpec, needed: Mapping[str, frozenset[str]],
                 progress: Progress | None
                 ) -> tuple[list[_Sheet], list[Problem], list[Problem]]:
    book = open_workbook(path, name=name, error=InvalidWorkbook, max_bytes=MAX_WORKBOOK_BYTES)
    found: list[_Sheet] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    holder: dict[str, str] = {}
    try:
        for number, worksheet in enumerate(book.worksheets, 1):
            title = str(worksheet.title)
            try:
                sheet, bad, notes = read_sheet(
                    spec, name, title, worksheet.iter_rows(values_only=True), needed)
            except Exception as exc:  # a damaged sheet part
                raise damaged(InvalidWorkbook, name, exc, title) from None
            errors += bad
            warnings += notes
            if progress is not None:
                progress(number, len(book.worksheets), title)
            if sheet is None:
                if not bad:
                    warnings.append(_problem(name, title, "not an Annex A list: skipped"))
                continue
            key = sheet.data.spec.key
            if key in holder:
                errors.append(_problem(name, title, f"holds {sheet.data.spec.label}, as does "
                                       f"sheet {holder[key]!r}", hint="keep one sheet per list"))
            holder[key] = title
            found.append(sheet)
    finally:
        book.close()
    return found, errors, warnings


def _no_lists(name: str, sheets: Sequence[str]) -> InvalidWorkbook:
    return InvalidWorkbook([Problem(
        file=name, message="no Annex A list found",
        expected="sheets named 'List 1' ... 'List 11' or by their titles, or headers such as "
        "'Child Unique ID' and 'Date of Referral'",
        found="sheets " + ", ".join(repr(s) for s in sheets) if sheets else "no sheets")])


def _row_problems(sheets: list[_Sheet], name: str, as_of: dt.date, basis: str
                  ) -> dict[int, list[tuple[int, Problem]]]:
    found: dict[int, list[tuple[int, Problem]]] = {}
    for number, sheet in enumerate(sheets):
        problems = [*sheet.problems, *_date_problems(sheet, name, as_of, basis),
                    *_conflicts(sheet, name)]
        if problems:
            found[number] = problems
    return found


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.sheet or "", p.line or 0, p.column or 0,
                                                p.message))


def _leave_out(sheets: list[_Sheet], found: dict[int, list[tuple[int, Problem]]]
               ) -> list[Problem]:
    """``skip_bad_rows``: drop every row with a problem; the problems become warnings."""
    warnings = []
    for number, problems in found.items():
        data = sheets[number].data
        rows = {row for row, _problem in problems}
        before = len(data.records)
        data.records = [record for record in data.records if record.row not in rows]
        data.excluded_rows = before - len(data.records)
        for _row, problem in problems:
            warnings.append(Problem(file=problem.file, sheet=problem.sheet, line=problem.line,
                                    column=problem.column, message=problem.message +
                                    " (row left out of every figure: --skip-bad-rows)",
                                    expected=problem.expected, found=problem.found))
    return _sorted(warnings)


def _missing_lists(spec: AnnexASpec, name: str, sheets: list[_Sheet]) -> list[Problem]:
    present = {sheet.data.spec.key for sheet in sheets}
    return [Problem(file=name, message=f"{item.label} not found: the figures that need it are "
                    "not derived") for item in spec.lists if item.key not in present]


def read_annex_a(path: Path, *, name: str | None = None, as_of: dt.date | None = None,
                 today: dt.date | None = None, skip_bad_rows: bool = False,
                 needed: Mapping[str, frozenset[str]] | None = None,
                 progress: Progress | None = None) -> AnnexA:
    """Read and check an Annex A workbook; :class:`InvalidWorkbook` with every problem."""
    display = name or str(path)
    spec = load_spec()
    wanted = needed or {item.key: frozenset(c.key for c in item.columns) for item in spec.lists}
    sheets, errors, warnings = _read_sheets(path, display, spec, wanted, progress)
    if errors:
        raise InvalidWorkbook(_sorted(errors))
    if not sheets:
        raise _no_lists(display, [p.sheet or "" for p in warnings])
    basis = "given"
    if as_of is None:
        as_of = infer_as_of(sheets, today or dt.date.today())
        basis = "the latest date in the lists"
        if as_of is None:
            raise InvalidWorkbook([Problem(file=display, message="the lists hold no dates "
                                           "to take an as-of date from", hint="give --as-of")])
    found = _row_problems(sheets, display, as_of, basis)
    if found and not skip_bad_rows:
        problems = _sorted(p for items in found.values() for _row, p in items)
        raise InvalidWorkbook(problems)
    warnings += _leave_out(sheets, found)
    for sheet in sheets:
        warnings += _summary_warnings(sheet, display)
    warnings += _missing_lists(spec, display, sheets)
    lists = {sheet.data.spec.key: sheet.data for sheet in sheets}
    skipped = [p.sheet or "" for p in warnings if p.message.startswith("not an Annex A list")]
    return AnnexA(display, lists, as_of, basis, skipped, warnings)
