"""Working days in England and Wales, 2013-2027, and calendar months.

A working day is a Monday to Friday that is not an England and Wales bank holiday (shipped in
``data/annex-a.json.gz``, substitute days and the one-off days of 2020, 2022 and 2023 included;
``scripts/build_annexa.py`` rebuilds them).

The rule every timescale uses:

* The day of the event is **day 0**, whatever day of the week it is.
* ``add_working_days(start, n)`` is the n-th working day after ``start`` (``n = 0`` gives
  ``start``; a negative ``n`` counts back, so ``add_working_days(d, -1)`` is the last working
  day before ``d``).
* ``working_days_between(start, end)`` is the smallest ``n >= 0`` with
  ``end <= add_working_days(start, n)``, so "within N working days" means
  ``working_days_between(start, end) <= N``. The same day is 0; an end on a weekend or bank
  holiday counts as the next working day (Thursday to Saturday is 2: the one-working-day
  deadline was the Friday). An end before the start is an error, never a negative count.

This differs from Excel's ``NETWORKDAYS(start, end) - 1`` only when an end point is not a
working day. Any date outside the covered years raises :class:`CalendarRangeError`.
Month-based intervals (reviews, health assessments) use :func:`add_months`, clamped to the
month's last day (31 January + 1 month = 29 February 2024).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from checker.inputs.annexa.spec import load_spec


class CalendarRangeError(ValueError):
    """A date lies outside the years the bank holidays cover."""


class EndBeforeStartError(ValueError):
    """``working_days_between`` was given an end earlier than its start."""


@dataclass(frozen=True)
class _Calendar:
    first: dt.date
    last: dt.date
    holidays: frozenset[dt.date]
    #: Ordinals of every working day from ``first`` to ``last``, ascending.
    working: tuple[int, ...]


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value


@functools.cache
def _calendar() -> _Calendar:
    raw = load_spec().bank_holidays
    first = dt.date(int(raw["first_year"]), 1, 1)
    last = dt.date(int(raw["last_year"]), 12, 31)
    days = frozenset(dt.date.fromisoformat(day) for day, _name in raw["days"])
    working = tuple(ordinal for ordinal in range(first.toordinal(), last.toordinal() + 1)
                    if (ordinal + 6) % 7 < 5 and dt.date.fromordinal(ordinal) not in days)
    return _Calendar(first, last, days, working)


def covered_range() -> tuple[dt.date, dt.date]:
    """First and last dates (inclusive) that working-day arithmetic accepts."""
    cal = _calendar()
    return cal.first, cal.last


def bank_holidays() -> dict[dt.date, str]:
    """The weekday bank holidays in the covered range, with their names."""
    return {dt.date.fromisoformat(day): name for day, name in load_spec().bank_holidays["days"]}


def _check(day: dt.date, what: str) -> None:
    cal = _calendar()
    if not cal.first <= day <= cal.last:
        raise CalendarRangeError(
            f"{what} {day.isoformat()} is outside the working-day calendar "
            f"({cal.first.isoformat()} to {cal.last.isoformat()})")


def is_working_day(day: dt.date) -> bool:
    """True for a Monday to Friday that is not a bank holiday."""
    day = _as_date(day)
    _check(day, "date")
    return day.weekday() < 5 and day not in _calendar().holidays


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (before it when ``n`` is negative); ``n == 0``
    returns ``start`` itself, even on a weekend."""
    start = _as_date(start)
    _check(start, "date")
    if n == 0:
        return start
    cal = _calendar()
    ordinal = start.toordinal()
    index = (bisect_right(cal.working, ordinal) + n - 1 if n > 0
             else bisect_left(cal.working, ordinal) + n)
    if not 0 <= index < len(cal.working):
        direction = "after" if n > 0 else "before"
        raise CalendarRangeError(
            f"{abs(n)} working days {direction} {start.isoformat()} is outside the working-day "
            f"calendar ({cal.first.isoformat()} to {cal.last.isoformat()})")
    return dt.date.fromordinal(cal.working[index])


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from ``start`` (day 0) to ``end``; see the module docstring."""
    start, end = _as_date(start), _as_date(end)
    _check(start, "date")
    _check(end, "date")
    if end < start:
        raise EndBeforeStartError(
            f"end {end.isoformat()} is before start {start.isoformat()}")
    if end == start:
        return 0
    cal = _calendar()
    count = (bisect_right(cal.working, end.toordinal())
             - bisect_right(cal.working, start.toordinal()))
    if end.weekday() >= 5 or end in cal.holidays:
        count += 1
    return count


def add_months(start: dt.date, months: int) -> dt.date:
    """Calendar months later (earlier if negative), clamped to the month's last day."""
    start = _as_date(start)
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.date(year, month0 + 1, day)
