"""Run one self-assessment through the rulebook: engine, evaluator, cross-check, risk model."""

from __future__ import annotations

from dataclasses import dataclass

from checker.core.errors import EngineError, Problem
from checker.engine.evaluator import Evaluation, Evaluator
from checker.inputs.assessment import Assessment
from checker.inputs.metrics import catalogue
from checker.rules.frameworks import DEFAULT_FRAMEWORK, Framework, frameworks
from checker.rules.loader import Rulebook
from checker.scoring.risk import AreaResult, OverallResult, assess


@dataclass
class AssessmentResult:
    assessment: Assessment
    framework: Framework
    rulebook: Rulebook
    evaluations: dict[str, Evaluation]
    areas: tuple[AreaResult, ...]
    overall: tuple[OverallResult, ...]

    @property
    def fired(self) -> list[str]:
        return sorted(rule_id for rule_id, ev in self.evaluations.items() if ev.fired)


def framework_for(assessment: Assessment, requested: str | None) -> Framework:
    known = frameworks()
    chosen = requested or assessment.authority.framework or DEFAULT_FRAMEWORK
    return known[chosen]


def check_assessment(
    assessment: Assessment, rulebook: Rulebook, framework: Framework
) -> AssessmentResult:
    evaluator = Evaluator(
        assessment.values, assessment.policy, catalogue(), assessment.stated_policy
    )
    evaluations = {rule.id: evaluator.evaluate(rule.when) for rule in rulebook.rules}
    expected = {rule_id for rule_id, evaluation in evaluations.items() if evaluation.fired}
    engine = rulebook.engine().fired(assessment.values, assessment.policy)
    if engine != expected:
        only_engine = sorted(engine - expected)
        only_evaluator = sorted(expected - engine)
        raise EngineError([Problem(
            file=assessment.source,
            message="the rules engine and the reference evaluator disagree about which rules "
            f"fire (engine only: {only_engine or 'none'}; evaluator only: "
            f"{only_evaluator or 'none'}); no report is printed rather than a wrong one",
        )])
    areas, overall = assess(framework, rulebook.rules, evaluations)
    return AssessmentResult(assessment, framework, rulebook, evaluations, areas, overall)
