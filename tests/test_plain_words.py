"""The foundations of readable reports: a title for every metric, one table of acronyms
expanded once, nothing from a file that can act on a terminal or break XML, changes to figures
checked as strictly as the file, and what would clear a rule or lower a band worked out from
the conditions and checked by scoring again."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.core import junit
from checker.core.errors import ExitCode, InvalidArgument
from checker.core.text import Expander, json_text, printable, printable_data
from checker.core.vocab import ACRONYM_PATTERN, ACRONYMS
from checker.engine.conditions import AllOf, AnyOf, Compare, Constant, NotOf
from checker.engine.evaluator import Evaluator
from checker.inputs.assessment import load_assessment
from checker.inputs.changes import parse_changes, with_changes
from checker.inputs.metrics import catalogue, policies
from checker.rules.loader import load_rulebook
from checker.scoring.compare import better_directions, direction
from checker.scoring.fixes import clearing
from checker.scoring.run import Checker, framework_for
from tests.conftest import EXAMPLES


def test_every_metric_has_a_short_title_in_its_schema_entry() -> None:
    metrics = {path: metric for path, metric in catalogue().items()
               if not path.startswith("policy.")}
    titles = [metric.title for metric in metrics.values()]
    assert len(titles) == len(set(titles)), "titles must tell metrics apart"
    for path, metric in metrics.items():
        title = metric.title
        assert title != path, f"{path}: give the field a title= in selfassessment.py"
        assert 3 < len(title) <= 70, path
        assert title[0].isupper() or title.split()[0] in ACRONYMS or title[:4] in {
            "NQSW", "PEPs", "IROs", "ASYE"}, path
        assert not re.search(r"\b(and|or|of|the|a|to|in|for|with)$", title), path
        assert title.count("(") == title.count(")"), path
    for path, metric in policies().items():
        assert metric.title.startswith("the authority's"), path


def test_acronyms_expand_once_and_never_inside_a_rule_id() -> None:
    expand = Expander()
    text = expand("The IROs saw CP-003 and CP plans; the IRO again; ILACS (ILACS) later.")
    assert text.startswith("The IROs (independent reviewing officers) saw CP-003 and CP "
                           "(child protection) plans; the IRO again")
    assert "ILACS (inspection of" in text and text.count("(inspection of") == 1
    assert expand("CP and IRO") == "CP and IRO"
    written = Expander()
    assert written("the framework (ILACS), then ILACS") == "the framework (ILACS), then ILACS"
    for key in ACRONYMS:
        assert ACRONYM_PATTERN.fullmatch(key), key


def test_control_characters_never_reach_a_reader() -> None:
    hostile = "Evil\x1b[2J\x07\x00\x9b Council\n# heading\u202e"
    assert printable(hostile) == "Evil [2J    Council # heading "
    assert printable_data({"a": [hostile]}) == {"a": [printable(hostile)]}
    text = json_text({"name": hostile})
    assert "\\u009b" in text and "\\u202e" in text and "\x9b" not in text
    assert json.loads(text)["name"] == hostile  # the data itself is kept exactly


def test_junit_stays_well_formed_whatever_the_names() -> None:
    hostile = "Evil\x1b[31m\x07\x00 Council\n\r\ufffe\x0b"
    suite = junit.Suite(hostile, [junit.Case(hostile, hostile, failure=junit.Failure(
        hostile, f"line one\n{hostile}", type=hostile)), junit.Case("c", "d", skipped=hostile)],
        properties=[("what-if", hostile)])
    document = junit.write(hostile, [suite])
    root = ET.fromstring(document)  # raises if the XML is ill-formed
    assert root.get("tests") == "2" and "\x1b" not in document and "\x07" not in document
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None and "line one\n" in failure.text


@pytest.mark.parametrize(("spec", "message"), [
    ("workforce.vacancy_rate=12", "did you mean 'workforce.vacancy_rate_pct'"),
    ("workforce.vacancy_rate_pct", "expected metric=value"),
    ("workforce.vacancy_rate_pct=high", "is a number"),
    ("leadership.restructure_in_progress=maybe", "write true or false"),
    ("safer_recruitment.positive_disclosure_signoff_level=boss", "is one of"),
    ("workforce.caseload_maximum=2.5", "whole number"),
])
def test_changes_are_refused_with_a_usage_error(spec: str, message: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_changes([spec])
    assert caught.value.exit_code == ExitCode.USAGE
    assert message in caught.value.problems[0].render()


def test_changes_are_made_and_validated_like_the_file() -> None:
    changes = parse_changes(["workforce.vacancy_rate_pct=12%", "workforce.caseload_maximum=30",
                             "leadership.restructure_in_progress=no",
                             "safer_recruitment.positive_disclosure_signoff_level=head of "
                             "service", "workforce.caseload_average=null"])
    assert [c.value for c in changes] == [12.0, 30, False, "head_of_service", None]
    original = load_assessment(EXAMPLES / "cornwall-2009.json")
    changed = with_changes(original, changes)
    assert changed.values["workforce.vacancy_rate_pct"] == 12.0
    assert changed.values["leadership.restructure_in_progress"] is False
    assert "workforce.caseload_average" not in changed.values
    assert original.values["leadership.restructure_in_progress"] is True
    with pytest.raises(InvalidArgument) as caught:
        with_changes(original, parse_changes(["workforce.vacancy_rate_pct=140"]))
    assert caught.value.problems[0].file == "--what-if"


def test_clearing_follows_the_condition_tree() -> None:
    metrics = catalogue()
    vacancy, agency = "workforce.vacancy_rate_pct", "workforce.agency_rate_pct"
    either = AnyOf((Compare(vacancy, "gt", Constant(20), "/0"),
                    Compare(agency, "gt", Constant(15), "/1")), "")
    both = AllOf((Compare(vacancy, "gt", Constant(20), "/0"),
                  Compare(agency, "gt", Constant(15), "/1")), "")
    evaluator = Evaluator({vacancy: 30, agency: 16}, {}, metrics)
    fixes = clearing(either, evaluator.evaluate(either), metrics)
    assert fixes is not None and {(f.metric, f.target) for f in fixes} == {
        (vacancy, 20), (agency, 15)}  # an any needs every true part cleared
    fixes = clearing(both, evaluator.evaluate(both), metrics)
    assert fixes is not None and len(fixes) == 1  # an all needs one part cleared
    negated = NotOf(Compare(vacancy, "gt", Constant(40), "/0"), "")  # fires: 30 is not > 40
    fixes = clearing(negated, evaluator.evaluate(negated), metrics)
    assert fixes is not None and fixes[0].target == 40.1 and fixes[0].distance == 10
    strict = Compare(vacancy, "gte", Constant(20.25), "")
    fixes = clearing(strict, evaluator.evaluate(strict), metrics)
    assert fixes is not None and fixes[0].target == 20.24
    same = AnyOf((Compare(vacancy, "gt", Constant(20), "/0"),
                  Compare(vacancy, "gt", Constant(25), "/1")), "")
    fixes = clearing(same, evaluator.evaluate(same), metrics)
    assert fixes is not None and [(f.metric, f.target) for f in fixes] == [(vacancy, 20)]


def test_better_or_worse_follows_polarity_and_rules() -> None:
    metrics = catalogue()
    vacancy = metrics["workforce.vacancy_rate_pct"]
    assert direction(vacancy, "lower", 16.1, 18) == "worse"
    assert direction(vacancy, "lower", 18, 16.1) == "better"
    flag = metrics["leadership.restructure_in_progress"]
    assert direction(flag, False, False, True) == "worse"
    assert direction(vacancy, None, 1, 2) == "changed"
    assert direction(vacancy, "lower", None, 2) == "changed"
    better = better_directions(load_rulebook(()).rules)
    assert better["workforce.vacancy_rate_pct"] == "lower"  # the schema's polarity
    assert better["children_in_care_health.dental_check_pct"] == "higher"  # a rule fires low
    assert better["leadership.restructure_in_progress"] is False  # a rule fires on yes


def test_every_lowering_is_checked_by_scoring_again(tmp_path: Path) -> None:
    rulebook = load_rulebook(())
    checker = Checker(rulebook)
    for name in ("cornwall-2009", "cumbria-2012"):
        assessment = load_assessment(EXAMPLES / f"{name}.json")
        result = checker.check(assessment, framework_for(assessment, None))
        analysis = checker.analyse(result)
        lowered = [key for key, found in analysis.lowerings.items() if found is not None]
        assert lowered, name
        for area in result.areas:
            found = analysis.lowerings[area.key]
            if found is None or not found.checked:
                continue
            changes = parse_changes([f"{fix.metric}={str(fix.target).lower()}"
                                     if isinstance(fix.target, bool) else
                                     f"{fix.metric}={fix.target}" for fix in found.fixes])
            again = checker.check(with_changes(assessment, changes), result.framework)
            assert next(a.band for a in again.areas if a.key == area.key) == found.band
        ranks = [action.value for action in analysis.actions]
        assert ranks == sorted(ranks, reverse=True)
        assert {action.rule for action in analysis.actions} >= {
            finding.rule.id for area in result.areas for finding in area.findings}
