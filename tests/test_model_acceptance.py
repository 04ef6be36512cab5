"""What issue 17 asks of the risk model on published figures alone, held as tests: England's own
figures for any year, and a council at every authority's median, are never judged high and
never inadequate overall; a council in the best quartile on every published figure, with no
local findings, is nowhere above low."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from checker.inputs.assessment import from_data
from checker.inputs.metrics import catalogue
from checker.rules.frameworks import DEFAULT_FRAMEWORK, frameworks
from checker.rules.loader import load_rulebook
from checker.scoring.run import Checker
from checker.stats.prefill import build_prefill, prefill_data

AS_OF = [dt.date(year, 6, 1) for year in range(2017, 2027)]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_rulebook())


def _bands(checker: Checker, data: dict[str, Any]) -> tuple[dict[str, str], str]:
    result = checker.check(from_data(data, name="acceptance"),
                           frameworks()[DEFAULT_FRAMEWORK])
    return {area.key: area.band for area in result.areas}, result.overall[0].band


def _with_values(data: dict[str, Any], pick: str) -> dict[str, Any]:
    """The prefilled file with every published figure replaced by a comparator's value:
    ``median``, or ``best`` (the better quartile by the metric's polarity)."""
    metrics = catalogue()
    changed = {**data}
    assert len(data.get("comparators", {})) >= 20  # the published figures are there
    for path, comparators in data.get("comparators", {}).items():
        metric = metrics[path]
        if pick == "median":
            value = comparators.get("median")
        else:
            value = comparators.get("upper_quartile" if metric.polarity == "higher_is_better"
                                    else "lower_quartile")
        section, name = path.split(".", 1)
        if value is None or section not in changed:
            continue
        fitted = round(value) if metric.kind == "count" else value
        changed[section] = {**changed[section], name: fitted}
    return changed


@pytest.mark.parametrize("as_of", AS_OF, ids=lambda day: day.isoformat())
def test_england_is_never_high_nor_inadequate_overall(checker: Checker, as_of: dt.date) -> None:
    data = prefill_data(build_prefill("England", as_of, as_published=True))
    for path, comparators in data["comparators"].items():  # England's figures are national
        section, name = path.split(".", 1)
        assert data[section][name] == pytest.approx(comparators["national"]), path
    bands, overall = _bands(checker, data)
    assert "high" not in bands.values(), bands
    assert overall != "high"


@pytest.mark.parametrize("authority", ["Barnsley", "Cornwall", "Camden", "Leeds"])
def test_a_council_at_every_median_is_never_high(checker: Checker, authority: str) -> None:
    for as_of in AS_OF[2::3]:
        data = _with_values(prefill_data(build_prefill(authority, as_of)), "median")
        bands, overall = _bands(checker, data)
        assert "high" not in bands.values(), (as_of, bands)
        assert overall != "high"


@pytest.mark.parametrize("authority", ["Barnsley", "Cornwall", "Camden", "Leeds"])
def test_the_best_quartile_everywhere_is_nowhere_above_low(checker: Checker,
                                                           authority: str) -> None:
    for as_of in AS_OF[2::3]:
        data = _with_values(prefill_data(build_prefill(authority, as_of)), "best")
        bands, _overall = _bands(checker, data)
        assert set(bands.values()) <= {"low", "unknown"}, (as_of, bands)
        assert "low" in bands.values()  # a prediction, not only a lack of evidence
