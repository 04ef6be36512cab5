"""The shipped catalogue entries (``data/catalogue.json``): current, and enough for a check to
read nothing else on its first run (#15: a cold start as fast as a warm one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, OPERATORS_PACK, REPO


def test_the_shipped_entries_are_current(tmp_path: Path) -> None:
    out = tmp_path / "catalogue.json"
    subprocess.run([sys.executable, "scripts/build_catalogue.py", "--out", str(out)],
                   cwd=REPO, check=True, capture_output=True, timeout=300)
    assert out.read_bytes() == (REPO / "data" / "catalogue.json").read_bytes(), (
        "data/catalogue.json is stale: run python scripts/build_catalogue.py")


def test_a_first_check_reads_every_shipped_file_from_the_shipped_entries(tmp_path: Path) -> None:
    """With an empty cache folder, a check parses and validates no shipped file (it would store
    what it parsed) and needs no secret (nothing to store, nothing to verify)."""
    cache, config = tmp_path / "cache", tmp_path / "config"
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache), "XDG_CONFIG_HOME": str(config)}
    for name in ("cornwall-2009", "cumbria-2012"):
        result = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(EXAMPLES / f"{name}.json")],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
    assert not cache.exists() or not list(cache.iterdir())
    assert not config.exists()


def test_a_clean_full_lint_is_remembered_and_a_failing_one_never(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.rules import maintenance
    from checker.rules.lint import Linter

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    shutil.copytree(OPERATORS_PACK, pack)
    assert maintenance.lint([pack]).problems == []
    calls: list[int] = []
    original = Linter.full

    def counted(self: Linter, rules: Any) -> Any:
        calls.append(1)
        return original(self, rules)

    monkeypatch.setattr(Linter, "full", counted)
    assert maintenance.lint([pack]).problems == []
    assert maintenance.lint([]).problems == []  # the shipped catalogue: the shipped entry
    assert calls == []
    broken = next(pack.glob("*.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        "workforce.vacancy_rate_pct", "workforce.no_such_metric", 1), encoding="utf-8")
    for _ in range(2):
        assert maintenance.lint([pack]).problems
    assert len(calls) == 2
