"""Reading one Annex A cell: blanks, dates in the forms councils write them, numbers, identifiers
and worker names.

Dates arrive as Excel dates, as Excel day serials (a date cell formatted as a number), or as
text: ``31/01/2024``, ``31-01-2024``, ``31.01.2024``, ``31/01/24``, ``2024-01-31``,
``31 Jan 2024`` or ``31 January 2024``, with or without a time. Text is always read day first
(the UK order), never month first, so ``01/13/2024`` is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from checker.inputs.annexa.spec import BLANK_TEXTS, normalise

#: Extra texts that mean "no date" in a date column.
DATE_BLANK_TEXTS = BLANK_TEXTS | {"not recorded", "unknown date", "not known", "unknown", "tbc"}
#: Normal forms of an allocated-worker cell that name nobody.
UNALLOCATED_TEXTS = frozenset({
    "", "unallocated", "not allocated", "no worker", "tbc", "to be allocated", "duty", "n a",
    "na", "none", "awaiting allocation", "vacant"})
#: Excel's error values as openpyxl returns them (``#N/A`` is read as blank).
EXCEL_ERRORS = frozenset({"#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})
#: Excel day serials accepted as dates: 1 January 1900 to 31 December 2099.
SERIAL_RANGE = (1, 73050)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})" + _TIME + "$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_D_MON_Y = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]{3})[a-z]*\.?,?[\s\-]+(\d{4}|\d{2})"
                      + _TIME + "$")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message says what was expected."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.expected = expected


def is_blank(value: object) -> bool:
    """Empty, whitespace, '-', 'n/a', '#N/A', 'null', 'none' or 'nil'."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return text.upper() == "#N/A" or normalise(text) in BLANK_TEXTS
    return False


def excel_error(value: object) -> str | None:
    """The Excel error a cell holds (``#REF!``...), if any."""
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return value.strip().upper()
    return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year <= 50 else 1900 + year
    return year


def _from_text(text: str) -> dt.date | None:
    lowered = text.strip().lower()
    try:
        if (match := _DMY.match(lowered)) is not None:
            return dt.date(_year(match[3]), int(match[2]), int(match[1]))
        if (match := _YMD.match(lowered)) is not None:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if (match := _D_MON_Y.match(lowered)) is not None and match[2] in _MONTHS:
            return dt.date(_year(match[3]), _MONTHS[match[2]], int(match[1]))
    except ValueError:
        raise CellError(f"no such date: {text.strip()!r}", "a real date, day first "
                        "(31/01/2024)") from None
    return None


def parse_date(value: object) -> dt.date | None:
    """A date cell as a date, or None when blank; :class:`CellError` when unreadable."""
    if is_blank(value) or (isinstance(value, str) and normalise(value) in DATE_BLANK_TEXTS):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("not a date", "a date")
    if isinstance(value, int | float):
        if value == 0:
            return None
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError("a number that is not an Excel date", "a date")
    if isinstance(value, dt.time):
        raise CellError("a time of day, not a date", "a date")
    found = _from_text(str(value))
    if found is None:
        raise CellError("not a date", "a date such as 31/01/2024, 2024-01-31 or 31 Jan 2024 "
                        "(day first)")
    return found


def parse_number(value: object) -> float | None:
    """A number cell as a float, or None when blank; :class:`CellError` when not a number."""
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CellError("not a number", "a number")
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value.strip().replace(",", ""))
    except ValueError:
        raise CellError("not a number", "a number") from None


def identifier(value: object) -> str | None:
    """An identifier as text ('1234567', 'C0012'); whole numbers lose any '.0'."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def worker(value: object) -> str | None:
    """A worker's name with its whitespace collapsed, or None when the cell names nobody
    ('Unallocated', 'TBC', 'Duty', '#N/A', blank...)."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if text.upper() == "#N/A" or normalise(text) in UNALLOCATED_TEXTS:
        return None
    return text
