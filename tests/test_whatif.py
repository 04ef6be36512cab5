"""What-if and trend (issue 14): the distance of every fired rule to its threshold, the smallest
set of changes that lowers each area's band (checked by applying it), ``--what-if`` and
``--previous`` in every format, with their errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from checker.cli.app import cli
from checker.inputs.schemas import load_schema
from tests.conftest import EXAMPLES, OPERATORS_PACK, assessment

FORMATS = ["text", "json", "markdown", "html", "sarif", "junit"]


@pytest.fixture(scope="module")
def prefilled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Cornwall prefilled as of 2024 and as of a year earlier."""
    folder = tmp_path_factory.mktemp("prefill")
    files = []
    for as_of in ("2024-01-01", "2023-01-01"):
        target = folder / f"cornwall-{as_of[:4]}.yaml"
        result = CliRunner().invoke(cli, ["prefill", "Cornwall", "--as-of", as_of, "-o",
                                          str(target)])
        assert result.exit_code == 0, result.output
        files.append(target)
    return files[0], files[1]


def _invoke(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def _report(*args: str | Path) -> dict[str, Any]:
    result = _invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator(load_schema("report"), format_checker=FormatChecker()).validate(report)
    return report


def _spec(change: dict[str, Any]) -> str:
    target = change["target"]
    value = str(target).lower() if isinstance(target, bool) else target
    return f"{change['metric']}={value}"


def _bands(report: dict[str, Any]) -> dict[str, str]:
    return {area["key"]: area["band"] for area in report["assessments"][0]["areas"]}


def _clearing_sets_clear(sources: list[Path], limit: int | None) -> int:
    """Apply each fired rule's clearing changes with --what-if: the rule must stop firing.
    Returns how many were checked."""
    total = 0
    for source in sources:
        report = _report(source)
        item = report["assessments"][0]
        findings = {f["rule"]: f for area in item["areas"] for f in area["findings"]}
        findings |= {f["rule"]: f for f in item["published"]["failed"]}
        checked = 0
        for rule, finding in sorted(findings.items()):
            changes = finding["to_clear"]
            if not changes or any(c["target"] is None for c in changes):
                continue
            args = [arg for c in changes for arg in ("--what-if", _spec(c))]
            after = _report(source, *args)
            assert rule in after["assessments"][0]["what_if"]["moved"]["cleared"], rule
            checked += 1
            if checked == limit:
                break
        total += checked
    return total


def _lowering_sets_lower(sources: list[Path], limit: int | None) -> int:
    """Apply each area's lowering changes with --what-if: the band must drop to the one
    promised. Returns how many were checked."""
    total = 0
    for source in sources:
        report = _report(source)
        before = _bands(report)
        lowered = 0
        for area in report["assessments"][0]["areas"]:
            lower = area["to_lower"]
            if lower is None or not lower["checked"]:
                continue
            args = [arg for c in lower["changes"] for arg in ("--what-if", _spec(c))]
            after = _bands(_report(source, *args))
            assert after[area["key"]] == lower["band"], area["key"]
            assert before[area["key"]] != lower["band"]
            lowered += 1
            if lowered == limit:
                break
        total += lowered
    return total


def test_clearing_sets_clear_their_rules(prefilled: tuple[Path, Path]) -> None:
    # Three of Cornwall 2009's, and the prefilled authority's one (PF-003; PL-001 read the
    # national mean as a ceiling and fired for half of councils until it was fixed).
    assert _clearing_sets_clear([EXAMPLES / "cornwall-2009.json", prefilled[0]], limit=3) == 4


def test_the_smallest_set_lowers_the_band(prefilled: tuple[Path, Path]) -> None:
    # Cornwall 2009's first three; the prefilled authority is low everywhere (nothing to lower)
    assert _lowering_sets_lower([EXAMPLES / "cornwall-2009.json", prefilled[0]], limit=3) == 3


@pytest.mark.slow
def test_every_clearing_and_lowering_set_works(prefilled: tuple[Path, Path]) -> None:
    sources = [*sorted(EXAMPLES.glob("*.json")), prefilled[0]]
    assert _clearing_sets_clear(sources, limit=None) > 20
    assert _lowering_sets_lower(sources, limit=None) > 20


def test_what_if_reruns_and_shows_what_moved(prefilled: tuple[Path, Path]) -> None:
    source = prefilled[0]
    change = "front_door.re_referrals_within_12_months_pct=20"
    report = _report(source, "--what-if", change)
    moved = report["assessments"][0]["what_if"]["moved"]
    assert [f["metric"] for f in moved["figures"]] == [
        "front_door.re_referrals_within_12_months_pct"]
    assert moved["figures"][0]["direction"] == "better"
    assert "PF-003" in moved["cleared"]
    assert report["assessments"][0]["published"]["failed"] == []  # the check passes now
    assert {a["key"]: a["direction"] for a in moved["areas"]}["leadership"] == "same"  # low
    assert _report(source)["assessments"][0]["what_if"] is None
    for fmt in FORMATS:
        result = _invoke(source, "--what-if", change, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "Re-referrals within 12 months: 23.4% → 20%" in result.stdout or fmt in {
            "json", "sarif"}, fmt
    sarif = json.loads(_invoke(source, "--what-if", change, "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["whatIf"][0]["moved"]["cleared"]
    junit = ET.fromstring(_invoke(source, "--what-if", change, "--format", "junit").stdout)
    assert junit.find("testsuite/properties/property[@name='what-if']") is not None


@pytest.mark.parametrize(("change", "message"), [
    ("workforce.vacancy_rate=12", "unknown metric 'workforce.vacancy_rate'"),
    ("workforce.vacancy_rate_pct", "expected metric=value"),
    ("workforce.vacancy_rate_pct=high", "is a number"),
    ("workforce.vacancy_rate_pct=140", "140"),
    ("leadership.restructure_in_progress=maybe", "write true or false"),
    ("safer_recruitment.positive_disclosure_signoff_level=boss", "is one of"),
    ("workforce.caseload_maximum=2.5", "whole number"),
])
def test_what_if_refuses_what_it_cannot_use(change: str, message: str,
                                            tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 30})))
    result = _invoke(path, "--what-if", change)
    assert result.exit_code == 2, result.output
    assert "--what-if" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_what_if_null_makes_a_figure_unknown(tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 30})))
    report = _report(path, "--rules", OPERATORS_PACK, "--no-shipped-rules",
                     "--what-if", "workforce.vacancy_rate_pct=null")
    figure = report["assessments"][0]["what_if"]["moved"]["figures"][0]
    assert figure["before"] == 30 and figure["after"] is None
    assert figure["direction"] == "changed" and figure["after_text"] == "not known"


