"""The only module that talks to durable-rules (the customer's rules engine).

durable-rules 2.0.28 is unmaintained and has measured hazards (../shared/engine-notes.md).
This adapter keeps every one of them away from the rest of the code:

==============================================  ============================================
hazard                                          how the adapter avoids it
==============================================  ============================================
events are consumed by the first matching rule  assessments are asserted as *facts*
a message no rule matches raises                a sentinel rule matches every fact
``delete_state`` with no match segfaults        the sentinel guarantees a match first
a ``$nex``-only rule hangs                      ``$ex``/``$nex`` are never emitted: presence is
                                                an explicit yes/no attribute of the fact
more than 512 conditions per ruleset hangs;     rules are packed into rulesets of at most
more than 63 conditions matching one fact       :data:`MAX_RULESET_CONDITIONS` conditions,
overflow the C core's 64-entry stack (error     which bounds both
303, found by our probes)
facts over ~250 properties fail                 only the attributes a ruleset reads are sent,
                                                at most :data:`MAX_RULESET_ATTRIBUTES` each
``$div`` by zero kills the process              no arithmetic is ever emitted
deep ``$and`` nesting is rejected or crashes    conditions are flattened; depth is capped
no type safety ("abc" > 20 fires, true == 1)    every value is type- and range-checked first;
                                                ordered categories are sent as ranks
``$m`` comparisons fire when the right-hand     every metric-to-metric comparison also
attribute is missing (found by our probes)      requires the right-hand metric to be present
``1e300`` makes ``assert_fact`` fail; numbers   numbers are bounded by the schema; facts are
written with a bare exponent (1e-05, 1e+16)     written in plain decimals (:func:`fact_json`),
fail to parse (error 204, found by our          rule thresholds have at most four places
differential test)                              (lint RL007)
exceptions in actions are swallowed             actions never run: matches are read from the
                                                C core's action queue, and cross-checked with
                                                the evaluator
a Host per check leaks memory and a thread      no Host at all: rulesets are created in the C
                                                core once per process, one session per
                                                assessment, state deleted afterwards
the Host's timer threads dispatch pending       no Host, so no threads
actions every 0.2 s, stealing matches from
synchronous processing (found by our probes)
identical fact twice in a session raises        every assessment gets a fresh session id
bare C error codes                              translated, and traced to the rule at fault
==============================================  ============================================
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from checker.core.errors import EngineError, Problem
from checker.engine import conditions as cond
from checker.engine.comparators import Figures, direction_op, threshold
from checker.inputs.metrics import Metric


class Rule(Protocol):
    """What the engine needs of a rule: its id, its condition, and a way to locate a problem
    in the rule's file (``checker.rules.model.Rule`` provides all three)."""

    @property
    def id(self) -> str: ...

    @property
    def when(self) -> cond.Condition: ...

    def problem(self, pointer: str, message: str, **details: Any) -> Problem: ...


#: durable-rules hangs registering a ruleset with more than 512 distinct conditions, and its
#: alpha-network walk keeps pending conditions on a 64-entry stack: 64 conditions matching one
#: fact fail with error 303 (our probe, tests/engine_hazards.py). Each ruleset therefore holds
#: at most 60 conditions, the sentinel included, so the stack can never overflow.
MAX_RULESET_CONDITIONS = 60
#: durable-rules fails on facts with more than about 250 properties.
MAX_RULESET_ATTRIBUTES = 200
MAX_RULE_CONDITIONS = MAX_RULESET_CONDITIONS - 1
#: durable-rules rejects ``$and`` nested 200 deep; rule files never need more than this.
MAX_RULE_DEPTH = 8
#: Well inside what the engine's number handling survives (``1e300`` breaks it).
MAX_ABS_VALUE = 1e12
SENTINEL = "__sentinel__"

