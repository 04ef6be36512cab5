"""``checker backtest --published``: its metrics on hand-made inputs, its formats, its errors and
the README block."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.backtest import published as backtest_module
from checker.backtest.fit import auc
from checker.backtest.published import (
    Inspection,
    Judgement,
    Summary,
    load_mapping,
    read_inspections,
)
from checker.backtest.published_render import CSV_COLUMNS
from checker.cli.app import cli
from checker.core.errors import InvalidRules
from checker.stats.published import ATTRIBUTION
from tests.conftest import REPO

SHARED_INSPECTIONS = REPO.parent / "shared" / "data" / "inspections.csv"
HEADER = ("la_code,la_name,framework,ilacs_type,reinspection,sequence,inspection_start,"
          "inspection_end,published,overall_effectiveness,help_and_protection,"
          "children_looked_after,adoption,care_leavers,leadership_management_governance,"
          "lscb_review,leaders,children_in_care,safeguarding_overall,lac_overall,sources,notes")
ROWS = [
    # ILACS before 2023: children_in_care is the combined judgement; care_leavers not judged.
    "370,Barnsley,ilacs,standard,,1,2019-10-07,2019-10-18,2019-12-02,good,good,,,,,,good,"
    "requires_improvement,,,x,",
    # ILACS from 2023: care leavers judged separately.
    "370,Barnsley,ilacs,standard,,2,2024-01-15,2024-01-26,2024-03-01,outstanding,outstanding,"
    ",,good,,,outstanding,inadequate,,,x,",
    # SIF without a fieldwork date: dated 56 days before publication.
    "383,Leeds,sif-2013,,no,1,,,2015-03-27,good,good,good,good,outstanding,good,good,,,,,x,",
    # Not mapped: SLAC.
    "383,Leeds,slac-2009,,no,1,,,2011-01-01,,,,,,,,,,good,good,x,",
]


@pytest.fixture
def inspections(tmp_path: Path) -> Path:
    path = tmp_path / "inspections.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def _inspection() -> Inspection:
    return Inspection("370", "Barnsley", "ilacs", dt.date(2024, 1, 1), False,
                      dt.date(2024, 3, 1), {})


def _judgement(published: int, predicted: int | None, score: int | None = 0) -> Judgement:
    band = {None: "unknown", 2: "low", 3: "medium", 4: "high"}[predicted]
    return Judgement(_inspection(), "leadership", published, band, predicted, score, 0.5)


# -- metrics --------------------------------------------------------------------------------


def test_auc_counts_ties_as_half() -> None:
    # pairs (pos, neg): 3>2, 3>1, 2=2 (one half), 2>1 -> 3.5 of 4
    assert auc([3, 2], [2, 1]) == pytest.approx(0.875)
    assert auc([1, 1], [1, 1, 1]) == pytest.approx(0.5)
    assert auc([0], [5, 6]) == 0.0
    assert auc([], [1]) is None
    assert auc([1], []) is None


def test_recall_precision_rates_and_baseline() -> None:
    summary = Summary([
        _judgement(4, 4, 8),     # inadequate, predicted high: hit
        _judgement(4, 3, 2),     # inadequate, predicted medium: missed
        _judgement(2, 4, 8),     # good, predicted high: false alarm
        _judgement(3, 3, 2),     # exact
        _judgement(2, None, 0),  # not predicted: a miss over all judgements
    ])
    assert summary.recall() == pytest.approx(0.5)
    assert summary.precision() == pytest.approx(0.5)
    assert summary.rate(0) == pytest.approx(2 / 5)
    assert summary.rate(1) == pytest.approx(3 / 5)
    assert summary.rate(0, predicted_only=True) == pytest.approx(2 / 4)
    # commonest published grades: good (2) and inadequate (2) tie -> the better grade, good
    grade, exact, near = summary.baseline()
    assert grade == 2
    assert exact == pytest.approx(2 / 5)
    assert near == pytest.approx(3 / 5)
    # scores: inadequate 8 and 2 against 8, 2, 0 -> (0.5 + 1 + 1 + 0 + 0.5 + 1) / 6
    assert summary.auc() == pytest.approx(4 / 6)
    confusion = summary.confusion()
    assert confusion["inadequate"]["inadequate"] == 1
    assert confusion["good"]["not predicted"] == 1
    empty = Summary([])
    assert (empty.recall(), empty.precision(), empty.auc(), empty.rate(0)) == (None,) * 4
    assert empty.baseline() == (None, None, None)


def test_mapping_file_maps_to_current_areas() -> None:
    mapping = load_mapping()
    assert mapping.current_framework == "ilacs-2026"
    assert mapping.grades == {"outstanding": 1, "good": 2, "requires_improvement": 3,
                              "inadequate": 4}
    sif = {item.column: item.area for item in mapping.frameworks["sif-2013"]}
    assert sif == {"leadership_management_governance": "leadership",
                   "help_and_protection": "help_and_protection",
                   "children_looked_after": "children_in_care", "care_leavers": "care_leavers",
                   "overall_effectiveness": "overall_view"}
    leavers = next(i for i in mapping.frameworks["ilacs"] if i.area == "care_leavers")
    assert leavers.since == dt.date(2023, 1, 1)


def test_mapping_to_an_unknown_area_is_refused(tmp_path: Path) -> None:
    text = (REPO / "rules" / "frameworks" / "published-judgements.yaml").read_text()
    bad = tmp_path / "mapping.yaml"
    bad.write_text(text.replace("area: leadership}", "area: leadrship}", 1), encoding="utf-8")
    with pytest.raises(InvalidRules, match="leadrship"):
        load_mapping(bad)


def test_inspections_are_read_with_the_fallback_start(inspections: Path) -> None:
    found = read_inspections(inspections, load_mapping())
    assert [(i.code, i.framework) for i in found] == [("370", "ilacs"), ("370", "ilacs"),
                                                      ("383", "sif-2013")]
    sif = found[2]
    assert sif.start_estimated
    assert sif.start == dt.date(2015, 3, 27) - dt.timedelta(days=56)


# -- the command ----------------------------------------------------------------------------


def test_csv_has_one_row_per_inspection_and_area(runner: CliRunner, inspections: Path) -> None:
    result = runner.invoke(cli, ["backtest", "--published", "--inspections", str(inspections),
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    areas = [(row["code"], row["start_date"], row["area"]) for row in rows]
    # 2019 ILACS: four judgements (no care leavers); 2024 ILACS: five; SIF: five.
    assert len(rows) == 4 + 5 + 5
    assert ("370", "2019-10-07", "care_leavers") not in areas
    assert ("370", "2024-01-15", "care_leavers") in areas
    leeds = [row for row in rows if row["code"] == "383"]
    assert {row["start_estimated"] for row in leeds} == {"yes"}
    assert {row["framework"] for row in leeds} == {"sif-2013"}
    for row in rows:
        assert row["predicted_band"] in {"unknown", "low", "medium", "high"}
        if row["area"] == "overall_view":
            assert row["score"] == "" and row["coverage"] == ""
        else:
            # the published-figures score: blank with too few published figures
            assert row["score"] == "" or int(row["score"]) >= 0
            assert 0 <= float(row["coverage"]) <= 1


def test_text_json_and_markdown_carry_the_figures_and_attribution(
        runner: CliRunner, inspections: Path) -> None:
    base = ["backtest", "--published", "--inspections", str(inspections)]
    text = runner.invoke(cli, base)
    assert text.exit_code == 0, text.output
    assert "Confusion matrix, ilacs" in text.stdout
    assert "Open Government Licence" in text.stdout
    data = json.loads(runner.invoke(cli, [*base, "--format", "json"]).stdout)
    assert data["inspections"] == 3
    assert data["estimated_start_dates"] == 1
    assert set(data["by_framework"]) == {"ilacs", "sif-2013"}
    assert data["by_framework"]["sif-2013"]["all"]["judgements"] == 5
    assert ATTRIBUTION in data["attribution"]
    markdown = runner.invoke(cli, [*base, "--format", "markdown"]).stdout
    assert markdown.startswith("**Published backtest**: 3 SIF and ILACS inspections")
    only_leeds = json.loads(runner.invoke(cli, [*base, "--authority", "Leeds", "--format",
                                                "json"]).stdout)
    assert only_leeds["inspections"] == 1
    since = json.loads(runner.invoke(cli, [*base, "--since", "2020-01-01", "--format",
                                           "json"]).stdout)
    assert since["inspections"] == 1


def test_usage_errors(runner: CliRunner, inspections: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["backtest", "--published", "--inspections", str(inspections)]
    assert runner.invoke(cli, ["backtest", "--format", "csv"]).exit_code == 2
    assert runner.invoke(cli, ["backtest", "--since", "2020-01-01"]).exit_code == 2
    assert runner.invoke(cli, [*base, str(REPO / "examples")]).exit_code == 2
    assert runner.invoke(cli, [*base, "--until", "2001-01-01"]).exit_code == 2
    unknown = runner.invoke(cli, [*base, "--authority", "Leedz"])
    assert unknown.exit_code == 3
    assert "did you mean Leeds (383)" in unknown.stderr
    monkeypatch.setattr(backtest_module, "default_inspections", lambda: None)
    absent = runner.invoke(cli, ["backtest", "--published"])
    assert absent.exit_code == 2
    assert "give --inspections PATH" in absent.stderr


def test_a_file_that_is_not_an_inspections_file_exits_3(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(cli, ["backtest", "--published", "--inspections", str(path)])
    assert result.exit_code == 3
    assert "not an inspections file" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_INSPECTIONS.is_file(), reason="../shared/data is absent")
def test_readme_quotes_the_current_published_backtest(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["backtest", "--published", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start_marker = "<!-- published-backtest:start -->\n"
    start = readme.index(start_marker) + len(start_marker)
    end = readme.index("<!-- published-backtest:end -->")
    assert readme[start:end] == result.stdout, (
        "README published backtest figures are stale; paste the output of `checker backtest "
        "--published --format markdown` between the published-backtest markers")
