"""The Annex A specification: it loads and is checked; sheet names, headers (including the
liiatools sample's own, verbatim) and category values match tolerantly; cells are read."""

from __future__ import annotations

import copy
import gzip
import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import pytest

from checker.core.errors import InternalError
from checker.inputs.annexa.cells import (
    CellError,
    identifier,
    is_blank,
    parse_date,
    parse_number,
    worker,
)
from checker.inputs.annexa.spec import AmbiguousHeader, build_spec, load_spec, normalise
from tests.annexa_fixtures import LIIATOOLS_HEADERS
from tests.conftest import REPO

LIST_KEYS = ["contacts", "early_help", "referrals", "assessments", "section_47",
             "children_in_need", "child_protection", "children_in_care", "care_leavers",
             "adoption", "adopters"]


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(
        (REPO / "data" / "annex-a.json.gz").read_bytes()))
    return data


def test_eleven_lists_with_their_source() -> None:
    spec = load_spec()
    assert [item.key for item in spec.lists] == LIST_KEYS
    assert "liiatools" in spec.source and "MIT" in spec.source
    for item in spec.lists:
        assert any(c.identifying for c in item.columns), item.key
        assert any(c.required for c in item.columns), item.key


def test_every_header_variant_matches_its_column() -> None:
    for item in load_spec().lists:
        for column in item.columns:
            for header in column.headers:
                for variant in (header, header.upper(), f"  {header} ",
                                header.replace(" ", "\u00a0"), header.replace(" ", "\n", 1),
                                header.replace(" ", "_"), f"{header} (DD/MM/YYYY)",
                                f"1. {header}"):
                    found, loose = item.match_header(variant)
                    assert found is column and not loose, (item.key, variant)


def test_every_category_variant_maps_back() -> None:
    for item in load_spec().lists:
        for column in item.columns:
            for value in column.values:
                for text in (value.label, *value.variants, *value.codes, value.label.upper()):
                    assert column.match_value(text) == value.key, (column.key, text)


@pytest.mark.parametrize(("number", "headers"), sorted(LIIATOOLS_HEADERS.items()))
def test_the_liiatools_sample_headers_match_and_identify_their_list(
        number: int, headers: list[str]) -> None:
    spec = load_spec()
    item = spec.lists[number - 1]
    mapping = item.map_headers(headers)
    assert mapping.unmatched == () and mapping.duplicates == ()
    assert mapping.missing_required == ()
    assert len(mapping.columns) == len(headers)
    assert not any(match.by_pattern for match in mapping.columns.values())
    assert spec.list_from_headers(headers) is item


@pytest.mark.parametrize(("name", "number"), [
    ("List 1", 1), ("List 8", 8), ("List 10", 10), ("list 11 - adopters", 11),
    ("List8_CLA", 8), ("L3 Refs", 3), ("List 08", 8), ("Contacts", 1), ("EHA", 2),
    ("Referrals", 3), ("Single Assessments", 4), ("S47s", 5), ("Children in Need", 6),
    ("CP Plans", 7), ("Looked After Children", 8), ("Care Leavers", 9), ("Adoptions", 10),
    ("Prospective adopters", 11),
])
def test_sheet_names(name: str, number: int) -> None:
    found = load_spec().list_from_sheet_name(name)
    assert found is not None and found.number == number


def test_a_sheet_name_naming_no_list() -> None:
    spec = load_spec()
    assert spec.list_from_sheet_name("Sheet1") is None
    assert spec.list_from_sheet_name("List 12") is None
    assert spec.list_from_headers(["Name", "Notes"]) is None


def test_a_header_matched_by_pattern_only_is_flagged_and_a_tie_is_refused() -> None:
    care = load_spec().list("children_in_care")
    column, loose = care.match_header("Date of next health assessment")
    assert column is not None and column.key == "last_health_assessment_date" and loose
    with pytest.raises(AmbiguousHeader):
        load_spec().list("care_leavers").match_header("In touch and accommodation suitable")


