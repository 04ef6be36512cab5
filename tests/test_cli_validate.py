"""`checker validate`, `checker init` and `checker schema` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.app import cli
from tests.conftest import assessment


def test_init_writes_a_starter_that_validates(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["validate", str(target)])
    assert result.exit_code == 0, result.output
    assert "valid self-assessment" in result.output
    data = json.loads(target.read_text())
    assert data["workforce"]["caseload_average"] is None


def test_init_yaml_has_comments_and_validates(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    text = target.read_text()
    assert "# Cases held per full-time equivalent case-holding social worker" in text
    assert runner.invoke(cli, ["validate", str(target)]).exit_code == 0


def test_init_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("keep me")
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 2
    assert target.read_text() == "keep me"
    assert runner.invoke(cli, ["init", "--force", str(target)]).exit_code == 0


def test_schema_command_prints_each_schema(runner: CliRunner) -> None:
    for name in ("selfassessment", "rule", "report"):
        result = runner.invoke(cli, ["schema", name])
        assert result.exit_code == 0
        assert json.loads(result.output)["$id"].endswith(".json")
    assert runner.invoke(cli, ["schema", "nonsense"]).exit_code == 2


@pytest.mark.parametrize(
    ("mutate", "pointer", "expected"),
    [
        (lambda d: d["workforce"].update(vacancy_rate_pct=140), "/workforce/vacancy_rate_pct",
         "expected <= 100, found 140"),
        (lambda d: d["workforce"].update(caseload_maximum=-2), "/workforce/caseload_maximum",
         "expected >= 0, found -2"),
        (lambda d: d["care_leavers"].update(eet_pct="79%"), "/care_leavers/eet_pct",
         "found string '79%'"),
        (lambda d: d["workforce"].update(caseload_averag=18), "/workforce/caseload_averag",
         "did you mean 'caseload_average'"),
        (lambda d: d.update(caseload_average=18), "/caseload_average",
         "belongs in 'workforce'"),
        (lambda d: d["authority"].update(as_of="25/09/2009"), "/authority/as_of",
         "YYYY-MM-DD"),
        (lambda d: d["authority"].pop("name"), "/authority/name", "required field 'name'"),
        (lambda d: d["safer_recruitment"].update(positive_disclosure_signoff_level="boss"),
         "/safer_recruitment/positive_disclosure_signoff_level", "one of: practitioner"),
        (lambda d: d["workforce"].update(caseload_maximum=3.5), "/workforce/caseload_maximum",
         "expected integer"),
        (lambda d: d["provenance"].update({"/workforce/turnover_rate_pct": {"source": "x"}}),
         "/provenance/~1workforce~1turnover_rate_pct", "no value in this file"),
    ],
)
def test_invalid_values_exit_3_with_pointer_and_line(
    runner: CliRunner,
    write_json: Callable[..., Path],
    mutate: Callable[[dict[str, object]], object],
    pointer: str,
    expected: str,
) -> None:
    data = assessment(workforce={"caseload_average": 17.0}, care_leavers={},
                      safer_recruitment={}, provenance={})
    mutate(data)
    path = write_json(data)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 3, result.output
    line = next(line for line in result.output.splitlines() if pointer in line)
    assert expected in line
    assert line.startswith(f"{path}:")
    location = line.split(": ", 1)[0]
    assert location.count(":") >= 1, "line number expected"
    assert "Traceback" not in result.output


def test_not_json_too_large_missing_and_directory(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"authority": {"name": "X",}')
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    cases = {
        str(bad): "not valid JSON",
        str(big): "file is too large",
        str(tmp_path / "missing.json"): "file not found",
        str(tmp_path): "is a directory",
    }
    for target, message in cases.items():
        result = runner.invoke(cli, ["validate", target])
        assert result.exit_code == 3, (target, result.output)
        assert message in result.output
        assert "Traceback" not in result.output


def test_all_problems_of_a_file_are_listed(runner: CliRunner,
                                           write_json: Callable[..., Path]) -> None:
    data = assessment(workforce={"vacancy_rate_pct": 140, "agency_rate_pct": -1,
                                 "unknown": 1})
    result = runner.invoke(cli, ["validate", str(write_json(data))])
    assert result.exit_code == 3
    assert "invalid (3 problems)" in result.output


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["validate"]).exit_code == 2
    assert runner.invoke(cli, ["validate", "--bogus", "x"]).exit_code == 2
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2


def test_yaml_self_assessment(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sa.yaml"
    path.write_text("authority:\n  name: Testshire\n  as_of: 2024-03-31\n"
                    "workforce:\n  vacancy_rate_pct: 140\n")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 3
    assert f"{path}:5:3: /workforce/vacancy_rate_pct" in result.output


def test_validate_in_a_real_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "sa.json"
    init = subprocess.run([sys.executable, "-m", "checker", "init", str(target)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert init.returncode == 0, init.stderr
    data = json.loads(target.read_text())
    data["children_in_care_health"]["dental_check_pct"] = 140
    target.write_text(json.dumps(data))
    result = subprocess.run([sys.executable, "-m", "checker", "validate", str(target)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 3
    assert "/children_in_care_health/dental_check_pct: value out of range" in result.stderr
    assert "Traceback" not in result.stderr
