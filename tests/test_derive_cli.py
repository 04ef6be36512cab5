"""`checker derive` end to end: the self-assessment and the children file it writes, derive ->
check (click runner and a real process), merging, policy, the liiatools sample, and bad input
(a documented exit code, no traceback, nothing written, no identifier on the terminal)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.app import cli
from checker.inputs.annexa.spec import load_spec
from tests.annexa_fixtures import (
    LIIATOOLS_HEADERS,
    cell,
    small_rows,
    small_workbook,
    write_workbook,
)
from tests.conftest import REPO
from tests.test_annexa_derive import SIX_MONTHS

SAMPLE = REPO / "tests" / "fixtures" / "annexa" / "liiatools-sample.xlsx"
IDS = sorted({r["child_id"] for rows in small_rows().values() for r in rows
              if "child_id" in r})


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_workbook(tmp_path_factory.mktemp("annexa") / "annex-a.xlsx")


def _derive(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(cli, ["derive", *args])


def _no_identifiers(text: str) -> None:
    leaked = [child for child in IDS if child in text]
    assert not leaked, leaked


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_derive_writes_the_self_assessment_and_the_children_beside_it(
        runner: CliRunner, workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "derived.yaml"
    result = _derive(runner, str(workbook), "--as-of", "2024-01-31", "--skip-bad-rows",
                     "--authority", "Testshire County Council", "-o", str(out))
    assert result.exit_code == 0, result.output
    _no_identifiers(result.output)
    data = _load(out)
    assert data["authority"]["name"] == "Testshire County Council"
    assert data["authority"]["period_start"] == "2023-08-01"
    assert data["children_in_care"]["children_in_care_count"] == 9
    assert data["assessment"]["child_seen_pct"] == pytest.approx(500 / 6)
    note = data["provenance"]["/assessment/child_seen_pct"]["note"]
    assert "'Child Seen During Continuous Assessment'" in note and "5 of 6" in note
    assert "As of 2024-01-31 (given)" in note
    assert len([k for section in data.values() if isinstance(section, dict)
                for k in section]) > len(SIX_MONTHS)
    children = json.loads((tmp_path / "derived.children.json").read_text(encoding="utf-8"))
    assert children["figures"]["assessment.child_seen_pct"]["children"][0]["id"] == "C05"
    assert "Personal data" in children["warning"]
    assert "wrote" in result.stderr and "derived 22 figures" in result.stderr
    checked = runner.invoke(cli, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output


def test_to_standard_output_without_the_children(runner: CliRunner, workbook: Path,
                                                 tmp_path: Path) -> None:
    result = _derive(runner, str(workbook), "--as-of", "2024-01-31", "--skip-bad-rows",
                     "--months", "12")
    assert result.exit_code == 0, result.output
    _no_identifiers(result.stdout)
    assert yaml.safe_load(result.stdout)["front_door"]["referrals_count"] == 11
    assert "the children behind each figure were not written" in result.stderr
    assert not list(tmp_path.iterdir())


def test_derive_then_check_in_one_process(runner: CliRunner, workbook: Path,
                                          tmp_path: Path) -> None:
    out = tmp_path / "derived.json"
    assert _derive(runner, str(workbook), "--as-of", "2024-01-31", "--skip-bad-rows",
                   "--months", "12", "-o", str(out)).exit_code == 0
    result = runner.invoke(cli, ["check", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    summary = report["assessments"][0]["summary"]
    assert summary["metrics_given"] == 33 and summary["rules_fired"] >= 1


def test_derive_then_check_as_real_processes(workbook: Path, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                              text=True, cwd=tmp_path, timeout=120, check=False)

    derived = run("derive", str(workbook), "--as-of", "2024-01-31", "--skip-bad-rows",
                  "--months", "12", "-o", "sa.yaml")
    assert derived.returncode == 0, derived.stderr
    _no_identifiers(derived.stdout + derived.stderr)
    checked = run("check", "sa.yaml", "--format", "json", "-o", "report.json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["assessments"][0]["authority"]["as_of"] == "2024-01-31"
    text = run("check", "sa.yaml")
    assert text.returncode == 0 and "predicted inspection risk" in text.stdout
    _no_identifiers(text.stdout + text.stderr)


def test_merge_keeps_the_authoritys_own_values(runner: CliRunner, workbook: Path,
                                               tmp_path: Path) -> None:
    local = tmp_path / "local.yaml"
    local.write_text(
        "authority: {name: Testshire County Council, code: E10000099, as_of: 2024-03-31}\n"
        "policy: {cp_visit_interval_working_days: 15}\n"
        "children_in_care: {children_in_care_count: 412, reviews_on_time_pct: 91.5}\n"
        "provenance: {/children_in_care/reviews_on_time_pct: {source: IRO service report}}\n",
        encoding="utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text("caseload_ceiling: 16\n", encoding="utf-8")
    out = tmp_path / "merged.yaml"
    result = _derive(runner, str(workbook), "--as-of", "2024-01-31", "--skip-bad-rows",
                     "--merge", str(local), "--policy", str(policy), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = _load(out)
    assert data["authority"]["code"] == "E10000099"
    assert data["authority"]["as_of"] == "2024-01-31"
    assert data["policy"] == {"cp_visit_interval_working_days": 15, "caseload_ceiling": 16}
    assert data["children_in_care"]["children_in_care_count"] == 412
    assert data["children_in_care"]["reviews_on_time_pct"] == 91.5
    assert data["children_in_care"]["three_or_more_placements_pct"] == pytest.approx(100 / 9)
    assert "/children_in_care/children_in_care_count" not in data["provenance"]
    assert data["provenance"]["/children_in_care/reviews_on_time_pct"] == {
        "source": "IRO service report"}
    assert "children_in_care.children_in_care_count: kept 412" in result.stderr
    assert "its figures are as of 2024-03-31" in result.stderr
    children = json.loads((tmp_path / "merged.children.json").read_text(encoding="utf-8"))
    assert "children_in_care.three_or_more_placements_pct" in children["figures"]


def test_a_bad_policy_file(runner: CliRunner, workbook: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("caseload_ceiling: 500\nvisits: 3\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = _derive(runner, str(workbook), "--skip-bad-rows", "--policy", str(policy),
                     "-o", str(out))
    assert result.exit_code == 3
    assert f"{policy}:1:1: /caseload_ceiling: not a number in range" in result.stderr
    assert "unknown policy parameter 'visits'" in result.stderr
    assert not out.exists()


def _bad(runner: CliRunner, tmp_path: Path, workbook: Path, *args: str) -> str:
    out = tmp_path / "out.yaml"
    result = _derive(runner, str(workbook), "-o", str(out), *args)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not (tmp_path / "out.children.json").exists()
    _no_identifiers(result.output)
    return str(result.stderr)


def test_impossible_rows_stop_derive_and_nothing_is_written(
        runner: CliRunner, workbook: Path, tmp_path: Path) -> None:
    stderr = _bad(runner, tmp_path, workbook, "--as-of", "2024-01-31")
    assert "sheet 'List 4', cell E11: 'Continuous Assessment Date of Authorisation': " \
           "2023-09-15 is before" in stderr


def test_warnings_as_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"Notes": [["x", "y"]], "List 9": [
        ["Child Unique ID", "Date of Birth", "LA in Touch"], ["C60", "2005-03-01", "Yes"]]})
    stderr = _bad(runner, tmp_path, path, "--warnings-as-errors", "--as-of", "2024-01-31")
    assert "warning: " in stderr and "treated as errors" in stderr


@pytest.mark.parametrize(("content", "message"), [
    (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "password-protected"),
    (b"PK\x03\x04" + b"\0" * 40, "the workbook is damaged"),
    (b"not a workbook", "not an Excel workbook (.xlsx)"),
])
def test_unreadable_workbooks(runner: CliRunner, tmp_path: Path, content: bytes,
                              message: str) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(content)
    assert message in _bad(runner, tmp_path, path)


def test_a_missing_file_and_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    assert "file not found" in _bad(runner, tmp_path, tmp_path / "nope.xlsx")
    assert "is a directory" in _bad(runner, tmp_path, tmp_path)


def test_the_liiatools_sample(runner: CliRunner, tmp_path: Path) -> None:
    """liiatools' own sample holds one impossible row: a child who started to be looked after
    eight years before the recorded date of birth. Derive says where; with --skip-bad-rows the
    rest derives."""
    stderr = _bad(runner, tmp_path, SAMPLE)
    assert "sheet 'List 8', cell H5: 'Date Started to be Looked After': 2010-02-24 is before " \
           "the child's date of birth (2018-03-13)" in stderr
    assert stderr.count("before the child's date of birth") == 1
    out = tmp_path / "sample.yaml"
    result = _derive(runner, str(SAMPLE), "--skip-bad-rows", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "as of 2021-02-16 (the latest date in the lists)" in result.stderr
    data = _load(out)
    # Five rows in List 8: one left out, one ceased in September 2020.
    assert data["children_in_care"]["children_in_care_count"] == 3
    assert data["care_leavers"]["care_leavers_count"] == 6


def test_a_workbook_built_from_the_liiatools_headers(runner: CliRunner, tmp_path: Path) -> None:
    """The small fixture under liiatools' verbatim headers derives exactly the same figures."""
    sheets = {}
    for number, headers in LIIATOOLS_HEADERS.items():
        item = load_spec().lists[number - 1]
        mapping = item.map_headers(headers)
        keys = {m.index: (m.column.type, {v.key: v.label for v in m.column.values}, key)
                for key, m in mapping.columns.items()}
        rows = [[cell(keys[i][0], keys[i][1], row.get(keys[i][2])) for i in range(len(headers))]
                for row in small_rows()[item.key]]
        sheets[f"List {number}"] = [headers, *rows]
    path = write_workbook(tmp_path / "liiatools-headers.xlsx", sheets)
    out = tmp_path / "a.json"
    result = _derive(runner, str(path), "--as-of", "2024-01-31", "--skip-bad-rows", "-o",
                     str(out))
    assert result.exit_code == 0, result.output
    assert "not recognised" not in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    for metric, (numerator, denominator, _children) in SIX_MONTHS.items():
        section, name = metric.split(".")
        expected = numerator if denominator is None else 100 * numerator / denominator
        assert data[section][name] == pytest.approx(expected), metric


def test_an_as_of_date_beyond_the_bank_holidays(runner: CliRunner, workbook: Path,
                                                tmp_path: Path) -> None:
    stderr = _bad(runner, tmp_path, workbook, "--as-of", "2030-01-31", "--skip-bad-rows")
    assert "as-of date 2030-01-31 is outside the years the shipped bank holidays cover" in stderr


def test_a_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from checker.cli import derive as command

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with command._progress() as tick:
        assert tick is not None
        for done in range(1, 4):
            tick(done, 3, "List 1")
    assert "reading the lists" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with command._progress() as tick:
        assert tick is None
