"""Evidence statistics from the report corpus: ``checker evidence build`` on a small corpus made
here (counts by framework and grade, examples, the combined ILACS-2018 care-leaver judgement,
cited reports), the shipped file read lazily and worded from its numbers, lint against a corpus
(RL021-RL025), and the shipped file current against ../shared/corpus (slow)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli.app import cli
from checker.core.errors import InternalError, InvalidRules
from checker.rules import evidence, statistics
from checker.rules.loader import read_rules
from checker.rules.statistics import Count, EvidenceData, Example, RuleStatistics
from tests.conftest import CORPUS, REPO

HEADER = ("file,la_name,urn,publication_date,fieldwork_start,fieldwork_end,type,framework,"
          "ilacs_kind,overall_grade,help_and_protection,children_looked_after,adoption,"
          "care_leavers,leadership_management_governance,leaders,children_in_care")
ROWS = {
    "alpha-2016-01-04-sif": "Alpha,1,2016-01-04,,,sif,sif-2013,,inadequate,inadequate,"
                            "inadequate,good,good,inadequate,,",
    "beta-2019-02-01-ilacs": "Beta,2,2019-02-01,,,ilacs,ilacs-2018,standard,requires_improvement,"
                             "requires_improvement,,,,,good,inadequate",
    "gamma-2024-03-01-ilacs": "Gamma,3,2024-03-01,,,ilacs,ilacs-2023,standard,good,good,,,good,,"
                              "good,good",
    "delta-2024-06-03-ilacs": "Delta,4,2024-06-03,,,ilacs,ilacs-2023,standard,inadequate,"
                              "inadequate,,,requires_improvement,,inadequate,requires_improvement",
}
TEXTS = {
    "alpha-2016-01-04-sif": "1. Return home interviews are not always offered to children.\n\n"
                            "2. Care leavers do not have pathway plans.\n",
    "beta-2019-02-01-ilacs": "1. Pathway plans are out of date for care leavers.\n\n"
                             "2. Return home interviews are consistently offered.\n",
    "gamma-2024-03-01-ilacs": "1. Return home interviews are offered.\n\n"
                              "2. Managers are visible.\n",
    "delta-2024-06-03-ilacs": "1. Some return home interviews are not offered. Others are late.\n"
                              "\n2. Leaders know their services well.\n",
}
RULE = """\
rules:
  - id: TST-201
    title: Children who go missing are not offered return home interviews
    areas: [help_and_protection]
    topics: [child_protection]
    severity: major
    when: {metric: workforce.caseload_maximum, gt: 20}
    evidence:
      - source: test-reports
        report: REPORT
        paragraph: "PARA"
        quote: QUOTE
        grade: {judgement: help_and_protection, grade: GRADE}
    basis: {kind: source, text: inspectors found it again and again, citation: the corpus}
    recommendation: Offer every child a return home interview.
    finding_patterns:
      match: MATCH
      exclude: ['(?<!not )\\b(?:always|consistently) offered\\b']
    tests:
      - {name: fires, expect: fire, input: {workforce: {caseload_maximum: 30}}}
      - {name: quiet, expect: no_fire, input: {workforce: {caseload_maximum: 10}}}
      - {name: missing, expect: not_evaluable, input: {}}
"""


#: A pack may register a corpus of its own (corpus: true) and cite its reports.
SOURCES = """\
sources:
  - id: test-reports
    kind: inspection reports
    title: Inspection reports made up for the tests
    published: tests/test_evidence.py
    licence: Open Government Licence v3.0
    corpus: true
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "reports").mkdir(parents=True)
    lines = [HEADER]
    for stem, row in ROWS.items():
        authority, urn, published, *rest = row.split(",")
        lines.append(",".join([f"reports/{stem}.txt", authority, urn, published, *rest]))
        (folder / "reports" / f"{stem}.txt").write_text(TEXTS[stem], encoding="utf-8")
    (folder / "index.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _pack(tmp_path: Path, **fields: str) -> Path:
    values = {"REPORT": "delta-2024-06-03-ilacs", "PARA": "1", "GRADE": "inadequate",
              "QUOTE": "Some return home interviews are not offered.",
              "MATCH": "['\\breturn home interviews?\\b[^.]{0,40}\\bnot\\b']", **fields}
    text = RULE
    for key, value in values.items():
        text = text.replace(key, value)
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "rules.yaml").write_text(text, encoding="utf-8")
    (pack / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    return pack


def _lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["rules", "lint", *args])
    return result.exit_code, result.output