@pytest.mark.parametrize(("column", "raw", "key"), [
    ("placement_type", "f) U6: Foster placement - not FFA", "U6"),
    ("placement_type", "U6 - foster placement", "U6"),
    ("legal_status", "C2: FCO", "C2"),
    ("legal_status", "Section 20", "V2"),
    ("legal_status", "V3: Short term breaks, episodes recorded", "V3"),
    ("rhi_offered", "a) Yes", "yes"),
    ("rhi_offered", "Y", "yes"),
    ("placement_location", "Out of area", "out"),
    ("uasc", "b) No", "no"),
])
def test_values(column: str, raw: str, key: str) -> None:
    assert load_spec().list("children_in_care").column(column).match_value(raw) == key


def test_normalise() -> None:
    assert normalise("Date of Birth (DD/MM/YYYY)") == "date of birth"
    assert normalise("Child\u2019s  Legal\u00a0Status") == "childs legal status"
    assert normalise("UASC (Y/N))") == "uasc"
    assert normalise("No. of children placed") == "number of children placed"


def test_a_broken_specification_is_refused() -> None:
    good = _raw()
    assert build_spec(good).lists
    breakers: list[Callable[[dict[str, Any]], object]] = [
        lambda d: d["lists"][0]["columns"][0].update(type="datetime"),
        lambda d: d["lists"][0]["columns"][0].update(headers=[]),
        lambda d: d.update(source="another tool"),
        lambda d: d["lists"].pop(3),
        lambda d: d["value_sets"]["yes_no"][0]["variants"].append("No"),
        lambda d: d["lists"][0]["columns"][0].update(patterns=["("]),
        lambda d: d.update(bank_holidays={}),
    ]
    for breaking in breakers:
        broken = copy.deepcopy(good)
        breaking(broken)
        with pytest.raises(InternalError):
            build_spec(broken)


@pytest.mark.parametrize(("raw", "expected"), [
    (datetime(2024, 1, 31, 9, 15), date(2024, 1, 31)),
    (date(2024, 1, 31), date(2024, 1, 31)),
    ("31/01/2024", date(2024, 1, 31)),
    ("1-2-2024", date(2024, 2, 1)),  # day first, always
    ("31.01.24", date(2024, 1, 31)),
    ("2024-01-31", date(2024, 1, 31)),
    ("2024-01-31 00:00:00", date(2024, 1, 31)),
    ("31 Jan 2024", date(2024, 1, 31)),
    ("31st January 2024", date(2024, 1, 31)),
    ("05/05/99", date(1999, 5, 5)),
    (45322, date(2024, 1, 31)),  # an Excel serial
    (45322.75, date(2024, 1, 31)),
    (None, None), ("", None), (" ", None), ("-", None), ("N/A", None), ("#N/A", None),
    ("Not recorded", None), (0, None),
])
def test_dates(raw: object, expected: date | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["sometime", "31/13/2024", "13/31/2024", "30/02/2024", True,
                                 12345678, time(9, 30), "2024/31/01"])
def test_dates_that_are_not(raw: object) -> None:
    with pytest.raises(CellError):
        parse_date(raw)


def test_numbers_identifiers_and_workers() -> None:
    assert parse_number("1,234") == 1234.0
    assert parse_number(3) == 3.0
    assert parse_number("") is None
    with pytest.raises(CellError):
        parse_number("three")
    assert identifier(1234567.0) == "1234567"
    assert identifier(" C 12 ") == "C 12"
    assert identifier("#N/A") is None
    for nobody in (None, "", "Unallocated", "NOT ALLOCATED", "#N/A", "TBC", "duty"):
        assert worker(nobody) is None, nobody
    assert worker("Dustin\u00a0 Hazlett") == "Dustin Hazlett"
    assert is_blank("n/a") and not is_blank("0")
