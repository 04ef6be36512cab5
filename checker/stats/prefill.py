"""``checker prefill``: a self-assessment holding an authority's published figures.

For each metric the schema marks as published (``x-published``), the authority's figure for
the latest reference year whose period ends before the as-of date (per indicator: most years
end 31 March, the workforce's 30 September), with its provenance (the release and the year)
and its comparators for the same year (England, region, statistical neighbours, quartiles).
Suppressed or missing figures are left out and said so in comments; every other metric is
absent. The figures are Crown copyright, used under the Open Government Licence v3.0, which
every prefilled file says.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from checker.inputs.metrics import Metric, published_metrics
from checker.inputs.schemas import load_schema
from checker.stats.comparators import comparator_source
from checker.stats.published import (
    ATTRIBUTION,
    Authority,
    Comparators,
    Indicator,
    Statistics,
    Value,
    published,
)

#: The longest ``source`` the schema allows for a provenance entry.
PROVENANCE_SOURCE_MAX = 200


@dataclass
class Entry:
    """One published metric of the prefilled file: filled, or why not."""

    metric: Metric
    indicator: Indicator
    year: int | None
    value: Value | None = None
    comparators: Comparators | None = None
    #: Why the metric is left absent; None when it is filled.
    missing: str | None = None

    @property
    def filled(self) -> bool:
        return self.missing is None


@dataclass
class Prefill:
    authority: Authority
    as_of: dt.date
    statistics: Statistics
    entries: list[Entry] = field(default_factory=list)
    #: Only figures DfE had published by the as-of date (see Indicator.published_by).
    as_published: bool = False

    @property
    def filled(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.filled]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit(metric: Metric, value: int | float) -> int | float | None:
    """The value as the schema takes it (counts whole), or None if out of the metric's range."""
    if metric.kind == "count":
        if float(value) != int(value):
            return None
        value = int(value)
    if (metric.minimum is not None and value < metric.minimum) or (
            metric.maximum is not None and value > metric.maximum):
        return None
    return value


def _entry(statistics: Statistics, authority: Authority, metric: Metric, as_of: dt.date,
           as_published: bool = False) -> Entry:
    indicator = statistics.indicator(str(metric.published))
    year = statistics.year_for(indicator.id, as_of, as_published=as_published)
    if year is None:
        first = indicator.period_end(indicator.years[0]).isoformat()
        when = "was published" if as_published else "ends"
        return Entry(metric, indicator, None, missing=(
            f"no reference year {when} before {as_of.isoformat()} (the first ends {first})"))
    value = statistics.value(indicator.id, authority.code, year)
    entry = Entry(metric, indicator, year, value)
    if value.value is None:
        entry.missing = f"{year} ({indicator.describe_year(year)}): {value.reason_missing()}"
    elif _fit(metric, value.value) is None:
        entry.missing = (f"{year}: published figure {value.value} is outside the metric's "
                         "range")
    else:
        entry.comparators = statistics.comparators(indicator.id, authority.code, year, as_of)
    return entry


def build_prefill(query: str, as_of: dt.date, statistics: Statistics | None = None, *,
                  as_published: bool = False) -> Prefill:
    """The prefill of the authority ``query`` names (name or LA number) as of ``as_of``.

    Raises :class:`~checker.core.errors.InvalidRequest` for an unknown authority, a date the
    statistics do not cover, or an authority that did not exist on that date.
    """
    statistics = statistics or published()
    statistics.check_date(as_of)
    authority = statistics.find_authority(query, as_of)
    prefill = Prefill(authority, as_of, statistics, as_published=as_published)
    for metric in published_metrics().values():
        prefill.entries.append(_entry(statistics, authority, metric, as_of, as_published))
    return prefill


def comparator_data(comparators: Comparators) -> dict[str, Any]:
    """The ``comparators`` entry of a self-assessment (figures that are not known omitted)."""
    figures = {
        "national": comparators.national,
        "region": comparators.region,
        "statistical_neighbours": comparators.statistical_neighbours,
        "lower_quartile": comparators.lower_quartile,
        "median": comparators.median,
        "upper_quartile": comparators.upper_quartile,
    }
    data: dict[str, Any] = {key: value for key, value in figures.items() if value is not None}
    data["year"] = str(comparators.year)
    data["source"] = comparator_source(comparators)
    return data


def provenance_data(entry: Entry) -> dict[str, str]:
    value = entry.value
    assert value is not None and entry.year is not None  # noqa: S101 - only filled entries
    release = value.source.release if value.source else "DfE statistics"
    note = (f"reference year {entry.year}: {entry.indicator.describe_year(entry.year)}; "
            f"indicator {entry.indicator.id}")
    if value.source:
        note += f"; file: {value.source.file}"
    if value.note:
        note += f"; {value.note}"
    return {"source": _clip(f"{release} (Open Government Licence v3.0)",
                            PROVENANCE_SOURCE_MAX), "note": note}