def test_build_counts_reports_by_framework_and_grade(tmp_path: Path, corpus: Path) -> None:
    rules = read_rules([_pack(tmp_path)]).rules
    data = evidence.build(rules, corpus)
    stats = data["rules"]["TST-201"]
    assert stats["reports_matched"] == 2 and stats["sentences_matched"] == 2
    area = stats["counts"]["ilacs-2023"]["area"]
    assert area["inadequate"] == {"of": 1, "reports": 1}
    assert area["good"] == {"of": 1, "reports": 0}  # "are offered" is praise, not the finding
    assert stats["counts"]["sif-2013"]["area"]["inadequate"] == {"of": 1, "reports": 1}
    assert stats["counts"]["ilacs-2018"]["overall"]["requires_improvement"] == {
        "of": 1, "reports": 0}  # "consistently offered" is excluded
    assert [e["authority"] for e in stats["examples"]] == ["Delta", "Alpha"]
    assert stats["examples"][0] == {
        "authority": "Delta", "date": "2024-06-03", "paragraph": "1",
        "report": "delta-2024-06-03-ilacs", "sentence": "Some return home interviews are not offered."}
    assert data["reports"]["delta-2024-06-03-ilacs"]["grades"]["help_and_protection"] == (
        "inadequate")
    assert data["attribution"] == statistics.ATTRIBUTION
    assert data["corpus"]["frameworks"]["ilacs-2023"] == {
        "first": "2024-03-01", "last": "2024-06-03", "reports": 2}
    text = evidence.render(data)
    assert text == evidence.render(evidence.build(rules, corpus))  # deterministic
    assert text.endswith("}\n") and json.loads(text) == data


def test_care_leaver_counts_say_when_the_judgement_is_combined(tmp_path: Path,
                                                               corpus: Path) -> None:
    pack = _pack(tmp_path, MATCH="['\\bpathway plans\\b']")
    text = (pack / "rules.yaml").read_text(encoding="utf-8").replace(
        "areas: [help_and_protection]", "areas: [care_leavers]")
    (pack / "rules.yaml").write_text(text, encoding="utf-8")
    data = evidence.build(read_rules([pack]).rules, corpus)["rules"]["TST-201"]
    assert data["counts"]["ilacs-2018"]["judgement"] == "children_in_care (combined)"
    # Beta's care leavers were judged with its children in care: inadequate
    assert data["counts"]["ilacs-2018"]["area"]["inadequate"] == {"of": 1, "reports": 1}
    parsed = statistics.parse({**evidence.build(read_rules([pack]).rules, corpus)})
    assert parsed.rules["TST-201"].combined_frameworks() == ["ilacs-2018"]


def test_boilerplate_rule() -> None:
    assert evidence.is_boilerplate(20, "Short.")
    assert evidence.is_boilerplate(5, "one two three four five six seven eight")
    assert not evidence.is_boilerplate(5, "one two three")
    assert not evidence.is_boilerplate(4, "one two three four five six seven eight")


def test_unknown_cited_report_is_refused(tmp_path: Path, corpus: Path) -> None:
    rules = read_rules([_pack(tmp_path, REPORT="nowhere-2020-01-01-ilacs")]).rules
    with pytest.raises(InvalidRules) as caught:
        evidence.build(rules, corpus)
    assert caught.value.problems[0].code == "RL024"


def test_cli_builds_and_checks_a_file(tmp_path: Path, corpus: Path) -> None:
    pack = _pack(tmp_path)
    out = tmp_path / "evidence.json"
    runner = CliRunner()
    built = runner.invoke(cli, ["evidence", "build", str(pack), "--corpus", str(corpus),
                                "-o", str(out)])
    assert built.exit_code == 0, built.output
    check = ["evidence", "build", str(pack), "--corpus", str(corpus), "-o", str(out), "--check"]
    assert runner.invoke(cli, check).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"Delta"', '"Other"'))
    stale = runner.invoke(cli, check)
    assert stale.exit_code == 1 and "out of date" in stale.output
    printed = runner.invoke(cli, ["evidence", "build", str(pack), "--corpus", str(corpus)])
    assert printed.exit_code == 0 and json.loads(printed.stdout)["rules"]["TST-201"]
    not_a_corpus = runner.invoke(cli, ["evidence", "build", "--corpus", str(tmp_path)])
    assert not_a_corpus.exit_code == 2 and "index.csv" in not_a_corpus.output


