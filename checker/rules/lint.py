"""Semantic checks of rules, each with a stable code (:data:`checker.core.vocab.LINT_CODES`)
and a message naming file, line and pointer.

``essential`` checks are those a rule must pass to be evaluated correctly (references, types,
ranges, the engine's limits); ``full`` adds the maintainers' checks (tests present and valid,
the condition can fire and does not always fire, finding patterns compile and are safe,
corpus citations are complete). Quote checks against source texts (RL018) are
:mod:`checker.rules.quotes`; checks against the report corpus (RL022, RL024, RL025) are
:mod:`checker.rules.corpuslint`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from checker.core.errors import InvalidAssessment, Problem
from checker.core.text import did_you_mean
from checker.engine import conditions as cond
from checker.engine.durable import MAX_RULE_CONDITIONS, MAX_RULE_DEPTH, condition_count
from checker.inputs.assessment import from_document
from checker.inputs.metrics import Metric
from checker.inputs.safeload import Document
from checker.rules.model import Evidence, Rule
from checker.rules.patterns import problem as pattern_problem
from checker.rules.satisfiable import explore, is_number

TEST_AUTHORITY = {"name": "Rule test authority", "as_of": "2024-03-31"}
#: What a corpus citation's grade may name: the areas as the corpus index maps them, or overall.
CORPUS_JUDGEMENTS = ("leadership", "help_and_protection", "children_in_care", "care_leavers",
                     "overall")


def _copied_national(rule: Rule, metric: Metric, pointer: str) -> list[Problem]:
    """RL026: a published measure held against a number copied from a national release goes
    stale and is wrong for other years; the shipped statistics hold the right year's."""
    if not metric.published or rule.basis.kind not in {"national", "source"}:
        return []
    return [rule.problem(
        pointer, f"{metric.path} is published for every authority, but this rule compares it "
        "with a fixed national figure", code="RL026",
        expected="worse_than: national | region | neighbours (with by or by_pct), or "
        "quartile: bottom, so the year-matched published figures are used",
        found=f"a number, with basis kind {rule.basis.kind!r}")]


