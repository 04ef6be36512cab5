"""Build ``data/published-statistics.json.gz`` from the shared statistics folder.

Reads ``la-indicators.csv``, ``indicators.yaml`` and ``statistical-neighbours.csv`` (by
default from ``../shared/data`` beside the repository) and writes one compact, deterministic
file: gzip with mtime 0 around JSON with sorted keys, so a rebuild from the same input is byte
for byte the same (``tests/test_published_stats.py`` rebuilds it and compares).

Standard library and PyYAML only. Usage::

    python scripts/build_published.py [--source DIR] [--out FILE]

What the file holds (``format`` 1):

* ``indicators``: per indicator its id, title, unit, polarity and ``period`` (``march``: the
  year ending 31 March or the position at 31 March; ``september``: the 30 September
  workforce snapshot) and per reference year: England's value, each region's value, each
  LA's value aligned with ``las`` (a number, a suppression marker string such as ``"c"``, or
  null where the LA has no row), the lower quartile, median and upper quartile across LAs
  and how many LA values they rest on, and where the values came from (``source``: index into
  ``sources`` for most values; ``source_except``: LA or region code -> index for the rest;
  ``notes``: code -> index into ``notes`` for row-level caveats).
* Quartiles: ``statistics.quantiles(values, n=4, method="inclusive")`` over every LA with a
  value that year (suppressed LAs left out; joint workforce returns count once per LA, as
  DfE's tables show them), rounded to 4 decimal places; none when fewer than 4 LAs have one.
* ``las``: ``[code, name, region code, first year, last year]``, the years being the first
  and last reference year with any row for that LA. The region is the government office
  region: London boroughs take London (986), not Inner or Outer London.
* ``neighbours``: the 2021 and 2025 statistical neighbour models, ten neighbours per LA in
  rank order, and which as-of dates each applies to (:data:`NEIGHBOUR_MODELS`).
* ``reorganisations``: :data:`REORGANISATIONS`, cited from the shared README.
* ``coverage``: the first and last period end in the file.
* ``attribution``: the Open Government Licence statement and the publishers.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data" / "published-statistics.json.gz"
FORMAT = 1
ENGLAND = "970"
LONDON = "986"
#: Region names as in la-indicators.csv -> LAIT region number; Inner and Outer London are
#: sub-regions of London, which is the region an LA is compared with.
REGION_CODES = {
    "North East": "980", "North West": "981", "Yorkshire and The Humber": "982",
    "East Midlands": "983", "West Midlands": "984", "East of England": "985",
    "London": LONDON, "Inner London": LONDON, "Outer London": LONDON, "South East": "989",
    "South West": "990",
}
REGIONS = {"980", "981", "982", "983", "984", "985", "986", "989", "990"}
ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence "
               "v3.0.")
PUBLISHERS = (
    "Department for Education (DfE): Characteristics of children in need; Children looked "
    "after in England including adoption; Children's social work workforce; the Local "
    "Authority Interactive Tool (LAIT); the Children's Services Statistical Neighbour "
    "Benchmarking Tool; ONS mid-year population estimates as supplied with DfE's files. "
    "Ofsted: local authority children's services inspections and outcomes."
)
#: Which neighbour model applies to which as-of dates. DfE published the 2025 model in May
#: 2025; before that the April 2021 model was current. The 2021 model is also used for dates
#: before 2021 (no earlier model is shipped). An LA absent from the model that applies, or
#: with no neighbours in it (Cumberland and Westmorland and Furness in 2021), takes the other.
NEIGHBOUR_MODELS = {
    "2021": {"applies_from": None, "applies_until": "2025-04-30",
             "title": "DfE statistical neighbour model, April 2021"},
    "2025": {"applies_from": "2025-05-01", "applies_until": None,
             "title": "DfE statistical neighbour model, May 2025"},
}
_README = "../shared/data/README.md, 'LA reorganisations and codes'"
#: Local government reorganisations since the statistics begin (citation: the shared README).
REORGANISATIONS = [
    {"date": "2019-04-01", "old": ["835", "836", "837"], "new": ["838", "839"],
     "note": "Bournemouth (837), Poole (836) and Dorset county (835) became Bournemouth, "
             "Christchurch and Poole (839) and Dorset (838)", "citation": _README},
    {"date": "2021-04-01", "old": ["928"], "new": ["940", "941"],
     "note": "Northamptonshire (928) became North Northamptonshire (940) and West "
             "Northamptonshire (941)", "citation": _README},
    {"date": "2023-04-01", "old": ["909"], "new": ["942", "943"],
     "note": "Cumbria (909) became Cumberland (942) and Westmorland and Furness (943)",
     "citation": _README},
]
#: File-name prefix -> the DfE release it belongs to (checked in order; first match wins).
RELEASES = (
    ("bds_long_0__DERIVED_csc_topics", "DfE Local Authority Interactive Tool (LAIT)"),
    ("csww_", "DfE Children's social work workforce"),
    ("c1_", "DfE Characteristics of children in need"),
    ("b1_", "DfE Characteristics of children in need"),
    ("c4_", "DfE Characteristics of children in need"),
    ("d3_", "DfE Characteristics of children in need"),
    ("d5_", "DfE Characteristics of children in need"),
    ("", "DfE Children looked after in England including adoption"),
)


def release_title(source: str) -> str:
    """The publication a ``source`` string of la-indicators.csv comes from."""
    text = source.removeprefix("derived: ").removeprefix("derived from ")
    title = next(name for prefix, name in RELEASES if text.startswith(prefix))
    return f"derived from {title}" if source.startswith("derived") else title


def _number(text: str) -> int | float:
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def _period(text: str) -> str:
    return "september" if "September" in text else "march"


class Tables:
    """Index tables for repeated strings (sources, notes), in first-seen order of sorted input."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def index(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def _read_rows(source: Path) -> list[dict[str, str]]:
    with (source / "la-indicators.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows.sort(key=lambda r: (r["indicator"], int(r["year"]), r["la_code"]))
    return rows


def _las(rows: list[dict[str, str]]) -> list[list[Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["geographic_level"] != "local_authority":
            continue
        entry = found.setdefault(row["la_code"], {
            "name": row["la_name"], "region": REGION_CODES[row["region"]], "years": set()})
        entry["years"].add(int(row["year"]))
    return [[code, item["name"], item["region"], min(item["years"]), max(item["years"])]
            for code, item in sorted(found.items())]


def _quartiles(values: list[float]) -> list[float] | None:
    if len(values) < 4:
        return None
    cuts = statistics.quantiles(values, n=4, method="inclusive")
    return [round(cut, 4) + 0.0 for cut in cuts]


def _year_entry(rows: list[dict[str, str]], position: dict[str, int], sources: Tables,
                notes: Tables) -> dict[str, Any]:
    """One indicator-year: England, regions, LA values, quartiles, sources and notes."""
    values: list[Any] = [None] * len(position)
    regions: dict[str, Any] = {}
    entry: dict[str, Any] = {"england": None}
    counted = Counter(row["source"] for row in rows)
    common = min(counted, key=lambda s: (-counted[s], s))
    entry["source"] = sources.index(common)
    exceptions: dict[str, int] = {}
    row_notes: dict[str, int] = {}
    for row in rows:
        code = row["la_code"]
        value: Any = _number(row["value"]) if row["value"] else (row["suppressed"] or None)
        if row["source"] != common:
            exceptions[code] = sources.index(row["source"])
        if row["note"]:
            row_notes[code] = notes.index(row["note"])
        if code == ENGLAND:
            entry["england"] = value
        elif row["geographic_level"] == "region":
            if code in REGIONS:
                regions[code] = value
        else:
            values[position[code]] = value
    numbers = [v for v in values if isinstance(v, int | float)]
    entry.update(values=values, regions=regions, quartiles=_quartiles(numbers), n=len(numbers))
    if exceptions:
        entry["source_except"] = exceptions
    if row_notes:
        entry["notes"] = row_notes
    return entry


def _indicators(rows: list[dict[str, str]], meta: dict[str, Any], las: list[list[Any]],
                sources: Tables, notes: Tables) -> dict[str, Any]:
    position = {item[0]: index for index, item in enumerate(las)}
    grouped: dict[tuple[str, int], list[dict[str, str]]] = defaultdict(list)
    period_ends: dict[tuple[str, int], str] = {}
    for row in rows:
        key = (row["indicator"], int(row["year"]))
        grouped[key].append(row)
        period_ends[key] = row["period_end"]
    result: dict[str, Any] = {}
    for indicator, info in sorted(meta.items()):
        years = sorted(year for name, year in grouped if name == indicator)
        result[indicator] = {
            "id": indicator,
            "title": info["title"],
            "unit": info["unit"],
            "polarity": info["polarity"],
            "period": _period(info["period"]),
            "years": {str(year): {**_year_entry(grouped[(indicator, year)], position, sources,
                                               notes),
                                  "period_end": period_ends[(indicator, year)]}
                      for year in years},
        }
    return result


def _neighbours(source: Path) -> dict[str, Any]:
    groups: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    with (source / "statistical-neighbours.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["neighbour_la_code"].isdigit():
                groups[row["model"]][row["la_code"]].append(
                    (int(row["neighbour_rank"]), row["neighbour_la_code"]))
    models: dict[str, Any] = {}
    for model, info in NEIGHBOUR_MODELS.items():
        ranked = {code: [code for _rank, code in sorted(items)]
                  for code, items in groups[model].items()}
        models[model] = {**info, "groups": ranked}
    return models


def build(source: Path) -> bytes:
    """The compressed file's bytes, from the folder ``source``."""
    meta = yaml.safe_load((source / "indicators.yaml").read_text(encoding="utf-8"))
    rows = _read_rows(source)
    las = _las(rows)
    sources, notes = Tables(), Tables()
    indicators = _indicators(rows, meta["indicators"], las, sources, notes)
    region_names = {row["la_code"]: row["la_name"] for row in rows
                    if row["la_code"] in REGIONS or row["la_code"] == ENGLAND}
    period_ends = sorted(row["period_end"] for row in rows)
    document = {
        "format": FORMAT,
        "attribution": ATTRIBUTION,
        "publishers": PUBLISHERS,
        "coverage": {"first_period_end": period_ends[0], "last_period_end": period_ends[-1]},
        "regions": dict(sorted(region_names.items())),
        "las": las,
        "neighbours": _neighbours(source),
        "reorganisations": REORGANISATIONS,
        "sources": [{"file": text, "release": release_title(text)} for text in sources.items],
        "notes": notes.items,
        "indicators": indicators,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with la-indicators.csv, indicators.yaml and "
                        "statistical-neighbours.csv (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_name(f".{args.out.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(args.out)
    print(f"wrote {args.out} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
