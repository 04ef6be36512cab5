"""Hostile and careless use: outputs never lost, inputs never overwritten, every failure a
message and a documented exit code (issue 15). Anything that could crash or hang runs in a
subprocess with a timeout."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core import cache
from checker.core.files import OutputRefused, output_target, write_output
from tests.conftest import OPERATORS_PACK, REPO, assessment

VALID = assessment(workforce={"vacancy_rate_pct": 30})


def _run(*args: str, timeout: float = 60, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO, check=False, env=env)


def test_devices_are_written_in_place_never_renamed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    target = output_target(Path("/dev/null"))
    assert target.special

    def no_rename(*_args: object) -> None:
        raise AssertionError("a device must never be replaced by a rename")

    monkeypatch.setattr(Path, "replace", no_rename)
    write_output(target, "report")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_stdout_link_writes_to_standard_output(write_json: Callable[..., Path]) -> None:
    path = write_json(VALID)
    result = _run("check", str(path), "--format", "json", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["assessments"][0]["authority"]["name"]


def test_a_fifo_with_a_reader_gets_the_report_and_stays_a_fifo(
        tmp_path: Path, write_json: Callable[..., Path]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = _run("check", str(write_json(VALID)), "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(received[0])
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_without_a_reader_is_a_usage_error_not_a_hang(
        tmp_path: Path, write_json: Callable[..., Path]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _run("check", str(write_json(VALID)), "-o", str(fifo), timeout=30)
    assert result.returncode == 2 and "no reader" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_link_is_written_through(tmp_path: Path, write_json: Callable[..., Path]) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = CliRunner().invoke(cli, ["check", str(write_json(VALID)), "--format", "json",
                                      "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(real.read_text())


@pytest.mark.parametrize("args", [
    ["check", "{input}", "-o", "{missing}/r.txt"],
    ["check", "{input}", "-o", ""],
    ["check", "{input}", "-o", "{input}"],
    ["check", "{input}", "--rules", "{pack}", "--no-shipped-rules", "-o", "{pack}/a.yaml"],
    ["rules", "test", "{pack}", "--format", "junit", "-o", "{pack}/out.xml"],
    ["rules", "docs", "-o", "{missing}/rules.md"],
    ["init", "{missing}/new.yaml"],
])
def test_bad_output_paths_are_usage_errors_before_any_work(
        tmp_path: Path, write_json: Callable[..., Path], args: list[str]) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text((OPERATORS_PACK / "operators.yaml").read_text())
    given = str(write_json(VALID))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    filled = [a.format(input=given, missing=tmp_path / "nope", pack=pack) for a in args]
    result = CliRunner().invoke(cli, filled)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_output_target_refuses_an_input() -> None:
    with pytest.raises(OutputRefused):
        output_target(REPO / "README.md", [REPO / "README.md"])


def test_help_to_a_full_disk_exits_5_without_a_traceback() -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run([sys.executable, "-m", "checker", "--help"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO,
                                check=False)
    assert result.returncode == 5
    assert "Traceback" not in result.stderr and "cannot write" in result.stderr


def test_closed_stdout_and_latin1_encoding(write_json: Callable[..., Path]) -> None:
    path = str(write_json(assessment(authority={"name": "Brent’s café", "as_of": "2024-03-31"})))
    closed = subprocess.run([sys.executable, "-m", "checker", "check", path], stdout=None,
                            stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO,
                            check=False, close_fds=True, stdin=subprocess.DEVNULL,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and "standard output is closed" in closed.stderr
    latin = subprocess.run([sys.executable, "-m", "checker", "check", path], capture_output=True,
                           timeout=60, cwd=REPO, check=False,
                           env={**os.environ, "PYTHONIOENCODING": "latin-1"})
    assert latin.returncode == 0, latin.stderr
    assert latin.stdout.startswith("Brent?s caf\xe9".encode("latin-1"))


def test_an_unpaired_surrogate_is_invalid_input_and_validation_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"authority": {"name": "\\udc80x", "as_of": "2024-01-01"}}')
    good = tmp_path / "good.json"
    good.write_text(json.dumps(VALID))
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)])
    assert result.exit_code == 3
    assert "unpaired surrogate" in result.output and "good.json: valid" in result.output
    assert CliRunner().invoke(cli, ["check", str(bad)]).exit_code == 3


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "sa.json"
    source.write_text(json.dumps(VALID))
    target = os.fsencode(tmp_path) + b"/r\xe9port.json"
    result = subprocess.run([sys.executable, "-m", "checker", "check", str(source), "-o",
                             target], capture_output=True, timeout=60, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert Path(os.fsdecode(target)).is_file()


def test_a_huge_yaml_integer_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "sa.yaml"
    path.write_text("authority: {name: X, as_of: 2024-01-01}\n"
                    f"front_door: {{referrals_count: {'9' * 5000}}}\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 3 and "too long" in result.output


@pytest.mark.parametrize("name", ["/dev/zero", "fifo"])
def test_devices_and_pipes_are_refused_as_input_without_reading(tmp_path: Path,
                                                                name: str) -> None:
    path = name if name.startswith("/") else str(tmp_path / name)
    if name == "fifo":
        os.mkfifo(path)
    result = _run("check", path, timeout=30)
    assert result.returncode == 3 and "not a regular file" in result.stderr


def test_an_edited_cache_entry_is_a_miss(tmp_path: Path, write_json: Callable[..., Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    cache.store("probe", {"threshold": 90})
    entry = tmp_path / "cache" / "probe.json"
    assert cache.load("probe") == {"threshold": 90}
    entry.write_bytes(entry.read_bytes().replace(b"90", b"10"))
    assert cache.load("probe") is None
    entry.write_text('{"forged": true}')
    assert cache.load("probe") is None
    entry.unlink()
    os.mkfifo(entry)
    assert cache.load("probe") is None


def test_tampered_cache_never_changes_a_result(tmp_path: Path, write_json: Callable[..., Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    invalid = write_json(assessment(workforce={"vacancy_rate_pct": 140}), "bad.json")
    first = CliRunner().invoke(cli, ["validate", str(invalid)])
    assert first.exit_code == 3
    for entry in folder.glob("*.json"):  # forge "valid" and mangle every rule entry
        entry.write_text("true" if "valid" in entry.name else '{"data": {}, "positions": 1}')
    assert CliRunner().invoke(cli, ["validate", str(invalid)]).exit_code == 3
    good = write_json(VALID, "good.json")
    again = CliRunner().invoke(cli, ["check", str(good), "--format", "json"])
    assert again.exit_code == 0, again.output


def test_a_missing_home_is_never_created(tmp_path: Path, write_json: Callable[..., Path]) -> None:
    home = tmp_path / "nonexistent"
    env = {k: v for k, v in os.environ.items()
           if k not in {"CHECKER_CACHE_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"}}
    result = _run("check", str(write_json(VALID)), env={**env, "HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert not home.exists()


def test_figures_are_never_rounded_across_a_threshold(write_json: Callable[..., Path]) -> None:
    path = write_json(assessment(care_leavers={"pathway_plan_pct": 99.99996}))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    fired = {f["rule"] for area in json.loads(result.output)["assessments"][0]["areas"]
             for f in area["findings"]}
    assert "CL-002" in fired  # every eligible young person needs a plan: 99.99996% is short


def test_problems_are_capped_per_file(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    fields = {f"field_{n}": 1 for n in range(3000)}
    path.write_text(json.dumps(assessment(workforce=fields)))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 3
    lines = result.output.splitlines()
    assert len(lines) < 60
    assert "... and 2,950 more problems" in result.output or "and 2950 more problems" in \
        result.output


def test_two_packs_may_not_define_the_same_rule(tmp_path: Path,
                                                write_json: Callable[..., Path]) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "r.yaml").write_text((OPERATORS_PACK / "operators.yaml").read_text())
    result = CliRunner().invoke(cli, ["check", str(write_json(VALID)), "--rules",
                                      str(tmp_path / "a"), "--rules", str(tmp_path / "b")])
    assert result.exit_code == 4 and "[RL020]" in result.output


def test_a_pack_may_not_retitle_a_shipped_source(tmp_path: Path,
                                                 write_json: Callable[..., Path]) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "r.yaml").write_text((OPERATORS_PACK / "operators.yaml").read_text())
    shipped = (REPO / "rules" / "sources.yaml").read_text()
    (pack / "sources.yaml").write_text(shipped.replace("Inspection of safeguarding",
                                                       "Praise for safeguarding", 1))
    result = CliRunner().invoke(cli, ["check", str(write_json(VALID)), "--rules", str(pack)])
    assert result.exit_code == 4 and "[RL020]" in result.output


def test_overriding_a_shipped_rule_is_announced(tmp_path: Path,
                                                write_json: Callable[..., Path]) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (OPERATORS_PACK / "operators.yaml").read_text().replace("id: TST-001", "id: WF-003", 1)
    (pack / "r.yaml").write_text(text)
    result = CliRunner().invoke(cli, ["check", str(write_json(VALID)), "--rules", str(pack)])
    assert result.exit_code == 0, result.output
    assert "local rule packs replace shipped rules WF-003" in result.stderr


def test_rules_test_lints_before_running(tmp_path: Path) -> None:
    text = (OPERATORS_PACK / "operators.yaml").read_text()
    (tmp_path / "r.yaml").write_text(text.replace("workforce.vacancy_rate_pct, gt: 20",
                                                  "workforce.vacancy_rate, gt: 20"))
    unknown = CliRunner().invoke(cli, ["rules", "test", str(tmp_path)])
    assert unknown.exit_code == 4 and "[RL004]" in unknown.output
    (tmp_path / "r.yaml").write_text(text + text.split("rules:\n", 1)[1])
    duplicate = CliRunner().invoke(cli, ["rules", "test", str(tmp_path)])
    assert duplicate.exit_code == 4 and "[RL003]" in duplicate.output