class Linter:
    """Runs the checks over a list of rules against the metric catalogue and registries."""

    def __init__(
        self,
        metrics: Mapping[str, Metric],
        policies: Mapping[str, Metric],
        areas: Iterable[str],
        topics: Iterable[str],
        sources: Iterable[str],
        corpus_sources: Iterable[str] = (),
    ) -> None:
        self.metrics = metrics
        self.policies = policies
        self.areas = set(areas)
        self.topics = set(topics)
        self.sources = set(sources)
        self.corpus_sources = set(corpus_sources)

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
                    hint=did_you_mean(area, self.areas),
                ))
        for index, topic in enumerate(rule.topics):
            if topic not in self.topics:
                problems.append(rule.problem(
                    f"/topics/{index}", f"unknown topic {topic!r}", code="RL009",
                    hint=did_you_mean(topic, self.topics),
                ))
        for evidence in rule.evidence:
            if evidence.source not in self.sources:
                problems.append(rule.problem(
                    evidence.pointer + "/source", f"unknown source {evidence.source!r}",
                    code="RL010", hint=did_you_mean(evidence.source, self.sources),
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
                found=repr(path), hint=did_you_mean(path, self.metrics),
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
                problems += self._constant(rule, metric, value, f"{leaf.pointer}{key}/{index}")
            return problems
        if isinstance(leaf, cond.Versus):
            return problems + self._versus(rule, metric, leaf)
        return problems + self._compare(rule, metric, leaf)

    @staticmethod
    def _versus(rule: Rule, metric: Metric, leaf: cond.Versus) -> list[Problem]:
        if metric.polarity not in {"higher_is_better", "lower_is_better"}:
            return [rule.problem(
                leaf.pointer, f"{metric.path} has no direction (polarity "
                f"{metric.polarity or 'not stated'}), so it cannot be worse or better than a "
                "comparator", code="RL019",
                expected="a metric whose schema entry states higher_is_better or "
                "lower_is_better", found=str(metric.polarity))]
        if leaf.comparator == "quartile" and (leaf.by or leaf.by_pct):
            return [rule.problem(leaf.pointer, "a quartile comparison takes no margin",
                                 code="RL019", expected="no by or by_pct with quartile")]
        if leaf.by and leaf.by_pct:
            return [rule.problem(leaf.pointer, "give the margin once, as by or as by_pct",
                                 code="RL019", expected="by or by_pct, not both")]
        return []

    def _compare(self, rule: Rule, metric: Metric, leaf: cond.Compare) -> list[Problem]:
        pointer = f"{leaf.pointer}/{leaf.op}"
        if leaf.op in {"gt", "gte", "lt", "lte"} and metric.kind in {"boolean", "enum", "text"}:
            return [rule.problem(
                pointer, f"{leaf.op} cannot compare {metric.path}, a metric of kind {metric.kind}",
                code="RL006", expected=f"eq, ne, in or not_in for kind {metric.kind}",
                found=leaf.op,
            )]
        match leaf.operand:
            case cond.Constant(value):
                return self._constant(rule, metric, value, pointer) + _copied_national(
                    rule, metric, pointer)
            case cond.MetricRef(path):
                return self._metric_operand(rule, metric, path, pointer)
            case cond.PolicyRef(name):
                return self._policy_operand(rule, metric, name, pointer)
        raise TypeError(leaf.operand)

    def _metric_operand(self, rule: Rule, metric: Metric, path: str, pointer: str
                        ) -> list[Problem]:
        other, problems = self._metric(rule, path, pointer + "/metric")
        if other is None:
            return problems
        if not _comparable(metric, other):
            problems.append(rule.problem(
                pointer + "/metric",
                f"{metric.path} ({metric.kind}) cannot be compared with {other.path} "
                f"({other.kind})",
                code="RL006", expected=f"a metric of the same kind as {metric.path}",
                found=other.kind,
            ))
        if other.path == metric.path:
            problems.append(rule.problem(
                pointer, f"{metric.path} is compared with itself", code="RL006"))
        return problems

    def _policy_operand(self, rule: Rule, metric: Metric, name: str, pointer: str
                        ) -> list[Problem]:
        policy = self.policies.get(name)
        if policy is None:
            return [rule.problem(
                pointer + "/policy", f"unknown policy parameter {name!r}",
                code="RL005", expected="one of: " + ", ".join(sorted(self.policies)),
                hint=did_you_mean(name, self.policies),
            )]
        if not metric.numeric or (metric.kind == "percent") != policy.unit.startswith("percent"):
            return [rule.problem(
                pointer + "/policy",
                f"{metric.path} ({metric.unit}) cannot be compared with policy "
                f"{name} ({policy.unit})",
                code="RL006", expected="a policy parameter in the metric's unit",
                found=policy.unit,
            )]
        return []

    def _constant(self, rule: Rule, metric: Metric, value: Any, pointer: str) -> list[Problem]:
        if metric.numeric:
            return self._number(rule, metric, value, pointer)
        if metric.kind == "boolean" and not isinstance(value, bool):
            return [rule.problem(
                pointer, f"{metric.path} is true or false but is compared with {value!r}",
                code="RL006", expected="true or false", found=repr(value),
            )]
        if metric.kind in {"enum", "ordinal"} and value not in metric.values:
            return [rule.problem(
                pointer, f"{value!r} is not a value of {metric.path}", code="RL007",
                expected="one of: " + ", ".join(metric.values), found=repr(value),
                hint=did_you_mean(str(value), metric.values),
            )]
        return []

    @staticmethod
    def _number(rule: Rule, metric: Metric, value: Any, pointer: str) -> list[Problem]:
        if not is_number(value):
            return [rule.problem(
                pointer, f"{metric.path} is a number but is compared with "
                f"{type(value).__name__} {value!r}", code="RL006",
                expected="a number", found=repr(value),
            )]
        low = metric.minimum if metric.minimum is not None else float("-inf")
        high = metric.maximum if metric.maximum is not None else float("inf")
        wrong: tuple[str, str, str] | None = None  # message, expected, found
        if not low <= value <= high:
            wrong = (f"threshold {value:g} is outside the range of {metric.path} "
                     f"({metric.unit})", f"a value from {low:g} to {high:g}", f"{value:g}")
        elif isinstance(value, float) and round(value, 4) != value:
            wrong = (f"threshold {value!r} is more precise than the figures it is compared "
                     "with (four decimal places)", "at most four decimal places", repr(value))
        elif metric.kind == "count" and value != int(value):
            wrong = (f"{metric.path} counts whole things; a threshold of {value:g} hides "
                     "which whole number is meant", "a whole number", f"{value:g}")
        if wrong is None:
            return []
        message, expected, found = wrong
        return [rule.problem(pointer, message, code="RL007", expected=expected, found=found)]

    def _limits(self, rule: Rule) -> list[Problem]:
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
            problems.extend(pattern_problems(rule))
            problems.extend(self._corpus_citations(rule))
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


    def _corpus_citations(self, rule: Rule) -> list[Problem]:
        problems = []
        for item in rule.evidence:
            message = self._citation_problem(item)
            if message is not None:
                where, text, expected = message
                problems.append(rule.problem(item.pointer + where, text, code="RL023",
                                             expected=expected))
        return problems

    def _citation_problem(self, item: Evidence) -> tuple[str, str, str] | None:
        """(pointer, message, expected) for an incomplete corpus citation, or None."""
        if item.source not in self.corpus_sources:
            if item.report is None:
                return None
            return ("/report", f"report is given but {item.source!r} is not a corpus source",
                    "report only with a source registered with corpus: true")
        if item.report is None:
            return ("", f"a citation of {item.source!r} must name the report",
                    "report: <the report's file name without folder or extension>")
        if item.grade is None:
            return ("", "a corpus citation must give the report's grade for the area",
                    "grade: {judgement: <area>, grade: <the report's published grade>}")
        if item.grade.judgement not in CORPUS_JUDGEMENTS:
            return ("/grade/judgement",
                    f"{item.grade.judgement!r} is not a judgement of the corpus index",
                    "one of: " + ", ".join(CORPUS_JUDGEMENTS))
        return None


def pattern_problems(rule: Rule) -> list[Problem]:
    """RL021: every finding pattern compiles and has no nested quantifier over the same text."""
    patterns = rule.finding_patterns
    if patterns is None:
        return []
    problems = []
    for kind, items in (("match", patterns.match), ("exclude", patterns.exclude)):
        for index, pattern in enumerate(items):
            message = pattern_problem(pattern)
            if message is not None:
                problems.append(rule.problem(f"{patterns.pointer}/{kind}/{index}",
                                             f"finding pattern {message}", code="RL021"))
    return problems


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
