"""Read JSON and YAML input files safely, keeping where every value sits in the text.

* Files are size-checked before they are read, decoded as UTF-8 (a leading byte-order mark,
  as Excel writes, is accepted) and refused with one clear problem if anything is wrong.
* JSON is parsed by the standard library, strictly: duplicate keys, ``NaN``/``Infinity`` and
  numbers too large for a float are refused. Line and column of a JSON pointer are worked out
  only when a message needs them (:mod:`checker.inputs.jsonlocate`).
* YAML is built from libyaml's event stream, never by PyYAML's object constructor, so no tag
  can create a Python object. Scalars are resolved with YAML 1.2 core rules (``yes`` stays a
  string; ``1e5`` is a number), unknown tags, merge keys and duplicate keys are refused, nesting
  depth is capped and alias expansion is counted, so a "billion laughs" file fails fast.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import CheckerError, Problem, describe_value
from checker.inputs.jsonlocate import locate_json

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 200_000

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    f"{_TAG}str",
    f"{_TAG}int",
    f"{_TAG}float",
    f"{_TAG}bool",
    f"{_TAG}null",
    f"{_TAG}map",
    f"{_TAG}seq",
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


@dataclass
class Document:
    """A parsed input file: its data and a way to find a JSON pointer in its text."""

    name: str
    data: Any
    kind: str
    _locate: Callable[[str], tuple[int, int] | None] = field(repr=False)
    #: Shown before every pointer in problems: where this document sits inside a larger one
    #: (a rule test's input inside its rule file).
    display_prefix: str = ""
    #: Pointer -> (line, column) for YAML documents, kept so parsed files can be cached.
    positions: dict[str, tuple[int, int]] | None = field(default=None, repr=False)

    @classmethod
    def from_positions(cls, name: str, data: Any, kind: str,
                       positions: dict[str, tuple[int, int]]) -> Document:
        return cls(name=name, data=data, kind=kind, _locate=positions.get, positions=positions)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of the value or member at ``pointer``, if known."""
        return self._locate(pointer)

    def problem(self, pointer: str, message: str, **details: Any) -> Problem:
        """A problem located at ``pointer`` (falling back to its nearest located parent)."""
        place = self.position(pointer)
        probe = pointer
        while place is None and probe:
            probe = probe.rsplit("/", 1)[0]
            place = self.position(probe)
        line, column = place if place else (None, None)
        return Problem(
            file=self.name,
            line=line,
            column=column,
            pointer=self.display_prefix + pointer,
            message=message,
            **details,
        )


