"""Messages people act on (issue 14, bugs 6-12): hints for the usual slips, cross-field checks,
--fail-on that says why, and honest summaries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import REPO, assessment


def _validate(path: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", str(path), *extra])
    return result.exit_code, result.output


@pytest.mark.parametrize(("section", "field", "value", "hint"), [
    ("leadership", "restructure_in_progress", "no", "write false (without quotes)"),
    ("leadership", "restructure_in_progress", "Yes", "write true (without quotes)"),
    ("leadership", "previous_recommendations_met_pct", "51%", "without the % sign: 51"),
    ("front_door", "referrals_count", "6,120", "without thousands separators: 6120"),
    ("front_door", "referrals_count", "12", "without quotes: 12"),
    ("safer_recruitment", "positive_disclosure_signoff_level", "Head of Service",
     "write 'head_of_service'"),
])
def test_hints_for_the_usual_slips(write_json: Callable[..., Path], section: str, field: str,
                                   value: str, hint: str) -> None:
    code, output = _validate(write_json(assessment(**{section: {field: value}})))
    assert code == 3 and hint in output, output


@pytest.mark.parametrize(("name", "text", "hint"), [
    ("comma.json", '{"authority": {"name": "X", "as_of": "2024-01-01"},}',
     "JSON allows no trailing comma"),
    ("empty.json", "", "the file is empty"),
    ("blank.yaml", "\n\n", "the file is empty"),
    ("tab.yaml", "authority:\n\tname: X\n", "indent with spaces"),
    ("indent.yaml", "authority:\n  name: X\n as_of: 2024-01-01\n", "check the indentation"),
])
def test_syntax_hints(tmp_path: Path, name: str, text: str, hint: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    code, output = _validate(path)
    assert code == 3 and hint in output, output


def test_a_missing_file_is_said_once(tmp_path: Path) -> None:
    code, output = _validate(tmp_path / "nosuch.json")
    assert code == 3
    assert output.strip() == f"{tmp_path / 'nosuch.json'}: file not found"


@pytest.mark.parametrize(("sections", "message"), [
    ({"workforce": {"caseload_average": 20, "caseload_maximum": 12}},
     "the largest caseload is below the average"),
    ({"quality_assurance": {"audits_graded_good_or_better_pct": 90,
                            "audits_graded_inadequate_pct": 50}}, "more than 100%"),
    ({"child_protection": {"children_on_plans_count": 500},
      "children_in_need": {"children_in_need_count": 300}}, "more children on child protection"),
])
def test_impossible_combinations_are_errors(write_json: Callable[..., Path],
                                            sections: dict[str, dict[str, float]],
                                            message: str) -> None:
    code, output = _validate(write_json(assessment(**sections)))
    assert code == 3 and message in output


def test_suspicious_files_warn_and_warnings_can_be_errors(tmp_path: Path) -> None:
    starter = tmp_path / "sa.yaml"
    assert CliRunner().invoke(cli, ["init", str(starter)]).exit_code == 0
    code, output = _validate(starter)
    assert code == 0 and "warning:" in output and "placeholder" in output
    assert _validate(starter, "--warnings-as-errors")[0] == 3
    future = tmp_path / "future.json"
    later = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    future.write_text(json.dumps({"authority": {"name": "X", "as_of": later}}))
    code, output = _validate(future)
    assert code == 0 and "dated in the future" in output
    check = CliRunner().invoke(cli, ["check", str(future), "--warnings-as-errors"])
    assert check.exit_code == 3 and "dated in the future" in check.output


def test_fail_on_names_what_tripped_it_and_refuses_an_empty_file(
        write_json: Callable[..., Path]) -> None:
    empty = CliRunner().invoke(cli, ["check", str(write_json(assessment())), "--fail-on", "low"])
    assert empty.exit_code == 1
    assert "could not be predicted" in empty.stderr
    weak = write_json(assessment(safer_recruitment={"positive_disclosure_signoff_level":
                                                    "team_manager"}), "weak.json")
    result = CliRunner().invoke(cli, ["check", str(weak), "--fail-on", "low"])
    assert result.exit_code == 1
    assert "--fail-on low:" in result.stderr
    assert "The impact of leaders on social work practice with children and families is " \
        in result.stderr


def test_rules_list_refuses_an_unknown_area_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["rules", "list", "--area", "leadrship"])
    assert result.exit_code == 2 and "did you mean 'leadership'?" in result.output


def test_lint_summary_counts_files_when_no_rule_can_be_read(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("rules: [{id: X}]\n")
    result = CliRunner().invoke(cli, ["rules", "lint", str(tmp_path)])
    assert result.exit_code == 4
    assert "in 1 file (0 rules could be read)" in result.output


def test_backtest_names_unmodelled_judgements_with_their_section() -> None:
    result = CliRunner().invoke(cli, ["backtest", "--format", "json"])
    cornwall = next(e for e in json.loads(result.output)["examples"]
                    if e["example"] == "cornwall-2009")
    skipped = cornwall["judgements_not_modelled"]
    assert "Safeguarding services: Value for money" in skipped
    assert "Services for looked after children: Value for money" in skipped
    assert len(skipped) == len(set(skipped))


def test_the_2009_framework_has_no_2012_judgements() -> None:
    result = CliRunner().invoke(cli, ["check", str(REPO / "examples" / "cornwall-2009.json"),
                                      "--format", "json"])
    titles = [a["title"] for a in json.loads(result.output)["assessments"][0]["areas"]]
    assert not [t for t in titles if "2012" in t]
    assert "Safeguarding: children and young people are safe" in titles


def test_documented_commands_exist() -> None:
    readme = (REPO / "README.md").read_text()
    assert "checker rules docs --check docs/rules.md" in readme
    ci_doc = (REPO / "docs" / "rules-ci.md").read_text()
    assert "example.org" not in ci_doc
    assert "pip install lacs-readiness-checker\n" not in ci_doc
