"""The built wheel carries the rules, schemas and examples and works outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, assessment

pytestmark = pytest.mark.wheel


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_wheel_installs_into_a_fresh_virtualenv_and_runs_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                 cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "checker/_data/schemas/selfassessment.schema.json" in names
    assert "checker/_data/rules/sources.yaml" in names
    assert "checker/_data/rules/evidence.json" in names
    assert any(name.startswith("checker/_data/rules/frameworks/") for name in names)
    assert "checker/_data/data/published-statistics.json.gz" in names
    assert not any("/tests/" in name or name.startswith("tests/") for name in names)

    venv = tmp_path / "fresh"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = _run([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sample = elsewhere / "sa.json"
    sample.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 25})))
    checker = venv / "bin" / "checker"
    validate = _run([str(checker), "validate", str(sample)], cwd=elsewhere)
    assert validate.returncode == 0, validate.stderr
    assert "valid self-assessment" in validate.stdout
    examples = sorted((REPO / "examples").glob("*.json"))
    if examples:
        copied = elsewhere / examples[0].name
        copied.write_text(examples[0].read_text())
        assert _run([str(checker), "validate", str(copied)], cwd=elsewhere).returncode == 0
    check = _run([str(python), "-m", "checker", "check", str(sample), "--format", "json"],
                 cwd=elsewhere)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["assessments"][0]["authority"]["name"]
    lint = _run([str(checker), "rules", "lint"], cwd=elsewhere)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    prefilled = elsewhere / "barnsley.yaml"
    prefill = _run([str(checker), "prefill", "Barnsley", "--as-of", "2024-06-01", "-o",
                    str(prefilled)], cwd=elsewhere)
    assert prefill.returncode == 0, prefill.stderr
    assert _run([str(checker), "check", str(prefilled)], cwd=elsewhere).returncode == 0
    # derive reads the shipped Annex A specification and bank holidays from the wheel.
    workbook = REPO / "tests" / "fixtures" / "annexa" / "liiatools-sample.xlsx"
    derived = _run([str(checker), "derive", str(workbook), "--skip-bad-rows", "-o",
                    str(elsewhere / "derived.yaml")], cwd=elsewhere)
    assert derived.returncode == 0, derived.stderr
    assert _run([str(checker), "check", str(elsewhere / "derived.yaml")],
                cwd=elsewhere).returncode == 0
    # Outside the repository there is no ../shared/data: the published backtest says so.
    backtest = _run([str(checker), "backtest", "--published"], cwd=elsewhere)
    assert backtest.returncode == 2
    assert "--inspections" in backtest.stderr
