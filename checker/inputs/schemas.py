"""The JSON Schemas (the contract) and turning their validation errors into clear problems."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core import cache
from checker.core.errors import CheckerError, InternalError, Problem, describe_value
from checker.core.resources import schema_path
from checker.core.text import did_you_mean, escape_token, pointer
from checker.inputs.quickschema import Check, Unsupported, compile_schema
from checker.inputs.safeload import Document, parse_text, read_text

if TYPE_CHECKING:  # jsonschema costs ~45 ms to import: only loaded when something is validated
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = (
    "selfassessment", "rule", "report", "framework", "sources", "outcomes", "topics",
    "published-judgements", "model",
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
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415 - jsonschema costs ~45 ms; only loaded to validate

    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def pointer_of(path: Iterable[object]) -> str:
    return pointer(path)


def _types(value: object) -> str:
    names = value if isinstance(value, list) else [value]
    shown = [str(name) for name in names if name != "null"]
    return " or ".join(shown) + (" (or null for 'not known')" if "null" in names else "")


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _resolve(error: ValidationError) -> dict[str, Any]:
    schema = error.schema
    if isinstance(schema, dict) and "$ref" in schema and error.validator != "$ref":
        return schema
    return schema if isinstance(schema, dict) else {}


_SIGNS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}


def _unknown_fields(error: ValidationError, document: Document, pointer: str,
                    elsewhere: dict[str, str] | None) -> list[Problem]:
    instance = error.instance
    if not isinstance(instance, dict):
        return [document.problem(pointer, error.message)]
    allowed = _allowed_keys(_resolve(error))
    problems = []
    for key in sorted(set(instance) - set(allowed)):
        hint = did_you_mean(key, allowed)
        if hint is None and elsewhere and key in elsewhere:
            hint = f"this field belongs in {elsewhere[key]!r}"
        problems.append(document.problem(f"{pointer}/{escape_token(key)}",
                                         f"unknown field {key!r}",
                                         expected="one of the fields the schema defines",
                                         found=repr(key), hint=hint))
    return problems


def _required(error: ValidationError, document: Document, pointer: str) -> list[Problem]:
    instance = error.instance
    names: list[str] = list(error.validator_value) if isinstance(
        error.validator_value, list) else []
    missing = [name for name in names if isinstance(instance, dict) and name not in instance]
    return [document.problem(f"{pointer}/{name}", f"required field {name!r} is missing",
                             expected=f"a value for {name!r}", found="nothing")
            for name in missing]


def _size(keyword: str, value: Any) -> tuple[str, str]:
    unit = "characters" if "Length" in keyword else "items"
    bound = "at least" if keyword.startswith("min") else "at most"
    return "wrong size", f"{bound} {value} {unit}"


#: Keyword -> (message, expected) for the keywords that need only the error itself.
_SIMPLE: dict[str, Callable[[str, Any], tuple[str, str]]] = {
    "type": lambda _k, value: ("wrong type", _types(value)),
    **{keyword: (lambda k, value: ("value out of range", f"{_SIGNS[k]} {value:g}"))
       for keyword in _SIGNS},
    "enum": lambda _k, value: ("not an allowed value", "one of: " + ", ".join(
        "null" if item is None else str(item) for item in value)),
    "const": lambda _k, value: ("not the required value", repr(value)),
    "format": lambda _k, value: (f"not a valid {value}", {
        "date": "a date written YYYY-MM-DD"}.get(str(value), f"format {value}")),
    **dict.fromkeys(("minLength", "maxLength", "minItems", "maxItems", "minProperties"), _size),
    "pattern": lambda _k, value: ("does not match the required pattern",
                                  f"text matching {value}"),
}


_YES_NO = {"yes": "true", "no": "false", "y": "true", "n": "false", "true": "true",
           "false": "false", "ja": "true", "nein": "false"}
_NUMBER_TEXT = re.compile(r"^\s*[-+]?[\d,]*\.?\d+\s*%?\s*$")


def _number_hint(text: str) -> str | None:
    if not _NUMBER_TEXT.match(text):
        return None
    number = text.strip().rstrip("%").strip().replace(",", "")
    if text.strip().endswith("%"):
        return f"write the number without the % sign: {number} (percentages are 0-100)"
    if "," in text:
        return f"write the number without thousands separators: {number}"
    return f"write the number without quotes: {number}"


def value_hint(keyword: str, expected: Any, found: Any) -> str | None:
    """Advice for a value of the wrong type or not in the list, when it is easy to fix."""
    if not isinstance(found, str):
        return None
    types = expected if isinstance(expected, list) else [expected]
    if keyword == "type" and "boolean" in types and found.strip().lower() in _YES_NO:
        return f"write {_YES_NO[found.strip().lower()]} (without quotes) for yes or no"
    if keyword == "type" and {"number", "integer"} & set(types):
        return _number_hint(found)
    if keyword == "enum" and isinstance(expected, list):
        options = [str(item) for item in expected if item is not None]
        normalised = "_".join(found.strip().lower().replace("-", " ").split())
        if normalised in options:
            return f"write {normalised!r}"
        return did_you_mean(normalised, options)
    return None


def _variant(error: ValidationError, document: Document, pointer: str,
             elsewhere: dict[str, str] | None) -> list[Problem]:
    """A oneOf/anyOf failure: the schema's own explanation, else the likeliest branch's."""
    explanation = error.schema.get("x-explain") if isinstance(error.schema, dict) else None
    if explanation:
        return [document.problem(pointer, f"malformed: {explanation}",
                                 found=describe_value(error.instance))]
    if not error.context:
        return [document.problem(pointer, error.message)]
    best = min(error.context, key=lambda sub: (len(sub.absolute_path) * -1, sub.validator))
    deeper = [sub for sub in error.context if sub.validator not in {"type", "required"}]
    return explain(deeper[0] if deeper else best, document, elsewhere=elsewhere)


def explain(
    error: ValidationError, document: Document, *, elsewhere: dict[str, str] | None = None
) -> list[Problem]:
    """One or more problems for one jsonschema error, located in ``document``."""
    pointer = pointer_of(error.absolute_path)
    keyword = str(error.validator)
    if keyword in _SIMPLE:
        message, expected = _SIMPLE[keyword](keyword, error.validator_value)
        return [document.problem(pointer, message, expected=expected,
                                 found=describe_value(error.instance),
                                 hint=value_hint(keyword, error.validator_value, error.instance))]
    handlers: dict[str, Callable[[], list[Problem]]] = {
        "required": lambda: _required(error, document, pointer),
        "additionalProperties": lambda: _unknown_fields(error, document, pointer, elsewhere),
        "propertyNames": lambda: [document.problem(
            pointer, f"key {error.instance!r} is not allowed here", found=repr(error.instance))],
        "oneOf": lambda: _variant(error, document, pointer, elsewhere),
        "anyOf": lambda: _variant(error, document, pointer, elsewhere),
        "maxProperties": lambda: _variant(error, document, pointer, elsewhere),
    }
    if keyword in handlers:
        return handlers[keyword]()
    return [document.problem(pointer, error.message)]



@functools.cache
def quick_check(name: str) -> Check | None:
    """Schema ``name`` as a yes/no check (:mod:`checker.inputs.quickschema`), if it compiles."""
    try:
        return compile_schema(load_schema(name))
    except Unsupported:
        return None


def schema_problems(
    name: str, document: Document, *, elsewhere: dict[str, str] | None = None
) -> list[Problem]:
    """Every way ``document`` breaks schema ``name``, sorted by position. A document the
    quick check accepts has none; any other is explained by ``jsonschema``."""
    check = quick_check(name)
    if check is not None and check(document.data):
        return []
    problems: list[Problem] = []
    for error in validator(name).iter_errors(document.data):
        problems.extend(explain(error, document, elsewhere=elsewhere))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.column or 0, p.pointer, p.message))


class _Places:
    """The positions of a cached document, read the first time one is asked for (a check
    never asks for a shipped rule's)."""

    def __init__(self, raw: list[Any] | str) -> None:
        self._raw: list[Any] | str | None = raw
        self._positions: dict[str, tuple[int, int]] = {}

    def read(self) -> dict[str, tuple[int, int]]:
        """Every position (a list that is not a list of positions raises)."""
        if self._raw is not None:
            raw, self._raw = self._raw, None
            if isinstance(raw, str):
                try:
                    raw = json.loads(raw)
                except ValueError:
                    return self._positions  # positions unknown: messages name no line
            self._positions = {str(pointer): (int(line), int(column))
                               for pointer, line, column in raw}
        return self._positions

    def __call__(self, pointer: str) -> tuple[int, int] | None:
        return self.read().get(pointer)


def _cached_document(hit: Any, shown: str, kind: str) -> Document | None:
    """A cached parse, if the entry has the shape this version writes (anything else: miss).
    Positions are kept as given (a list, or a shipped entry's JSON text) until needed."""
    if not isinstance(hit, dict) or kind != "yaml" or "data" not in hit:
        return None
    raw = hit.get("positions")
    if not isinstance(raw, list | str):
        return None
    places = _Places(raw)
    if isinstance(raw, list):
        try:  # a user cache entry: its shape is checked now, as before
            places.read()
        except (TypeError, ValueError):
            return None
    return Document(name=shown, data=hit["data"], kind=kind, _locate=places)


@functools.cache
def schema_bytes(name: str) -> bytes:
    """The schema file's bytes, part of every cache key that depends on it."""
    return schema_path(name).read_bytes()


def checked_document(path: Path, name: str, error: type[CheckerError], *,
                     max_bytes: int = 1024 * 1024, display: str | None = None
                     ) -> tuple[Document, list[Problem]]:
    """Read a data file, parse it and check it against schema ``name``.

    Files that pass are cached by content (:mod:`checker.core.cache`), so an unchanged file is
    neither parsed nor validated again.
    """
    shown = display or str(path)
    text = read_text(path, max_bytes=max_bytes, error=error, name=shown)
    kind = "yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json"
    entry = cache.key(f"doc-{name}", [schema_bytes(name), kind, text])
    hit = _cached_document(cache.load(entry), shown, kind)
    if hit is not None:
        return hit, []
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
