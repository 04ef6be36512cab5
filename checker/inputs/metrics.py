"""The metric catalogue: every metric path in the self-assessment schema with its kind and unit.

Built from the JSON Schema (the contract), not from Python code, so the rule linter checks rule
files against exactly what a self-assessment may contain.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from checker.inputs.schemas import load_schema

#: Kinds recorded in the schema's ``x-kind`` keyword.
NUMERIC_KINDS = frozenset({"percent", "count", "number"})


@dataclass
class Metric:
    path: str
    kind: str
    unit: str
    description: str
    minimum: float | None = None
    maximum: float | None = None
    values: tuple[str, ...] = ()
    default: float | None = None
    #: The DfE indicator id that publishes this measure for every authority, if any.
    published: str | None = None
    #: Which way is better: higher_is_better, lower_is_better or neither (None: not stated).
    polarity: str | None = None
    #: What a person reads instead of the path (the field's title in the schema).
    title: str = ""
    #: Why no rule reads this metric (None: some rule does; a test keeps the two in step).
    unscored: str | None = None

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.path.split(".", 1)[1]

    @property
    def pointer(self) -> str:
        return "/" + self.path.replace(".", "/")

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def ordered(self) -> bool:
        return self.kind == "ordinal"

    def rank(self, value: str) -> int:
        return self.values.index(value)

    @property
    def short_unit(self) -> str:
        """The unit without its range: "percent", "cases per full-time worker", "" for a
        plain count or a category."""
        short = self.unit.split(" (")[0]
        return "" if short in {"count", "true or false", "category", "ordered category"} else (
            short)

    def format(self, value: Any) -> str:
        """A value as a manager reads it: 63%, 24 cases, yes/no, head of service."""
        if value is None:
            return "not known"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int | float):
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if self.kind == "percent":
                return f"{text}%"
            short = self.short_unit
            return f"{text} {short}" if short else text
        return str(value).replace("_", " ")


def _metric(path: str, node: dict[str, Any]) -> Metric:
    values = tuple(item for item in node.get("enum", []) if item is not None)
    description = str(node.get("description", ""))
    return Metric(
        path=path,
        kind=str(node.get("x-kind", "text")),
        unit=str(node.get("x-unit", "")),
        description=description,
        minimum=node.get("minimum"),
        maximum=node.get("maximum"),
        values=values,
        default=node.get("x-default"),
        published=node.get("x-published"),
        polarity=node.get("x-polarity"),
        unscored=node.get("x-unscored"),
        title=str(node.get("x-title") or path),
    )


@functools.cache
def catalogue() -> dict[str, Metric]:
    """Metric path (``section.field``) -> metric, for every measured section."""
    schema = load_schema("selfassessment")
    definitions = schema["$defs"]
    result: dict[str, Metric] = {}
    for section, ref in schema["properties"].items():
        target = ref.get("$ref", "")
        if section in {"authority", "policy"} or not target.startswith("#/$defs/"):
            continue
        body = definitions[target.rsplit("/", 1)[1]]
        for name, node in body.get("properties", {}).items():
            if "x-kind" in node:
                result[f"{section}.{name}"] = _metric(f"{section}.{name}", node)
    return result


@functools.cache
def policies() -> dict[str, Metric]:
    """Policy parameter name -> parameter (with its documented default)."""
    schema = load_schema("selfassessment")
    ref = schema["properties"]["policy"]["$ref"].rsplit("/", 1)[1]
    return {
        name: _metric(f"policy.{name}", node)
        for name, node in schema["$defs"][ref]["properties"].items()
    }


def published_metrics() -> dict[str, Metric]:
    """Metric path -> metric, for the metrics DfE publishes for every authority."""
    return {path: metric for path, metric in catalogue().items() if metric.published}


@functools.cache
def section_of_field() -> dict[str, str]:
    """Field name -> the section it belongs to, for "this field belongs in ..." hints (one
    table for the process: do not change it)."""
    return {metric.name: metric.section for metric in catalogue().values()}