C_ERRORS: dict[int, str] = {
    1: "no rule handled the assessment",
    2: "the same assessment was asserted twice in one session",
    101: "the engine ran out of memory",
    102: "the engine met a value of an unexpected type",
    103: "an attribute name is too long for the engine",
    104: "the engine met an unexpected value",
    105: "the engine met an unexpected name",
    106: "too many rules for one engine ruleset",
    107: "too many existence conditions for one engine ruleset",
    108: "too many joined conditions for one engine ruleset",
    109: "a rule has no condition the engine can use",
    113: "a condition is nested too deeply for the engine",
    201: "the engine could not parse a value",
    202: "the engine could not parse a string (or the operator is not supported)",
    203: "the engine could not parse a number",
    204: "the engine could not parse an object",
    205: "the engine could not parse an array",
    302: "the assessment has too many attributes for the engine",
    303: "the engine's stack is too small for this condition",
    311: "a property the engine needs is missing",
    312: "the engine does not support this operation",
    313: "the assessment is too large for the engine",
}

_CODE = re.compile(r"error code:?\s*(\d+)", re.IGNORECASE)


def translate(error: BaseException) -> str:
    """A bare durable-rules error ("... error code: 204") as words."""
    text = str(error)
    match = _CODE.search(text)
    if match:
        code = int(match.group(1))
        return f"{C_ERRORS.get(code, 'unknown engine error')} (engine error {code})"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def condition_count(condition: cond.Condition) -> int:
    """How many engine conditions a (normal-form) condition compiles to; an upper bound."""
    match condition:
        case cond.AllOf(items) | cond.AnyOf(items):
            return 1 + sum(condition_count(item) for item in items)
        case cond.Member(values=values):
            return len(values) + 1
        case cond.Compare(operand=cond.MetricRef()) | cond.Versus():
            return 3
        case cond.NotOf(item):
            return condition_count(cond.normal_form(item))
    return 1


@dataclass
class _Keys:
    """Short engine attribute names for metrics, their presence and policy parameters."""

    values: dict[str, str] = field(default_factory=dict)
    presence: dict[str, str] = field(default_factory=dict)
    policy: dict[str, str] = field(default_factory=dict)
    #: A comparison with a comparator (negation aside) -> its threshold's attribute; the fact
    #: carries the threshold and whether it is known (``g`` + the attribute).
    thresholds: dict[cond.Versus, str] = field(default_factory=dict)

    def value(self, path: str) -> str:
        return self.values.setdefault(path, f"v{len(self.values)}")

    def present(self, path: str) -> str:
        return self.presence.setdefault(path, f"h{len(self.presence)}")

    def policy_key(self, name: str) -> str:
        return self.policy.setdefault(name, f"q{len(self.policy)}")

    def threshold_key(self, versus: cond.Versus) -> str:
        plain = replace(versus, negated=False, pointer="")
        return self.thresholds.setdefault(plain, f"t{len(self.thresholds)}")

    def count(self) -> int:
        return (len(self.values) + len(self.presence) + len(self.policy)
                + 2 * len(self.thresholds))

    def copy(self) -> _Keys:
        return _Keys(dict(self.values), dict(self.presence), dict(self.policy),
                     dict(self.thresholds))


_OPS = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte", "ne": "$neq"}


def _constant(metric: Metric, value: Any) -> Any:
    if metric.ordered and isinstance(value, str):
        return metric.rank(value)
    return value


def _test(key: str, op: str, right: Any) -> dict[str, Any]:
    """One engine comparison: equality is a plain value, the rest an operator."""
    return {key: right} if op == "eq" else {_OPS[op]: {key: right}}


def _member(condition: cond.Member, keys: _Keys, metrics: Mapping[str, Metric]) -> Any:
    """``in`` as an ``$or`` of equalities, ``not_in`` as an ``$and`` of inequalities (the
    engine has no ``$in``)."""
    info = metrics[condition.metric]
    key = keys.value(condition.metric)
    op = "ne" if condition.negated else "eq"
    parts = [_test(key, op, _constant(info, value)) for value in condition.values]
    if len(parts) == 1:
        return parts[0]
    return {"$and" if condition.negated else "$or": parts}


