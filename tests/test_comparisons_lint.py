"""Rules that compare with comparators: the YAML forms parse, and lint refuses what cannot work."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.engine import conditions as cond

RULE = """\
rules:
  - id: TST-101
    title: Vacancies are worse than the statistical neighbours by more than five points
    areas: [leadership]
    topics: [workforce]
    severity: moderate
    when: {WHEN}
    evidence:
      - source: cornwall-2009-slac
        paragraph: "64"
        quote: a quote long enough for the schema
    basis: {kind: national, text: compared with the year-matched figure, citation: DfE workforce}
    recommendation: Recruit and retain social workers.
    tests:
      - name: fires
        expect: fire
        input:
          workforce: {vacancy_rate_pct: 30}
          comparators: {workforce.vacancy_rate_pct: {statistical_neighbours: 20, year: '2024'}}
      - name: does not fire
        expect: no_fire
        input:
          workforce: {vacancy_rate_pct: 21}
          comparators: {workforce.vacancy_rate_pct: {statistical_neighbours: 20, year: '2024'}}
      - name: missing
        expect: not_evaluable
        input: {}
"""


def _lint(tmp_path: Path, when: str) -> str:
    (tmp_path / "r.yaml").write_text(RULE.replace("{WHEN}", when), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "lint", str(tmp_path)])
    return f"{result.exit_code}\n{result.output}"


def test_yaml_forms_parse_to_comparisons() -> None:
    parsed = cond.parse({"metric": "m.x", "worse_than": "neighbours", "by": 5}, "")
    assert parsed == cond.Versus("m.x", "worse", "neighbours", 5, 0.0)
    assert cond.parse({"metric": "m.x", "quartile": "top"}, "") == cond.Versus(
        "m.x", "better", "quartile")
    assert cond.parse({"metric": "m.x", "better_than": "national", "by_pct": 10}, "") == (
        cond.Versus("m.x", "better", "national", 0.0, 10))


def test_a_metric_without_direction_cannot_be_worse(tmp_path: Path) -> None:
    output = _lint(tmp_path, "{metric: front_door.referrals_rate_per_10k, worse_than: national}")
    assert output.startswith("4\n") and "[RL019]" in output and "no direction" in output


def test_margin_given_twice_is_refused(tmp_path: Path) -> None:
    output = _lint(tmp_path, "{metric: workforce.vacancy_rate_pct, worse_than: national, "
                   "by: 5, by_pct: 10}")
    assert output.startswith("4\n") and "[RL002]" in output and "malformed" in output


def test_quartile_with_a_margin_breaks_the_schema(tmp_path: Path) -> None:
    output = _lint(tmp_path, "{metric: workforce.vacancy_rate_pct, quartile: bottom, by: 5}")
    assert output.startswith("4\n") and "[RL002]" in output


def test_a_published_measure_against_a_copied_national_figure_is_refused(tmp_path: Path) -> None:
    output = _lint(tmp_path, "{metric: workforce.vacancy_rate_pct, gt: 20}")
    assert output.startswith("4\n") and "[RL026]" in output
    assert "workforce.vacancy_rate_pct is published" in output and "'national'" in output


def test_a_copied_figure_cited_to_a_seed_document_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        RULE.replace("{WHEN}", "{metric: workforce.vacancy_rate_pct, gt: 20}")
        .replace("kind: national", "kind: source"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "lint", str(tmp_path)])
    assert result.exit_code == 4 and "[RL026]" in result.output and "'source'" in result.output


def test_the_year_matched_comparison_and_local_measures_are_accepted(tmp_path: Path) -> None:
    for when in ("{metric: workforce.vacancy_rate_pct, worse_than: national}",
                 "{metric: workforce.vacancy_rate_pct, worse_than: neighbours, by: 3}",
                 "{metric: workforce.vacancy_rate_pct, quartile: bottom}",
                 # not published: a constant is the only comparator there is
                 "{metric: workforce.caseload_maximum, gt: 20}"):
        output = _lint(tmp_path, when)
        assert "[RL026]" not in output and output.startswith("0\n"), (when, output)
