"""House rules of the code: short functions, one table per vocabulary agreeing with the
schemas, the typed report agreeing with its schema, generated documentation blocks current."""

from __future__ import annotations

import ast
import json
import typing
from pathlib import Path
from typing import Any

import pytest

from checker.core import docblocks
from checker.core.vocab import BANDS, LINT_CODES, SEVERITIES
from checker.report import model
from tests.conftest import REPO

MAX_FUNCTION_LINES = 50
SOURCES = sorted([*(REPO / "checker").rglob("*.py"), *(REPO / "benchmarks").rglob("*.py")])


def _functions(path: Path) -> list[tuple[str, int, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.name, node.lineno, (node.end_lineno or node.lineno) - node.lineno + 1)
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_functions_are_at_most_fifty_lines(path: Path) -> None:
    long = [f"{name} (line {line}): {length} lines" for name, line, length in _functions(path)
            if length > MAX_FUNCTION_LINES]
    assert not long, f"{path.relative_to(REPO)}: {long}"


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text())
    return loaded


def test_vocabularies_agree_with_the_schemas() -> None:
    report = _schema("report")
    assert set(report["$defs"]["band"]["enum"]) == set(BANDS)
    assert report["$defs"]["finding"]["properties"]["severity"]["enum"] == list(SEVERITIES)
    rule_schema = json.dumps(_schema("rule"))
    assert json.dumps(list(SEVERITIES)) in rule_schema
    ranks = [severity.rank for severity in SEVERITIES.values()]
    assert ranks == sorted(ranks, reverse=True), "severities are listed most severe first"
    assert list(LINT_CODES) == [f"RL{n:03d}" for n in range(1, len(LINT_CODES) + 1)]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _typed_dict(annotation: Any) -> Any:
    """The TypedDict inside an annotation (``X``, ``X | None``, ``list[X]``), if any."""
    if typing.is_typeddict(annotation):
        return annotation
    for argument in typing.get_args(annotation):
        found = _typed_dict(argument)
        if found is not None:
            return found
    return None


def _object_schema(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    node = _resolve(schema, node)
    if "properties" in node:
        return node
    if "items" in node:
        return _object_schema(schema, node["items"])
    return None


def _compare(schema: dict[str, Any], node: dict[str, Any], typed: Any, where: str) -> None:
    hints = typing.get_type_hints(typed)
    properties = node["properties"]
    assert set(hints) == set(properties), (where, set(hints) ^ set(properties))
    assert set(node.get("required", [])) <= set(typed.__required_keys__), where
    for key, annotation in hints.items():
        inner = _typed_dict(annotation)
        sub = _object_schema(schema, properties[key])
        if inner is not None and sub is not None:
            _compare(schema, sub, inner, f"{where}.{key}")
        nullable = type(None) in typing.get_args(annotation)
        declared = _resolve(schema, properties[key]).get("type")
        schema_nullable = isinstance(declared, list) and "null" in declared
        if schema_nullable:
            assert nullable, f"{where}.{key} may be null in the schema but not in the type"


def test_typed_report_model_matches_the_report_schema() -> None:
    schema = _schema("report")
    _compare(schema, schema, model.Report, "report")


@pytest.mark.parametrize("name", ["README.md", "docs/rules-ci.md"])
def test_generated_documentation_blocks_are_current(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    assert docblocks.blocks_in(text), f"{name} has no generated blocks"
    assert docblocks.sync(text) == text, (
        f"{name} is stale: run python -m checker.core.docblocks {name}")
