"""Semantic checks of rules, each with a stable code and a message naming file and line.

Codes (also listed by ``checker rules lint --help`` and in docs/rules-ci.md):

====== =====================================================================================
RL001  file cannot be read or is not valid YAML (size, encoding, syntax, forbidden tags)
RL002  file breaks the rule schema (schemas/rule.schema.json)
RL003  duplicate rule id
RL004  unknown metric path (with a "did you mean" suggestion)
RL005  unknown policy parameter
RL006  operator or operand does not fit the metric's type
RL007  constant outside the metric's range or not one of its values
RL008  unknown judgement area
RL009  unknown topic
RL010  evidence cites an unknown source
RL011  no test the rule must fire on
RL012  no test the rule must not fire on
RL013  no test with the metric missing (the rule must report "not evaluable")
RL014  test input is not a valid self-assessment
RL015  condition can never fire
RL016  condition fires whatever the values
RL017  condition exceeds the engine's limits (conditions per ruleset, nesting depth)
RL018  evidence quote not found verbatim at the cited paragraph (with --seeds)
====== =====================================================================================
"""

from __future__ import annotations

import difflib
import itertools
import random
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidAssessment, Problem
from checker.engine import conditions as cond
from checker.engine.evaluator import Evaluator
from checker.inputs.metrics import Metric
from checker.inputs.safeload import Document
from checker.rules.model import Rule

MAX_COMBINATIONS = 4096
TEST_AUTHORITY = {"name": "Rule test authority", "as_of": "2024-03-31"}

CODES: dict[str, str] = {
    "RL001": "file cannot be read or is not valid YAML",
    "RL002": "file breaks the rule schema",
    "RL003": "duplicate rule id",
    "RL004": "unknown metric path",
    "RL005": "unknown policy parameter",
    "RL006": "operator or operand does not fit the metric's type",
    "RL007": "constant outside the metric's range or not one of its values",
    "RL008": "unknown judgement area",
    "RL009": "unknown topic",
    "RL010": "evidence cites an unknown source",
    "RL011": "no must-fire test",
    "RL012": "no must-not-fire test",
    "RL013": "no test with the metric missing",
    "RL014": "test input is not a valid self-assessment",
    "RL015": "condition can never fire",
    "RL016": "condition fires whatever the values",
    "RL017": "condition exceeds the engine's limits",
    "RL018": "evidence quote not found at the cited paragraph",
}