class _Refused(Exception):
    """A parse problem inside this module; turned into a :class:`Problem` at the boundary."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text(path: Path, *, max_bytes: int, error: type[CheckerError], name: str) -> str:
    """The file's text, or ``error`` with one problem naming the file and what is wrong."""

    def refuse(message: str, expected: str | None = None, found: str | None = None) -> CheckerError:
        return error([Problem(file=name, message=message, expected=expected, found=found)])

    try:
        if path.is_dir():
            raise refuse("is a directory, not a file", expected="a JSON or YAML file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise refuse("file not found") from None
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise refuse(
            "file is too large",
            expected=f"at most {max_bytes:,} bytes",
            found=f"{size:,} bytes",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:  # the file grew between stat and read
        raise refuse("file is too large", expected=f"at most {max_bytes:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return_problem = Problem(
            file=name,
            line=line,
            message="file is not valid UTF-8 text",
            expected="UTF-8",
            found=f"byte 0x{raw[exc.start]:02x} at offset {exc.start}",
        )
        raise error([return_problem]) from None


def load_document(
    path: Path, *, max_bytes: int, error: type[CheckerError], name: str | None = None
) -> Document:
    """Read and parse a ``.json``, ``.yaml`` or ``.yml`` file."""
    display = name or str(path)
    text = read_text(path, max_bytes=max_bytes, error=error, name=display)
    kind = "yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json"
    return parse_text(text, kind=kind, name=display, error=error)


def parse_text(text: str, *, kind: str, name: str, error: type[CheckerError]) -> Document:
    try:
        if kind == "yaml":
            data, positions = _parse_yaml(text)
            return Document.from_positions(name, data, kind, positions)
        data = _parse_json(text)
    except _Refused as refused:
        raise error(
            [Problem(file=name, line=refused.line, column=refused.column, message=refused.message)]
        ) from None
    cache: dict[str, dict[str, tuple[int, int]]] = {}

    def locate(pointer: str) -> tuple[int, int] | None:
        if "map" not in cache:
            cache["map"] = locate_json(text).positions
        return cache["map"].get(pointer)

    return Document(name=name, data=data, kind=kind, _locate=locate)


# --- JSON -----------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text} is too large")
    return value


def _parse_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        raise _Refused(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        located = locate_json(text)
        line, column = located.duplicate or (None, None)
        raise _Refused(
            f"duplicate key {exc.args[0]!r}: each field may appear once", line, column
        ) from None
    except RecursionError:
        raise _Refused(f"not valid JSON: nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        located = locate_json(text)
        line, column = located.bad_number or (None, None)
        raise _Refused(f"not valid JSON: {exc}", line, column) from None


# --- YAML -----------------------------------------------------------------------------------


def _resolve_scalar(event: Any) -> Any:
    tag, value, plain = event.tag, event.value, event.style in (None, "")
    mark = event.start_mark
    if tag not in _ALLOWED_TAGS:
        raise _Refused(
            f"YAML tag {tag!r} is not allowed; only plain data (text, numbers, true/false, "
            "null, lists and mappings) may appear",
            mark.line + 1,
            mark.column + 1,
        )
    if tag == f"{_TAG}str" or (tag is None and not plain) or tag == "!":
        return value
    if tag is not None and tag != f"{_TAG}str":
        return _explicit(tag, value, mark)
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return _float_or_refuse(value, mark)
    if _SPECIAL_FLOAT.match(value):
        raise _Refused(
            f"{value} (infinity or not-a-number) is not allowed", mark.line + 1, mark.column + 1
        )
    return value


def _float_or_refuse(value: str, mark: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise _Refused(f"number {value} is too large", mark.line + 1, mark.column + 1)
    return number


def _explicit(tag: str, value: str, mark: Any) -> Any:
    kind = tag.removeprefix(_TAG)
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return _float_or_refuse(value, mark)
        if kind == "bool":
            return _BOOL[value]
        if kind == "null":
            if not _NULL.match(value):
                raise KeyError(value)
            return None
    except (KeyError, ValueError):
        raise _Refused(
            f"{value!r} is not a valid !!{kind}", mark.line + 1, mark.column + 1
        ) from None
    raise _Refused(f"YAML tag {tag!r} cannot apply to a scalar", mark.line + 1, mark.column + 1)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass
class _Frame:
    container: Any
    pointer: str
    anchor: str | None
    size: int = 1
    pending_key: str | None = None
    key_mark: Any = None


def _parse_yaml(text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    import yaml  # imported here: the check path reads cached data and need not load it

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    positions: dict[str, tuple[int, int]] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    expanded = 0
    documents = 0
    root: list[Any] = []

    def child_pointer(frame: _Frame) -> str:
        if isinstance(frame.container, list):
            return f"{frame.pointer}/{len(frame.container)}"
        return f"{frame.pointer}/{_escape(frame.pending_key or '')}"

    def attach(value: Any, size: int, mark: Any) -> None:
        nonlocal expanded
        expanded += size
        if expanded > MAX_EXPANDED_NODES:
            raise _Refused(
                f"document expands to more than {MAX_EXPANDED_NODES:,} values "
                "(anchors and aliases used as a bomb?)",
                mark.line + 1,
                mark.column + 1,
            )
        if not stack:
            root.append(value)
            return
        frame = stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.pending_key is None:
            if not isinstance(value, str):
                raise _Refused(
                    f"mapping keys must be text, found {describe_value(value)}",
                    mark.line + 1,
                    mark.column + 1,
                )
            if value == "<<":
                raise _Refused("YAML merge keys (<<) are not supported", mark.line + 1)
            if value in frame.container:
                raise _Refused(
                    f"duplicate key {value!r}: each field may appear once",
                    mark.line + 1,
                    mark.column + 1,
                )
            frame.pending_key = value
            frame.key_mark = mark
            return
        frame.container[frame.pending_key] = value
        frame.pending_key = None

    try:
        events: Any = yaml.parse(text, Loader=loader)
        for event in events:
            mark = event.start_mark
            name = type(event).__name__
            if name == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise _Refused("only one YAML document per file is allowed", mark.line + 1)
            elif name in {"MappingStartEvent", "SequenceStartEvent"}:
                if event.tag not in _ALLOWED_TAGS:
                    raise _Refused(
                        f"YAML tag {event.tag!r} is not allowed", mark.line + 1, mark.column + 1
                    )
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(
                        f"nested more than {MAX_DEPTH} levels deep", mark.line + 1, mark.column + 1
                    )
                pointer = child_pointer(stack[-1]) if stack else ""
                if stack and isinstance(stack[-1].container, dict):
                    if stack[-1].pending_key is None:
                        raise _Refused("mapping keys must be text", mark.line + 1, mark.column + 1)
                    key_mark = stack[-1].key_mark
                    positions[pointer] = (key_mark.line + 1, key_mark.column + 1)
                else:
                    positions[pointer] = (mark.line + 1, mark.column + 1)
                container: Any = {} if name == "MappingStartEvent" else []
                stack.append(_Frame(container, pointer, event.anchor))
            elif name in {"MappingEndEvent", "SequenceEndEvent"}:
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
                # The children were already counted; count the container itself once more.
                expanded -= frame.size - 1
                attach(frame.container, frame.size, mark)
            elif name == "ScalarEvent":
                value = _resolve_scalar(event)
                if stack and isinstance(stack[-1].container, dict) and stack[-1].pending_key:
                    key_mark = stack[-1].key_mark
                    positions[child_pointer(stack[-1])] = (key_mark.line + 1, key_mark.column + 1)
                elif stack and isinstance(stack[-1].container, list):
                    positions[child_pointer(stack[-1])] = (mark.line + 1, mark.column + 1)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, mark)
            elif name == "AliasEvent":
                if event.anchor not in anchors:
                    raise _Refused(
                        f"alias *{event.anchor} refers to an anchor that is not defined "
                        "before it (or to itself)",
                        mark.line + 1,
                        mark.column + 1,
                    )
                value, size = anchors[event.anchor]
                if stack and isinstance(stack[-1].container, dict) and stack[-1].pending_key:
                    key_mark = stack[-1].key_mark
                    positions[child_pointer(stack[-1])] = (key_mark.line + 1, key_mark.column + 1)
                attach(value, size, mark)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or "invalid YAML"
        raise _Refused(
            f"not valid YAML: {problem}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise _Refused(f"not valid YAML: {exc}") from None
    positions.setdefault("", (1, 1))
    return (root[0] if root else None), positions