def test_previous_shows_the_trend_in_every_format(prefilled: tuple[Path, Path]) -> None:
    new, old = prefilled
    report = _report(new, "--previous", old)
    trend = report["assessments"][0]["trend"]
    assert trend["previous_as_of"] == "2023-01-01"
    figures = {f["metric"]: f for f in trend["moved"]["figures"]}
    assessments_on_time = figures["assessment.within_45_working_days_pct"]
    assert assessments_on_time["direction"] == "worse"
    assert assessments_on_time["crossed"] == ["AS-001"]  # a deterioration crossing a threshold
    assert figures["workforce.vacancy_rate_pct"]["direction"] == "worse"
    text = " ".join(_invoke(new, "--previous", old).stdout.split())
    assert "Since 2023-01-01" in text
    assert "Crossed a threshold: Assessments within 45 working days: 90.5% → 86%" in text
    assert "deteriorated since 2023-01-01" in text
    for fmt in FORMATS:
        result = _invoke(new, "--previous", old, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "2023-01-01" in result.stdout, fmt
    sarif = json.loads(_invoke(new, "--previous", old, "--format", "sarif").stdout)
    states = {r["ruleId"]: r["baselineState"] for r in sarif["runs"][0]["results"]}
    assert states and set(states.values()) <= {"new", "unchanged"}


def test_a_deteriorated_area_fails_the_junit_trend(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(assessment(
        safer_recruitment={"positive_disclosure_signoff_level": "head_of_service",
                           "single_complete_vetting_record": True})))
    new.write_text(json.dumps(assessment(
        safer_recruitment={"positive_disclosure_signoff_level": "team_manager",
                           "single_complete_vetting_record": True})))
    args: list[str | Path] = [new, "--previous", old, "--rules", OPERATORS_PACK,
                              "--no-shipped-rules"]
    report = _report(*args)
    moved = report["assessments"][0]["trend"]["moved"]
    leadership = next(a for a in moved["areas"] if a["key"] == "leadership")
    assert leadership["direction"] == "worse" and moved["fired"] == ["TST-007"]
    junit = ET.fromstring(_invoke(*args, "--format", "junit").stdout)
    failed = [case for case in junit.iter("testcase") if case.get("classname", "").endswith(
        ".trend") and case.find("failure") is not None]
    assert len(failed) == 1
    failure = failed[0].find("failure")
    assert failure is not None and "deteriorated since" in (failure.get("message") or "")
    text = " ".join(_invoke(*args).stdout.split())
    assert "Leaders: LOW → HIGH (local score 0% → 36%), deteriorated since 2024-03-31" in text
    assert "Crossed a threshold: Level signing off positive DBS" in text


def test_previous_needs_one_file_and_a_valid_one(tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment()))
    result = _invoke(path, path, "--previous", path)
    assert result.exit_code == 2 and "give one FILE" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert _invoke(path, "--previous", bad).exit_code == 3
    assert _invoke(path, "--previous", tmp_path / "missing.json").exit_code == 3