def test_lint_with_a_corpus_checks_patterns_quotes_and_grades(tmp_path: Path,
                                                              corpus: Path) -> None:
    pack = _pack(tmp_path)
    assert _lint(str(pack), "--corpus", str(corpus)) == (
        0, "1 rule in 1 file: no problems\n")
    cases = {
        "RL022": {"MATCH": "['\\bunicorns\\b']"},
        "RL024": {"QUOTE": "Some return home interviews are never offered."},
        "RL025": {"GRADE": "good"},
    }
    for code, fields in cases.items():
        status, output = _lint(str(_pack(tmp_path, **fields)), "--corpus", str(corpus))
        assert status == 4 and f"[{code}]" in output, (code, output)
    status, output = _lint(str(_pack(tmp_path, PARA="2")), "--corpus", str(corpus))
    assert "[RL024]" in output and "not in paragraph '2'" in output
    status, output = _lint(str(_pack(tmp_path, REPORT="nowhere-2020-01-01-ilacs")), "--corpus",
                           str(corpus))
    assert "[RL024]" in output and "no report" in output


def test_lint_without_a_corpus_checks_patterns_and_citations(tmp_path: Path) -> None:
    status, output = _lint(str(_pack(tmp_path, MATCH="['(unclosed', '(a+)+b']")))
    assert status == 4 and output.count("[RL021]") == 2 and "does not compile" in output
    assert "quantifier" in output
    pack = _pack(tmp_path)
    text = (pack / "rules.yaml").read_text(encoding="utf-8")
    (pack / "rules.yaml").write_text(text.replace("        report: delta-2024-06-03-ilacs\n", ""))
    status, output = _lint(str(pack))
    assert status == 4 and "[RL023]" in output and "must name the report" in output
    (pack / "rules.yaml").write_text(text.replace("source: test-reports",
                                                  "source: cornwall-2009-slac"))
    assert "[RL023]" in _lint(str(pack))[1]
    (pack / "rules.yaml").write_text(text.replace("judgement: help_and_protection",
                                                  "judgement: Help and protection"))
    assert "not a judgement of the corpus index" in _lint(str(pack))[1]


def _statistics(**counts: tuple[int, int]) -> RuleStatistics:
    """Counts keyed framework_grade, e.g. ilacs_2018_inadequate=(3, 7)."""
    table: dict[str, dict[str, dict[str, Count]]] = {}
    for key, (reports, of) in counts.items():
        family, year, grade = key.split("_", 2)
        table.setdefault(f"{family}-{year}", {}).setdefault("area", {})[grade] = Count(reports, of)
    return RuleStatistics(rule="X-001", area="help_and_protection", patterns="p", counts=table,
                          judgements={}, examples=(),
                          years={"sif-2013": (2014, 2018), "ilacs-2018": (2018, 2023),
                                 "ilacs-2023": (2023, 2025)})


def test_statement_is_worked_out_from_the_numbers() -> None:
    found = _statistics(ilacs_2018_inadequate=(20, 30), ilacs_2023_inadequate=(11, 17),
                        ilacs_2018_good=(4, 100), ilacs_2023_good=(1, 40),
                        ilacs_2023_outstanding=(1, 12), sif_2013_inadequate=(9, 28),
                        sif_2013_good=(2, 33))
    assert found.statement() == (
        "inspectors raised this in 31 of 47 inadequate and 6 of 152 good or outstanding ILACS "
        "reports, 2018-2025, and in 9 of 28 inadequate and 2 of 33 good or outstanding SIF "
        "reports, 2014-2018")
    only_sif = _statistics(sif_2013_inadequate=(1, 5))
    assert only_sif.statement() == "inspectors raised this in 1 of 5 inadequate SIF reports, 2014-2018"
    assert "no count" in _statistics().statement()


