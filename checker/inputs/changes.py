"""``--what-if metric=value``: changes to a self-assessment's figures, checked as strictly as
the file itself (the value must fit the metric's type and range, and the changed file must
pass the schema and the cross-field checks).

A value is written as in a YAML file: a number (``12``, ``17.5``), ``true``/``false`` (``yes``
and ``no`` are accepted here), a category (``head_of_service`` or ``head of service``), or
``null`` to make the figure not known.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.core.errors import InvalidArgument, InvalidAssessment, Problem
from checker.core.text import did_you_mean
from checker.inputs.assessment import Assessment, from_document
from checker.inputs.metrics import Metric, catalogue

OPTION = "--what-if"
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
_UNKNOWN = {"", "null", "none", "unknown"}


@dataclass(frozen=True)
class Change:
    metric: str
    #: None: the figure becomes not known.
    value: Any


def _refuse(spec: str, message: str, hint: str | None = None) -> InvalidArgument:
    return InvalidArgument([Problem(file=OPTION, message=f"{spec!r}: {message}", hint=hint)])


def _value(spec: str, metric: Metric, text: str) -> Any:
    raw = text.strip()
    if raw.lower() in _UNKNOWN:
        return None
    if metric.kind == "boolean":
        if raw.lower() not in _BOOLEANS:
            raise _refuse(spec, f"{metric.path} is yes or no", "write true or false")
        return _BOOLEANS[raw.lower()]
    if metric.numeric:
        try:
            number = float(raw.rstrip("%") if metric.kind == "percent" else raw)
        except ValueError:
            raise _refuse(spec, f"{metric.path} is a number ({metric.unit})",
                          "write a plain number, such as 12 or 17.5") from None
        if metric.kind == "count" and not number.is_integer():
            raise _refuse(spec, f"{metric.path} is a whole number ({metric.unit})")
        return int(number) if metric.kind == "count" else number
    if metric.values:
        value = raw.replace(" ", "_").lower()
        if value not in metric.values:
            raise _refuse(spec, f"{metric.path} is one of: {', '.join(metric.values)}",
                          did_you_mean(value, metric.values))
        return value
    return raw


def parse_changes(specs: Sequence[str]) -> tuple[Change, ...]:
    """``metric=value`` specs as changes; :class:`InvalidArgument` (exit 2) if one names an
    unknown metric, gives a value it cannot take, or repeats a metric."""
    metrics = catalogue()
    found: dict[str, Change] = {}
    for spec in specs:
        path, equals, text = spec.partition("=")
        path = path.strip()
        if not equals:
            raise _refuse(spec, "expected metric=value",
                          "for example --what-if workforce.vacancy_rate_pct=12")
        if path not in metrics:
            raise _refuse(spec, f"unknown metric {path!r}", did_you_mean(path, metrics))
        if path in found:
            raise _refuse(spec, f"{path} is changed twice")
        found[path] = Change(path, _value(spec, metrics[path], text))
    return tuple(found.values())


def with_changes(assessment: Assessment, changes: Sequence[Change]) -> Assessment:
    """The assessment with ``changes`` made, validated again; :class:`InvalidArgument` with
    the schema's or cross-field checks' messages if the result is not a valid file."""
    data = copy.deepcopy(assessment.document.data)
    metrics = catalogue()
    for change in changes:
        metric = metrics[change.metric]
        section = data.setdefault(metric.section, {})
        if change.value is None:
            section.pop(metric.name, None)
        else:
            section[metric.name] = change.value
    document = replace(assessment.document, data=data)
    try:
        return from_document(document)
    except InvalidAssessment as error:
        raise InvalidArgument([replace(problem, file=OPTION, line=None, column=None)
                               for problem in error.problems]) from None
