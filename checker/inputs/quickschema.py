"""A JSON Schema compiled to a yes/no check, for the documents that pass.

``jsonschema`` explains every problem (pointer, expected, found) but costs about 45 ms to
import and 2-4 ms per self-assessment; on a batch of thousands of valid files that was a large
share of the run. The schemas' own keywords are few (types, ranges, lengths, a pattern, dates,
enumerations of text, properties, required, additional properties, property names, local
references), so :func:`compile_schema` turns a schema into nested closures answering only "is
this document valid?" in a few microseconds. A document it accepts is valid; one it refuses is
handed to ``jsonschema`` for the messages (which stays the authority: if it finds nothing, the
document is valid).

It follows ``jsonschema``'s Draft 2020-12 semantics for those keywords exactly (``1.0`` is an
integer, ``true`` is not a number, ``minimum`` ignores what is not a number, a date must be
``YYYY-MM-DD`` and a real day, text patterns are searched, not matched); a schema using any
keyword it does not know raises :class:`Unsupported`, so the caller falls back to ``jsonschema``
rather than guess. A property test holds it to ``jsonschema``'s answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that never make a document invalid.
_ANNOTATIONS = frozenset({"description", "title", "default", "examples", "$comment",
                          "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$defs"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(ValueError):
    """The schema uses a keyword this compiler does not implement."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer()),
    "number": _is_number,
    "string": lambda value: isinstance(value, str),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
}


def _date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _type(types: Any) -> Check:
    names = [types] if isinstance(types, str) else list(types)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"type {types!r}")
    checks = [_TYPES[name] for name in names]
    return lambda value: any(check(value) for check in checks)


def _enum(members: Any) -> Check:
    if not isinstance(members, list) or any(
            member is not None and not isinstance(member, str) for member in members):
        raise Unsupported("enum of anything but text and null")
    texts = frozenset(member for member in members if isinstance(member, str))
    none = None in members
    return lambda value: (value is None and none) or (isinstance(value, str) and value in texts)


def _number(keyword: str, bound: Any) -> Check:
    if not _is_number(bound):
        raise Unsupported(f"{keyword} {bound!r}")
    tests: dict[str, Check] = {
        "minimum": lambda value: not _is_number(value) or not value < bound,
        "maximum": lambda value: not _is_number(value) or not value > bound,
        "exclusiveMinimum": lambda value: not _is_number(value) or not value <= bound,
        "exclusiveMaximum": lambda value: not _is_number(value) or not value >= bound,
    }
    return tests[keyword]


def _text(keyword: str, argument: Any) -> Check:
    if keyword == "pattern":
        pattern = re.compile(argument)
        return lambda value: not isinstance(value, str) or pattern.search(value) is not None
    if keyword == "format":
        if argument != "date":
            raise Unsupported(f"format {argument!r}")
        return _date
    if not isinstance(argument, int) or isinstance(argument, bool):
        raise Unsupported(f"{keyword} {argument!r}")
    if keyword == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= argument
    return lambda value: not isinstance(value, str) or len(value) <= argument


def _quick_leaf(keywords: dict[str, Any]) -> Check | None:
    """The commonest schemas as one closure each: a number in a range or a yes/no, either
    possibly null (the same answers as the keywords checked one by one)."""
    types = keywords.get("type")
    names = [types] if isinstance(types, str) else types
    if not isinstance(names, list):
        return None
    null = "null" in names
    rest = sorted(set(names) - {"null"})
    if rest == ["boolean"] and set(keywords) == {"type"}:
        return lambda value: (value is None and null) or isinstance(value, bool)
    low, high = keywords.get("minimum"), keywords.get("maximum")
    if rest not in (["number"], ["integer"]) or set(keywords) != {"type", "minimum", "maximum"} \
            or not (_is_number(low) and _is_number(high)):
        return None
    whole = rest == ["integer"]

    def check(value: Any) -> bool:
        kind = type(value)
        if kind is int or kind is float:
            return not (whole and kind is float and not value.is_integer()) and (
                not value < low and not value > high)
        if value is None:
            return null
        return not isinstance(value, bool) and _TYPES[rest[0]](value) and (
            not value < low and not value > high)

    return check


def _required(names: tuple[str, ...]) -> Check:
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._refs: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        if target not in self._refs:
            if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/"):]:
                raise Unsupported(f"$ref {target!r}")
            holder: list[Check] = []
            self._refs[target] = lambda value: holder[0](value)  # noqa: PLW0108 - filled below (recursion)
            holder.append(self.node(self._root["$defs"][target[len("#/$defs/"):]]))
        return self._refs[target]

    def node(self, schema: Any) -> Check:
        if schema is True:
            return lambda _value: True
        if schema is False:
            return lambda _value: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        keywords = {keyword: argument for keyword, argument in schema.items()
                    if keyword not in _ANNOTATIONS and not keyword.startswith("x-")}
        quick = _quick_leaf(keywords)
        if quick is not None:
            return quick
        checks = [self._keyword(keyword, argument, schema)
                  for keyword, argument in keywords.items()]
        found = [check for check in checks if check is not None]
        if len(found) == 1:
            return found[0]
        return lambda value: all(check(value) for check in found)

    def _keyword(self, keyword: str, argument: Any, schema: dict[str, Any]) -> Check | None:
        if keyword in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
            return _number(keyword, argument)
        if keyword in {"pattern", "format", "minLength", "maxLength"}:
            return _text(keyword, argument)
        if keyword == "additionalProperties" and "properties" in schema:
            return None  # checked with the properties
        handlers: dict[str, Callable[[], Check]] = {
            "type": lambda: _type(argument),
            "enum": lambda: _enum(argument),
            "$ref": lambda: self.ref(argument),
            "properties": lambda: self._properties(
                argument, schema.get("additionalProperties", True)),
            "additionalProperties": lambda: self._values(argument),
            "required": lambda: _required(tuple(argument)),
            "propertyNames": lambda: self._names(argument),
        }
        if keyword not in handlers:
            raise Unsupported(f"keyword {keyword!r}")
        return handlers[keyword]()

    def _values(self, schema: Any) -> Check:
        each = self.node(schema)
        return lambda value: not isinstance(value, dict) or all(
            each(item) for item in value.values())

    def _names(self, schema: Any) -> Check:
        each = self.node(schema)
        return lambda value: not isinstance(value, dict) or all(each(key) for key in value)

    def _properties(self, properties: dict[str, Any], additional: Any) -> Check:
        known = {name: self.node(sub) for name, sub in properties.items()}
        others = self.node(additional)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                sub = known.get(key)
                if not (sub(item) if sub is not None else others(item)):
                    return False
            return True

        return check


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """The yes/no check of ``schema``, or :class:`Unsupported`."""
    return _Compiler(schema).node(dict(schema))
