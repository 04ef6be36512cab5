"""Indented JSON, written fast and piece by piece, byte for byte as ``json.dumps(data,
indent=2, ensure_ascii=False)`` writes it.

The standard library's C encoder cannot indent (Python 3.11), and its pure-Python one yields
every token through a chain of generators: for a report of a megabyte or more that was most of
the time a JSON report took. This encoder appends to one list of pieces, encodes strings with
the C string encoder, and can

* leave a **hole** (:class:`Hole`) where an array will be streamed later, so a report can be
  written head, elements one at a time, tail (:class:`ArrayStream`), never held whole; and
* **reuse** the text of a :class:`Shared` dict (or :class:`SharedList`) wherever the same
  object appears again at the same depth (a finding listed under several judgement areas, a
  rule's evidence in every report): a shared value must not change after it is first written.
  The text kept is bounded (:data:`MEMO_LIMIT`).

Anything the standard encoder would refuse (a set, an object) raises :class:`TypeError` here
too; the data is never checked for cycles (reports are trees).
"""

from __future__ import annotations

import json.encoder
import re
import sys
from collections.abc import Callable
from typing import Any

_encode_string: Callable[[str], str] = (
    json.encoder.c_encode_basestring or json.encoder.py_encode_basestring)  # type: ignore[attr-defined]
#: What JSON may hold raw but a terminal must not receive: DEL, C1 controls (CSI is one), the
#: line and paragraph separators and the bidirectional overrides (the encoder escapes C0
#: controls itself). All but DEL are outside ASCII.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def terminal_safe(text: str) -> str:
    """JSON text with every character a terminal would act on escaped (``\\u009b``)."""
    return text if text.isascii() and "\x7f" not in text else _TERMINAL_UNSAFE.sub(
        _escape, text)


def _safe_string(text: str) -> str:
    encoded = _encode_string(text)
    return encoded if text.isascii() and "\x7f" not in text else _TERMINAL_UNSAFE.sub(
        _escape, encoded)
_INFINITY = float("inf")
INDENT = 2


class _Newlines(dict[int, str]):
    """Depth -> a line break and that depth's indentation."""

    def __missing__(self, depth: int) -> str:
        self[depth] = text = "\n" + " " * (INDENT * depth)
        return text


_NEWLINES = _Newlines()


class Shared(dict[str, Any]):
    """A dict whose JSON text may be written once and reused wherever the same object appears
    again at the same depth. It must not change after it is first written."""

    __slots__ = ()


class SharedList(list[Any]):
    """A list whose JSON text may be reused like a :class:`Shared` dict's."""

    __slots__ = ()


#: How much reused text an encoder keeps before it forgets it all (and starts again).
MEMO_LIMIT = 16 * 1024 * 1024
#: How many distinct keys an encoder keeps the text of (beyond them, keys are encoded each time).
MAX_KEYS = 4096
#: References to a remembered value when only the encoder holds it: the memo's entry, the
#: loop's name and getrefcount's own argument.
_HELD_BY_MEMO_ONLY = 3


class Hole:
    """Where an array is left out, to be streamed in its place (see :func:`split`)."""


def _float(value: float) -> str:
    if value != value:  # noqa: PLR0124 - NaN, as the standard encoder writes it
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object, string: Callable[[str], str]) -> str:
    if isinstance(key, str):
        return string(key)
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return f'"{int.__repr__(key)}"'
    if isinstance(key, float):
        return f'"{_float(key)}"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


