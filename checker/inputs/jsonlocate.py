"""Map JSON pointers to line and column in JSON text, for error messages.

The standard library parses JSON but does not say where a value sits. This scanner walks the
text once (iteratively, so deep nesting cannot exhaust the stack) and records, for every
pointer, the 1-based line and column where the member's key (or the array item) starts. It
only runs on the error path, after :func:`json.loads` has decided the text is or is not JSON;
it is lenient and never raises, it just stops recording where the text stops making sense.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERAL = re.compile(r"true|false|null|NaN|-?Infinity")


@dataclass
class Located:
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Where the first repeated key sits, if any.
    duplicate: tuple[int, int] | None = None
    #: Where the first NaN/Infinity literal or out-of-range number sits, if any.
    bad_number: tuple[int, int] | None = None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def locate_json(text: str) -> Located:
    starts = [0] + [match.end() for match in re.finditer(r"\n", text)]

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    result = Located()
    # Stack entries: (pointer, is_object, keys seen, next index or None)
    stack: list[tuple[str, bool, set[str], list[int]]] = []
    pos = 0
    pending_key: str | None = None
    result.positions[""] = where(_WS.match(text, 0).end())  # type: ignore[union-attr]

    def value_pointer() -> str:
        if not stack:
            return ""
        pointer, is_object, _keys, counter = stack[-1]
        if is_object:
            return f"{pointer}/{_escape(pending_key or '')}"
        return f"{pointer}/{counter[0]}"

    length = len(text)
    while pos < length:
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= length:
            break
        char = text[pos]
        in_object = bool(stack) and stack[-1][1]
        if in_object and pending_key is None and char == '"':
            match = _STRING.match(text, pos)
            if not match:
                break
            try:
                key = json.loads(match.group())
            except ValueError:
                break
            keys = stack[-1][2]
            pointer = f"{stack[-1][0]}/{_escape(key)}"
            if key in keys and result.duplicate is None:
                result.duplicate = where(pos)
            keys.add(key)
            result.positions.setdefault(pointer, where(pos))
            pending_key = key
            pos = match.end()
            continue
        if char == ":":
            pos += 1
            continue
        if char == ",":
            if stack and not stack[-1][1]:
                stack[-1][3][0] += 1
            pending_key = None
            pos += 1
            continue
        if char in "}]":
            stack.pop()
            pending_key = None
            pos += 1
            continue
        # A value starts here.
        pointer = value_pointer()
        if stack and not stack[-1][1]:
            result.positions.setdefault(pointer, where(pos))
        if char in "{[":
            stack.append((pointer, char == "{", set(), [0]))
            pending_key = None
            pos += 1
            continue
        for pattern in (_STRING, _NUMBER, _LITERAL):
            match = pattern.match(text, pos)
            if match:
                token = match.group()
                if result.bad_number is None and (
                    token in {"NaN", "Infinity", "-Infinity"}
                    or (pattern is _NUMBER and _overflows(token))
                ):
                    result.bad_number = where(pos)
                pos = match.end()
                break
        else:
            break
    return result


def _overflows(token: str) -> bool:
    try:
        return float(token) in {float("inf"), float("-inf")} or len(token) > 4000
    except ValueError:
        return True
