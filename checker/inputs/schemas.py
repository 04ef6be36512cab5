"""The JSON Schemas (the contract) and turning their validation errors into clear problems."""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core.errors import CheckerError, InternalError, Problem, describe_value
from checker.core.resources import schema_path
from checker.inputs.safeload import Document

if TYPE_CHECKING:  # jsonschema costs ~45 ms to import: only loaded when something is validated
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = (
    "selfassessment", "rule", "report", "framework", "sources", "outcomes", "topics",
)
#: The schemas users and other tools consume (``checker schema NAME``); the first is default.
PUBLISHED_SCHEMAS = ("selfassessment", "rule", "report")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    path = schema_path(name)
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InternalError(f"cannot load the {name} schema from {path}: {exc}") from None
    return schema


@functools.cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def pointer_of(path: Iterable[object]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _types(value: object) -> str:
    names = value if isinstance(value, list) else [value]
    shown = [str(name) for name in names if name != "null"]
    return " or ".join(shown) + (" (or null for 'not known')" if "null" in names else "")


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _suggest(word: str, options: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _resolve(error: ValidationError) -> dict[str, Any]:
    schema = error.schema
    if isinstance(schema, dict) and "$ref" in schema and error.validator != "$ref":
        return schema
    return schema if isinstance(schema, dict) else {}


def explain(
    error: ValidationError, document: Document, *, elsewhere: dict[str, str] | None = None
) -> list[Problem]:
    """One or more problems for one jsonschema error, located in ``document``."""
    pointer = pointer_of(error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance = error.instance
    found = describe_value(instance)
    if keyword == "type":
        return [document.problem(pointer, "wrong type", expected=_types(value), found=found)]
    if keyword in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        sign = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
        return [
            document.problem(
                pointer, "value out of range", expected=f"{sign[keyword]} {value:g}", found=found
            )
        ]
    if keyword == "enum":
        options = ", ".join("null" if item is None else str(item) for item in value)
        return [document.problem(pointer, "not an allowed value", expected=f"one of: {options}",
                                 found=found)]
    if keyword == "const":
        return [document.problem(pointer, "not the required value", expected=repr(value),
                                 found=found)]
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return [
            document.problem(f"{pointer}/{name}", f"required field {name!r} is missing",
                             expected=f"a value for {name!r}", found="nothing")
            for name in missing
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = _allowed_keys(_resolve(error))
        problems = []
        for key in sorted(set(instance) - set(allowed)):
            hint = None
            guess = _suggest(key, allowed)
            if guess:
                hint = f"did you mean {guess!r}?"
            elif elsewhere and key in elsewhere:
                hint = f"this field belongs in {elsewhere[key]!r}"
            problems.append(
                document.problem(f"{pointer}/{key}", f"unknown field {key!r}",
                                 expected="one of the fields the schema defines",
                                 found=repr(key), hint=hint)
            )
        return problems
    if keyword == "propertyNames":
        return [document.problem(pointer, f"key {instance!r} is not allowed here",
                                 found=repr(instance))]
    if keyword == "format":
        expected = {"date": "a date written YYYY-MM-DD"}.get(str(value), f"format {value}")
        return [document.problem(pointer, "not a valid " + str(value), expected=expected,
                                 found=found)]
    if keyword in {"minLength", "maxLength", "minItems", "maxItems", "minProperties"}:
        unit = "characters" if "Length" in keyword else "items"
        bound = "at least" if keyword.startswith("min") else "at most"
        return [document.problem(pointer, "wrong size", expected=f"{bound} {value} {unit}",
                                 found=found)]
    if keyword == "pattern":
        return [document.problem(pointer, "does not match the required pattern",
                                 expected=f"text matching {value}", found=found)]
    explanation = error.schema.get("x-explain") if isinstance(error.schema, dict) else None
    if keyword in {"oneOf", "anyOf"} and explanation:
        return [document.problem(pointer, f"malformed: {explanation}", found=found)]
    if keyword in {"oneOf", "anyOf"} and error.context:
        best = min(error.context, key=lambda sub: (len(sub.absolute_path) * -1, sub.validator))
        deeper = [sub for sub in error.context if sub.validator not in {"type", "required"}]
        return explain(deeper[0] if deeper else best, document, elsewhere=elsewhere)
    return [document.problem(pointer, error.message)]


def schema_problems(
    name: str, document: Document, *, elsewhere: dict[str, str] | None = None
) -> list[Problem]:
    """Every way ``document`` breaks schema ``name``, sorted by position."""
    problems: list[Problem] = []
    for error in validator(name).iter_errors(document.data):
        problems.extend(explain(error, document, elsewhere=elsewhere))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.column or 0, p.pointer, p.message))


def checked_document(path: Path, name: str, error: type[CheckerError], *,
                     max_bytes: int = 1024 * 1024, display: str | None = None
                     ) -> tuple[Document, list[Problem]]:
    """Read a data file, parse it and check it against schema ``name``.

    Files that pass are cached by content (:mod:`checker.core.cache`), so an unchanged file is
    neither parsed nor validated again.
    """
    from checker.core import cache
    from checker.inputs.safeload import parse_text, read_text

    shown = display or str(path)
    text = read_text(path, max_bytes=max_bytes, error=error, name=shown)
    kind = "yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json"
    entry = cache.key(f"doc-{name}", [schema_path(name).read_bytes(), kind, text])
    hit = cache.load(entry)
    if isinstance(hit, dict) and kind == "yaml":
        positions = {pointer: (line, column) for pointer, line, column in hit["positions"]}
        return Document.from_positions(shown, hit["data"], kind, positions), []
    document = parse_text(text, kind=kind, name=shown, error=error)
    problems = schema_problems(name, document)
    if not problems and document.positions is not None:
        cache.store(entry, {
            "data": document.data,
            "positions": [[p, line, col] for p, (line, col) in document.positions.items()],
        })
    return document, problems


def load_valid(path: Path, name: str, error: type[CheckerError], *, max_bytes: int = 1024 * 1024
               ) -> Document:
    """Read ``path`` and check it against schema ``name``, raising ``error`` with every problem."""
    document, problems = checked_document(path, name, error, max_bytes=max_bytes)
    if problems:
        raise error(problems)
    return document