class Encoder:
    """Writes values into ``pieces``; a :class:`Shared` dict's text is kept in ``memo`` (by
    identity and depth, holding the object so its identity cannot be reused) for the life of
    the encoder."""

    def __init__(self, *, safe: bool = False) -> None:
        #: ``safe``: characters a terminal would act on are escaped (:func:`terminal_safe`).
        self._string = _safe_string if safe else _encode_string
        self.pieces: list[str] = []
        self.holes: list[tuple[int, int]] = []  # (index in pieces, depth)
        self._memo: dict[tuple[int, int], tuple[object, str]] = {}
        self._kept = 0
        #: A string key's text with its colon: reports repeat the same few hundred keys.
        self._keys: dict[str, str] = {}

    def value(self, value: Any, depth: int) -> None:
        kind = type(value)
        if kind is str:
            self.pieces.append(self._string(value))
        elif kind is dict:
            self._object(value, depth)
        elif kind is list:
            self._array(value, depth)
        else:
            self._other(value, depth)

    def _other(self, value: Any, depth: int) -> None:
        pieces = self.pieces
        if isinstance(value, str):
            pieces.append(self._string(value))
        elif value is None:
            pieces.append("null")
        elif value is True:
            pieces.append("true")
        elif value is False:
            pieces.append("false")
        elif isinstance(value, int):
            pieces.append(int.__repr__(value))
        elif isinstance(value, float):
            pieces.append(_float(value))
        elif isinstance(value, Shared | SharedList):
            self._shared(value, depth)
        elif isinstance(value, list | tuple):
            self._array(value, depth)
        elif isinstance(value, dict):
            self._object(value, depth)
        elif isinstance(value, Hole):
            self.holes.append((len(pieces), depth))
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    def _array(self, items: list[Any] | tuple[Any, ...], depth: int) -> None:
        pieces, string = self.pieces, self._string
        if not items:
            pieces.append("[]")
            return
        inner = _NEWLINES[depth + 1]
        separator = "[" + inner
        after = "," + inner
        for item in items:
            kind = type(item)
            if kind is str:
                pieces.append(separator + string(item))
            elif kind is dict:
                pieces.append(separator)
                self._object(item, depth + 1)
            else:
                pieces.append(separator)
                self.value(item, depth + 1)
            separator = after
        pieces.append(_NEWLINES[depth] + "]")

    def _object(self, mapping: dict[Any, Any], depth: int) -> None:
        pieces, string, keys = self.pieces, self._string, self._keys
        if not mapping:
            pieces.append("{}")
            return
        inner = _NEWLINES[depth + 1]
        separator = "{" + inner
        after = "," + inner
        for key, item in mapping.items():
            head = separator + ((keys.get(key) if type(key) is str else None)
                                or self._key_text(key))
            kind = type(item)
            if kind is str:
                pieces.append(head + string(item))
            elif kind is int:
                pieces.append(head + int.__repr__(item))
            elif item is None:
                pieces.append(head + "null")
            elif kind is bool:
                pieces.append(head + ("true" if item else "false"))
            else:
                pieces.append(head)
                self.value(item, depth + 1)
            separator = after
        pieces.append(_NEWLINES[depth] + "}")

    def _key_text(self, key: object) -> str:
        """A key's text and colon; a string key's is kept (a report repeats its keys)."""
        if type(key) is not str:
            return _key(key, self._string) + ": "
        text = self._string(key) + ": "
        if len(self._keys) < MAX_KEYS:
            self._keys[key] = text
        return text

    def _shared(self, value: Shared | SharedList, depth: int) -> None:
        found = self._memo.get((id(value), depth))
        if found is not None:
            self.pieces.append(found[1])
            return
        start, holes = len(self.pieces), len(self.holes)
        if isinstance(value, Shared):
            self._object(value, depth)
        else:
            self._array(value, depth)
        if len(self.holes) > holes:
            return  # a hole inside: never reused
        text = "".join(self.pieces[start:])
        del self.pieces[start:]
        self.pieces.append(text)
        self._kept += len(text)
        if self._kept > MEMO_LIMIT:
            self._memo.clear()
            self._kept = len(text)
        self._memo[(id(value), depth)] = (value, text)

    def forget_unreachable(self) -> None:
        """Drop the text of shared values nothing but this encoder still holds (one report's
        findings once it is written); values that live on (a rule's evidence) keep theirs."""
        for key, (value, text) in list(self._memo.items()):
            if sys.getrefcount(value) <= _HELD_BY_MEMO_ONLY:
                del self._memo[key]
                self._kept -= len(text)

    def take(self) -> str:
        """The text written so far (and forget it)."""
        text = "".join(self.pieces)
        self.pieces.clear()
        return text


def dumps(value: Any, depth: int = 0, encoder: Encoder | None = None) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, every line
    after the first indented as if the value stood ``depth`` levels deep (and, with a safe
    ``encoder``, what a terminal would act on escaped)."""
    encoder = encoder or Encoder()
    encoder.value(value, depth)
    return encoder.take()


def split(value: Any, *, safe: bool = False) -> tuple[list[str], list[int]]:
    """The text of a value holding :class:`Hole` s, cut at each hole, and each hole's depth:
    ``([before, between, ..., after], [depth, ...])``."""
    encoder = Encoder(safe=safe)
    encoder.value(value, 0)
    cuts = [index for index, _depth in encoder.holes]
    segments = ["".join(encoder.pieces[start:stop])
                for start, stop in zip([0, *cuts], [*cuts, len(encoder.pieces)], strict=True)]
    return segments, [depth for _index, depth in encoder.holes]


class ArrayStream:
    """An array written element by element where a :class:`Hole` stood at ``depth``: the
    same text as the whole array written at once."""

    def __init__(self, depth: int, write: Callable[[str], None],
                 encoder: Encoder | None = None) -> None:
        self._depth = depth
        self._write = write
        self._encoder = encoder or Encoder()
        self._count = 0

    @property
    def count(self) -> int:
        return self._count

    def add(self, value: Any) -> None:
        self.add_text(dumps(value, self._depth + 1, self._encoder))
        self._encoder.forget_unreachable()

    def add_text(self, text: str) -> None:
        """An element already written at this array's depth + 1."""
        self._write(("[" if self._count == 0 else ",") + _NEWLINES[self._depth + 1] + text)
        self._count += 1

    def close(self) -> None:
        self._write("[]" if self._count == 0 else _NEWLINES[self._depth] + "]")
