"""Properties of every derived figure on random lists: percentages stay between 0 and 100,
numerators never exceed denominators, counts are whole and not negative, the children listed
are no more than the figure counts, and nothing raises.

Lists are built in memory as the reader leaves them (each end on or after its start), so many
examples run quickly; a slow run tries many more.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.inputs.annexa.derive import derive, needed_columns
from checker.inputs.annexa.reader import END_PAIRS, AnnexA, ListData, Record
from checker.inputs.annexa.spec import ColumnSpec, HeaderMatch, load_spec
from checker.inputs.metrics import catalogue

AS_OF = dt.date(2024, 1, 31)
IDS = [f"C{n:02d}" for n in range(25)]
WORKERS = ["Ann Example", "Bob Sample", None]


def _value(draw: st.DrawFn, column: ColumnSpec) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return None
    if column.type == "date":
        return AS_OF - dt.timedelta(days=draw(st.integers(0, 365 * 4)))
    if column.type == "number":
        return float(draw(st.integers(0, 8)))
    if column.type == "category":
        return draw(st.sampled_from([v.key for v in column.values]))
    if column.key == "allocated_worker":
        return draw(st.sampled_from(WORKERS))
    return "text"


def _ordered(key: str, values: dict[str, Any]) -> None:
    for start, end in END_PAIRS.get(key, ()):
        began, ended = values.get(start), values.get(end)
        if began is not None and ended is not None and ended < began:
            values[start], values[end] = ended, began


@st.composite
def annex_a(draw: st.DrawFn) -> AnnexA:
    lists = {}
    for key, needed in needed_columns().items():
        spec = load_spec().list(key)
        columns = [c for c in spec.columns if c.key in needed or c.key == "date_of_birth"]
        records = []
        for row in range(draw(st.integers(0, 12))):
            values = {c.key: _value(draw, c) for c in columns}
            values["child_id"] = draw(st.sampled_from(IDS))
            values["date_of_birth"] = AS_OF - dt.timedelta(days=draw(st.integers(0, 365 * 22)))
            _ordered(key, values)
            records.append(Record(row + 2, values))
        headers = {c.key: HeaderMatch(c, i, c.title) for i, c in enumerate(columns)}
        lists[key] = ListData(spec, f"List {spec.number}", 1, headers, records)
    return AnnexA("random.xlsx", lists, AS_OF, "given", [], [])


def _holds(annex: AnnexA) -> None:
    for months in (6, 12):
        for figure in derive(annex, months).figures:
            metric = catalogue()[figure.path]
            assert figure.numerator is not None and figure.numerator >= 0
            if metric.kind == "percent":
                assert figure.denominator is not None and figure.denominator > 0
                assert figure.numerator <= figure.denominator, figure.path
                assert 0 <= figure.value <= 100, figure.path
                assert len(figure.children) <= figure.denominator, figure.path
            else:
                assert isinstance(figure.value, int) and figure.value >= 0, figure.path
                assert len(figure.children) <= figure.value, figure.path


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annex_a())
def test_figures_stay_in_range(annex: AnnexA) -> None:
    _holds(annex)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annex_a())
def test_figures_stay_in_range_long(annex: AnnexA) -> None:
    _holds(annex)
