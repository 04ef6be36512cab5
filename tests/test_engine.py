"""The engine adapter: hazards (each in its own subprocess) and agreement with the evaluator."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.engine.durable import C_ERRORS, translate
from tests.conftest import REPO
from tests.engine_hazards import PROBES


@pytest.mark.parametrize("name", sorted(PROBES))
def test_engine_hazard_is_contained(name: str) -> None:
    """Each hazard from engine-notes.md, driven through the real adapter in a subprocess, so
    a hang (timeout), segfault or SIGFPE (negative return code) fails only this test."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.engine_hazards", name],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, f"{name}: rc={result.returncode}\n{result.stderr[-2000:]}"
    assert result.stdout.startswith("OK"), result.stdout


def test_error_codes_are_translated() -> None:
    assert "too many attributes" in translate(Exception("Could not assert fact, error code: 302"))
    assert "(engine error 204)" in translate(Exception("Could not create ruleset, error code: 204"))
    assert "unknown engine error (engine error 999)" in translate(Exception("error code: 999"))
    assert translate(ValueError("boom")) == "ValueError: boom"
    assert all(message and not message.endswith(".") for message in C_ERRORS.values())
