"""Run every rule's own test cases through the real engine and the reference evaluator.

A case passes when both agree with its expectation: ``fire`` (the rule fires), ``no_fire``
(the rule is evaluable and does not fire) or ``not_evaluable`` (a value it needs is missing,
so the report will list a data gap rather than count the rule as passed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.core import junit
from checker.core.errors import InvalidAssessment
from checker.engine.durable import Engine
from checker.engine.evaluator import Evaluation, Evaluator, Step
from checker.inputs.assessment import from_document
from checker.inputs.metrics import catalogue
from checker.rules.lint import test_document
from checker.rules.model import Rule, RuleTest


@dataclass
class CaseResult:
    rule: Rule
    test: RuleTest
    outcome: str  # fire, no_fire, not_evaluable, invalid, engine_mismatch
    evaluation: Evaluation | None
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome == self.test.expect

    @property
    def line(self) -> int | None:
        place = self.rule.document.position(self.rule.pointer + self.test.pointer)
        return place[0] if place else self.rule.line

    def describe(self) -> str:
        """'file:line: RULE test 'name': expected fire, got no_fire; trace ...'"""
        text = (f"{self.rule.file}:{self.line}: {self.rule.id} test {self.test.name!r}: "
                f"expected {self.test.expect}, got {self.outcome}")
        if self.detail:
            text += f" ({self.detail})"
        if self.evaluation is not None:
            text += "; trace: " + "; ".join(_step_text(step) for step in self.evaluation.steps)
        return text


def _step_text(step: object) -> str:
    assert isinstance(step, Step)  # noqa: S101 - internal invariant
    result = "unknown" if step.result is None else str(step.result).lower()
    if step.op in {"missing", "present"}:
        return f"{step.metric} {step.op} -> {result}"
    source = step.threshold_source
    where = f" [{source}]" if source not in {"", "rule"} else ""
    return f"{step.metric}={step.observed!r} {step.op} {step.threshold!r}{where} -> {result}"


def outcome_of(evaluation: Evaluation) -> str:
    if evaluation.result is None:
        return "not_evaluable"
    return "fire" if evaluation.result else "no_fire"


def run_tests(rules: Sequence[Rule]) -> list[CaseResult]:
    metrics = catalogue()
    engine = Engine(rules, metrics)
    results: list[CaseResult] = []
    for rule in rules:
        for test in rule.tests:
            try:
                assessment = from_document(test_document(rule, test))
            except InvalidAssessment as error:
                detail = "; ".join(p.render() for p in error.problems[:3])
                results.append(CaseResult(rule, test, "invalid", None, detail))
                continue
            figures = assessment.comparators  # a rule test uses only its own comparators
            evaluation = Evaluator(assessment.values, assessment.policy, metrics,
                                   assessment.stated_policy, figures).evaluate(rule.when)
            outcome = outcome_of(evaluation)
            fired_by_engine = engine.fired_for(rule.id, assessment.values, assessment.policy,
                                               figures)
            if fired_by_engine != evaluation.fired:
                results.append(CaseResult(
                    rule, test, "engine_mismatch", evaluation,
                    f"engine {'fired' if fired_by_engine else 'did not fire'}, evaluator says "
                    f"{outcome}",
                ))
                continue
            results.append(CaseResult(rule, test, outcome, evaluation))
    return results


def junit_xml(results: Sequence[CaseResult]) -> str:
    """JUnit XML: one test case per rule test, grouped in a suite per rule file."""
    suites: dict[str, junit.Suite] = {}
    for result in results:
        suite = suites.setdefault(result.rule.file, junit.Suite(result.rule.file))
        failure = None if result.passed else junit.Failure(
            f"expected {result.test.expect}, got {result.outcome}", result.describe())
        suite.cases.append(junit.Case(result.rule.id, result.test.name, failure=failure,
                                      file=result.rule.file, line=result.line))
    return junit.write("checker rules test", list(suites.values()))
