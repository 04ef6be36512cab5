"""YAML built from libyaml's event stream, never by PyYAML's object constructor.

No tag can create a Python object: scalars are resolved with YAML 1.2 core rules (``yes``
stays text; ``1e5`` is a number), unknown tags, merge keys and duplicate keys are refused,
nesting depth is capped before the C composer could overflow its stack, and alias expansion
is counted, so a "billion laughs" file fails fast. Every value's line and column is recorded
by JSON pointer, for messages and reports.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from checker.core.errors import describe_value
from checker.core.text import escape_token

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 200_000
#: Digits beyond which a number is refused (Python itself refuses to parse 4,300).
MAX_DIGITS = 400

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", *(f"{_TAG}{kind}" for kind in (
    "str", "int", "float", "bool", "null", "map", "seq"))}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


class Refused(Exception):
    """A parse problem, with the 1-based line and column where it sits, if known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    @classmethod
    def at(cls, message: str, mark: Any = None, hint: str | None = None) -> Refused:
        """Refused at a libyaml mark (0-based)."""
        if mark is None:
            return cls(message, hint=hint)
        return cls(message, mark.line + 1, mark.column + 1, hint)


def _number(value: str, mark: Any, *, whole: bool) -> int | float:
    if len(value) > MAX_DIGITS:
        raise Refused.at(f"number with {len(value):,} characters is too long "
                      f"(at most {MAX_DIGITS})", mark)
    number = int(value) if whole else float(value)
    if not math.isfinite(number):
        raise Refused.at(f"number {value} is too large", mark)
    return number


