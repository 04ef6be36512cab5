"""The pieces every derived figure is built from: the period, cohorts, the children behind a
figure, and the figure itself with what it was computed from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from checker.inputs.annexa.reader import AnnexA, ListData, Record
from checker.inputs.annexa.workdays import add_months

#: Legal statuses of children looked after under a series of short breaks: left out of every
#: children-in-care figure, as DfE does.
SHORT_BREAKS = frozenset({"V3", "V4"})


@dataclass(frozen=True)
class Period:
    """The as-of date and the period the lists cover, ending on it."""

    as_of: dt.date
    months: int

    @property
    def start(self) -> dt.date:
        return self.months_before(self.months)

    def months_before(self, months: int) -> dt.date:
        """The first day of the ``months`` months ending on the as-of date."""
        return add_months(self.as_of, -months) + dt.timedelta(days=1)

    def within(self, day: dt.date | None, months: int | None = None) -> bool:
        start = self.start if months is None else self.months_before(months)
        return day is not None and start <= day <= self.as_of

    def describe(self, months: int | None = None) -> str:
        start = self.start if months is None else self.months_before(months)
        return f"{start.isoformat()} to {self.as_of.isoformat()}"


@dataclass(frozen=True)
class Child:
    """One child behind a figure: where the row is and the dates that make it count."""

    id: str
    list: str
    sheet: str
    row: int
    dates: tuple[tuple[str, str], ...]
    detail: str | None = None


@dataclass
class Figure:
    """A derived value with everything its provenance needs."""

    path: str
    value: float | int
    how: str
    lists: tuple[ListData, ...]
    columns: tuple[tuple[ListData, str], ...]
    numerator: int | None = None
    denominator: int | None = None
    #: What the children listed have in common (None: the figure lists no children).
    breach: str | None = None
    children: list[Child] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    months: int | None = None


@dataclass(frozen=True)
class NotDerived:
    path: str
    reason: str


Outcome = Figure | NotDerived


def child(data: ListData, record: Record, keys: Iterable[str], detail: str | None = None
          ) -> Child:
    """The child on ``record``, with the dates in ``keys`` under the workbook's headers."""
    dates = tuple((data.header(key), value.isoformat()) for key in keys
                  if (value := record.date(key)) is not None)
    return Child(record.child, data.spec.label, data.sheet, record.row, dates, detail)


def open_at(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    """Started on or before ``day`` and not ended by it (an end on ``day`` is ended)."""
    return start is not None and start <= day and (end is None or end > day)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def looked_after(data: ListData, day: dt.date) -> Iterator[Record]:
    """Rows of List 8 looked after on ``day``, short breaks left out."""
    for record in data.records:
        if record.text("legal_status") in SHORT_BREAKS:
            continue
        if open_at(record.date("cla_start_date"), record.date("cla_end_date"), day):
            yield record


def distinct(records: Iterable[Record]) -> list[Record]:
    """One row per child (the first)."""
    seen: set[str] = set()
    found = []
    for record in records:
        if record.child not in seen:
            seen.add(record.child)
            found.append(record)
    return found


def left_out(count: int, why: str) -> list[str]:
    return [f"{count} left out: {why}"] if count else []


@dataclass
class Share:
    """Building a percentage: the cohort, those counted, those left out and why."""

    numerator: int = 0
    denominator: int = 0
    children: list[Child] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, counted: bool, breach: Child | None = None) -> None:
        """One member of the cohort; ``breach`` is listed when it is behind a finding."""
        self.denominator += 1
        self.numerator += counted
        if breach is not None:
            self.children.append(breach)


def share_figure(path: str, share: Share, *, how: str, columns: Sequence[tuple[ListData, str]],
                 breach: str | None, months: int | None = None) -> Outcome:
    """A percentage figure, or not known when the cohort is empty (never 0%)."""
    if share.denominator == 0:
        return NotDerived(path, "nobody in the lists is in this figure's cohort, so the share "
                          "is not known")
    lists = tuple(dict.fromkeys(data for data, _key in columns))
    return Figure(path, 100 * share.numerator / share.denominator, how, lists, tuple(columns),
                  share.numerator, share.denominator, breach, share.children, share.notes,
                  months)


def count_figure(path: str, records: Sequence[tuple[ListData, Record]], *, how: str,
                 columns: Sequence[tuple[ListData, str]], breach: str | None = None,
                 make: Callable[[ListData, Record], Child] | None = None,
                 notes: Sequence[str] = (), months: int | None = None) -> Figure:
    lists = tuple(dict.fromkeys(data for data, _key in columns))
    children = [make(data, record) for data, record in records] if make and breach else []
    return Figure(path, len(records), how, lists, tuple(columns), len(records), None, breach,
                  children, list(notes), months)


def as_of_of(annex: AnnexA, months: int) -> Period:
    return Period(annex.as_of, months)
