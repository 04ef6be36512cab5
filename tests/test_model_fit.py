"""Fitting the risk model: cut-offs, rule weights from the report corpus, out-of-fold
procedures, and the shipped rules' severities agreeing with the evidence (rules/model.yaml).
Expectations are worked out by hand here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker.backtest import corpus
from checker.backtest.fit import (
    BAND_GRADE,
    Case,
    Fitted,
    _Table,
    agreement,
    baseline,
    fit_cutoffs,
    folds,
)
from checker.cli.app import cli
from checker.engine import conditions as cond
from checker.inputs.corpus import Report
from checker.rules.loader import load_rulebook
from checker.rules.model import Effect
from checker.rules.patterns import FindingPatterns
from checker.scoring.params import model_params
from tests.conftest import CORPUS, REPO
from tests.engine_hazards import make_rule
from tests.test_evidence import corpus as tiny_corpus  # noqa: F401 - the fixture

CASES = st.lists(st.builds(Case, st.sampled_from("abcdefg"), st.integers(0, 12),
                           st.integers(1, 4)), max_size=40)


@given(CASES)
def test_the_fast_table_agrees_with_judging_every_case(cases: list[Case]) -> None:
    table = _Table(cases)
    for medium in range(len(table.candidates)):
        for high in range(medium + 1, len(table.candidates)):
            fitted = Fitted(table.candidates[medium], table.candidates[high])
            direct = agreement([c.grade for c in cases],
                               [BAND_GRADE[fitted.band(c.score)] for c in cases])
            fast = table.judge(medium, high)
            assert fast.exact == pytest.approx(direct.exact)
            assert fast.within_one == pytest.approx(direct.within_one)
            assert (fast.recall, fast.precision) == (direct.recall, direct.precision)


def test_cut_offs_meet_the_targets_when_some_pair_can() -> None:
    # 10 good at 0-1, 5 requires improvement at 2-3, 5 inadequate at 5 (one at 3)
    cases = ([Case("a", i % 2, 2) for i in range(10)] + [Case("b", 2 + i % 2, 3)
                                                          for i in range(5)]
             + [Case("c", 5, 4) for _ in range(4)] + [Case("c", 3, 4)])
    fitted = fit_cutoffs(cases)
    assert (fitted.medium_at, fitted.high_at) == (2, 5)  # recall 4/5, precision 4/4
    found = agreement([c.grade for c in cases], [BAND_GRADE[fitted.band(c.score)]
                                                 for c in cases])
    assert found.exact == pytest.approx(19 / 20)


def test_without_a_pair_meeting_the_targets_high_needs_twice_the_base_rate() -> None:
    # inadequate spread evenly: no pair finds 60% of them at 35% precision
    cases = [Case(str(i), i % 10, 4 if i % 10 == 0 else 2) for i in range(100)]
    fitted = fit_cutoffs(cases)
    assert fitted.high_at > max(c.score for c in cases)  # never twice as common: no high band


def test_folds_never_split_an_authority() -> None:
    groups = [f"la{i % 13}" for i in range(100)]
    found = folds(groups)
    assert sorted(i for fold in found for i in fold) == list(range(100))
    for fold in found:
        others = {groups[i] for f in found if f is not fold for i in f}
        assert not {groups[i] for i in fold} & others


def test_baseline_predicts_the_commonest_grade_group() -> None:
    assert baseline([1, 2, 3, 3, 4]) == (2, 0.4, 0.8)  # good or better ties RI: the better


def test_severity_is_one_point_per_doubling_of_the_odds() -> None:
    assert corpus.severity_for(None) == corpus.severity_for(0.8) == "minor"
    assert corpus.severity_for(2.0) == "minor" and corpus.severity_for(2.9) == "moderate"
    assert corpus.severity_for(8.0) == "major" and corpus.severity_for(12.0) == "critical"
    assert corpus.odds_ratio(6, 10, 2, 20) == pytest.approx((6.5 / 4.5) / (2.5 / 18.5))


def _report(authority: str, grade: str) -> Report:
    return Report(file=f"{authority}.txt", authority=authority,
                  publication_date=dt.date(2024, 1, 1), fieldwork_start=None,
                  framework="ilacs-2023", type="ilacs", grades={"leadership": grade})


def _rule(rule_id: str, effect: Effect = "weakness") -> Any:
    return dataclasses.replace(make_rule(rule_id, cond.Missing("workforce.nqsw_share_pct")),
                               finding_patterns=FindingPatterns(("x",)), effect=effect)


def _findings(grade: str, count: int, made: int, rule_id: str, start: int = 0
              ) -> list[corpus.ReportFindings]:
    return [corpus.ReportFindings(_report(f"la{start + i}", grade),
                                  frozenset({rule_id} if i < made else ()))
            for i in range(count)]


def test_a_rule_is_weighed_by_its_area_grades() -> None:
    reports = (_findings("inadequate", 10, 6, "W-001")
               + _findings("good", 20, 2, "W-001", start=10))
    weight = corpus.rule_weight(_rule("W-001"), reports)
    assert (weight.made_bad, weight.bad, weight.made_good, weight.good) == (6, 10, 2, 20)
    assert weight.odds_ratio == pytest.approx(10.69, abs=0.01) and weight.severity == "major"
    strength = corpus.rule_weight(_rule("W-001", "strength"), reports)
    assert strength.severity == "minor"  # praise found where judged inadequate: no credit


def test_a_finding_in_fewer_than_five_reports_is_minor() -> None:
    reports = _findings("inadequate", 10, 3, "W-001") + _findings("good", 20, 0, "W-001", 10)
    assert corpus.rule_weight(_rule("W-001"), reports).severity == "minor"


def test_a_report_is_scored_as_a_self_assessment() -> None:
    rules = [_rule("W-001"), _rule("W-002"), _rule("S-001", "strength")]
    weights = {"W-001": corpus.RuleWeight("W-001", "major", 9.0, 0, 0, 0, 0),
               "W-002": corpus.RuleWeight("W-002", "minor", 1.0, 0, 0, 0, 0),
               "S-001": corpus.RuleWeight("S-001", "minor", 3.0, 0, 0, 0, 0)}
    found = corpus.ReportFindings(_report("x", "good"), frozenset({"W-001", "S-001"}))
    assert corpus.report_score(found, rules, weights) == 50  # (3 - 1) of 4


def test_a_held_out_authority_does_not_see_its_own_grades() -> None:
    rules = [_rule("W-001")]
    reports = (_findings("inadequate", 12, 9, "W-001")
               + _findings("good", 30, 3, "W-001", start=12))
    before = {(h.report.authority, h.score, h.band)
              for h in corpus.cross_validate(rules, reports)}
    flipped = [dataclasses.replace(r, report=_report("la0", "good")) if i == 0 else r
               for i, r in enumerate(reports)]
    after = {(h.report.authority, h.score, h.band)
             for h in corpus.cross_validate(rules, flipped)}
    assert {x for x in before if x[0] == "la0"} == {x for x in after if x[0] == "la0"}


def test_every_shipped_rule_has_the_severity_its_evidence_gives() -> None:
    evidence = model_params().rules
    differ = [f"{r.id}: file {r.severity}, evidence {evidence[r.id].severity}"
              for r in load_rulebook().rules if r.id in evidence
              and evidence[r.id].severity != r.severity]
    assert not differ, "run python scripts/fit_model.py --apply-severities: " + "; ".join(differ)
    missing = [r.id for r in load_rulebook().rules if r.id not in evidence]
    assert not missing, "run python scripts/fit_model.py: rules/model.yaml lacks " + str(missing)


def test_corpus_backtest_command(tiny_corpus: Path) -> None:  # noqa: F811
    runner = CliRunner()
    result = runner.invoke(cli, ["backtest", "--corpus", str(tiny_corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["reports"] == 4
    assert [a["area"] for a in document["areas"]] == [*corpus.AREAS, "all"]
    text = runner.invoke(cli, ["backtest", "--corpus", str(tiny_corpus)])
    assert text.exit_code == 0 and "Out of fold" in text.stdout
    refused = runner.invoke(cli, ["backtest", "--corpus", str(tiny_corpus / "reports")])
    assert refused.exit_code == 2 and "no index.csv" in refused.output
    mixed = runner.invoke(cli, ["backtest", "--corpus", str(tiny_corpus), "--published"])
    assert mixed.exit_code == 2


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_readme_quotes_the_current_corpus_backtest() -> None:
    result = CliRunner().invoke(cli, ["backtest", "--corpus", str(CORPUS), "--format",
                                      "markdown"])
    assert result.exit_code == 0, result.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- corpus-backtest:start -->\n") + len(
        "<!-- corpus-backtest:start -->\n")
    assert readme[start:readme.index("<!-- corpus-backtest:end -->")] == result.stdout, (
        "README corpus backtest is stale: run .venv/bin/python scripts/update_readme_backtest.py")
