"""Read JSON and YAML input files safely, keeping where every value sits in the text.

* Only regular files are read (a device, a pipe or a directory is refused before anything is
  read, so ``/dev/zero`` or a FIFO with no writer can neither exhaust memory nor hang), at
  most the size limit is read, and the text must be UTF-8 (a leading byte-order mark, as Excel
  writes, is accepted).
* JSON is parsed by the standard library, strictly: duplicate keys, ``NaN``/``Infinity`` and
  numbers too large for a float are refused.
* YAML is built from libyaml's events (:mod:`checker.inputs.safeyaml`): no tag can create an
  object.
* Either way the parsed :class:`Document` knows the line and column of every value (found
  once: for YAML as it is parsed, for JSON when a position is first asked for), so messages
  and reports can cite them.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.core.errors import CheckerError, Problem
from checker.core.text import escape_token
from checker.inputs.safeyaml import Refused, parse_yaml

MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


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


def _refuse(error: type[CheckerError], name: str, message: str, **details: Any
            ) -> CheckerError:
    return error([Problem(file=name, message=message, **details)])


def _open_regular(path: Path, error: type[CheckerError], name: str) -> int:
    """A descriptor for ``path`` if it is a regular file; never blocks on a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(error, name, "file not found") from None
    except IsADirectoryError:
        raise _refuse(error, name, "is a directory, not a file",
                      expected="a JSON or YAML file") from None
    except OSError as exc:
        raise _refuse(error, name, f"cannot read file: {exc.strerror or exc}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = "a directory" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise _refuse(error, name, f"is {kind}, not a regular file",
                      expected="a JSON or YAML file")
    return descriptor


def read_bytes(path: Path, *, max_bytes: int, error: type[CheckerError], name: str) -> bytes:
    """At most ``max_bytes`` of a regular file, or ``error`` with one problem saying why not."""
    descriptor = _open_regular(path, error, name)
    try:
        with os.fdopen(descriptor, "rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _refuse(error, name, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        size = path.stat().st_size
        raise _refuse(error, name, "file is too large", expected=f"at most {max_bytes:,} bytes",
                      found=f"{size:,} bytes" if size > max_bytes else "more than that")
    return raw


def read_text(path: Path, *, max_bytes: int, error: type[CheckerError], name: str) -> str:
    """The file's text, or ``error`` with one problem naming the file and what is wrong."""
    raw = read_bytes(path, max_bytes=max_bytes, error=error, name=name)
    if not raw.strip():
        raise _refuse(error, name, "the file is empty", expected="a JSON or YAML document")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error([Problem(
            file=name, line=raw[: exc.start].count(b"\n") + 1,
            message="file is not valid UTF-8 text", expected="UTF-8",
            found=f"byte 0x{raw[exc.start]:02x} at offset {exc.start}")]) from None


def load_document(
    path: Path, *, max_bytes: int, error: type[CheckerError], name: str | None = None
) -> Document:
    """Read and parse a ``.json``, ``.yaml`` or ``.yml`` file."""
    display = name or str(path)
    text = read_text(path, max_bytes=max_bytes, error=error, name=display)
    return parse_text(text, kind=kind_of(path), name=display, error=error)


def kind_of(path: Path) -> str:
    return "yaml" if path.suffix.lower() in {".yaml", ".yml"} else "json"


def _surrogate(node: Any, pointer: str = "") -> str | None:
    """The pointer of the first text holding an unpaired surrogate (an escape such as
    ``\\udc80`` that stands for no character), if any."""
    if isinstance(node, str):
        return None if node.isascii() or not _SURROGATE.search(node) else pointer
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()
    for key, value in items:
        if isinstance(key, str) and _SURROGATE.search(key):
            return f"{pointer}/{escape_token(key)}"
        found = _surrogate(value, f"{pointer}/{escape_token(key)}")
        if found is not None:
            return found
    return None


class _JsonPlaces:
    """Where each value of a JSON text sits, found the first time one is asked for (a valid
    file in a batch is never asked: the scan is skipped)."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._positions: dict[str, tuple[int, int]] = {}

    def __call__(self, pointer: str) -> tuple[int, int] | None:
        if self._text is not None:
            self._positions = locate_json(self._text).positions
            self._text = None
        return self._positions.get(pointer)


def parse_text(text: str, *, kind: str, name: str, error: type[CheckerError]) -> Document:
    try:
        if kind == "yaml":
            data, positions = parse_yaml(text)
            document = Document.from_positions(name, data, kind, positions)
        else:
            data = _parse_json(text)
            document = Document(name=name, data=data, kind=kind, _locate=_JsonPlaces(text))
    except Refused as refused:
        raise error([Problem(file=name, line=refused.line, column=refused.column,
                             message=refused.message, hint=refused.hint)]) from None
    bad = _surrogate(data) if _SURROGATE.search(text) or "\\u" in text else None
    if bad is not None:
        raise error([document.problem(bad, "text holds an escape for an unpaired surrogate "
                                      "(\\ud800-\\udfff), which is not a character",
                                      expected="valid Unicode text")])
    return document


# --- JSON -----------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text} is too large")
    return value


def _json_hint(text: str, error: json.JSONDecodeError) -> str | None:
    """Plain advice for the JSON mistakes people make most."""
    before = text[: error.pos].rstrip()
    if before.endswith(",") and text[error.pos: error.pos + 1] in {"}", "]"}:
        return "remove the comma before the closing bracket: JSON allows no trailing comma"
    if "'" in text[error.pos: error.pos + 1]:
        return "JSON needs double quotes (\") around text and field names"
    return None


def locate_json(text: str) -> Any:
    """Where each value sits (:mod:`checker.inputs.jsonlocate`, loaded only when needed)."""
    from checker.inputs.jsonlocate import locate_json as locate  # noqa: PLC0415 - when needed

    return locate(text)


def _parse_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        raise Refused(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno,
                      _json_hint(text, exc)) from None
    except _DuplicateKey as exc:
        located = locate_json(text)
        line, column = located.duplicate or (None, None)
        raise Refused(
            f"duplicate key {exc.args[0]!r}: each field may appear once", line, column
        ) from None
    except RecursionError:
        raise Refused(f"not valid JSON: nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        located = locate_json(text)
        line, column = located.bad_number or (None, None)
        raise Refused(f"not valid JSON: {exc}", line, column) from None
