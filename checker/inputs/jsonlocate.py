"""Map JSON pointers to line and column in JSON text.

The standard library parses JSON but does not say where a value sits. This scanner walks the
text's tokens once (iteratively, so deep nesting cannot exhaust the stack) and records, for
every pointer, the 1-based line and column where the member's key (or the array item) starts.
It runs once per JSON document, when the document is loaded, so reports and messages can cite
lines; it is lenient and never raises, it just stops recording where the text stops making
sense (the parser has already said why).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from checker.core.text import escape_token

#: Strings, structural characters, and the other value tokens (numbers and literals). A
#: string's run of plain characters is matched whole, not one alternative per character.
_TOKEN = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Located:
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Where the first repeated key sits, if any.
    duplicate: tuple[int, int] | None = None
    #: Where the first NaN/Infinity literal or out-of-range number sits, if any.
    bad_number: tuple[int, int] | None = None


@dataclass
class _Container:
    pointer: str
    is_object: bool
    keys: set[str] = field(default_factory=set)
    index: int = 0


class _Scanner:
    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer(r"\n", text)]
        self.result = Located()
        self._stack: list[_Container] = []
        self._key: str | None = None

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def piece(self, piece: str, offset: int) -> bool:
        """Take one piece; False when the text stops making sense. A piece is a string, one
        structural character, or another value token, so its first character tells which."""
        top = self._stack[-1] if self._stack else None
        first = piece[0]
        if first == '"' and top is not None and top.is_object and self._key is None:
            return self._member_key(top, piece, offset)
        if first == ",":
            if top is not None and not top.is_object:
                top.index += 1
            self._key = None
        elif first in "}]":
            if top is None:
                return False
            self._stack.pop()
            self._key = None
        elif first != ":":
            self._value(top, piece, offset)
        return True

    def _member_key(self, top: _Container, piece: str, offset: int) -> bool:
        if "\\" in piece or not piece.isprintable():  # escapes or control characters
            try:
                key = json.loads(piece)
            except ValueError:
                return False
        else:
            key = piece[1:-1]
        if key in top.keys and self.result.duplicate is None:
            self.result.duplicate = self.where(offset)
        top.keys.add(key)
        self.result.positions.setdefault(f"{top.pointer}/{escape_token(key)}",
                                         self.where(offset))
        self._key = key
        return True

    def _value(self, top: _Container | None, piece: str, offset: int) -> None:
        """A value: an array item is located where it starts, a container is entered, and a
        number the parser refuses is noted (a member is located at its key)."""
        if top is not None and not top.is_object:
            self.result.positions.setdefault(self._pointer(top), self.where(offset))
        if piece in {"{", "["}:
            self._stack.append(_Container(self._pointer(top), piece == "{"))
            self._key = None
        elif piece[0] != '"' and self.result.bad_number is None and _bad_number(piece):
            self.result.bad_number = self.where(offset)

    def _pointer(self, top: _Container | None) -> str:
        """The pointer of the value being read."""
        if top is None:
            return ""
        return f"{top.pointer}/{escape_token(self._key or '')}" if top.is_object else (
            f"{top.pointer}/{top.index}")


def _bad_number(piece: str) -> bool:
    if piece in {"NaN", "Infinity", "-Infinity"}:
        return True
    if not _NUMBER.match(piece):
        return False
    return len(piece) > 4000 or float(piece) in {float("inf"), float("-inf")}


def locate_json(text: str) -> Located:
    scanner = _Scanner(text)
    first = re.search(r"\S", text)
    scanner.result.positions[""] = scanner.where(first.start() if first else 0)
    for match in _TOKEN.finditer(text):
        if not scanner.piece(match.group(), match.start()):
            break
    return scanner.result
