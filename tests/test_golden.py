"""Golden outputs: every report of every shipped example, byte for byte.

The digests in ``tests/golden/digests.json`` pin the exact output of ``checker check`` for each
shipped example in every format, and of the backtest and the generated catalogue, so a change
meant to preserve behaviour (a refactor) cannot alter a single byte unnoticed. When a change
is *meant* to alter output, regenerate them deliberately and say so in the commit:

    CHECKER_REGENERATE_GOLDEN=1 pytest tests/test_golden.py

Only digests are committed (the outputs run to megabytes); to see what changed, run the
command named in the failure on both commits and diff the two outputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, REPO

DIGESTS = REPO / "tests" / "golden" / "digests.json"
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))
FORMATS = ["text", "json", "markdown", "html", "sarif", "junit"]
BATCH = [f"examples/{name}.json" for name in EXAMPLE_NAMES]
COMMANDS: dict[str, list[str]] = {
    **{f"check {name} --format {fmt}": ["check", f"examples/{name}.json", "--format", fmt]
       for name in EXAMPLE_NAMES for fmt in FORMATS},
    # Batches are streamed one assessment at a time: the same bytes as the whole report.
    **{f"check every example --format {fmt}": ["check", *BATCH, "--format", fmt]
       for fmt in FORMATS},
    **{f"check every example --what-if --format {fmt}": [
        "check", *BATCH, "--what-if", "workforce.vacancy_rate_pct=12", "--format", fmt]
       for fmt in FORMATS},
    **{f"check every example --detail full --format {fmt}": [
        "check", *BATCH, "--detail", "full", "--format", fmt] for fmt in ("text", "markdown")},
    "check every example --appendix --format html": [
        "check", *BATCH, "--appendix", "--format", "html"],
    **{f"check cornwall-2016 --previous cornwall-2009 --format {fmt}": [
        "check", "examples/cornwall-2016.json", "--previous", "examples/cornwall-2009.json",
        "--format", fmt] for fmt in FORMATS},
    **{f"backtest --format {fmt}": ["backtest", "--format", fmt]
       for fmt in ("text", "json", "markdown")},
    "rules docs": ["rules", "docs"],
    "rules list": ["rules", "list"],
}


@contextlib.contextmanager
def _in_repo() -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(previous)


def _output(args: list[str]) -> bytes:
    from checker.cli.app import cli

    with _in_repo():  # reports name their inputs as given on the command line
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _digest(args: list[str]) -> str:
    return hashlib.sha256(_output(args)).hexdigest()


def test_regenerate_if_asked() -> None:
    if not os.environ.get("CHECKER_REGENERATE_GOLDEN"):
        pytest.skip("set CHECKER_REGENERATE_GOLDEN=1 to rewrite the golden digests")
    digests = {name: _digest(args) for name, args in COMMANDS.items()}
    DIGESTS.write_text(json.dumps(digests, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_is_unchanged(name: str) -> None:
    if os.environ.get("CHECKER_REGENERATE_GOLDEN"):
        pytest.skip("regenerating")
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert name in expected, f"no golden digest for {name!r}: regenerate deliberately"
    assert _digest(COMMANDS[name]) == expected[name], (
        f"`checker {' '.join(COMMANDS[name])}` changed its output. If that is intended, "
        "regenerate with CHECKER_REGENERATE_GOLDEN=1 pytest tests/test_golden.py")


def test_every_golden_digest_is_still_produced() -> None:
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(COMMANDS)
