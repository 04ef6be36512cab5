"""The condition language of rule files, as plain data.

A condition is a tree of ``all`` / ``any`` / ``not`` over four kinds of leaf:

* a comparison of a metric with a constant, another metric or a policy parameter
  (``gt gte lt lte eq ne``),
* a comparison of a metric with a comparator of the same metric for the assessment's year,
  in the metric's own direction (its polarity): ``worse_than`` / ``better_than`` England
  (``national``), the ``region`` or the statistical ``neighbours``, optionally by more than a
  margin in the metric's units (``by``) or in per cent of the comparator (``by_pct``); or
  ``quartile: bottom`` / ``top`` among all authorities,
* membership of a metric's value in a set (``in`` / ``not_in``),
* ``missing``: the metric has no value.

Missing data gives three-valued (Kleene) logic: a comparison on an absent metric is
*unknown*, ``all`` is false if any part is false, ``any`` is true if any part is true, and
``not`` leaves unknown unknown. A rule fires only when its condition is *true*. Nothing here
evaluates code; see :mod:`checker.engine.evaluator` and :mod:`checker.engine.durable`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal, cast

from checker.core.vocab import OPERATORS

Scalar = float | int | str | bool
CompareOp = Literal["gt", "gte", "lt", "lte", "eq", "ne"]

COMPARE_OPS: tuple[CompareOp, ...] = ("gt", "gte", "lt", "lte", "eq", "ne")


def _negated(op: CompareOp) -> CompareOp:
    """The comparison true exactly when ``op`` is false (both values known)."""
    return cast(CompareOp, OPERATORS[op].negation)


@dataclass
class Constant:
    value: Scalar


@dataclass
class MetricRef:
    path: str


@dataclass
class PolicyRef:
    name: str


Operand = Constant | MetricRef | PolicyRef


@dataclass
class Compare:
    metric: str
    op: CompareOp
    operand: Operand
    pointer: str = ""


@dataclass
class Member:
    metric: str
    values: tuple[Scalar, ...]
    negated: bool = False
    pointer: str = ""


@dataclass
class Missing:
    metric: str
    negated: bool = False
    pointer: str = ""


@dataclass
class AllOf:
    items: tuple[Condition, ...]
    pointer: str = ""


@dataclass
class AnyOf:
    items: tuple[Condition, ...]
    pointer: str = ""


@dataclass
class NotOf:
    item: Condition
    pointer: str = ""


Relation = Literal["worse", "better"]
ComparatorKind = Literal["national", "region", "neighbours", "quartile"]
COMPARATOR_KINDS: tuple[ComparatorKind, ...] = ("national", "region", "neighbours", "quartile")


@dataclass(frozen=True)
class Versus:
    """``metric`` compared with a comparator of the same metric: worse (or better) than it,
    in the metric's direction, by more than ``by`` units or ``by_pct`` per cent of it. With
    ``quartile``, worse means in the worst quartile of all authorities, better the best."""

    metric: str
    relation: Relation
    comparator: ComparatorKind
    by: float = 0.0
    by_pct: float = 0.0
    negated: bool = False
    pointer: str = ""


Leaf = Compare | Member | Missing | Versus
Condition = Compare | Member | Missing | Versus | AllOf | AnyOf | NotOf


def _group(kind: type[AllOf] | type[AnyOf], key: str, node: dict[str, Any], pointer: str
           ) -> Condition:
    items = tuple(parse(item, f"{pointer}/{key}/{i}") for i, item in enumerate(node[key]))
    return kind(items, pointer)


def parse(node: dict[str, Any], pointer: str) -> Condition:
    """Build a condition from a mapping that has already passed the rule schema."""
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        return _group(AllOf if key == "all" else AnyOf, key, node, pointer)
    if "not" in node:
        return NotOf(parse(node["not"], f"{pointer}/not"), pointer)
    if "missing" in node:
        return Missing(node["missing"], pointer=pointer)
    metric = node["metric"]
    versus = _versus(metric, node, pointer)
    if versus is not None:
        return versus
    if "in" in node or "not_in" in node:
        negated = "not_in" in node
        return Member(metric, tuple(node["not_in" if negated else "in"]), negated, pointer)
    op = next((op for op in COMPARE_OPS if op in node), None)
    if op is None:  # unreachable after schema validation
        raise ValueError(f"{pointer}: not a condition")
    return Compare(metric, op, _operand(node[op]), pointer)


def _versus(metric: str, node: dict[str, Any], pointer: str) -> Versus | None:
    by = node.get("by", 0.0)
    by_pct = node.get("by_pct", 0.0)
    if "worse_than" in node:
        return Versus(metric, "worse", node["worse_than"], by, by_pct, pointer=pointer)
    if "better_than" in node:
        return Versus(metric, "better", node["better_than"], by, by_pct, pointer=pointer)
    if "quartile" in node:
        relation: Relation = "worse" if node["quartile"] == "bottom" else "better"
        return Versus(metric, relation, "quartile", by, by_pct, pointer=pointer)
    return None


def _operand(value: Any) -> Operand:
    if isinstance(value, dict):
        if "metric" in value:
            return MetricRef(value["metric"])
        return PolicyRef(value["policy"])
    return Constant(value)


def _negate_leaf(leaf: Leaf) -> Leaf:
    if isinstance(leaf, Compare):
        return replace(leaf, op=_negated(leaf.op))
    return replace(leaf, negated=not leaf.negated)


def negate(condition: Condition) -> Condition:
    """The negation, pushed down to the leaves (negation normal form).

    Kleene logic makes this exact: ``not (a > b)`` is ``a <= b`` when both are known and
    unknown otherwise, which is precisely what the rewritten comparison gives.
    """
    match condition:
        case AllOf(items, pointer):
            return AnyOf(tuple(negate(item) for item in items), pointer)
        case AnyOf(items, pointer):
            return AllOf(tuple(negate(item) for item in items), pointer)
        case NotOf(item, _pointer):
            return normal_form(item)
        case Compare() | Member() | Missing() | Versus():
            return _negate_leaf(condition)
    raise TypeError(condition)


def normal_form(condition: Condition) -> Condition:
    """The same condition with every ``not`` pushed into the leaves and nested groups flattened."""
    match condition:
        case NotOf(item, _pointer):
            return normal_form(negate(item))  # negate() leaves no NotOf, so this terminates
        case AllOf(items, pointer):
            flat: list[Condition] = []
            for item in (normal_form(item) for item in items):
                flat.extend(item.items if isinstance(item, AllOf) else (item,))
            return flat[0] if len(flat) == 1 else AllOf(tuple(flat), pointer)
        case AnyOf(items, pointer):
            flat = []
            for item in (normal_form(item) for item in items):
                flat.extend(item.items if isinstance(item, AnyOf) else (item,))
            return flat[0] if len(flat) == 1 else AnyOf(tuple(flat), pointer)
    return condition


def leaves(condition: Condition) -> Iterator[Leaf]:
    match condition:
        case AllOf(items) | AnyOf(items):
            for item in items:
                yield from leaves(item)
        case NotOf(item):
            yield from leaves(item)
        case Compare() | Member() | Missing() | Versus():
            yield condition


def depth(condition: Condition) -> int:
    match condition:
        case AllOf(items) | AnyOf(items):
            return 1 + max(depth(item) for item in items)
        case NotOf(item):
            return 1 + depth(item)
    return 1


def operand_text(operand: Operand) -> str:
    match operand:
        case Constant(value):
            if isinstance(value, bool):
                return "yes" if value else "no"
            return str(value).replace("_", " ") if isinstance(value, str) else f"{value:g}"
        case MetricRef(path):
            return path
        case PolicyRef(name):
            return f"policy.{name}"
    raise TypeError(operand)


COMPARATOR_WORDS: dict[str, str] = {
    "national": "England's figure", "region": "the region's figure",
    "neighbours": "the statistical neighbours' average",
}


def versus_words(versus: Versus) -> str:
    """'worse than England's figure by more than 5 points', 'not in the worst quartile'."""
    if versus.comparator == "quartile":
        which = "worst" if versus.relation == "worse" else "best"
        return f"{'not ' if versus.negated else ''}in the {which} quartile of authorities"
    text = f"{versus.relation} than {COMPARATOR_WORDS[versus.comparator]}"
    if versus.by:
        text += f" by more than {versus.by:g}"
    elif versus.by_pct:
        text += f" by more than {versus.by_pct:g}%"
    return f"not {text}" if versus.negated else text


def _describe_leaf(leaf: Leaf) -> str:
    match leaf:
        case Compare(metric, op, operand):
            return f"{metric} {OPERATORS[op].condition_words} {operand_text(operand)}"
        case Member(metric, values, negated):
            shown = ", ".join(operand_text(Constant(value)) for value in values)
            return f"{metric} is {'not ' if negated else ''}one of: {shown}"
        case Missing(metric, negated):
            return f"{metric} is {'known' if negated else 'not known'}"
        case Versus():
            return f"{leaf.metric} is {versus_words(leaf)}"
    raise TypeError(leaf)


def describe(condition: Condition) -> str:
    """The condition in words, for ``rules explain`` and the catalogue."""
    match condition:
        case AllOf(items):
            return "all of (" + "; ".join(describe(item) for item in items) + ")"
        case AnyOf(items):
            return "any of (" + "; ".join(describe(item) for item in items) + ")"
        case NotOf(item):
            return "not (" + describe(item) + ")"
        case Compare() | Member() | Missing() | Versus():
            return _describe_leaf(condition)
    raise TypeError(condition)
