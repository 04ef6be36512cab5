"""The children behind each finding: in the JSON report written to a file, counts only on the
terminal unless --show-children, one workbook sheet per fired rule with --children, and never
for a figure edited after it was derived."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from checker.cli.app import cli
from checker.inputs.schemas import load_schema
from tests.annexa_fixtures import small_workbook
from tests.test_derive_cli import IDS


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("derived")
    workbook = small_workbook(folder / "annex-a.xlsx")
    result = CliRunner().invoke(cli, ["derive", str(workbook), "--as-of", "2024-01-31",
                                      "--months", "12", "--skip-bad-rows", "--authority",
                                      "Testshire County Council", "-o",
                                      str(folder / "sa.yaml")])
    assert result.exit_code == 0, result.output
    return folder / "sa.yaml"


def _findings(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    children = report["assessments"][0]["children"]
    return {f"{f['rule']} {f['metric']}": f for f in children["findings"]}


def _leaks(text: str) -> list[str]:
    return [child for child in IDS if f"{child}" in text]


def test_the_json_report_written_to_a_file_names_the_children(
        runner: CliRunner, derived: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["check", str(derived), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not _leaks(result.output)
    report = json.loads(out.read_text(encoding="utf-8"))
    Draft202012Validator(load_schema("report"), format_checker=FormatChecker()).validate(report)
    children = report["assessments"][0]["children"]
    assert children["identifiers"] is True
    assert children["file"] == str(derived.with_name("sa.children.json"))
    found = _findings(report)
    icpc = found["CP-001 child_protection.icpc_within_15_working_days_pct"]
    assert icpc["count"] == 2
    assert [(c["id"], c["dates"], c["detail"]) for c in icpc["children"]] == [
        ("C05", {"Strategy discussion initiating Section 47 Enquiry Start Date": "2023-10-17",
                 "Date of Initial Child Protection Conference": "2023-11-08"},
         "16 working days"),
        ("C25", {"Strategy discussion initiating Section 47 Enquiry Start Date": "2023-07-10",
                 "Date of Initial Child Protection Conference": "2023-08-02"},
         "17 working days")]
    assert {c["id"] for c in found["AS-002 assessment.child_seen_pct"]["children"]} == {"C05"}


def test_the_terminal_gets_counts_only(runner: CliRunner, derived: Path) -> None:
    result = runner.invoke(cli, ["check", str(derived), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not _leaks(result.output)
    report = json.loads(result.stdout)
    assert report["assessments"][0]["children"]["identifiers"] is False
    icpc = _findings(report)["CP-001 child_protection.icpc_within_15_working_days_pct"]
    assert (icpc["count"], icpc["children"]) == (2, [])
    text = runner.invoke(cli, ["check", str(derived)])
    assert not _leaks(text.output)
    assert "CP-001 (child_protection.icpc_within_15_working_days_pct): 2 children: initial " \
           "conference more than 15 working days after the strategy discussion" in text.stdout
    written = runner.invoke(cli, ["check", str(derived), "-o", str(derived.with_name("r.txt"))])
    assert written.exit_code == 0 and not _leaks(derived.with_name("r.txt").read_text())


def test_show_children_on_the_terminal(runner: CliRunner, derived: Path) -> None:
    text = runner.invoke(cli, ["check", str(derived), "--show-children"])
    assert text.exit_code == 0, text.output
    assert "    C25: List 5 (Section 47 enquiries and initial child protection conferences), " \
           "sheet 'List 5' row 8: Strategy discussion initiating Section 47 Enquiry Start " \
           "Date 2023-07-10; Date of Initial Child Protection Conference 2023-08-02; 17 " \
           "working days" in text.stdout
    assert "    C62: List 9 (Care leavers), sheet 'List 9' row 4\n" in text.stdout
    report = json.loads(runner.invoke(cli, ["check", str(derived), "--format", "json",
                                            "--show-children"]).stdout)
    assert report["assessments"][0]["children"]["identifiers"] is True


def test_a_workbook_with_one_sheet_per_fired_rule(runner: CliRunner, derived: Path,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "children.xlsx"
    result = runner.invoke(cli, ["check", str(derived), "--children", str(out)])
    assert result.exit_code == 0, result.output
    assert not _leaks(result.stdout)
    book = load_workbook(out, read_only=True)
    report_file = tmp_path / "report.json"
    assert runner.invoke(cli, ["check", str(derived), "--format", "json", "-o",
                               str(report_file)]).exit_code == 0
    report = json.loads(report_file.read_text(encoding="utf-8"))
    fired = list(dict.fromkeys(f["rule"] for f in report["assessments"][0]["children"][
        "findings"]))
    assert book.sheetnames == ["About", *fired] and "HL-001" in fired
    rows = list(book["HL-001"].iter_rows(values_only=True))
    assert rows[0][0].startswith("HL-001: ")  # type: ignore[union-attr]
    assert rows[2] == ("Figure", "What they have in common", "Child", "List", "Sheet", "Row",
                       "Date Started to be Looked After", "Date of Last Health Assessment",
                       "Detail")
    assert [(r[0], r[2]) for r in rows[3:]] == [
        ("children_in_care_health.initial_health_assessment_20_working_days_pct", "C44"),
        ("children_in_care_health.initial_health_assessment_28_days_pct", "C44"),
        ("children_in_care_health.initial_health_assessment_28_days_pct", "C50")]
    bad = runner.invoke(cli, ["check", str(derived), "--children", str(tmp_path / "c.csv")])
    assert bad.exit_code == 2 and "ending .xlsx" in bad.output


def test_an_edited_figure_lists_no_children(runner: CliRunner, derived: Path,
                                            tmp_path: Path) -> None:
    edited = tmp_path / "sa.yaml"
    edited.write_text(derived.read_text(encoding="utf-8").replace(
        "icpc_within_15_working_days_pct: 66.66666666666667",
        "icpc_within_15_working_days_pct: 60"), encoding="utf-8")
    (tmp_path / "sa.children.json").write_text(
        derived.with_name("sa.children.json").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "r.json"
    result = runner.invoke(cli, ["check", str(edited), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "child_protection.icpc_within_15_working_days_pct is not the figure derived from " \
           "Annex A" in result.stderr
    found = _findings(json.loads(out.read_text(encoding="utf-8")))
    assert found, "other derived figures keep their children"
    assert not any("icpc" in key for key in found)


def test_a_damaged_children_file_is_ignored_with_a_note(runner: CliRunner, derived: Path,
                                                        tmp_path: Path) -> None:
    copy = tmp_path / "sa.yaml"
    copy.write_text(derived.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sa.children.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(copy), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "sa.children.json: ignored, not JSON" in result.stderr
    assert "children" not in json.loads(result.stdout)["assessments"][0]


def test_no_children_file_no_children_section(runner: CliRunner, derived: Path,
                                              tmp_path: Path) -> None:
    copy = tmp_path / "sa.yaml"
    copy.write_text(derived.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(copy), "--format", "json"])
    assert "children" not in json.loads(result.stdout)["assessments"][0]
    text = runner.invoke(cli, ["check", str(copy)]).stdout
    assert "Children behind the findings" not in text