def _plain(value: str, mark: Any) -> Any:
    """A plain (unquoted, untagged) scalar under YAML 1.2 core rules."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value) or _FLOAT.match(value):
        return _number(value, mark, whole=bool(_INT.match(value)))
    if _SPECIAL_FLOAT.match(value):
        raise Refused.at(f"{value} (infinity or not-a-number) is not allowed", mark)
    return value


def _explicit(tag: str, value: str, mark: Any) -> Any:
    kind = tag.removeprefix(_TAG)
    if kind == "null" and _NULL.match(value):
        return None
    if kind == "bool" and value in _BOOL:
        return _BOOL[value]
    if kind == "int" and _INT.match(value):
        return _number(value, mark, whole=True)
    if kind == "float" and (_FLOAT.match(value) or _INT.match(value)):
        return _number(value, mark, whole=False)
    if kind in {"null", "bool", "int", "float"}:
        raise Refused.at(f"{value!r} is not a valid !!{kind}", mark)
    raise Refused.at(f"YAML tag {tag!r} cannot apply to a scalar", mark)


def scalar(event: Any) -> Any:
    tag, value, mark = event.tag, event.value, event.start_mark
    if tag not in _ALLOWED_TAGS:
        raise Refused.at(f"YAML tag {tag!r} is not allowed; only plain data (text, numbers, "
                      "true/false, null, lists and mappings) may appear", mark)
    quoted = event.style not in (None, "")
    if tag in {f"{_TAG}str", "!"} or (tag is None and quoted):
        return value
    return _plain(value, mark) if tag is None else _explicit(tag, value, mark)


@dataclass
class _Frame:
    container: Any
    pointer: str
    anchor: str | None
    size: int = 1
    pending_key: str | None = None
    key_mark: Any = None

    @property
    def awaits_value(self) -> bool:
        return isinstance(self.container, dict) and self.pending_key is not None

    def child_pointer(self) -> str:
        if isinstance(self.container, list):
            return f"{self.pointer}/{len(self.container)}"
        return f"{self.pointer}/{escape_token(self.pending_key or '')}"


@dataclass
class _Builder:
    """Builds the data from events, one handler per event kind."""

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    stack: list[_Frame] = field(default_factory=list)
    root: list[Any] = field(default_factory=list)
    expanded: int = 0
    documents: int = 0

    def handle(self, event: Any) -> None:
        name = type(event).__name__
        handler = {
            "DocumentStartEvent": self._document,
            "MappingStartEvent": self._start, "SequenceStartEvent": self._start,
            "MappingEndEvent": self._end, "SequenceEndEvent": self._end,
            "ScalarEvent": self._scalar, "AliasEvent": self._alias,
        }.get(name)
        if handler is not None:
            handler(event)

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise Refused.at("only one YAML document per file is allowed", event.start_mark)

    def _record(self, mark: Any) -> None:
        """Remember where the value about to be attached starts (a member: its key)."""
        if not self.stack:
            return
        frame = self.stack[-1]
        if frame.awaits_value:
            self.positions[frame.child_pointer()] = (frame.key_mark.line + 1,
                                                     frame.key_mark.column + 1)
        elif isinstance(frame.container, list):
            self.positions[frame.child_pointer()] = (mark.line + 1, mark.column + 1)

    def _start(self, event: Any) -> None:
        mark = event.start_mark
        if event.tag not in _ALLOWED_TAGS:
            raise Refused.at(f"YAML tag {event.tag!r} is not allowed", mark)
        if len(self.stack) >= MAX_DEPTH:
            raise Refused.at(f"nested more than {MAX_DEPTH} levels deep", mark)
        if self.stack and isinstance(self.stack[-1].container, dict) and (
                self.stack[-1].pending_key is None):
            raise Refused.at("mapping keys must be text", mark)
        pointer = self.stack[-1].child_pointer() if self.stack else ""
        self._record(mark)
        self.positions.setdefault(pointer, (mark.line + 1, mark.column + 1))
        container: Any = {} if type(event).__name__ == "MappingStartEvent" else []
        self.stack.append(_Frame(container, pointer, event.anchor))

    def _end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.expanded -= frame.size - 1  # children counted already; count the container once
        self._attach(frame.container, frame.size, event.start_mark)

    def _scalar(self, event: Any) -> None:
        value = scalar(event)
        self._record(event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, 1, event.start_mark)

    def _alias(self, event: Any) -> None:
        if event.anchor not in self.anchors:
            raise Refused.at(f"alias *{event.anchor} refers to an anchor that is not defined "
                          "before it (or to itself)", event.start_mark)
        value, size = self.anchors[event.anchor]
        if self.stack and self.stack[-1].awaits_value:
            self._record(event.start_mark)
        self._attach(value, size, event.start_mark)

    def _attach(self, value: Any, size: int, mark: Any) -> None:
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise Refused.at(f"document expands to more than {MAX_EXPANDED_NODES:,} values "
                          "(anchors and aliases used as a bomb?)", mark)
        if not self.stack:
            self.root.append(value)
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.pending_key is None:
            self._key(frame, value, mark)
        else:
            frame.container[frame.pending_key] = value
            frame.pending_key = None

    @staticmethod
    def _key(frame: _Frame, value: Any, mark: Any) -> None:
        if not isinstance(value, str):
            raise Refused.at(f"mapping keys must be text, found {describe_value(value)}", mark)
        if value == "<<":
            raise Refused.at("YAML merge keys (<<) are not supported", mark)
        if value in frame.container:
            raise Refused.at(f"duplicate key {value!r}: each field may appear once", mark)
        frame.pending_key = value
        frame.key_mark = mark


def _yaml_hint(text: str, problem: str, mark: Any) -> str | None:
    """Plain advice for the YAML mistakes people make most."""
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip())]
    if "\t" in indent or ("cannot start any token" in problem and "\t" in line):
        return "YAML does not allow tabs for indentation: indent with spaces"
    if "expected key" in problem or "mapping values are not allowed" in problem:
        return ("check the indentation: the fields of one section must start in the same "
                "column, with spaces")
    return None


def parse_yaml(text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    """The data of a one-document YAML text and the position of every value by pointer."""
    import yaml  # noqa: PLC0415 - the check path reads cached data and need not load yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.handle(event)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or "invalid YAML"
        raise Refused.at(f"not valid YAML: {problem}", exc.problem_mark,
                         _yaml_hint(text, problem, exc.problem_mark)) from None
    except yaml.YAMLError as exc:
        raise Refused.at(f"not valid YAML: {exc}") from None
    builder.positions.setdefault("", (1, 1))
    return (builder.root[0] if builder.root else None), builder.positions
