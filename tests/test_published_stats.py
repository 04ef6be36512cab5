"""The shipped published statistics, their reader, ``checker prefill`` and the comparators."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli.app import cli
from checker.core.errors import InvalidRequest
from checker.inputs.assessment import from_data, load_assessment
from checker.inputs.metrics import published_metrics
from checker.stats import published as published_module
from checker.stats.comparators import resolve_comparators, shipped_unavailable
from checker.stats.prefill import build_prefill, prefill_data, render_yaml
from checker.stats.published import ATTRIBUTION, DATA_FILE, Statistics, name_key, published
from tests.conftest import REPO

SHARED_DATA = REPO.parent / "shared" / "data"
DATA = REPO / "data" / DATA_FILE
needs_shared = pytest.mark.skipif(not (SHARED_DATA / "la-indicators.csv").is_file(),
                                  reason="the shared data (../shared/data) are not beside "
                                  "this checkout")


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_published",
                                                  REPO / "scripts" / "build_published.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stats() -> Statistics:
    return published()


# -- the data file --------------------------------------------------------------------------


def test_data_file_is_compact_and_attributed(stats: Statistics) -> None:
    assert DATA.stat().st_size < 1_000_000
    assert stats.attribution == ATTRIBUTION
    assert len(stats.indicators) == 46
    assert {m.published for m in published_metrics().values()} <= set(stats.indicators)
    assert len(published_metrics()) == 46


@needs_shared
def test_data_file_is_current_rebuilt_byte_for_byte() -> None:
    rebuilt: bytes = _build_script().build(SHARED_DATA)
    assert rebuilt == DATA.read_bytes(), (
        "data/published-statistics.json.gz is stale: run python scripts/build_published.py")


def _la_rows() -> list[dict[str, str]]:
    wanted = {m.published for m in published_metrics().values()}
    with (SHARED_DATA / "la-indicators.csv").open(encoding="utf-8", newline="") as stream:
        return [row for row in csv.DictReader(stream)
                if row["geographic_level"] == "local_authority" and row["value"]
                and row["indicator"] in wanted]


@needs_shared
def test_ten_random_prefilled_values_match_the_csv(stats: Statistics) -> None:
    rows = _la_rows()
    rng = random.Random(20261201)
    by_indicator = {m.published: m for m in published_metrics().values()}
    checked = 0
    while checked < 10:
        row = rng.choice(rows)
        as_of = dt.date.fromisoformat(row["period_end"]) + dt.timedelta(days=1)
        if not stats.existed(row["la_code"], as_of):
            continue  # Cumbria's 2023 figures: it was abolished on 1 April 2023
        prefill = build_prefill(row["la_code"], as_of, stats)
        data = prefill_data(prefill)
        metric = by_indicator[row["indicator"]]
        assert data[metric.section][metric.name] == pytest.approx(float(row["value"])), row
        provenance = data["provenance"][metric.pointer]
        assert f"reference year {row['year']}:" in provenance["note"]
        assert row["source"] in provenance["note"]
        assert data["comparators"][metric.path]["year"] == row["year"]
        checked += 1


# -- lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "code"), [
    ("Barnsley", "370"), ("barnsley", "370"), ("370", "370"), ("City of Bristol", "801"),
    ("Bristol, City of", "801"), ("Kingston upon Hull", "810"), ("St Helens", "342"),
    ("Saint Helens", "342"), ("Brighton & Hove", "846"), ("Leeds City Council", "383"),
    ("City of London", "201"), ("County Durham", "840"), ("London Borough of Camden", "202"),
    ("Stoke on Trent", "861"), ("Herefordshire, County of", "884"),
])
def test_authorities_are_found_by_name_or_number(stats: Statistics, query: str,
                                                 code: str) -> None:
    assert stats.find_authority(query, dt.date(2024, 6, 1)).code == code


def test_a_reorganised_name_means_the_authority_of_its_date(stats: Statistics) -> None:
    assert stats.find_authority("Dorset", dt.date(2015, 1, 1)).code == "835"
    assert stats.find_authority("Dorset", dt.date(2020, 1, 1)).code == "838"
    assert stats.matching_codes("Dorset") == {"835", "838"}
    assert name_key("Dorset (Pre LG)") == name_key("dorset")


def test_year_for_takes_periods_ending_strictly_before(stats: Statistics) -> None:
    assert stats.year_for("cla_count", dt.date(2024, 3, 31)) == 2023
    assert stats.year_for("cla_count", dt.date(2024, 4, 1)) == 2024
    assert stats.year_for("sw_vacancy_rate_pct", dt.date(2024, 9, 30)) == 2023
    assert stats.year_for("sw_vacancy_rate_pct", dt.date(2024, 10, 1)) == 2024
    assert stats.year_for("sw_vacancy_rate_pct", dt.date(2015, 6, 1)) is None


def test_comparators_and_quartile_position(stats: Statistics) -> None:
    found = stats.comparators("sw_vacancy_rate_pct", "370", 2024, dt.date(2025, 1, 1))
    assert found.national == 17.3
    assert found.region_name == "Yorkshire and The Humber"
    assert found.neighbour_model == "2021"
    assert found.neighbours_total == 10
    assert found.lower_quartile is not None and found.upper_quartile is not None
    assert found.quartile_position(found.lower_quartile) == 1
    assert found.quartile_position(found.upper_quartile + 1) == 4
    assert found.best_quartile() == 1
    later = stats.comparators("sw_vacancy_rate_pct", "370", 2024, dt.date(2025, 5, 1))
    assert later.neighbour_model == "2025"
    # Cumberland has no neighbours in the 2021 model: it takes the 2025 model's.
    assert stats.neighbours("942", dt.date(2024, 1, 1))[0] == "2025"


# -- prefill: no figure from the future ----------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(as_of=st.dates(dt.date(2010, 4, 1), dt.date(2027, 9, 30)),
       index=st.integers(min_value=0, max_value=157))
def test_no_figure_from_a_year_ending_on_or_after_the_as_of_date(as_of: dt.date,
                                                                   index: int) -> None:
    stats = published()
    code = sorted(stats.authorities)[index % len(stats.authorities)]
    try:
        prefill = build_prefill(code, as_of, stats)
    except InvalidRequest:
        assert not stats.existed(code, as_of)
        return
    for entry in prefill.entries:
        if entry.year is None:
            assert all(entry.indicator.period_end(y) >= as_of for y in entry.indicator.years)
            continue
        assert entry.indicator.period_end(entry.year) < as_of
        later = [y for y in entry.indicator.years if y > entry.year]
        assert all(entry.indicator.period_end(y) >= as_of for y in later)
        if entry.comparators is not None:
            assert entry.comparators.year == entry.year


def test_every_authority_prefills_a_valid_file_today(stats: Statistics) -> None:
    as_of = dt.date(2026, 12, 1)
    for code in stats.authorities:
        if not stats.existed(code, as_of):
            continue
        data = prefill_data(build_prefill(code, as_of, stats))
        from_data(data, name=code)  # schema-valid: counts whole, percentages in range


# -- prefill on the command line ------------------------------------------------------------


def test_prefill_validate_check_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("barnsley.yaml", "barnsley.json"):
        path = tmp_path / name
        result = runner.invoke(cli, ["prefill", "Barnsley", "--as-of", "2024-06-01", "-o",
                                     str(path)])
        assert result.exit_code == 0, result.output
        assert runner.invoke(cli, ["validate", str(path)]).exit_code == 0
        checked = runner.invoke(cli, ["check", str(path), "--format", "json"])
        assert checked.exit_code == 0, checked.output
        assessment = load_assessment(path)
        assert assessment.authority.code == "370"
        assert assessment.authority.framework is None
        assert set(assessment.comparators) == set(assessment.values)
        assert ATTRIBUTION in assessment.document.data["authority"]["notes"]
    text = (tmp_path / "barnsley.yaml").read_text(encoding="utf-8")
    assert f"# {ATTRIBUTION}" in text
    assert "Open Government Licence v3.0" in text.split("provenance:")[1]
    data = json.loads((tmp_path / "barnsley.json").read_text(encoding="utf-8"))
    assert data["workforce"]["vacancy_rate_pct"] == 15.7  # 30 September 2023
    note = data["provenance"]["/workforce/vacancy_rate_pct"]["note"]
    assert note.startswith("reference year 2023: 30 September 2023")
    assert data["provenance"]["/children_in_care/children_in_care_count"]["note"].startswith(
        "reference year 2024: year ending 31 March 2024")


def test_prefill_to_stdout_notes_suppressed_figures(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["prefill", "City of London", "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert "# Not filled:" in result.stdout
    assert "suppressed" in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["Barnsely", "--as-of", "2024-06-01"], ["unknown authority 'Barnsely'",
                                             "did you mean Barnsley (370)"]),
    (["999", "--as-of", "2024-06-01"], ["no authority has the LA number '999'"]),
    (["Leeds", "--as-of", "2010-03-31"], ["before the published statistics"]),
    (["Leeds", "--as-of", "2027-10-01"], ["they end in 2025"]),
    (["Cumberland", "--as-of", "2023-03-31"], ["created on 1 April 2023",
                                               "use Cumbria (909)"]),
    (["Cumbria", "--as-of", "2023-04-01"], ["abolished on 1 April 2023",
                                            "Cumberland (942) and Westmorland and Furness "
                                            "(943)"]),
    (["Bournemouth", "--as-of", "2019-06-01"], ["abolished on 1 April 2019",
                                                "Bournemouth, Christchurch and Poole (839)"]),
    (["838", "--as-of", "2019-03-31"], ["created on 1 April 2019", "Dorset (Pre LG) (835)"]),
])
def test_prefill_errors_exit_3(runner: CliRunner, args: list[str], words: list[str]) -> None:
    result = runner.invoke(cli, ["prefill", *args])
    assert result.exit_code == 3, result.output
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""


def test_prefill_error_in_a_real_process(tmp_path: Path) -> None:
    output = tmp_path / "never.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "checker", "prefill", "Cumbria", "--as-of", "2024-01-01",
         "-o", str(output)], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 3, result.stderr
    assert "succeeded by Cumberland (942) and Westmorland and Furness (943)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_prefill_rejects_a_malformed_date(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["prefill", "Leeds", "--as-of", "2024-13-01"]).exit_code == 2


# -- comparators for check ------------------------------------------------------------------


def _assessment(**authority: Any) -> Any:
    return from_data({"authority": {"name": "Barnsley", "as_of": "2024-06-01", **authority},
                      "workforce": {"vacancy_rate_pct": 20},
                      "comparators": {"workforce.vacancy_rate_pct": {
                          "national": 99.0, "year": "2030", "source": "our board report"}}},
                     name="barnsley")


def test_resolved_comparators_input_wins_whole_else_published_for_the_year() -> None:
    resolved = resolve_comparators(_assessment())
    own = resolved["workforce.vacancy_rate_pct"]
    assert (own.origin, own.national, own.region, own.year) == ("input", 99.0, None, "2030")
    shipped = resolved["workforce.agency_rate_pct"]
    assert shipped.origin == "published"
    assert shipped.year == "2023"  # 30 September 2023: the last workforce year before June 2024
    assert shipped.source.startswith("published DfE Children's social work workforce for 2023")
    assert resolved["children_in_care.children_in_care_count"].year == "2024"
    assert shipped.polarity == "lower_is_better"


def test_resolved_comparators_follow_period_end_and_the_la_number() -> None:
    resolved = resolve_comparators(_assessment(period_end="2023-03-31", code="370",
                                               name="Somewhere else"))
    assert resolved["children_in_care.children_in_care_count"].year == "2023"
    assert resolved["workforce.agency_rate_pct"].year == "2022"


def test_unknown_authority_keeps_only_input_comparators() -> None:
    assessment = _assessment(name="Testshire County Council")
    assert list(resolve_comparators(assessment)) == ["workforce.vacancy_rate_pct"]
    reason = shipped_unavailable(assessment)
    assert reason is not None and "unknown authority" in reason


def test_statistics_are_read_only_when_a_comparator_is_needed(runner: CliRunner) -> None:
    published_module.published.cache_clear()
    resolve_comparators(_assessment(), ["workforce.vacancy_rate_pct"])
    assert published_module.published.cache_info().currsize == 0
    result = runner.invoke(cli, ["check", str(REPO / "examples" / "cornwall-2016.json")])
    assert result.exit_code == 0
    assert published_module.published.cache_info().currsize == 0
    resolve_comparators(_assessment(), ["workforce.agency_rate_pct"])
    assert published_module.published.cache_info().currsize == 1


@pytest.mark.parametrize(("query", "as_of"), [("Barnsley", "2024-06-01"),
                                              ("City of London", "2016-01-01"),
                                              ("Cumberland", "2023-05-01"),
                                              ("Leeds", "2011-01-01")])
def test_yaml_and_json_outputs_hold_the_same_document(query: str, as_of: str) -> None:
    from checker.core.errors import InvalidAssessment
    from checker.inputs.safeload import parse_text

    prefill = build_prefill(query, dt.date.fromisoformat(as_of))
    parsed = parse_text(render_yaml(prefill), kind="yaml", name="prefill.yaml",
                        error=InvalidAssessment)
    assert parsed.data == prefill_data(prefill)
