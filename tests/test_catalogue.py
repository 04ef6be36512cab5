"""The shipped rule catalogue: every rule's own tests as pytest cases, and the catalogue's
promises (size, sources, areas, evidence verbatim, generated docs current)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from click.testing import CliRunner

from checker.cli.app import cli
from checker.engine.conditions import Compare, Member, MetricRef, Missing, PolicyRef, leaves
from checker.rules.frameworks import current_areas
from checker.rules.loader import load_rulebook
from checker.rules.model import Rule, RuleTest
from checker.rules.quotes import check_seeds
from checker.rules.testing import run_tests
from tests.conftest import REPO, SEEDS

BOOK = load_rulebook()
RULES = list(BOOK.rules)
CASES = [(rule, test) for rule in RULES for test in rule.tests]


@pytest.mark.parametrize(("rule", "test"), CASES,
                         ids=[f"{rule.id}:{test.name}" for rule, test in CASES])
def test_rule_case(rule: Rule, test: RuleTest) -> None:
    """Each test case written in a rule file, through the real engine and the evaluator."""
    single = dataclasses.replace(rule, tests=(test,))
    (result,) = run_tests([single])
    assert result.passed, result.describe()


def test_catalogue_size_and_sources() -> None:
    assert len(RULES) >= 60, len(RULES)
    cited = {e.source for rule in RULES for e in rule.evidence}
    assert cited == set(BOOK.sources), f"sources never cited: {set(BOOK.sources) - cited}"


def test_every_current_area_has_rules() -> None:
    counts = Counter(area for rule in RULES for area in rule.areas)
    for area in current_areas():
        assert counts[area] >= 5, (area, counts[area])


def test_every_rule_has_the_three_kinds_of_test() -> None:
    for rule in RULES:
        kinds = {test.expect for test in rule.tests}
        assert kinds >= {"fire", "no_fire", "not_evaluable"}, rule.id


def test_severities_are_all_in_use() -> None:
    assert set(Counter(rule.severity for rule in RULES)) == {"critical", "major", "moderate",
                                                            "minor"}


def test_good_practice_is_cited() -> None:
    assert any(e.good_practice for rule in RULES for e in rule.evidence)


def test_every_weakness_cites_at_least_one_finding_that_is_not_praise() -> None:
    """Praise quoted as evidence of a failing is flagged good_practice (issue 17), so a rule
    that records a failing must still quote one source that states the failing."""
    bare = [rule.id for rule in RULES if rule.effect != "strength"
            and all(e.good_practice for e in rule.evidence)]
    assert not bare, bare


def test_mandatory_families_are_covered() -> None:
    used = {leaf.metric for rule in RULES for leaf in leaves(rule.when)}
    used |= {leaf.operand.path for rule in RULES for leaf in leaves(rule.when)
             if isinstance(leaf, Compare) and isinstance(leaf.operand, MetricRef)}
    for metric in [
        "workforce.caseload_average",
        "workforce.caseload_counting_unit",
        "workforce.nqsw_holding_complex_cases",
        "supervision.staff_supervised_within_policy_pct",
        "supervision.records_with_actions_and_timescales_pct",
        "child_protection.reviews_on_time_pct",
        "children_in_care.reviews_on_time_pct",
        "workforce.iro_caseload_average",
        "safer_recruitment.positive_disclosure_signoff_level",
        # (positive_disclosure_single_decision_maker is no longer read: Cornwall's inspectors
        # asked for the level and for monitoring, issue 17)
        "safer_recruitment.positive_disclosure_outcomes_monitored",
        "safer_recruitment.single_complete_vetting_record",
        "children_in_care_health.initial_health_assessment_20_working_days_pct",
        "children_in_care_health.review_health_assessment_under_5_pct",
        "children_in_care_health.review_health_assessment_5_and_over_pct",
        "children_in_care_health.dental_check_pct",
        "children_in_care_health.sdq_completed_pct",
        "care_leavers.health_history_provided_pct",
    ]:
        assert metric in used, metric


def test_catalogue_and_fixture_pack_exercise_every_operator() -> None:
    from tests.conftest import OPERATORS_PACK

    book = load_rulebook([OPERATORS_PACK], shipped_rules=False)
    kinds: set[str] = set()
    for rule in book.rules:
        for leaf in leaves(rule.when):
            if isinstance(leaf, Compare):
                kinds.add(leaf.op)
                if isinstance(leaf.operand, MetricRef | PolicyRef):
                    kinds.add(type(leaf.operand).__name__)
            elif isinstance(leaf, Member):
                kinds.add("not_in" if leaf.negated else "in")
            elif isinstance(leaf, Missing):
                kinds.add("missing")
    assert kinds >= {"gt", "gte", "lt", "lte", "eq", "ne", "in", "not_in", "missing",
                     "MetricRef", "PolicyRef"}


def test_every_quote_is_verbatim_at_its_paragraph() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    problems = check_seeds(RULES, SEEDS, {k: s.file for k, s in BOOK.sources.items()},
                           {k: s.paragraphs for k, s in BOOK.sources.items()})
    assert not problems, "\n".join(p.render() for p in problems)


def test_full_lint_is_clean(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "lint"])
    assert result.exit_code == 0, result.output


def test_generated_catalogue_is_current(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "docs", "--check", str(REPO / "docs" / "rules.md")])
    assert result.exit_code == 0, "docs/rules.md is stale: run `checker rules docs -o docs/rules.md`"
