"""The shipped examples: valid, every value cited, outcomes consistent, backtest in README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from checker.backtest.examples import load_outcomes
from checker.cli.app import cli
from checker.inputs.assessment import load_assessment
from checker.inputs.schemas import load_schema
from checker.rules.frameworks import frameworks
from checker.rules.loader import load_rulebook
from checker.rules.quotes import SeedIndex
from tests.conftest import EXAMPLES, REPO, SEEDS

NAMES = ["cornwall-2009", "cumbria-2012", "cambridgeshire-2009", "cornwall-2016",
         "cornwall-2022"]


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_and_cites_every_value(name: str, runner: CliRunner) -> None:
    path = EXAMPLES / f"{name}.json"
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assessment = load_assessment(path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    provenance = data.get("provenance", {})
    sources = load_rulebook().sources
    for metric in assessment.values:
        pointer = "/" + metric.replace(".", "/")
        assert pointer in provenance, f"{name}: {pointer} has no provenance"
        cited = provenance[pointer]
        assert cited["source"] in sources, cited
        assert cited.get("paragraph"), cited
        assert cited.get("quote"), cited
    for value in assessment.policy.values():
        assert value is not None


@pytest.mark.parametrize("name", NAMES)
def test_provenance_quotes_are_verbatim_at_their_paragraphs(name: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    sources = load_rulebook().sources
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    failures = []
    for pointer, cited in data.get("provenance", {}).items():
        source = sources[cited["source"]]
        assert source.file is not None
        index = SeedIndex.load(SEEDS / source.file, source.paragraphs)
        assert index is not None
        verdict = index.check(cited["paragraph"], cited["quote"])
        if verdict:
            failures.append(f"{pointer}: {verdict}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", NAMES)
def test_outcomes_are_consistent_with_the_frameworks(name: str) -> None:
    outcomes = load_outcomes(EXAMPLES / f"{name}.outcomes.yaml")
    framework = frameworks()[outcomes.framework]
    keys = {a.key for a in framework.areas} | {o.key for o in framework.overall}
    for judgement in outcomes.judgements:
        assert judgement.key is None or judgement.key in keys, judgement
        assert framework.grade(judgement.grade) is not None, judgement
    current = frameworks()["ilacs-2026"]
    for item in outcomes.current_framework:
        assert current.area(item.area) is not None, item
        assert current.grade(item.grade) is not None, item
    assert outcomes.graded == bool(outcomes.judgements)


@pytest.mark.parametrize("name", NAMES)
def test_check_runs_on_each_example_in_every_format(name: str, runner: CliRunner,
                                                    tmp_path: Path) -> None:
    path = str(EXAMPLES / f"{name}.json")
    result = runner.invoke(cli, ["check", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    Draft202012Validator(load_schema("report"), format_checker=FormatChecker()).validate(report)
    for fmt in ("text", "markdown", "sarif", "junit"):
        assert runner.invoke(cli, ["check", path, "--format", fmt]).exit_code == 0


def test_readme_quotes_the_current_backtest(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["backtest", str(EXAMPLES), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- backtest:start -->") + len("<!-- backtest:start -->\n")
    end = readme.index("<!-- backtest:end -->")
    assert readme[start:end] == result.stdout, (
        "README backtest figures are stale; paste the output of "
        "`checker backtest --format markdown` between the backtest markers")
