"""`checker check` end to end: formats, exit codes, atomic output, several files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from checker.cli.app import cli
from checker.inputs.schemas import load_schema
from tests.conftest import OPERATORS_PACK, REPO, assessment

WEAK = assessment(
    workforce={"vacancy_rate_pct": 30, "caseload_counting_unit": "family",
               "caseload_average": 24},
    safer_recruitment={"positive_disclosure_signoff_level": "middle_manager",
                       "single_complete_vetting_record": False},
    leadership={"operational_accountability_level": "middle_manager",
                "restructure_in_progress": True},
    children_in_care={"reviews_on_time_pct": 70},
)
STRONG = assessment(
    workforce={"vacancy_rate_pct": 5, "caseload_counting_unit": "child",
               "caseload_average": 14, "agency_rate_pct": 2},
    safer_recruitment={"positive_disclosure_signoff_level": "head_of_service",
                       "single_complete_vetting_record": True},
    leadership={"operational_accountability_level": "director",
                "restructure_in_progress": False},
    children_in_care={"reviews_on_time_pct": 98, "fostering_service_grade": "good"},
    care_leavers={"eet_pct": 70},
    front_door={"re_referrals_within_12_months_pct": 15},
    child_protection={"core_groups_on_time_pct": 95, "reviews_on_time_pct": 96},
    quality_assurance={"qa_framework_in_place": True, "case_audits_completed_count": 120},
)


def _check(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(cli, ["check", "--no-shipped-rules", "--rules", str(OPERATORS_PACK),
                               *args])


def _json_report(runner: CliRunner, path: Path, *args: str) -> dict[str, Any]:
    result = _check(runner, str(path), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_json_report_validates_and_carries_the_evidence(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    report = _json_report(runner, write_json(WEAK))
    Draft202012Validator(load_schema("report"), format_checker=FormatChecker()).validate(report)
    areas = {a["key"]: a for a in report["assessments"][0]["areas"]}
    assert [a["key"] for a in report["assessments"][0]["areas"]] == [
        "leadership", "help_and_protection", "children_in_care", "care_leavers"]
    leadership = areas["leadership"]
    assert leadership["band"] == "high"
    ids = [f["rule"] for f in leadership["findings"]]
    assert "TST-007" in ids and "TST-012" in ids
    severities = [f["severity"] for f in leadership["findings"]]
    order = ["critical", "major", "moderate", "minor"]
    assert severities == sorted(severities, key=order.index)
    # A rule on a published figure outside the checklist is context: shown, not scored.
    finding = next(f for f in leadership["context"] if f["rule"] == "TST-001")
    assert finding["effect"] == "context" and finding["points"] == 0
    assert all(f["rule"] != "TST-001" for f in leadership["findings"])
    step = finding["observations"][0]
    assert (step["metric"], step["observed"], step["operator"], step["threshold"]) == (
        "workforce.vacancy_rate_pct", 30.0, "gt", 20)
    assert step["observed_text"] == "30%"
    assert finding["evidence"][0]["paragraph"] == "38"
    assert finding["evidence"][0]["quote"].startswith("many social workers")
    assert finding["recommendation"]
    care = areas["children_in_care"]
    policy_step = next(f for f in care["findings"] if f["rule"] == "TST-003")["observations"][0]
    assert policy_step["threshold_source"] == "policy.timeliness_target_pct (default)"
    gaps = {g["metric"] for g in areas["care_leavers"]["gaps"]}
    assert "care_leavers.eet_pct" in gaps
    assert areas["care_leavers"]["band"] == "unknown"


def test_a_partners_capacity_is_context_shown_and_not_scored(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    """PT-001 (CAMHS out of hours, a health service) is marked effect: context."""
    path = write_json(assessment(partnership={"camhs_out_of_hours_cover": False}))
    result = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    areas = {a["key"]: a for a in json.loads(result.stdout)["assessments"][0]["areas"]}
    help_ = areas["help_and_protection"]
    [shown] = [f for f in help_["context"] if f["rule"] == "PT-001"]
    assert shown["effect"] == "context" and shown["points"] == 0
    assert all(f["rule"] != "PT-001" for f in help_["findings"])
    assert help_["weight"]["found"] == 0 and help_["score"] == 0
    summary = runner.invoke(cli, ["check", str(path)]).output
    assert "PT-001 (context)" in summary
    full = runner.invoke(cli, ["check", str(path), "--detail", "full"]).output
    assert "Context, not scored" in full and "PT-001" in full


def test_only_defaults_a_rule_compared_a_figure_with_are_listed_as_used(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    path = write_json(assessment(
        child_protection={"visits_within_policy_pct": 80},
        supervision={"nqsw_supervised_within_policy_pct": 70},
        assessment={"risk_and_protective_factors_recorded_pct": 85}))
    result = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["assessments"][0]["summary"]
    used = summary["policy_defaults_used"]
    assert {"visits_target_pct", "supervision_target_pct", "audit_quality_target_pct"} <= set(used)
    # Parameters that only define how a figure is counted, or that no given figure met, are not.
    for unused in ("cp_visit_interval_working_days", "supervision_interval_days_nqsw",
                   "caseload_ceiling", "personal_adviser_caseload_ceiling"):
        assert unused not in used, unused
    stated = write_json(assessment(child_protection={"visits_within_policy_pct": 80},
                                   policy={"visits_target_pct": 75}))
    again = runner.invoke(cli, ["check", str(stated), "--format", "json"])
    assert "visits_target_pct" not in json.loads(again.stdout)["assessments"][0]["summary"][
        "policy_defaults_used"]


def test_strong_service_is_low_risk_and_fail_on_passes(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    path = write_json(STRONG)
    report = _json_report(runner, path)
    bands = {a["key"]: a["band"] for a in report["assessments"][0]["areas"]}
    # The fixture pack's only care-leaver rule reads a published figure (context), so that
    # area has no evidence of its own and stays unknown.
    assert bands == {"leadership": "low", "help_and_protection": "low",
                     "children_in_care": "low", "care_leavers": "unknown"}
    gate = _check(runner, str(path), "--fail-on", "medium")
    assert gate.exit_code == 1
    assert "care leavers could not be predicted" in gate.stderr
    assert "is MEDIUM" not in gate.stderr and "is HIGH" not in gate.stderr


def test_fail_on_exits_1_when_an_area_reaches_the_band(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    path = write_json(WEAK)
    assert _check(runner, str(path), "--fail-on", "high").exit_code == 1
    assert _check(runner, str(path)).exit_code == 0


def test_text_output_lists_every_area_and_has_no_colour_codes_when_piped(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    result = _check(runner, str(write_json(WEAK)), "--detail", "full")
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    flowing = " ".join(result.output.split())  # titles wrap inside the areas table
    for title in ("The impact of leaders", "children who need help and protection",
                  "children in care", "care leavers"):
        assert title in flowing
    assert "CRITICAL TST-007" in result.output
    assert "observed: Social worker vacancy rate: 30%, above 20%" in result.output
    assert "Every data gap" in result.output


def test_markdown_output(runner: CliRunner, write_json: Callable[..., Path]) -> None:
    result = _check(runner, str(write_json(WEAK)), "--format", "markdown")
    assert result.exit_code == 0
    assert result.output.startswith("# Testshire County Council: predicted inspection risk")
    assert "| Judgement | Predicted risk |" in result.output


def test_other_framework(runner: CliRunner, write_json: Callable[..., Path]) -> None:
    report = _json_report(runner, write_json(WEAK), "--framework", "slac-2009")
    keys = [a["key"] for a in report["assessments"][0]["areas"]]
    assert "lac_being_healthy" in keys
    assert [o["key"] for o in report["assessments"][0]["overall"]] == [
        "sg_overall_effectiveness", "lac_overall_effectiveness"]
    result = _check(runner, "--framework", "nope", str(write_json(WEAK)))
    assert result.exit_code == 2
    assert "'nope' is not one of" in result.output and "ilacs-2026" in result.output


def test_several_files_in_one_run_match_single_runs(
    runner: CliRunner, write_json: Callable[..., Path]
) -> None:
    weak, strong = write_json(WEAK, "weak.json"), write_json(STRONG, "strong.json")
    both = _json_report(runner, weak, str(strong))
    alone = [_json_report(runner, weak)["assessments"][0],
             _json_report(runner, strong)["assessments"][0]]
    assert both["assessments"] == alone
    reverse = _check(runner, str(strong), str(weak), "--format", "json")
    assert json.loads(reverse.stdout)["assessments"] == alone[::-1]


def test_output_is_written_atomically_and_deterministically(
    runner: CliRunner, write_json: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_json(WEAK)
    for fmt in ("json", "markdown", "text"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert _check(runner, str(path), "--format", fmt, "-o", str(first)).exit_code == 0
        assert _check(runner, str(path), "--format", fmt, "-o", str(second)).exit_code == 0
        assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_invalid_input_leaves_no_output_file(
    runner: CliRunner, write_json: Callable[..., Path], tmp_path: Path
) -> None:
    good = write_json(WEAK, "good.json")
    bad = write_json(assessment(workforce={"vacancy_rate_pct": 140}), "bad.json")
    target = tmp_path / "report.json"
    result = _check(runner, str(good), str(bad), "-o", str(target), "--format", "json")
    assert result.exit_code == 3
    assert "bad.json" in result.output and "/workforce/vacancy_rate_pct" in result.output
    assert not target.exists()
    target.write_text("previous report")
    assert _check(runner, str(bad), "-o", str(target)).exit_code == 3
    assert target.read_text() == "previous report"
    assert not list(tmp_path.glob(".*.tmp"))


def test_invalid_rules_exit_4(runner: CliRunner, write_json: Callable[..., Path],
                              tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (OPERATORS_PACK / "operators.yaml").read_text()
    (pack / "rules.yaml").write_text(text.replace("workforce.vacancy_rate_pct, gt: 20",
                                                  "workforce.vacancy_rate, gt: 20"))
    result = runner.invoke(cli, ["check", "--rules", str(pack), str(write_json(WEAK))])
    assert result.exit_code == 4
    assert "[RL004]" in result.output and "did you mean 'workforce.vacancy_rate_pct'" in \
        result.output
    missing = runner.invoke(cli, ["check", "--rules", str(tmp_path / "nope"),
                                  str(write_json(WEAK))])
    assert missing.exit_code == 4


def test_engine_disagreement_exits_5_without_a_report(
    runner: CliRunner, write_json: Callable[..., Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checker.engine.durable import Engine

    original = Engine.fired

    def drop_one(self: Engine, values: Any, policy: Any) -> set[str]:
        return set(sorted(original(self, values, policy))[1:])

    monkeypatch.setattr(Engine, "fired", drop_one)
    target = tmp_path / "report.json"
    result = _check(runner, str(write_json(WEAK)), "-o", str(target))
    assert result.exit_code == 5
    assert "disagree" in result.output
    assert not target.exists()


def test_unexpected_error_exits_5_without_traceback(
    runner: CliRunner, write_json: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.report.pipeline

    def explode(*_args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(checker.report.pipeline, "assessment_report", explode)
    result = _check(runner, str(write_json(WEAK)))
    assert result.exit_code == 5
    assert "internal error (RuntimeError: boom)" in result.output
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(runner: CliRunner, write_json: Callable[..., Path]) -> None:
    path = str(write_json(WEAK))
    assert runner.invoke(cli, ["check"]).exit_code == 2
    assert runner.invoke(cli, ["check", path, "--format", "pdf"]).exit_code == 2
    assert runner.invoke(cli, ["check", path, "--fail-on", "severe"]).exit_code == 2


def test_check_in_a_real_subprocess(write_json: Callable[..., Path]) -> None:
    path = write_json(WEAK)
    result = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--rules", str(OPERATORS_PACK),
         "--no-shipped-rules", "--fail-on", "high"],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "TST-007 (4 points; leaders)" in result.stdout
    assert "\x1b[" not in result.stdout