def summary(prefill: Prefill) -> str:
    """The ``authority.notes`` text: what was filled, how, and the attribution."""
    missing = [e.metric.path for e in prefill.entries if not e.filled]
    text = (f"Prefilled by checker prefill from the published statistics shipped with the "
            f"tool: {prefill.authority.label}, as of {prefill.as_of.isoformat()}. Each figure "
            "is the authority's published value for the latest reference year ending before "
            f"that date; {len(prefill.filled)} of {len(prefill.entries)} published figures "
            "filled.")
    if missing:
        text += f" Not published for that year: {', '.join(missing)}."
    return f"{text} Sources: {prefill.statistics.publishers} {ATTRIBUTION}"


def prefill_data(prefill: Prefill) -> dict[str, Any]:
    """The self-assessment as a document (what the JSON output holds)."""
    data: dict[str, Any] = {
        "$schema": load_schema("selfassessment")["$id"],
        "authority": {"name": prefill.authority.name, "code": prefill.authority.code,
                      "as_of": prefill.as_of.isoformat(), "notes": summary(prefill)},
    }
    comparators: dict[str, Any] = {}
    provenance: dict[str, Any] = {}
    for entry in prefill.filled:
        assert entry.value is not None and entry.value.value is not None  # noqa: S101
        metric = entry.metric
        data.setdefault(metric.section, {})[metric.name] = _fit(metric, entry.value.value)
        if entry.comparators is not None:
            comparators[metric.path] = comparator_data(entry.comparators)
        provenance[metric.pointer] = provenance_data(entry)
    data["comparators"] = comparators
    data["provenance"] = provenance
    return data


def render_json(prefill: Prefill) -> str:
    return json.dumps(prefill_data(prefill), indent=2, ensure_ascii=False) + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    import textwrap  # noqa: PLC0415 - only the YAML output wraps text

    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=96 - len(indent))]


def _header(prefill: Prefill) -> list[str]:
    authority = prefill.authority
    years = sorted({(e.indicator.period, e.year) for e in prefill.entries if e.year})
    latest = dict(years)
    described = [f"the year ending 31 March {year}" if period == "march" else
                 f"for the workforce, 30 September {year}"
                 for period, year in sorted(latest.items())]
    lines = _comment(
        f"Self-assessment prefilled by `checker prefill` from the published statistics "
        f"shipped with the tool: {authority.label}, {authority.region_name}, as of "
        f"{prefill.as_of.isoformat()}.")
    lines += _comment(
        "Each figure is the authority's published value for the latest reference year ending "
        f"before the as-of date ({'; '.join(described) or 'none'}), with its comparators for "
        "the same year and its provenance. Suppressed or unpublished figures and every other "
        "metric are absent (not known): add what you hold, then run checker validate and "
        "checker check on this file.")
    lines += _comment(ATTRIBUTION)
    lines += _comment(f"Sources: {prefill.statistics.publishers}")
    return lines


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _mapping(name: str, body: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{indent}{_scalar(name)}:"]
    lines += [f"{indent}  {key}: {_scalar(value)}" for key, value in body.items()]
    return lines


def _sections(prefill: Prefill, data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    by_section: dict[str, list[Entry]] = {}
    for entry in prefill.entries:
        by_section.setdefault(entry.metric.section, []).append(entry)
    for section, entries in by_section.items():
        body: list[str] = []
        for entry in entries:
            metric = entry.metric
            if entry.filled and entry.year is not None:
                body += _comment(f"{entry.indicator.title}: reference year {entry.year}, "
                                 f"{entry.indicator.describe_year(entry.year)}.", "  ")
                body.append(f"  {metric.name}: {_scalar(data[section][metric.name])}")
            else:
                body += _comment(f"Not filled: {metric.name} ({entry.indicator.title}): "
                                 f"{entry.missing}.", "  ")
        if section in data:
            lines += [f"{section}:", *body]
        else:
            lines += [f"# {section}: nothing published for this authority and year", *body]
    return lines


def render_yaml(prefill: Prefill) -> str:
    """The prefill as YAML, with the attribution, each figure's year and each gap as
    comments."""
    data = prefill_data(prefill)
    lines = _header(prefill)
    lines.append(f"$schema: {_scalar(data['$schema'])}")
    lines += ["authority:"] + [f"  {key}: {_scalar(value)}"
                               for key, value in data["authority"].items()]
    lines += _sections(prefill, data)
    lines += _comment("National, regional, statistical-neighbour and all-authority figures "
                      "for the same reference year as each prefilled figure.")
    lines.append("comparators:" if data["comparators"] else "comparators: {}")
    for path, body in data["comparators"].items():
        lines += _mapping(path, body, "  ")
    lines += _comment("Where each figure came from: the release, the reference year and the "
                      "file. " + ATTRIBUTION)
    lines.append("provenance:" if data["provenance"] else "provenance: {}")
    for pointer, body in data["provenance"].items():
        lines += _mapping(pointer, body, "  ")
    return "\n".join(lines) + "\n"
