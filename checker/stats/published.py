"""The published statistics shipped with the tool: read once, lazily, and looked up.

``data/published-statistics.json.gz`` (built by ``scripts/build_published.py``; its docstring
describes the layout) holds DfE's figures for every authority, region and England by
indicator and reference year. Nothing here reads it until a lookup needs it
(:func:`published` is cached), so ``checker check`` pays nothing unless comparators are asked
for.

Conventions:

* **Reference year.** For an as-of date, an indicator's figures are those of the latest
  reference year whose period ends strictly before that date (:meth:`Statistics.year_for`):
  31 March for most measures, 30 September for the workforce ones.
* **Coverage.** An as-of date must fall after the first period end in the file and no later
  than two years after the last one (:data:`COVERAGE_YEARS`), so a prefill today still uses
  the latest shipped year; outside that window the lookup is refused.
* **Reorganisations.** An authority exists from its creation to its abolition
  (``reorganisations`` in the file); asked for on a date it did not exist, the lookup names
  what existed instead.
* **Statistical neighbours.** The May 2025 model applies to as-of dates from 1 May 2025, the
  April 2021 model before (and before 2021: no earlier model is shipped). An authority the
  applicable model gives no neighbours takes the other model's.
* **Quartiles** are across every authority with a value that year
  (``statistics.quantiles(method="inclusive")``, computed when the file is built).
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.errors import InternalError, InvalidRequest, Problem
from checker.core.resources import data_dir
from checker.core.text import closest

DATA_FILE = "published-statistics.json.gz"
ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence "
               "v3.0.")
#: As-of dates up to this many years after the last period end use the latest shipped year.
COVERAGE_YEARS = 2
#: Words left out when matching authority names ("City of Bristol", "Leeds City Council").
_NOISE = frozenset({"city", "of", "county", "council", "the", "borough", "metropolitan",
                    "royal", "district"})
_WHERE = "checker"


#: DfE's code for England as a whole.
ENGLAND = "970"

@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    region: str
    region_name: str
    first_year: int
    last_year: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str
    polarity: str
    #: "march" (year ending, or position at, 31 March) or "september" (workforce snapshot).
    period: str
    years: tuple[int, ...]

    def period_end(self, year: int) -> dt.date:
        return dt.date(year, 9, 30) if self.period == "september" else dt.date(year, 3, 31)

    def published_by(self, year: int) -> dt.date:
        """When a reference year's figures were out (DfE's usual timetable, taken as the day
        they can be relied on): March-year figures in November or December, so usable from
        1 January of the next year; the workforce census of 30 September in February, so
        usable from 1 March of the next year."""
        return dt.date(year + 1, 3, 1) if self.period == "september" else dt.date(year + 1, 1, 1)

    def describe_year(self, year: int) -> str:
        """How a reference year reads: 'year ending 31 March 2022'."""
        if self.period == "september":
            return f"30 September {year}, workforce census"
        return f"year ending 31 March {year}"


@dataclass(frozen=True)
class Source:
    file: str
    release: str


@dataclass(frozen=True)
class Value:
    """One authority's published figure for one indicator and year."""

    indicator: Indicator
    code: str
    year: int
    #: The figure, or None when suppressed or absent.
    value: int | float | None
    #: The source's suppression marker (c, x, u, z, ., -), or None.
    marker: str | None
    source: Source | None
    note: str | None

    @property
    def period_end(self) -> dt.date:
        return self.indicator.period_end(self.year)

    def reason_missing(self) -> str:
        if self.marker is not None:
            return f"suppressed or not available in the source (marker '{self.marker}')"
        return "no published row for this authority and year"


