"""Small text helpers used across the packages: JSON pointers, "did you mean" and whitespace."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def escape_token(token: object) -> str:
    """One reference token of a JSON pointer (RFC 6901): ``~`` as ``~0``, ``/`` as ``~1``."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(parts: Iterable[object]) -> str:
    """A JSON pointer from its reference tokens: ``("a", "b/c", 0)`` -> ``/a/b~1c/0``."""
    return "".join("/" + escape_token(part) for part in parts)


def closest(word: str, options: Iterable[str], *, n: int = 1) -> list[str]:
    """Up to ``n`` of ``options`` that look like a mistyped ``word``, best first."""
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.6)


def did_you_mean(word: str, options: Iterable[str], *, n: int = 1) -> str | None:
    """A hint such as ``did you mean 'caseload_average'?``, or None when nothing is close."""
    found = closest(word, options, n=n)
    if not found:
        return None
    return "did you mean " + ", ".join(repr(item) for item in found) + "?"


def words(text: object) -> str:
    """Text with every run of whitespace (line breaks from YAML folding included) as one space."""
    return " ".join(str(text).split())


def paragraph_label(paragraph: str) -> str:
    """How a citation reads: 'paragraph 15', 'section 4.3.1', or the heading form as given."""
    text = paragraph.strip()
    if text.isdigit():
        return f"paragraph {text}"
    if text[:1].isdigit():
        return f"section {text}"
    return text
