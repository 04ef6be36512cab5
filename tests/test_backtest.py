"""The backtest machinery on a synthetic example set (the shipped examples are tested in
test_examples.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.backtest.examples import Comparison, Scores, run_backtest
from checker.cli.app import cli
from checker.core.errors import InvalidAssessment
from checker.rules.loader import load_rulebook
from checker.scoring.params import Cutoffs, ModelParams
from tests.conftest import EXAMPLES, OPERATORS_PACK, assessment

OUTCOMES = """\
source: cornwall-2009-slac
framework: slac-2009
graded: true
summary: synthetic
judgements:
  - {judgement: "Leadership and management", section: safeguarding, key: sg_leadership_management, grade: inadequate, paragraph: "Record"}
  - {judgement: "Being healthy", section: looked_after_children, key: lac_being_healthy, grade: good, paragraph: "Record"}
  - {judgement: "Value for money", section: safeguarding, key: null, grade: inadequate, paragraph: "Record"}
current_framework:
  - {area: leadership, grade: inadequate, from: [sg_leadership_management], reasoning: synthetic}
  - {area: care_leavers, grade: good, from: [lac_economic_wellbeing], reasoning: synthetic}
"""


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    data = assessment(
        safer_recruitment={"positive_disclosure_signoff_level": "middle_manager"},
        workforce={"vacancy_rate_pct": 30},
    )
    (tmp_path / "town.json").write_text(json.dumps(data))
    (tmp_path / "town.outcomes.yaml").write_text(OUTCOMES)
    return tmp_path


#: Local points of 2 or more make an area high, 1 medium (hand-made, not the fitted model).
PARAMS = ModelParams(
    published_checks=("PF-001",), min_published_evaluable=1, published={},
    local={area: Cutoffs(1, 2) for area in ("leadership", "help_and_protection",
                                             "children_in_care", "care_leavers")},
    rules={}, published_source="test", local_source="test")


def test_backtest_compares_grades_and_baseline(example_dir: Path) -> None:
    book = load_rulebook([OPERATORS_PACK], shipped_rules=False)
    result = run_backtest(example_dir, book, PARAMS)  # TST-006 fires: moderate, 2 points
    published = result.published
    assert [(c.key, c.published, c.predicted) for c in published.comparisons] == [
        ("sg_leadership_management", 4, 4),
        ("lac_being_healthy", 2, None),
    ]
    assert published.rate(0) == 0.5
    assert published.rate(1) == 0.5
    assert published.baseline()[0] == 2  # tie between good and inadequate: the better grade
    assert result.examples[0]["judgements_not_modelled"] == ["safeguarding: Value for money"]
    assert published.confusion()["inadequate"]["inadequate"] == 1
    assert published.confusion()["good"]["not predicted"] == 1
    current = result.current
    assert [(c.key, c.predicted) for c in current.comparisons] == [
        ("leadership", 4), ("care_leavers", None)]


def test_backtest_cli_text_and_json(example_dir: Path, runner: CliRunner) -> None:
    args = ["backtest", str(example_dir), "--rules", str(OPERATORS_PACK)]
    text = runner.invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert "Confusion matrix" in text.output
    assert "Baseline (always" in text.output
    data = json.loads(runner.invoke(cli, [*args, "--format", "json"]).output)
    assert data["published_frameworks"]["judgements"] >= 2
    assert set(data["published_frameworks"]["baseline"]) == {"grade", "exact_rate",
                                                             "within_one_rate"}


def test_backtest_refuses_bad_outcomes(example_dir: Path, runner: CliRunner) -> None:
    (example_dir / "town.outcomes.yaml").write_text(OUTCOMES.replace("grade: good", "grade: great"))
    with pytest.raises(InvalidAssessment):
        run_backtest(example_dir, load_rulebook([OPERATORS_PACK], shipped_rules=False))
    (example_dir / "lonely.outcomes.yaml").write_text(OUTCOMES)
    result = runner.invoke(cli, ["backtest", str(example_dir)])
    assert result.exit_code == 3
    empty = example_dir / "empty"
    empty.mkdir()
    assert runner.invoke(cli, ["backtest", str(empty)]).exit_code == 2


def test_rates_on_predicted_judgements_keep_the_overall_baseline_grade() -> None:
    def made(published: int, predicted: int | None) -> Comparison:
        return Comparison("x", "published", "slac-2009", "k", "K", published, predicted, "b")

    # Published: four adequate (3), two inadequate (4); the model predicts three of them,
    # two of which were inadequate.
    scores = Scores([made(3, None), made(3, None), made(3, None), made(3, 4), made(4, 4),
                     made(4, 3)])
    assert scores.baseline()[0] == 3
    assert scores.rate(0) == pytest.approx(1 / 6)
    rates = scores.on_predicted()
    assert rates["judgements"] == 3
    assert rates["exact_rate"] == pytest.approx(0.3333)
    assert rates["within_one_rate"] == 1.0
    # The baseline keeps predicting 'adequate' on the subset, not the subset's commonest grade
    # (inadequate), which would score 2 of 3.
    assert rates["baseline_exact_rate"] == pytest.approx(0.3333)
    assert scores.as_dict()["on_predicted"] == rates


def test_an_unknown_judgement_key_is_an_error(tmp_path: Path) -> None:
    import shutil

    for name in ("cornwall-2009.json", "cornwall-2009.outcomes.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    outcomes = tmp_path / "cornwall-2009.outcomes.yaml"
    outcomes.write_text(outcomes.read_text().replace("key: sg_partnerships", "key: sg_partners"))
    result = CliRunner().invoke(cli, ["backtest", str(tmp_path)])
    assert result.exit_code == 3 and "'sg_partners'" in result.output
