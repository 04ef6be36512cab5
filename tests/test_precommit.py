"""The pre-commit hooks, run by pre-commit itself in a scratch rule repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import OPERATORS_PACK, REPO

pytestmark = pytest.mark.precommit


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=60)


def test_hooks_pass_clean_rules_and_catch_a_defect(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    scratch = tmp_path / "rule-repo"
    (scratch / "rules").mkdir(parents=True)
    shutil.copy(OPERATORS_PACK / "operators.yaml", scratch / "rules" / "local.yaml")
    (scratch / "notes.yaml").write_text("not: a rule file\n")
    _git(scratch, "init", "-q")
    _git(scratch, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def run(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(REPO), hook, "--all-files", "--verbose"],
            cwd=scratch, env=env, capture_output=True, text=True, timeout=900, check=False,
        )

    lint = run("checker-rules-lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "12 rules in 1 file: no problems" in lint.stdout
    tests = run("checker-rules-test")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "0 failed" in tests.stdout

    rule_file = scratch / "rules" / "local.yaml"
    rule_file.write_text(rule_file.read_text().replace("workforce.vacancy_rate_pct, gt: 20",
                                                       "workforce.vacancy_rate, gt: 20"))
    _git(scratch, "add", ".")
    broken = run("checker-rules-lint")
    assert broken.returncode != 0
    assert "[RL004]" in broken.stdout and "rules/local.yaml" in broken.stdout