@dataclass(frozen=True)
class Comparators:
    """What one authority's figure is read against, for one indicator and year."""

    indicator: Indicator
    year: int
    national: float | None
    region: float | None
    region_name: str
    statistical_neighbours: float | None
    neighbours_with_value: int
    neighbours_total: int
    neighbour_model: str | None
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None
    #: Authorities with a value that year (the quartiles rest on them).
    authorities_with_value: int
    source: Source | None

    def quartile_position(self, value: float) -> int | None:
        """1 (at or below the lower quartile) to 4 (above the upper quartile), counted from
        the lowest values whatever the polarity; None without quartiles."""
        cuts = (self.lower_quartile, self.median, self.upper_quartile)
        if any(cut is None for cut in cuts):
            return None
        return 1 + sum(1 for cut in cuts if cut is not None and value > cut)

    def best_quartile(self) -> int | None:
        """Which position is the best: 4 when higher is better, 1 when lower is better."""
        return {"higher_is_better": 4, "lower_is_better": 1}.get(self.indicator.polarity)


def name_key(name: str) -> str:
    """An authority name for matching: case, '&', punctuation, '(Pre LG)', 'City of',
    'Council' and the like do not count."""
    text = re.sub(r"\(.*?\)", " ", name.lower()).replace("&", " and ")
    text = re.sub(r"^\s*london borough of\s+", "", text)
    text = re.sub(r"\bsaint\b", "st", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    kept = [word for word in words if word not in _NOISE]
    return " ".join(kept or words)


def _date_words(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _problem(message: str, hint: str | None = None) -> InvalidRequest:
    return InvalidRequest([Problem(file=_WHERE, message=message, hint=hint)])


def _number(raw: Any) -> float | None:
    return float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None


class Statistics:
    """The shipped statistics, with lookups by authority, indicator, year and date."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.attribution: str = raw["attribution"]
        self.publishers: str = raw["publishers"]
        self.first_period_end = dt.date.fromisoformat(raw["coverage"]["first_period_end"])
        self.last_period_end = dt.date.fromisoformat(raw["coverage"]["last_period_end"])
        regions: dict[str, str] = raw["regions"]
        self.authorities = {
            code: Authority(code, name, region, regions.get(region, region), first, last)
            for code, name, region, first, last in raw["las"]}
        self._position = {code: index for index, code in enumerate(self.authorities)}
        #: England as a whole: its figures are the national ones (DfE's code 970).
        self.england = Authority(ENGLAND, "England", "", "", self.first_period_end.year,
                                 self.last_period_end.year)
        self.sources = tuple(Source(s["file"], s["release"]) for s in raw["sources"])
        self.indicators = {
            key: Indicator(key, node["title"], node["unit"], node["polarity"], node["period"],
                           tuple(sorted(int(year) for year in node["years"])))
            for key, node in raw["indicators"].items()}
        self._created: dict[str, tuple[dt.date, list[str]]] = {}
        self._abolished: dict[str, tuple[dt.date, list[str]]] = {}
        for change in raw["reorganisations"]:
            day = dt.date.fromisoformat(change["date"])
            for code in change["new"]:
                self._created[code] = (day, change["old"])
            for code in change["old"]:
                self._abolished[code] = (day, change["new"])

    # -- dates ------------------------------------------------------------------------------

    @property
    def coverage_end(self) -> dt.date:
        end = self.last_period_end
        return end.replace(year=end.year + COVERAGE_YEARS)

    def check_date(self, as_of: dt.date) -> None:
        """Refuse an as-of date the shipped statistics do not cover."""
        if as_of <= self.first_period_end:
            raise _problem(
                f"as-of date {as_of.isoformat()} is before the published statistics: the "
                f"earliest period ends on {_date_words(self.first_period_end)}",
                hint=f"give a date after {self.first_period_end.isoformat()}")
        if as_of > self.coverage_end:
            raise _problem(
                f"as-of date {as_of.isoformat()} is after the shipped statistics' coverage: "
                f"they end in {self.last_period_end.year} (last period "
                f"{_date_words(self.last_period_end)}), and are used for as-of dates up to "
                f"{self.coverage_end.isoformat()}",
                hint="update the tool for newer statistics")

    def year_for(self, indicator: str, as_of: dt.date, *, as_published: bool = False
                 ) -> int | None:
        """The latest reference year of ``indicator`` whose period ends strictly before
        ``as_of`` (with ``as_published``, only years DfE had already published by then);
        None if none does."""
        found = self.indicator(indicator)
        earlier = [year for year in found.years if found.period_end(year) < as_of
                   and (not as_published or found.published_by(year) <= as_of)]
        return max(earlier) if earlier else None

    # -- authorities ------------------------------------------------------------------------

    def existed(self, code: str, as_of: dt.date) -> bool:
        created = self._created.get(code)
        abolished = self._abolished.get(code)
        return not ((created and as_of < created[0]) or (abolished and as_of >= abolished[0]))

    def _labels(self, codes: Iterable[str]) -> str:
        labels = [self.authorities[code].label for code in codes if code in self.authorities]
        return labels[0] if len(labels) == 1 else (
            ", ".join(labels[:-1]) + " and " + labels[-1])

    def check_existed(self, authority: Authority, as_of: dt.date) -> None:
        """Refuse an authority on a date it did not exist, naming what existed instead."""
        code = authority.code
        created = self._created.get(code)
        if created and as_of < created[0]:
            raise _problem(
                f"{authority.label} did not exist on {as_of.isoformat()}: it was created on "
                f"{_date_words(created[0])}",
                hint=f"before then use {self._labels(created[1]).replace(' and ', ' or ')}")
        abolished = self._abolished.get(code)
        if abolished and as_of >= abolished[0]:
            raise _problem(
                f"{authority.label} did not exist on {as_of.isoformat()}: it was abolished on "
                f"{_date_words(abolished[0])} and succeeded by {self._labels(abolished[1])}",
                hint="use one of its successors, or an as-of date before the reorganisation")

    @functools.cached_property
    def _named(self) -> dict[str, list[Authority]]:
        """Name key -> the authorities with that key, in the shipped order."""
        found: dict[str, list[Authority]] = {}
        for authority in self.authorities.values():
            found.setdefault(name_key(authority.name), []).append(authority)
        return found

    def _by_name(self, query: str, as_of: dt.date | None, *, hint: bool) -> Authority:
        key = name_key(query)
        matches = self._named.get(key, [])
        if not matches:
            raise _problem(f"unknown authority {query!r}", hint=self._near(key) if hint else None)
        if len(matches) > 1:  # Dorset (Pre LG) and Dorset: the one that existed on the date
            alive = [a for a in matches if as_of is not None and self.existed(a.code, as_of)]
            return (alive or sorted(matches, key=lambda a: a.last_year))[-1]
        return matches[0]

    def _near(self, key: str) -> str:
        by_key = {name: named[-1] for name, named in self._named.items()}
        containing = [found for found in by_key if key and f" {key} " in f" {found} "]
        near = [by_key[found].label
                for found in dict.fromkeys([*containing, *closest(key, by_key, n=3)])][:3]
        return (f"did you mean {', '.join(near)}?" if near else
                "give the authority's name as DfE lists it, or its 3-digit LA number")

    def find_authority(self, query: str, as_of: dt.date | None = None, *, hint: bool = True
                       ) -> Authority:
        """An authority by name (tolerant of case, '&', punctuation and 'City of') or by its
        3-digit DfE LA number; with ``as_of``, one that existed on that date. ``hint``: say
        which names are near an unknown one (a fuzzy search of every name)."""
        text = query.strip()
        if text == ENGLAND or name_key(text) == "england":
            return self.england
        if text.isdigit():
            authority = self.authorities.get(text)
            if authority is None:
                raise _problem(f"no authority has the LA number {text!r}",
                               hint="LA numbers are DfE's 3-digit codes, for example 370 "
                               "for Barnsley")
        else:
            authority = self._by_name(text, as_of, hint=hint)
        if as_of is not None:
            self.check_existed(authority, as_of)
        return authority

    def matching_codes(self, query: str) -> set[str]:
        """Every code a name or number stands for across time (Dorset: 835 and 838)."""
        text = query.strip()
        if text == ENGLAND or name_key(text) == "england":
            return {ENGLAND}
        if text.isdigit():
            return {text} & set(self.authorities)
        key = name_key(text)
        return {a.code for a in self.authorities.values() if name_key(a.name) == key}

    # -- figures ----------------------------------------------------------------------------

    def indicator(self, indicator: str) -> Indicator:
        found = self.indicators.get(indicator)
        if found is None:
            raise InternalError(f"indicator {indicator!r} is not in the shipped statistics")
        return found

    def _year(self, indicator: str, year: int) -> dict[str, Any] | None:
        node: dict[str, Any] | None = self.raw["indicators"][indicator]["years"].get(str(year))
        return node

    def _source(self, node: dict[str, Any], code: str) -> Source:
        index: int = node.get("source_except", {}).get(code, node["source"])
        return self.sources[index]

    def value(self, indicator: str, code: str, year: int) -> Value:
        """``code``'s figure for ``indicator`` in reference ``year``, with its source."""
        found = self.indicator(indicator)
        node = self._year(indicator, year)
        position = self._position.get(code)
        raw = (None if node is None else node.get("england") if code == ENGLAND else
               None if position is None else node["values"][position])
        if raw is None or node is None:
            return Value(found, code, year, None, None, None, None)
        note = node.get("notes", {}).get(code)
        return Value(found, code, year, raw if not isinstance(raw, str) else None,
                     raw if isinstance(raw, str) else None, self._source(node, code),
                     self.raw["notes"][note] if note is not None else None)

    def neighbours(self, code: str, as_of: dt.date) -> tuple[str | None, list[str]]:
        """(model, neighbour codes in rank order) for ``code`` on ``as_of``."""
        models = self.raw["neighbours"]
        first = "2025" if as_of >= dt.date(2025, 5, 1) else "2021"
        for model in (first, *(other for other in sorted(models) if other != first)):
            group: list[str] = models[model]["groups"].get(code, [])
            if group:
                return model, group
        return None, []

    def comparators(self, indicator: str, code: str, year: int, as_of: dt.date
                    ) -> Comparators:
        """National, regional, neighbour and all-authority figures for ``code``'s
        ``indicator`` in reference ``year`` (neighbour model chosen by ``as_of``)."""
        found = self.indicator(indicator)
        node = self._year(indicator, year) or {}
        authority = self.authorities.get(code)
        region = authority.region if authority else ""
        model, group = self.neighbours(code, as_of)
        values = node.get("values", [])
        known = [v for v in (_number(values[self._position[n]]) if n in self._position
                             and values else None for n in group) if v is not None]
        quartiles = node.get("quartiles") or [None, None, None]
        return Comparators(
            indicator=found, year=year, national=_number(node.get("england")),
            region=_number(node.get("regions", {}).get(region)),
            region_name=authority.region_name if authority else "",
            statistical_neighbours=round(sum(known) / len(known), 4) + 0.0 if known else None,
            neighbours_with_value=len(known), neighbours_total=len(group),
            neighbour_model=model, lower_quartile=quartiles[0], median=quartiles[1],
            upper_quartile=quartiles[2], authorities_with_value=int(node.get("n", 0)),
            source=self._source(node, ENGLAND) if node else None)


def load(path: Path) -> Statistics:
    try:
        raw = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as error:
        raise InternalError(
            f"cannot read the shipped published statistics {path}: {error}; rebuild them "
            "with scripts/build_published.py or reinstall the package") from None
    return Statistics(raw)


@functools.cache
def published() -> Statistics:
    """The shipped statistics, read on first use and kept."""
    return load(data_dir() / DATA_FILE)