def _compare(condition: cond.Compare, keys: _Keys, metrics: Mapping[str, Metric]) -> Any:
    key = keys.value(condition.metric)
    match condition.operand:
        case cond.Constant(value):
            return _test(key, condition.op, _constant(metrics[condition.metric], value))
        case cond.MetricRef(path):
            # $m comparisons fire when the other attribute is missing: require it present.
            test = _test(key, condition.op, {"$m": keys.value(path)})
            return {"$and": [test, {keys.present(path): True}]}
        case cond.PolicyRef(name):
            return _test(key, condition.op, {"$m": keys.policy_key(name)})
    raise TypeError(condition.operand)


def _versus(condition: cond.Versus, keys: _Keys, metrics: Mapping[str, Metric]) -> Any:
    """A comparison with a threshold worked out per assessment (:mod:`comparators`), which
    must be known: ``$m`` comparisons fire when the other attribute is missing."""
    op = direction_op(condition, metrics[condition.metric].polarity)
    key = keys.threshold_key(condition)
    test = _test(keys.value(condition.metric), op, {"$m": key})
    return {"$and": [test, {f"g{key}": True}]}


def _compile(condition: cond.Condition, keys: _Keys, metrics: Mapping[str, Metric]) -> Any:
    match condition:
        case cond.Versus():
            return _versus(condition, keys, metrics)
        case cond.AllOf(items) | cond.AnyOf(items):
            group = "$and" if isinstance(condition, cond.AllOf) else "$or"
            return {group: [_compile(item, keys, metrics) for item in items]}
        case cond.Missing(metric, negated):
            return {keys.present(metric): bool(negated)}
        case cond.Member():
            return _member(condition, keys, metrics)
        case cond.Compare():
            return _compare(condition, keys, metrics)
        case cond.NotOf(item):
            return _compile(cond.negate(item), keys, metrics)
    raise TypeError(condition)


@dataclass
class _Ruleset:
    name: str
    rules: list[Rule]
    keys: _Keys
    definition: dict[str, Any]
    conditions: int


def _pack(rules: Sequence[Rule], metrics: Mapping[str, Metric], prefix: str) -> list[_Ruleset]:
    """Compile rules and pack them into rulesets within the engine's limits."""
    packed: list[_Ruleset] = []
    current: list[tuple[Rule, cond.Condition, int]] = []
    keys = _Keys()
    used = 1  # the sentinel's condition

    def close() -> None:
        nonlocal current, keys, used
        if not current:
            return
        final = _Keys()
        definition: dict[str, Any] = {SENTINEL: {"all": [{"m": {"sentinel": 1}}]}}
        for rule, normal, _count in current:
            definition[rule.id] = {"all": [{"m": _compile(normal, final, metrics)}]}
        name = f"{prefix}{len(packed)}"
        packed.append(_Ruleset(name, [r for r, _n, _c in current], final, definition, used))
        current, keys, used = [], _Keys(), 1

    for rule in rules:
        normal = cond.normal_form(rule.when)
        count = condition_count(normal)
        if count > MAX_RULE_CONDITIONS:
            raise EngineError(
                [_rule_problem(rule, f"condition compiles to {count} engine conditions, over "
                               f"the limit of {MAX_RULE_CONDITIONS}")]
            )
        trial = keys.copy()
        _compile(normal, trial, metrics)
        if current and (
            used + count > MAX_RULESET_CONDITIONS or trial.count() > MAX_RULESET_ATTRIBUTES
        ):
            close()
            trial = _Keys()
            _compile(normal, trial, metrics)
        current.append((rule, normal, count))
        keys = trial
        used += count
    close()
    return packed


def _rule_problem(rule: Rule, message: str) -> Problem:
    return rule.problem("", f"rule {rule.id}: {message}")


def _scalar_json(value: Any) -> str:
    """A fact value as JSON; a float never with an exponent (the engine's parser refuses
    ``1e-05``), written with enough digits to be read back as the same double."""
    if isinstance(value, float) and "e" in repr(value):
        import decimal  # noqa: PLC0415 - only for a float Python writes with an exponent

        return format(decimal.Decimal(repr(value)), "f")
    return json.dumps(value)


