"""Working days in England and Wales: the shipped bank holidays against gov.uk's published
dates, the data file against its build script, and the counting rule at its boundaries
(weekends, bank holidays, the same day)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from datetime import date, timedelta
from types import ModuleType

import pytest

from checker.inputs.annexa.workdays import (
    CalendarRangeError,
    EndBeforeStartError,
    add_months,
    add_working_days,
    bank_holidays,
    covered_range,
    is_working_day,
    working_days_between,
)
from tests.conftest import REPO

#: gov.uk's published England and Wales bank holidays (https://www.gov.uk/bank-holidays),
#: typed in from the page, for the years a self-assessment is most often about.
GOV_UK = {
    2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
           "2020-12-25", "2020-12-28"],
    2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
           "2021-12-27", "2021-12-28"],
    2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
           "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
    2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
           "2023-08-28", "2023-12-25", "2023-12-26"],
    2024: ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
           "2024-12-25", "2024-12-26"],
    2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
           "2025-12-25", "2025-12-26"],
}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_annexa",
                                                  REPO / "scripts" / "build_annexa.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_bank_holidays_match_gov_uk(year: int) -> None:
    shipped = sorted(day.isoformat() for day in bank_holidays() if day.year == year)
    assert shipped == GOV_UK[year]


def test_every_year_has_eight_weekday_holidays_and_the_one_offs() -> None:
    days = bank_holidays()
    per_year = {y: sum(1 for d in days if d.year == y) for y in range(2013, 2028)}
    assert per_year == {y: {2022: 10, 2023: 9}.get(y, 8) for y in range(2013, 2028)}
    assert all(day.weekday() < 5 for day in days)
    assert days[date(2022, 9, 19)].startswith("Bank Holiday for the State Funeral")
    assert days[date(2021, 12, 28)] == "Boxing Day (substitute day)"
    assert date(2020, 5, 4) not in days and date(2022, 5, 30) not in days


def test_easter_computus_on_known_years() -> None:
    easter = _script().easter
    known = {2013: (3, 31), 2016: (3, 27), 2019: (4, 21), 2024: (3, 31), 2025: (4, 20),
             2027: (3, 28)}
    for year, (month, day) in known.items():
        assert easter(year) == date(year, month, day)


def test_shipped_data_is_the_build_scripts_output() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_annexa.py"),
                             "--check"], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_covered_range() -> None:
    assert covered_range() == (date(2013, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize(("day", "expected"), [
    (date(2024, 1, 5), True),  # Friday
    (date(2024, 1, 6), False),  # Saturday
    (date(2024, 1, 7), False),  # Sunday
    (date(2024, 1, 1), False),  # New Year's Day
    (date(2021, 12, 28), False),  # Boxing Day substitute
    (date(2022, 9, 19), False),  # state funeral
    (date(2022, 5, 30), True),  # the spring holiday that moved
    (date(2020, 5, 4), True),  # the early May holiday that moved
])
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


def test_the_same_day_is_day_zero_even_at_a_weekend() -> None:
    assert add_working_days(date(2024, 1, 6), 0) == date(2024, 1, 6)
    assert working_days_between(date(2024, 1, 6), date(2024, 1, 6)) == 0
    assert working_days_between(date(2024, 1, 3), date(2024, 1, 3)) == 0


def test_weekends_are_skipped() -> None:
    friday = date(2024, 1, 12)
    assert add_working_days(friday, 1) == date(2024, 1, 15)
    assert add_working_days(date(2024, 1, 13), 1) == date(2024, 1, 15)  # from Saturday
    assert add_working_days(date(2024, 1, 14), 1) == date(2024, 1, 15)  # from Sunday
    assert working_days_between(friday, date(2024, 1, 15)) == 1
    assert add_working_days(friday, 5) == date(2024, 1, 19)
    assert add_working_days(date(2024, 1, 15), -1) == friday


def test_an_end_at_a_weekend_counts_as_the_next_working_day() -> None:
    thursday, saturday = date(2024, 1, 11), date(2024, 1, 13)
    assert working_days_between(thursday, date(2024, 1, 12)) == 1
    assert working_days_between(thursday, saturday) == 2
    assert working_days_between(thursday, date(2024, 1, 15)) == 2


def test_bank_holidays_are_skipped() -> None:
    # Thursday before Easter 2024: Good Friday 29 March, Easter Monday 1 April.
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1
    assert working_days_between(date(2024, 3, 28), date(2024, 3, 29)) == 1  # a holiday end
    assert add_working_days(date(2020, 5, 7), 1) == date(2020, 5, 11)  # VE Day 2020
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)  # Jubilee 2022
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)  # Christmas 2021


def test_forty_five_working_days_over_christmas() -> None:
    start = date(2023, 11, 1)
    due = add_working_days(start, 45)
    assert due == date(2024, 1, 8)  # 21 in November, 19 in December, 1 January a holiday
    assert working_days_between(start, due) == 45
    assert working_days_between(start, due + timedelta(days=1)) == 46


def test_counting_and_adding_agree() -> None:
    start = date(2019, 12, 20)
    for offset in range(400):
        end = start + timedelta(days=offset)
        n = working_days_between(start, end)
        assert end <= add_working_days(start, n)
        assert n == 0 or end > add_working_days(start, n - 1)
    for n in range(1, 60):
        assert add_working_days(add_working_days(date(2024, 1, 2), -n), n) == date(2024, 1, 2)


def test_errors() -> None:
    with pytest.raises(EndBeforeStartError):
        working_days_between(date(2024, 1, 10), date(2024, 1, 9))
    with pytest.raises(CalendarRangeError):
        add_working_days(date(2012, 12, 31), 1)
    with pytest.raises(CalendarRangeError):
        add_working_days(date(2027, 12, 30), 2)
    with pytest.raises(CalendarRangeError):
        is_working_day(date(2028, 1, 1))
    with pytest.raises(TypeError):
        add_working_days("2024-01-12", 1)  # type: ignore[arg-type]
    assert working_days_between(dt.datetime(2024, 1, 12, 9, 30), dt.datetime(2024, 1, 15)) == 1


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 8, 31), -6) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), -24) == date(2022, 2, 28)
