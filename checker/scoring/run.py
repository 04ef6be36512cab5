"""Run self-assessments through a rulebook: engine and reference evaluator, cross-checked, then
the risk model. The engine is built here, where checking happens, once per rulebook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.core.errors import EngineError, InvalidAssessment, Problem
from checker.core.text import did_you_mean
from checker.engine.conditions import Versus, leaves
from checker.engine.durable import Engine
from checker.engine.evaluator import Evaluation, Evaluator
from checker.inputs.assessment import Assessment
from checker.inputs.metrics import catalogue
from checker.rules.frameworks import DEFAULT_FRAMEWORK, Framework, frameworks
from checker.rules.loader import Rulebook
from checker.rules.model import Rule
from checker.scoring.params import ModelParams, model_params
from checker.scoring.risk import AreaResult, OverallResult, PublishedContext, assess
from checker.scoring.whatif import Model, WhatIf, analyse
from checker.stats.comparators import ResolvedComparator, resolve_comparators


@dataclass
class AssessmentResult:
    assessment: Assessment
    framework: Framework
    evaluations: dict[str, Evaluation]
    areas: tuple[AreaResult, ...]
    overall: tuple[OverallResult, ...]
    published: PublishedContext
    #: Metric path -> the comparators its value is read against (input, else published).
    comparators: dict[str, ResolvedComparator] = field(default_factory=dict)

    @property
    def fired(self) -> list[str]:
        return sorted(rule_id for rule_id, ev in self.evaluations.items() if ev.fired)


def framework_for(assessment: Assessment, requested: str | None) -> Framework:
    """The framework named on the command line, else the file's, else the current one."""
    known = frameworks()
    chosen = requested or assessment.authority.framework or DEFAULT_FRAMEWORK
    if chosen not in known:
        raise InvalidAssessment([assessment.document.problem(
            "/authority/framework", f"unknown framework {chosen!r}",
            expected="one of: " + ", ".join(sorted(known)), found=repr(chosen),
            hint=did_you_mean(chosen, known))])
    return known[chosen]


class Checker:
    """Checks assessments against one rulebook."""

    def __init__(self, rulebook: Rulebook, params: ModelParams | None = None) -> None:
        self.rulebook = rulebook
        self._params = params
        self._engine = Engine(rulebook.rules, catalogue())
        self._versus_metrics = {leaf.metric for rule in rulebook.rules
                                for leaf in leaves(rule.when) if isinstance(leaf, Versus)}

    @property
    def params(self) -> ModelParams:
        """The model's parameters (the shipped ones unless others were given)."""
        return self._params if self._params is not None else model_params()

    def check(self, assessment: Assessment, framework: Framework) -> AssessmentResult:
        figures = resolve_comparators(assessment, self._compared(assessment))
        evaluator = Evaluator(
            assessment.values, assessment.policy, catalogue(), assessment.stated_policy, figures
        )
        rules = self.rulebook.rules
        evaluations = {rule.id: evaluator.evaluate(rule.when) for rule in rules}
        expected = {rule_id for rule_id, evaluation in evaluations.items() if evaluation.fired}
        engine = self._engine.fired(assessment.values, assessment.policy, figures)
        if engine != expected:
            raise EngineError([Problem(
                file=assessment.source,
                message="the rules engine and the reference evaluator disagree about which "
                f"rules fire (engine only: {sorted(engine - expected) or 'none'}; evaluator "
                f"only: {sorted(expected - engine) or 'none'}); no report is printed rather "
                "than a wrong one",
            )])
        areas, overall, published = assess(framework, rules, evaluations, self._params)
        return AssessmentResult(assessment, framework, evaluations, areas, overall, published,
                                figures)

    def analyse(self, result: AssessmentResult) -> WhatIf:
        """What would move the prediction (:mod:`checker.scoring.whatif`), worked out only
        for a report (the backtests do not need it)."""
        assessment = result.assessment
        evaluator_for: dict[int, Evaluator] = {}

        def rerun(rule: Rule, values: Mapping[str, Any]) -> Evaluation:
            evaluator = evaluator_for.get(id(values))
            if evaluator is None:
                evaluator_for.clear()
                evaluator = Evaluator(values, assessment.policy, catalogue(),
                                      assessment.stated_policy, result.comparators)
                evaluator_for[id(values)] = evaluator
            return evaluator.evaluate(rule.when)

        return analyse(Model(
            framework=result.framework, rules=self.rulebook.rules,
            evaluations=result.evaluations, areas=result.areas, published=result.published,
            params=self._params or model_params(), values=assessment.values,
            metrics=catalogue(), rerun=rerun))

    def _compared(self, assessment: Assessment) -> set[str]:
        """The metrics worth comparators: the published measures the file gives (shown beside
        their value, and compared by rules). A file with none never loads the published
        statistics."""
        metrics = catalogue()
        return {path for path in assessment.values
                if metrics[path].published or path in self._versus_metrics}