def fact_json(fact: Mapping[str, Any]) -> str:
    """The flat fact as JSON, numbers in plain decimal notation (see :func:`_scalar_json`): in
    one call unless a float would be written with an exponent (rare), then value by value."""
    if not any(isinstance(value, float) and "e" in repr(value) for value in fact.values()):
        return json.dumps(fact, separators=(",", ":"))
    return "{" + ",".join(f"{json.dumps(key)}:{_scalar_json(value)}"
                          for key, value in fact.items()) + "}"


class _Core:
    """durable-rules' C core, driven directly. durable's Python layer (its Host) would create
    each ruleset with the same call (``create_ruleset`` on the definition as JSON, actions
    taken out); it also loads logging, starts timer threads and builds a closure per match,
    none of which a check needs. Rulesets are created once per process."""

    lock = threading.Lock()
    handles: dict[str, int] = {}  # noqa: RUF012 - process-wide by design
    registered: dict[str, list[str]] = {}  # noqa: RUF012 - process-wide by design
    refused: dict[str, list[Problem]] = {}  # noqa: RUF012 - process-wide by design
    names = itertools.count()

    @staticmethod
    def module() -> Any:
        import durable_rules_engine  # noqa: PLC0415 - the C core loads on first use only

        return durable_rules_engine

    @classmethod
    def create(cls, name: str, definition: dict[str, Any]) -> int:
        """Create a ruleset in the C core (an exception if it refuses the definition)."""
        handle: int = cls.module().create_ruleset(name, json.dumps(definition,
                                                                   ensure_ascii=False))
        return handle