def _suggest(word: str, options: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {found[0]!r}?" if found else None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Linter:
    """Runs the checks over a list of rules against the metric catalogue and registries."""

    def __init__(
        self,
        metrics: Mapping[str, Metric],
        policies: Mapping[str, Metric],
        areas: Iterable[str],
        topics: Iterable[str],
        sources: Iterable[str],
    ) -> None:
        self.metrics = metrics
        self.policies = policies
        self.areas = set(areas)
        self.topics = set(topics)
        self.sources = set(sources)

    # --- essential checks: a rule failing these cannot be evaluated correctly -------------

    def essential(self, rules: list[Rule]) -> list[Problem]:
        problems: list[Problem] = []
        seen: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in seen:
                first = seen[rule.id]
                problems.append(rule.problem(
                    "/id", f"duplicate rule id {rule.id}", code="RL003",
                    hint=f"first defined at {first.file}:{first.line}",
                ))
            else:
                seen[rule.id] = rule
            problems.extend(self._references(rule))
            problems.extend(self._limits(rule))
        return problems

    def _references(self, rule: Rule) -> list[Problem]:
        problems = []
        for index, area in enumerate(rule.areas):
            if area not in self.areas:
                problems.append(rule.problem(
                    f"/areas/{index}", f"unknown judgement area {area!r}", code="RL008",
                    expected="one of: " + ", ".join(sorted(self.areas)),
                    hint=_suggest(area, self.areas),
                ))
        for index, topic in enumerate(rule.topics):
            if topic not in self.topics:
                problems.append(rule.problem(
                    f"/topics/{index}", f"unknown topic {topic!r}", code="RL009",
                    hint=_suggest(topic, self.topics),
                ))
        for evidence in rule.evidence:
            if evidence.source not in self.sources:
                problems.append(rule.problem(
                    evidence.pointer + "/source", f"unknown source {evidence.source!r}",
                    code="RL010", hint=_suggest(evidence.source, self.sources),
                ))
        for leaf in cond.leaves(rule.when):
            problems.extend(self._leaf(rule, leaf))
        return problems

    def _metric(self, rule: Rule, path: str, pointer: str) -> tuple[Metric | None, list[Problem]]:
        metric = self.metrics.get(path)
        if metric is None:
            return None, [rule.problem(
                pointer, f"unknown metric {path!r}", code="RL004",
                expected="a metric path from schemas/selfassessment.schema.json",
                found=repr(path), hint=_suggest(path, self.metrics),
            )]
        return metric, []

    def _leaf(self, rule: Rule, leaf: cond.Leaf) -> list[Problem]:
        metric, problems = self._metric(rule, leaf.metric, leaf.pointer + (
            "/missing" if isinstance(leaf, cond.Missing) else "/metric"))
        if metric is None or isinstance(leaf, cond.Missing):
            return problems
        if isinstance(leaf, cond.Member):
            key = "/not_in" if leaf.negated else "/in"
            for index, value in enumerate(leaf.values):
                problems.extend(self._constant(rule, metric, value, f"{leaf.pointer}{key}/{index}"))
            return problems
        pointer = f"{leaf.pointer}/{leaf.op}"
        operand = leaf.operand
        ordering = leaf.op in {"gt", "gte", "lt", "lte"}
        if ordering and metric.kind in {"boolean", "enum", "text"}:
            problems.append(rule.problem(
                pointer, f"{leaf.op} cannot compare {metric.path}, a metric of kind {metric.kind}",
                code="RL006", expected=f"eq, ne, in or not_in for kind {metric.kind}",
                found=leaf.op,
            ))
            return problems
        if isinstance(operand, cond.Constant):
            problems.extend(self._constant(rule, metric, operand.value, pointer))
        elif isinstance(operand, cond.MetricRef):
            other, found = self._metric(rule, operand.path, pointer + "/metric")
            problems.extend(found)
            if other is not None and not _comparable(metric, other):
                problems.append(rule.problem(
                    pointer + "/metric",
                    f"{metric.path} ({metric.kind}) cannot be compared with {other.path} "
                    f"({other.kind})",
                    code="RL006", expected=f"a metric of the same kind as {metric.path}",
                    found=other.kind,
                ))
            if other is not None and other.path == metric.path:
                problems.append(rule.problem(
                    pointer, f"{metric.path} is compared with itself", code="RL006"))
        else:
            policy = self.policies.get(operand.name)
            if policy is None:
                problems.append(rule.problem(
                    pointer + "/policy", f"unknown policy parameter {operand.name!r}",
                    code="RL005", expected="one of: " + ", ".join(sorted(self.policies)),
                    hint=_suggest(operand.name, self.policies),
                ))
            elif not metric.numeric or (metric.kind == "percent") != (
                policy.unit.startswith("percent")
            ):
                problems.append(rule.problem(
                    pointer + "/policy",
                    f"{metric.path} ({metric.unit}) cannot be compared with policy "
                    f"{operand.name} ({policy.unit})",
                    code="RL006", expected="a policy parameter in the metric's unit",
                    found=policy.unit,
                ))
        return problems

    def _constant(self, rule: Rule, metric: Metric, value: Any, pointer: str) -> list[Problem]:
        if metric.numeric:
            if not _is_number(value):
                return [rule.problem(
                    pointer, f"{metric.path} is a number but is compared with "
                    f"{type(value).__name__} {value!r}", code="RL006",
                    expected="a number", found=repr(value),
                )]
            low = metric.minimum if metric.minimum is not None else float("-inf")
            high = metric.maximum if metric.maximum is not None else float("inf")
            if not low <= value <= high:
                return [rule.problem(
                    pointer, f"threshold {value:g} is outside the range of {metric.path} "
                    f"({metric.unit})", code="RL007",
                    expected=f"a value from {low:g} to {high:g}", found=f"{value:g}",
                )]
            if isinstance(value, float) and round(value, 4) != value:
                return [rule.problem(
                    pointer, f"threshold {value!r} is more precise than the figures it is "
                    "compared with (four decimal places)", code="RL007",
                    expected="at most four decimal places", found=repr(value),
                )]
            if metric.kind == "count" and value != int(value):
                return [rule.problem(
                    pointer, f"{metric.path} counts whole things; a threshold of {value:g} "
                    "hides which whole number is meant", code="RL007",
                    expected="a whole number", found=f"{value:g}",
                )]
            return []
        if metric.kind == "boolean":
            if not isinstance(value, bool):
                return [rule.problem(
                    pointer, f"{metric.path} is true or false but is compared with {value!r}",
                    code="RL006", expected="true or false", found=repr(value),
                )]
            return []
        if metric.kind in {"enum", "ordinal"} and value not in metric.values:
            return [rule.problem(
                pointer, f"{value!r} is not a value of {metric.path}", code="RL007",
                expected="one of: " + ", ".join(metric.values), found=repr(value),
                hint=_suggest(str(value), metric.values),
            )]
        return []

    def _limits(self, rule: Rule) -> list[Problem]:
        from checker.engine.durable import MAX_RULE_CONDITIONS, MAX_RULE_DEPTH, condition_count

        problems = []
        normal = cond.normal_form(rule.when)
        count = condition_count(normal)
        if count > MAX_RULE_CONDITIONS:
            problems.append(rule.problem(
                "/when", f"condition compiles to {count} engine conditions", code="RL017",
                expected=f"at most {MAX_RULE_CONDITIONS} (the engine's limit per ruleset)",
                found=str(count),
            ))
        nesting = cond.depth(normal)
        if nesting > MAX_RULE_DEPTH:
            problems.append(rule.problem(
                "/when", f"condition is nested {nesting} levels deep", code="RL017",
                expected=f"at most {MAX_RULE_DEPTH} levels", found=str(nesting),
            ))
        return problems

    # --- full lint: tests and satisfiability ---------------------------------------------

    def full(self, rules: list[Rule]) -> list[Problem]:
        problems = self.essential(rules)
        broken = {(p.file, p.pointer.split("/")[2]) for p in problems
                  if p.pointer.startswith("/rules/")}
        for rule in rules:
            problems.extend(self._tests_present(rule))
            problems.extend(self._test_inputs(rule))
            if (rule.file, rule.pointer.split("/")[2]) not in broken:
                problems.extend(self._satisfiable(rule))
        return problems

    def _tests_present(self, rule: Rule) -> list[Problem]:
        kinds = {test.expect for test in rule.tests}
        wanted = [
            ("fire", "RL011", "the rule has no test it must fire on"),
            ("no_fire", "RL012", "the rule has no test it must not fire on"),
            ("not_evaluable", "RL013",
             "the rule has no test with its metric missing (expect: not_evaluable)"),
        ]
        return [rule.problem("/tests", message, code=code, expected=f"a test with expect: {kind}")
                for kind, code, message in wanted if kind not in kinds]

    def _test_inputs(self, rule: Rule) -> list[Problem]:
        from checker.inputs.assessment import from_document

        problems: list[Problem] = []
        for test in rule.tests:
            document = test_document(rule, test)
            try:
                from_document(document)
            except InvalidAssessment as error:
                problems.extend(
                    replace(p, message=f"test {test.name!r}: {p.message}", code="RL014")
                    for p in error.problems
                )
        return problems

    def _satisfiable(self, rule: Rule) -> list[Problem]:
        outcomes = explore(rule.when, self.metrics, self.policies)
        if outcomes is None:
            return []
        can_fire, always = outcomes
        if not can_fire:
            return [rule.problem("/when", "the condition can never be true, whatever the "
                                 "self-assessment says", code="RL015")]
        if always:
            return [rule.problem("/when", "the condition is true for every possible value, "
                                 "so the rule says nothing about the service", code="RL016")]
        return []


def _comparable(left: Metric, right: Metric) -> bool:
    if left.numeric and right.numeric:
        return (left.kind == "percent") == (right.kind == "percent")
    return left.kind == right.kind and left.values == right.values


def test_document(rule: Rule, test: Any) -> Document:
    """A rule test's input as a self-assessment document whose problems point into the rule
    file: the fixed test authority is added and pointers are mapped back to the YAML."""
    data = dict(test.input)
    data.setdefault("authority", TEST_AUTHORITY)
    prefix = f"{rule.pointer}{test.pointer}/input"

    def locate(pointer: str) -> tuple[int, int] | None:
        return rule.document.position(prefix + pointer)

    return Document(name=rule.file, data=data, kind="yaml", _locate=locate,
                    display_prefix=prefix)


# --- satisfiability by enumeration of the values that matter ---------------------------------


def _points(condition: cond.Condition, policies: Mapping[str, Metric]) -> dict[str, set[Any]]:
    """For each variable (metric path or ``policy.name``), the constants it is compared with."""
    points: dict[str, set[Any]] = {}
    links: list[tuple[str, str]] = []
    for leaf in cond.leaves(condition):
        bucket = points.setdefault(leaf.metric, set())
        if isinstance(leaf, cond.Member):
            bucket.update(leaf.values)
        elif isinstance(leaf, cond.Compare):
            match leaf.operand:
                case cond.Constant(value):
                    bucket.add(value)
                case cond.MetricRef(path):
                    points.setdefault(path, set())
                    links.append((leaf.metric, path))
                case cond.PolicyRef(name):
                    policy = policies.get(name)
                    variable = f"policy.{name}"
                    points.setdefault(variable, set())
                    if policy is not None:
                        points[variable].update(
                            v for v in (policy.minimum, policy.default, policy.maximum)
                            if v is not None
                        )
                    links.append((leaf.metric, variable))
    for left, right in links:  # compared variables must meet at each other's points
        merged = points[left] | points[right]
        points[left] = points[right] = merged
    return points


def _candidates(metric: Metric | None, points: set[Any]) -> list[Any]:
    if metric is None:
        return sorted(points, key=repr)
    if metric.kind == "boolean":
        return [True, False]
    if metric.kind in {"enum", "ordinal"}:
        return [*metric.values]
    low = metric.minimum if metric.minimum is not None else -1e9
    high = metric.maximum if metric.maximum is not None else 1e9
    step = 1 if metric.kind == "count" else 0.5
    values = {low, high}
    for point in points:
        if _is_number(point):
            values.update({point - step, point, point + step})
    return sorted(v for v in values if low <= v <= high)


def explore(
    condition: cond.Condition, metrics: Mapping[str, Metric], policies: Mapping[str, Metric]
) -> tuple[bool, bool] | None:
    """(can fire, fires whenever every value is known), or None when not worked out exactly.

    Truth only changes where a value crosses a constant it is compared with, so trying each
    such constant, a step either side and the ends of the range covers every case.
    """
    points = _points(condition, policies)
    variables = sorted(points)
    options: list[list[Any]] = []  # candidate values per variable
    for variable in variables:
        if variable.startswith("policy."):
            policy = policies.get(variable.removeprefix("policy."))
            options.append(_candidates(policy, points[variable]))
        else:
            options.append(_candidates(metrics.get(variable), points[variable]))
    # Metrics may be missing; policy parameters never are (they fall back to defaults).
    options = [
        choices if variable.startswith("policy.") else [*choices, None]
        for variable, choices in zip(variables, options, strict=True)
    ]
    total = 1
    for choices in options:
        total *= len(choices)
    if total > MAX_COMBINATIONS:
        rng = random.Random(0)  # noqa: S311 - sampling, not security
        can_fire = False
        for _ in range(MAX_COMBINATIONS):
            picked = [rng.choice(choices) for choices in options]
            if _run(condition, variables, picked, metrics) is True:
                can_fire = True
                break
        return (True, False) if can_fire else None
    can_fire = False
    always = True
    for combination in itertools.product(*options):
        picked = list(combination)
        result = _run(condition, variables, picked, metrics)
        if result is True:
            can_fire = True
        if None not in picked and result is not True:
            always = False
    return can_fire, always


def _run(condition: cond.Condition, variables: list[str], picked: list[Any],
         metrics: Mapping[str, Metric]) -> bool | None:
    values = {}
    policy = {}
    for variable, value in zip(variables, picked, strict=True):
        if variable.startswith("policy."):
            if value is not None:
                policy[variable.removeprefix("policy.")] = value
        elif value is not None:
            values[variable] = value
    return Evaluator(values, policy, metrics).evaluate(condition).result


def check_seeds(rules: list[Rule], seeds: Path, files: Mapping[str, str | None],
                styles: Mapping[str, str]) -> list[Problem]:
    """RL018: every quote must be found verbatim (whitespace aside) at its cited paragraph."""
    from checker.rules.quotes import SeedIndex

    problems = []
    indexes: dict[str, SeedIndex | None] = {}
    for rule in rules:
        for evidence in rule.evidence:
            file = files.get(evidence.source)
            if not file or not (seeds / file).is_file():
                continue
            if evidence.source not in indexes:
                indexes[evidence.source] = SeedIndex.load(seeds / file, styles[evidence.source])
            index = indexes[evidence.source]
            if index is None:
                continue
            verdict = index.check(evidence.paragraph, evidence.quote)
            if verdict is not None:
                problems.append(rule.problem(evidence.pointer + "/quote", verdict, code="RL018"))
    return problems
