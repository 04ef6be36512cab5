"""Rule maintainers' CI: `checker rules lint | test | list | explain | docs`, SARIF, JUnit."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from checker.cli.app import cli
from tests.conftest import OPERATORS_PACK, REPO, SEEDS, assessment

BASE = (OPERATORS_PACK / "operators.yaml").read_text(encoding="utf-8")
SARIF_SCHEMA = REPO / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json"


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (code, replace this, with this, the text on the reported line)
DEFECTS = [
    ("RL001", "severity: moderate", "severity: !!python/object/apply:os.getcwd []",
     "severity: !!python"),
    ("RL002", "severity: major\n    when: {metric: workforce.vacancy_rate_pct, gt: 20}",
     "severity: huge\n    when: {metric: workforce.vacancy_rate_pct, gt: 20}", "severity: huge"),
    ("RL003", "id: TST-002", "id: TST-001", "id: TST-001\n    title: Fixture - at or above"),
    ("RL004", "{metric: workforce.vacancy_rate_pct, gt: 20}",
     "{metric: workforce.vacancy_rate, gt: 20}", "workforce.vacancy_rate, gt: 20"),
    ("RL005", "{policy: timeliness_target_pct}", "{policy: timeliness_target}",
     "policy: timeliness_target}"),
    ("RL006", "{metric: workforce.caseload_counting_unit, ne: child}",
     "{metric: workforce.caseload_counting_unit, gt: 3}", "caseload_counting_unit, gt: 3"),
    ("RL007", "{metric: workforce.vacancy_rate_pct, gt: 20}",
     "{metric: workforce.vacancy_rate_pct, gt: 140}", "vacancy_rate_pct, gt: 140"),
    ("RL008", "areas: [care_leavers]", "areas: [care_leaver]", "areas: [care_leaver]"),
    ("RL009", "topics: [leaving_care]", "topics: [leaving]", "topics: [leaving]"),
    ("RL010", "source: cornwall-2009-slac", "source: cornwall-2009", "source: cornwall-2009"),
    ("RL011", "{name: above fires, expect: fire,", "{name: above fires, expect: no_fire,",
     "    tests:\n      - {name: above fires"),
    ("RL012", "{name: at threshold does not fire, expect: no_fire,",
     "{name: at threshold does not fire, expect: fire,",
     "    tests:\n      - {name: above fires"),
    ("RL013", "      - {name: missing, expect: not_evaluable, input: {}}\n  - id: TST-002",
     "  - id: TST-002", "    tests:\n      - {name: above fires"),
    ("RL014", "input: {workforce: {vacancy_rate_pct: 20.5}}",
     "input: {workforce: {vacancy_rate_pct: 120.5}}", "vacancy_rate_pct: 120.5"),
    ("RL015", "when: {metric: workforce.vacancy_rate_pct, gt: 20}",
     "when: {all: [{metric: workforce.vacancy_rate_pct, gt: 20}, "
     "{metric: workforce.vacancy_rate_pct, lt: 10}]}", "when: {all: [{metric"),
    ("RL016", "when: {metric: workforce.vacancy_rate_pct, gt: 20}",
     "when: {metric: workforce.vacancy_rate_pct, gte: 0}", "when: {metric: workforce.vacancy"),
    ("RL017", "when: {metric: workforce.vacancy_rate_pct, gt: 20}",
     "when: {any: [{metric: workforce.vacancy_rate_pct, in: [" + ", ".join(
         str(i) for i in range(30)) + "]}, {metric: workforce.agency_rate_pct, in: ["
     + ", ".join(str(i) for i in range(30)) + "]}]}", "when: {any: [{metric"),
]


@pytest.mark.parametrize(("code", "old", "new", "marker"), DEFECTS,
                         ids=[d[0] for d in DEFECTS])
def test_each_defect_gets_its_code_file_and_line(
    runner: CliRunner, tmp_path: Path, code: str, old: str, new: str, marker: str
) -> None:
    assert old in BASE, f"fixture text changed: {old!r}"
    text = BASE.replace(old, new, 1)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "operators.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["rules", "lint", str(pack)])
    assert result.exit_code == 4, result.output
    lines = [line for line in result.output.splitlines() if f"[{code}]" in line]
    assert lines, result.output
    expected_line = _line_of(text, marker)
    located = re.match(r"^(.+?):(\d+)(?::\d+)?: ", lines[0])
    assert located, lines[0]
    assert located.group(1) == f"{pack}/operators.yaml"
    assert int(located.group(2)) == expected_line, (lines[0], expected_line)


def test_unknown_metric_suggests_the_right_one(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(BASE.replace("workforce.vacancy_rate_pct, gt: 20",
                                                  "workforce.vacancy_rat_pct, gt: 20"))
    result = runner.invoke(cli, ["rules", "lint", str(tmp_path)])
    assert result.exit_code == 4, result.output
    assert "did you mean 'workforce.vacancy_rate_pct'?" in result.output
    assert result.output.rstrip().endswith("1 problem in 1 file (12 rules could be read)"), (
        result.output)


def test_quote_not_at_cited_paragraph(runner: CliRunner, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    (tmp_path / "r.yaml").write_text(BASE.replace('paragraph: "38"', 'paragraph: "37"'))
    result = runner.invoke(cli, ["rules", "lint", str(tmp_path), "--seeds", str(SEEDS)])
    assert result.exit_code == 4
    assert "[RL018]" in result.output and "not in paragraph '37'" in result.output
    clean = runner.invoke(cli, ["rules", "lint", str(OPERATORS_PACK), "--seeds", str(SEEDS)])
    assert clean.exit_code == 0, clean.output


def test_lint_refuses_code_execution_and_bombs(runner: CliRunner, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "a.yaml").write_text(
        f"rules: !!python/object/apply:os.system ['touch {marker}']\n")
    lols = ['x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lols += [f"x{i}: &x{i} [{','.join([f'*x{i - 1}'] * 10)}]" for i in range(1, 9)]
    (tmp_path / "b.yaml").write_text("\n".join(lols) + "\nrules: *x8\n")
    result = runner.invoke(cli, ["rules", "lint", str(tmp_path)])
    assert result.exit_code == 4
    assert not marker.exists()
    assert "is not allowed" in result.output and "expands to more than" in result.output


def test_rules_test_passes_and_reports_counts(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "test", str(OPERATORS_PACK)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^\d+ passed, 0 failed$", result.output, re.MULTILINE)


def test_rules_test_prints_failing_case_with_trace(runner: CliRunner, tmp_path: Path) -> None:
    broken = BASE.replace("{name: above fires, expect: fire, input: {workforce: "
                          "{vacancy_rate_pct: 20.5}}}",
                          "{name: above fires, expect: fire, input: {workforce: "
                          "{vacancy_rate_pct: 19}}}")
    (tmp_path / "r.yaml").write_text(broken)
    result = runner.invoke(cli, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 1
    failure = next(line for line in result.output.splitlines() if "TST-001" in line)
    assert "expected fire, got no_fire" in failure
    assert "trace: workforce.vacancy_rate_pct=19 gt 20 -> false" in failure
    assert re.search(r"^\d+ passed, 1 failed$", result.output, re.MULTILINE)


def test_rules_test_fails_when_no_test_is_found(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 1
    assert "no rule tests were found" in result.output


def test_rules_test_junit_parses(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "junit.xml"
    result = runner.invoke(cli, ["rules", "test", str(OPERATORS_PACK), "--format", "junit",
                                 "-o", str(target)])
    assert result.exit_code == 0
    root = ET.parse(target).getroot()
    cases = root.findall(".//testcase")
    assert len(cases) == int(root.get("tests", "0")) > 30
    assert root.get("failures") == "0"


def test_check_sarif_validates_against_sarif_2_1_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(
        workforce={"vacancy_rate_pct": 30},
        safer_recruitment={"positive_disclosure_signoff_level": "team_manager"})))
    result = runner.invoke(cli, ["check", str(path), "--rules", str(OPERATORS_PACK),
                                 "--no-shipped-rules", "--format", "sarif"])
    assert result.exit_code == 0, result.output
    sarif = json.loads(result.output)
    Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
    run = sarif["runs"][0]
    ids = [r["ruleId"] for r in run["results"]]
    # One result per fired, scored rule (TST-001 reads a published figure: context only).
    assert sorted(ids) == ["TST-007"]
    rules = run["tool"]["driver"]["rules"]
    for result_item in run["results"]:
        assert rules[result_item["ruleIndex"]]["id"] == result_item["ruleId"]
        region = result_item["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
    assert {r["level"] for r in run["results"]} == {"error"}


def test_check_junit_parses(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(
        safer_recruitment={"single_complete_vetting_record": False})))
    result = runner.invoke(cli, ["check", str(path), "--rules", str(OPERATORS_PACK),
                                 "--no-shipped-rules", "--format", "junit"])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.output.split("\n", 1)[1])
    assert root.get("failures") == "1"
    assert int(root.get("tests", "0")) >= 12


def test_list_filters_and_explain(runner: CliRunner) -> None:
    listed = runner.invoke(cli, ["rules", "list", str(OPERATORS_PACK), "--area", "care_leavers"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["TST-004"]
    as_json = json.loads(runner.invoke(cli, ["rules", "list", str(OPERATORS_PACK),
                                             "--severity", "critical", "--format",
                                             "json"]).stdout)
    assert [r["id"] for r in as_json] == ["TST-007", "TST-012"]
    explained = runner.invoke(cli, ["rules", "explain", "TST-012", "--rules",
                                    str(OPERATORS_PACK)])
    assert explained.exit_code == 0
    assert "Fires when: all of (leadership.operational_accountability_level is below head of " \
           "service" in explained.output
    assert "not_evaluable" in explained.output
    unknown = runner.invoke(cli, ["rules", "explain", "TST-099", "--rules", str(OPERATORS_PACK)])
    assert unknown.exit_code == 2 and "did you mean" in unknown.output


@pytest.mark.parametrize(("rule", "line"), [
    ("WF-014", "Credit: minor, 1 point off its area's points"),
    ("PT-001", "(context: shown with its area, never scored)"),
    ("CP-008", "Severity: critical (The evidence ties the finding to an inadequate judgement"),
])
def test_explain_says_what_severity_means_for_the_rule_s_effect(
        runner: CliRunner, rule: str, line: str) -> None:
    """A strength's severity is a credit and context is never scored: neither is described
    as the odds of an inadequate judgement."""
    explained = runner.invoke(cli, ["rules", "explain", rule])
    assert explained.exit_code == 0, explained.output
    assert line in explained.output.splitlines()[2]


def test_docs_check_detects_a_stale_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    assert runner.invoke(cli, ["rules", "docs", str(OPERATORS_PACK), "-o",
                               str(target)]).exit_code == 0
    assert runner.invoke(cli, ["rules", "docs", str(OPERATORS_PACK), "--check",
                               str(target)]).exit_code == 0
    target.write_text(target.read_text().replace("TST-001", "TST-999"))
    stale = runner.invoke(cli, ["rules", "docs", str(OPERATORS_PACK), "--check", str(target)])
    assert stale.exit_code == 1 and "out of date" in stale.output


def test_local_pack_overrides_a_shipped_rule(runner: CliRunner, tmp_path: Path) -> None:
    from checker.rules.loader import load_rulebook

    shipped = load_rulebook()
    if not shipped.rules:
        pytest.skip("no shipped rules")
    first = shipped.rules[0]
    text = BASE.replace("id: TST-001", f"id: {first.id}")
    (tmp_path / "r.yaml").write_text(text)
    book = load_rulebook([tmp_path])
    assert book.overridden == (first.id,)
    assert book.rule(first.id) is not None and book.rule(first.id).origin == str(tmp_path)  # type: ignore[union-attr]