class Engine:
    """Runs a fixed set of rules over assessments, one engine session per assessment."""

    def __init__(self, rules: Sequence[Rule], metrics: Mapping[str, Metric]) -> None:
        self._metrics = metrics
        self._rules = {rule.id: rule for rule in rules}
        digest = hashlib.sha256(
            json.dumps([[r.id, repr(cond.normal_form(r.when))] for r in rules]).encode()
        ).hexdigest()[:16]
        self._digest = digest
        self._rulesets: list[_Ruleset] | None = None
        self._sessions = itertools.count(1)

    @property
    def rulesets(self) -> list[_Ruleset]:
        if self._rulesets is None:
            self._rulesets = _pack(list(self._rules.values()), self._metrics, f"r{self._digest}_")
        return self._rulesets

    def _register(self) -> None:
        """Create every ruleset once per process; a ruleset the engine refused is refused
        again, with the same message, on every later attempt (never "already registered")."""
        with _Core.lock:
            done = _Core.registered.setdefault(self._digest, [])
            for ruleset in self.rulesets:
                if ruleset.name in done:
                    continue
                refused = _Core.refused.get(ruleset.name)
                if refused is None:
                    try:
                        _Core.handles[ruleset.name] = _Core.create(ruleset.name,
                                                                   ruleset.definition)
                    except Exception as error:
                        refused = _Core.refused[ruleset.name] = self._blame(ruleset, error)
                if refused is not None:
                    raise EngineError(refused)
                done.append(ruleset.name)

    def _blame(self, ruleset: _Ruleset, error: BaseException) -> list[Problem]:
        """Find the rule whose compiled form the engine refuses, by creating each alone."""
        reason = translate(error)
        for rule in ruleset.rules:
            probe = f"{ruleset.name}_probe_{next(_Core.names)}"
            definition = {
                SENTINEL: {"all": [{"m": {"sentinel": 1}}]},
                rule.id: {"all": [{"m": _compile(cond.normal_form(rule.when), _Keys(),
                                                 self._metrics)}]},
            }
            try:
                _Core.create(probe, definition)
            except Exception as single:
                return [_rule_problem(rule, f"the rules engine refused it: {translate(single)}")]
        return [Problem(file="engine", message=f"the rules engine refused ruleset "
                        f"{ruleset.name}: {reason}")]

    def _fact(self, ruleset: _Ruleset, values: Mapping[str, Any],
              policy: Mapping[str, float], comparators: Mapping[str, Figures],
              sid: str) -> dict[str, Any]:
        fact: dict[str, Any] = {"sid": sid, "sentinel": 1}
        for versus, key in ruleset.keys.thresholds.items():
            polarity = self._metrics[versus.metric].polarity
            resolved = threshold(versus, polarity, comparators.get(versus.metric))
            fact[f"g{key}"] = resolved is not None
            if resolved is not None:
                fact[key] = self._number(f"comparator of {versus.metric}", resolved.value)
        for path, key in ruleset.keys.values.items():
            value = values.get(path)
            if value is not None:
                fact[key] = self._checked(path, value)
        for path, key in ruleset.keys.presence.items():
            fact[key] = values.get(path) is not None
        for name, key in ruleset.keys.policy.items():
            fact[key] = self._number(f"policy.{name}", policy[name])
        return fact

    def _number(self, path: str, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EngineError(f"{path}: expected a number for the engine, found {value!r}")
        if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
            raise EngineError(f"{path}: {value!r} is outside the range the engine can hold")
        return value

    def _checked(self, path: str, value: Any) -> Any:
        """Refuse anything the engine would mishandle; ordered categories become ranks."""
        metric = self._metrics[path]
        if metric.numeric:
            return self._number(path, value)
        if metric.kind == "boolean":
            if not isinstance(value, bool):
                raise EngineError(f"{path}: expected true or false, found {value!r}")
            return value
        if not isinstance(value, str) or (metric.values and value not in metric.values):
            raise EngineError(f"{path}: {value!r} is not one of {list(metric.values)}")
        return metric.rank(value) if metric.ordered else value

    def fired(self, values: Mapping[str, Any], policy: Mapping[str, float],
              comparators: Mapping[str, Figures] | None = None) -> set[str]:
        """Ids of the rules whose conditions hold for this assessment."""
        self._register()
        with _Core.lock:
            fired: set[str] = set()
            for ruleset in self.rulesets:
                fact = self._fact(ruleset, values, policy, comparators or {},
                                  str(next(self._sessions)))
                fired |= self._assert(ruleset, fact)
            return fired

    def fired_for(self, rule_id: str, values: Mapping[str, Any], policy: Mapping[str, float],
                  comparators: Mapping[str, Figures] | None = None) -> bool:
        """Whether one rule fires, asserting the fact only into the ruleset that holds it (a
        rule's own test cases need not run through every other rule)."""
        self._register()
        with _Core.lock:
            ruleset = next(r for r in self.rulesets if any(x.id == rule_id for x in r.rules))
            fact = self._fact(ruleset, values, policy, comparators or {},
                              str(next(self._sessions)))
            return rule_id in self._assert(ruleset, fact)

    def _assert(self, ruleset: _Ruleset, fact: dict[str, Any]) -> set[str]:
        """Assert one fact and collect the rules that matched.

        durable-rules' Python layer builds a closure, serialises the session state and parses
        the matched fact for every action; with dozens of matches per assessment that cost
        dominated a check. This loop drives the same C calls the layer makes
        (``start_action_for_state`` / ``complete_and_start_action``), reads only the rule
        name of each action and never changes session state, then deletes the session.
        """
        core = _Core.module()
        handle = _Core.handles[ruleset.name]
        sid = fact["sid"]
        names = {rule.id for rule in ruleset.rules} | {SENTINEL}
        matched: set[str] = set()
        try:
            result = core.assert_fact(handle, fact_json(fact))
            state = result[1]
            action = core.start_action_for_state(handle, state)
            while action:
                message = action[1]
                name = message[2:message.index('"', 2)]
                if name not in names:  # a rule may match twice (each branch of an "any")
                    raise EngineError(f"the rules engine reported an unexpected action {name!r} "
                                      f"in {ruleset.name}")
                matched.add(name)
                following = core.complete_and_start_action(handle, state)
                action = (None, following) if following else None
        except EngineError:
            raise
        except Exception as error:
            raise EngineError(
                f"the rules engine failed on ruleset {ruleset.name} "
                f"(rules {', '.join(r.id for r in ruleset.rules[:5])}...): {translate(error)}"
            ) from None
        if SENTINEL not in matched:
            raise EngineError(f"the rules engine did not process the assessment in "
                              f"{ruleset.name} (result {result[0]})")
        core.delete_state(handle, sid)  # safe: the sentinel matched, so the session has state
        return matched - {SENTINEL}
