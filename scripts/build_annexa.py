"""Rebuild data/annex-a.json.gz: the Annex A list and column specification and the England and
Wales bank holidays that `checker derive` reads.

    python scripts/build_annexa.py            # rewrite data/annex-a.json.gz
    python scripts/build_annexa.py --check    # exit 1 if the shipped file is stale

The column specification is scripts/annexa/columns.yaml (ours; list and column names and
header variants taken from liiatools' public MIT-licensed Annex A specification as a
reference). It is checked by the same code that reads it at run time
(checker.inputs.annexa.spec.build_spec), shared columns are expanded, and the result is written
compactly and deterministically (gzip with mtime 0: the same input gives the same bytes).

The bank holidays are worked out from the rules gov.uk publishes (https://www.gov.uk/bank-holidays)
rather than downloaded: New Year's Day, Good Friday, Easter Monday, the first and last Mondays
of May, the last Monday of August, Christmas Day and Boxing Day, with substitute weekdays when
one falls at a weekend, plus the one-off changes listed in ONE_OFFS. Only weekdays are kept
(weekends are never working days).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "scripts" / "annexa" / "columns.yaml"
TARGET = REPO / "data" / "annex-a.json.gz"
FIRST_YEAR, LAST_YEAR = 2013, 2027
HOLIDAY_SOURCE = (
    "England and Wales bank holidays as gov.uk publishes them (https://www.gov.uk/bank-holidays), "
    "worked out from the statutory and royal-proclamation rules with substitute weekdays, and the "
    "one-off changes of 2020, 2022 and 2023; weekdays only. Rebuilt by "
    "scripts/build_annexa.py; checked against gov.uk's published dates in "
    "tests/test_annexa_calendar.py."
)

#: Date -> (name, the regular holiday it replaces or None for an additional day).
ONE_OFFS: dict[dt.date, tuple[str, dt.date | None]] = {
    dt.date(2020, 5, 8): ("Early May bank holiday (VE Day)", dt.date(2020, 5, 4)),
    dt.date(2022, 6, 2): ("Spring bank holiday", dt.date(2022, 5, 30)),
    dt.date(2022, 6, 3): ("Platinum Jubilee bank holiday", None),
    dt.date(2022, 9, 19): ("Bank Holiday for the State Funeral of Queen Elizabeth II", None),
    dt.date(2023, 5, 8): ("Bank holiday for the coronation of King Charles III", None),
}


def easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _monday(year: int, month: int, *, last: bool) -> dt.date:
    if last:
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return end - dt.timedelta(days=end.weekday())
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _christmas(year: int) -> dict[dt.date, str]:
    christmas, boxing = dt.date(year, 12, 25), dt.date(year, 12, 26)
    substitute = " (substitute day)"
    shifted = {
        4: {christmas: "Christmas Day", dt.date(year, 12, 28): "Boxing Day" + substitute},
        5: {dt.date(year, 12, 27): "Christmas Day" + substitute,
            dt.date(year, 12, 28): "Boxing Day" + substitute},
        6: {boxing: "Boxing Day", dt.date(year, 12, 27): "Christmas Day" + substitute},
    }
    return shifted.get(christmas.weekday(), {christmas: "Christmas Day", boxing: "Boxing Day"})


def holidays(year: int) -> dict[dt.date, str]:
    """The weekday bank holidays of one year, England and Wales."""
    new_year = dt.date(year, 1, 1)
    shift = {5: 2, 6: 1}.get(new_year.weekday(), 0)
    days = {new_year + dt.timedelta(days=shift):
            "New Year's Day" + (" (substitute day)" if shift else "")}
    sunday = easter(year)
    days[sunday - dt.timedelta(days=2)] = "Good Friday"
    days[sunday + dt.timedelta(days=1)] = "Easter Monday"
    days[_monday(year, 5, last=False)] = "Early May bank holiday"
    days[_monday(year, 5, last=True)] = "Spring bank holiday"
    days[_monday(year, 8, last=True)] = "Summer bank holiday"
    days.update(_christmas(year))
    for day, (name, replaces) in ONE_OFFS.items():
        if day.year == year:
            if replaces is not None:
                del days[replaces]
            days[day] = name
    return dict(sorted(days.items()))


def bank_holidays() -> dict[str, Any]:
    days = [[day.isoformat(), name] for year in range(FIRST_YEAR, LAST_YEAR + 1)
            for day, name in holidays(year).items()]
    return {"source": HOLIDAY_SOURCE, "first_year": FIRST_YEAR, "last_year": LAST_YEAR,
            "days": days}


def _expand(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The lists with every `use:` of a shared column replaced by the column itself."""
    shared: dict[str, Any] = raw.get("shared_columns") or {}
    lists = []
    for item in raw["lists"]:
        columns = []
        for given in item["columns"]:
            column = given
            if "use" in given:
                column = {**shared[given["use"]], "key": given["use"],
                          **{k: v for k, v in given.items() if k != "use"}}
            columns.append(column)
        lists.append({**item, "columns": columns})
    return lists


def compile_spec() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return {"source": raw["source"], "version": raw["version"],
            "value_sets": raw["value_sets"], "lists": _expand(raw)}


def build() -> bytes:
    from checker.inputs.annexa.spec import build_spec  # noqa: PLC0415 - the repo on sys.path

    data = {**compile_spec(), "bank_holidays": bank_holidays()}
    build_spec(data)  # the same checks as at run time: refuse to ship a broken spec
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))
    content = build()
    if options.check:
        current = TARGET.read_bytes() if TARGET.exists() else b""
        if current != content:
            print(f"{TARGET.relative_to(REPO)} is stale: run python scripts/build_annexa.py")
            return 1
        return 0
    TARGET.write_bytes(content)
    print(f"wrote {TARGET.relative_to(REPO)} ({len(content):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
