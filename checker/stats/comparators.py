"""Comparators for ``checker check``: the assessment's own, else the shipped published ones
for the matching year.

For each metric, :func:`resolve_comparators` gives the figures to read the authority's value
against (England, region, statistical neighbours' mean, lower quartile, median, upper
quartile), with their year and where they came from:

* **input**: the assessment's ``comparators`` entry for the metric. It wins whole: figures
  of different years are never mixed, so a metric the file gives comparators for takes none
  from the shipped statistics.
* **published**: for a metric DfE publishes (``x-published``), the shipped figures for the
  authority (by its 3-digit LA number in ``authority.code``, else by name) and the reference
  year the assessment's figures match: the latest year whose period ends on or before
  ``authority.period_end`` when the file gives one, else strictly before ``as_of`` (the rule
  ``checker prefill`` uses). The neighbour model follows ``as_of``.

An authority the statistics do not know, or a date they do not cover, leaves only the input
comparators (:func:`shipped_unavailable` says why). The statistics are read only when a
metric without input comparators is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from checker.core.errors import InvalidRequest
from checker.inputs.assessment import Assessment, GivenComparator
from checker.inputs.metrics import Metric, catalogue, published_metrics

if TYPE_CHECKING:  # the published statistics load only when a figure needs them
    from checker.stats.published import Authority, Comparators, Statistics

Origin = Literal["input", "published"]
#: The longest ``source`` the schema allows for a comparator.
COMPARATOR_SOURCE_MAX = 300


@dataclass(frozen=True)
class ResolvedComparator:
    metric: str
    origin: Origin
    #: "input", or "published DfE ... for 2024 ..." (:func:`comparator_source`).
    source: str
    year: str | None
    national: float | None = None
    region: float | None = None
    statistical_neighbours: float | None = None
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    #: The metric's polarity (higher_is_better, lower_is_better, neither), if it has one.
    polarity: str | None = None
    #: Shipped comparators only: neighbours with a value, of how many.
    neighbours_with_value: int | None = None
    neighbours_total: int | None = None

    def quartile_position(self, value: float) -> int | None:
        """1 (at or below the lower quartile) to 4 (above the upper quartile), counted from
        the lowest values whatever the polarity; None without all three cut points."""
        cuts = (self.lower_quartile, self.median, self.upper_quartile)
        if any(cut is None for cut in cuts):
            return None
        return 1 + sum(1 for cut in cuts if cut is not None and value > cut)


def comparator_source(comparators: Comparators) -> str:
    """How shipped comparators are cited: 'published DfE ... for 2024 (...): ...'."""
    indicator = comparators.indicator
    release = comparators.source.release if comparators.source else "DfE statistics"
    neighbours = (f"mean of {comparators.neighbours_with_value} of "
                  f"{comparators.neighbours_total} statistical neighbours "
                  f"({comparators.neighbour_model} model)" if comparators.neighbour_model
                  else "no statistical neighbours")
    text = (f"published {release} for {comparators.year} "
            f"({indicator.describe_year(comparators.year)}): England, "
            f"{comparators.region_name or 'region'}, {neighbours}, quartiles of "
            f"{comparators.authorities_with_value} authorities; OGL v3.0")
    return text if len(text) <= COMPARATOR_SOURCE_MAX else text[:COMPARATOR_SOURCE_MAX - 1] + "…"


def _from_input(metric: Metric | None, path: str, given: GivenComparator) -> ResolvedComparator:
    return ResolvedComparator(
        metric=path, origin="input", source="input", year=given.year,
        national=given.national, region=given.region,
        statistical_neighbours=given.statistical_neighbours,
        lower_quartile=given.lower_quartile, median=given.median,
        upper_quartile=given.upper_quartile, polarity=metric.polarity if metric else None)


def _from_published(metric: Metric, found: Comparators) -> ResolvedComparator:
    return ResolvedComparator(
        metric=metric.path, origin="published", source=comparator_source(found),
        year=str(found.year), national=found.national, region=found.region,
        statistical_neighbours=found.statistical_neighbours,
        lower_quartile=found.lower_quartile, median=found.median,
        upper_quartile=found.upper_quartile, polarity=metric.polarity,
        neighbours_with_value=found.neighbours_with_value,
        neighbours_total=found.neighbours_total)


def published_authority(assessment: Assessment, statistics: Statistics) -> Authority:
    """The shipped statistics' authority for ``assessment`` (LA number, else name), checked
    against its as-of date; :class:`InvalidRequest` if unknown or not covered."""
    authority = assessment.authority
    statistics.check_date(authority.as_of)
    code = (authority.code or "").strip()
    query = code if code.isdigit() and code in statistics.authorities else authority.name
    return statistics.find_authority(query, authority.as_of, hint=False)


def shipped_unavailable(assessment: Assessment, statistics: Statistics | None = None
                        ) -> str | None:
    """Why the shipped comparators cannot be used for ``assessment``, or None if they can."""
    from checker.stats.published import published  # noqa: PLC0415 - read on first use

    try:
        published_authority(assessment, statistics or published())
    except InvalidRequest as error:
        return "; ".join(problem.message for problem in error.problems)
    return None


def reference_year(statistics: Statistics, indicator: str, assessment: Assessment
                   ) -> int | None:
    """The reference year of ``indicator`` that ``assessment``'s figures match."""
    found = statistics.indicator(indicator)
    period_end = assessment.authority.period_end
    if period_end is not None:
        years = [y for y in found.years if found.period_end(y) <= period_end]
        return max(years) if years else None
    return statistics.year_for(indicator, assessment.authority.as_of)


def resolve_comparators(assessment: Assessment, metrics: Iterable[str] | None = None, *,
                        statistics: Statistics | None = None
                        ) -> dict[str, ResolvedComparator]:
    """Metric path -> its comparators, for ``metrics`` (default: every metric with input or
    shipped comparators). Input comparators win; see the module docstring."""
    wanted = None if metrics is None else set(metrics)
    known = catalogue()
    result = {path: _from_input(known.get(path), path, given)
              for path, given in assessment.comparators.items()
              if wanted is None or path in wanted}
    needed = [metric for path, metric in published_metrics().items()
              if path not in result and (wanted is None or path in wanted)]
    if not needed:
        return result
    from checker.stats.published import published  # noqa: PLC0415 - read on first use

    statistics = statistics or published()
    try:
        authority = published_authority(assessment, statistics)
    except InvalidRequest:
        return result
    as_of: dt.date = assessment.authority.as_of
    for metric in needed:
        indicator = str(metric.published)
        year = reference_year(statistics, indicator, assessment)
        if year is not None:
            found = statistics.comparators(indicator, authority.code, year, as_of)
            result[metric.path] = _from_published(metric, found)
    return dict(sorted(result.items()))