def test_statistics_follow_the_patterns_they_were_built_from(tmp_path: Path) -> None:
    rule = read_rules([_pack(tmp_path)]).rules[0]
    assert rule.finding_patterns is not None
    found = RuleStatistics("TST-201", "help_and_protection", rule.finding_patterns.digest(), {},
                           {}, (Example("r", "A", "2024-01-02", None, "s"),))
    data = EvidenceData(rules={"TST-201": found})
    assert data.for_rule(rule) is found
    changed = RuleStatistics("TST-201", "help_and_protection", "other", {}, {}, ())
    assert EvidenceData(rules={"TST-201": changed}).for_rule(rule) is None
    assert EvidenceData().for_rule(rule) is None
    assert found.examples[0].attribution() == "A, 2024"


def test_loading_the_file(tmp_path: Path) -> None:
    assert statistics.load(tmp_path / "absent.json") == EvidenceData()
    broken = tmp_path / "broken.json"
    broken.write_text('{"rules": {}}', encoding="utf-8")
    with pytest.raises(InternalError, match="not a valid evidence file"):
        statistics.load(broken)


def _check(runner: CliRunner, data: dict[str, Any], tmp_path: Path, *args: str) -> str:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_shipped_file_is_read_only_when_a_report_shows_it(tmp_path: Path) -> None:
    runner = CliRunner()
    statistics.shipped.cache_clear()
    quiet = {"authority": {"name": "Testshire", "as_of": "2024-03-31"},
             "workforce": {"vacancy_rate_pct": 1}}
    _check(runner, quiet, tmp_path, "--format", "json")
    assert statistics.shipped.cache_info().currsize == 0
    weak = {**quiet, "supervision": {"staff_supervised_within_policy_pct": 20}}
    report = json.loads(_check(runner, weak, tmp_path, "--format", "json"))
    assert statistics.shipped.cache_info().currsize == 1
    findings = {f["rule"]: f for a in report["assessments"][0]["areas"] for f in a["findings"]}
    stats = findings["SV-001"]["evidence_statistics"]
    assert stats["statement"].startswith("inspectors raised this in ")
    assert stats["attribution"] == statistics.ATTRIBUTION
    cited = [e for e in findings["SV-001"]["evidence"] if "report" in e]
    assert cited and cited[0]["authority"] == "Havering" and cited[0]["date"] == "2024-02-16"
    text = _check(runner, weak, tmp_path, "--detail", "full")
    assert "in inspection reports: Inspectors raised this in" in text
    assert "Havering, Ofsted inspection report published 2024-02-16, paragraph 9" in text
    assert "Open Government Licence" in text
    markdown = _check(runner, weak, tmp_path, "--format", "markdown", "--detail", "full")
    assert "- In inspection reports: Inspectors raised this in" in markdown
    html = _check(runner, weak, tmp_path, "--format", "html", "--appendix")
    assert '<p class="statistics">Inspectors raised this in' in html


def test_every_shipped_statistic_belongs_to_a_rule_with_those_patterns() -> None:
    rules = {rule.id: rule for rule in read_rules().rules}
    data = statistics.load(REPO / "rules" / statistics.EVIDENCE_FILE)
    assert data.rules, "rules/evidence.json has no statistics"
    for rule_id in data.rules:
        assert data.for_rule(rules[rule_id]) is not None, f"{rule_id}: rebuild rules/evidence.json"
    with_patterns = {key for key, rule in rules.items() if rule.finding_patterns is not None}
    assert with_patterns == set(data.rules)


@pytest.mark.slow
def test_shipped_evidence_file_is_current() -> None:
    if not (CORPUS / "index.csv").is_file():
        pytest.skip("the report corpus (../shared/corpus) is not beside this checkout")
    result = CliRunner().invoke(cli, ["evidence", "build", "--corpus", str(CORPUS), "--check"])
    assert result.exit_code == 0, (
        "rules/evidence.json is stale: run `checker evidence build --corpus ../shared/corpus`\n"
        + result.output)


@pytest.mark.slow
def test_shipped_rules_lint_clean_against_the_corpus() -> None:
    if not (CORPUS / "index.csv").is_file():
        pytest.skip("the report corpus (../shared/corpus) is not beside this checkout")
    status, output = _lint("--corpus", str(CORPUS))
    assert status == 0, output
