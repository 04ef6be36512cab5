"""Small text helpers used across the packages: JSON pointers, "did you mean", whitespace,
control characters kept out of reports and acronyms expanded on first use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from checker.core import jsonout
from checker.core.vocab import ACRONYM_PATTERN, ACRONYMS


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


#: Characters that must never reach a reader's screen or document: C0 and C1 control
#: characters (escape sequences, bell, NUL, carriage returns, line breaks in one-line fields)
#: and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character (line breaks included) shown as a space, so a
    value from an input file cannot move the cursor, ring the bell, hide text or start a new
    line (a Markdown heading) in a report."""
    return _UNPRINTABLE.sub(" ", text)


def printable_data(node: Any) -> Any:
    """A copy of JSON-like data with :func:`printable` applied to every string in it."""
    if isinstance(node, str):
        return printable(node)
    if isinstance(node, dict):
        return {key: printable_data(value) for key, value in node.items()}
    if isinstance(node, list):
        return [printable_data(item) for item in node]
    return node


def json_text(data: Any) -> str:
    """JSON as the reports write it (``json.dumps(data, indent=2, ensure_ascii=False)``, by
    :mod:`checker.core.jsonout`): indented, UTF-8 kept readable, but every character a
    terminal would act on escaped, so printing it is always safe."""
    return jsonout.dumps(data, encoder=jsonout.Encoder(safe=True)) + "\n"


class Expander:
    """Expands each acronym of :data:`checker.core.vocab.ACRONYMS` the first time it is used
    ("IRO (independent reviewing officer)"): one expander per assessment in a report, called
    on its text in reading order. An acronym written in brackets, as in "... (ILACS)", is
    taken as expanded where it stands."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, text: str) -> str:
        if len(self.seen) == len(ACRONYMS):
            return text

        def expand(match: re.Match[str]) -> str:
            word, key = match.group(0), match.group(1)
            if key in self.seen:
                return word
            self.seen.add(key)
            before = match.string[:match.start()]
            if before.endswith("(") and match.string[match.end():].startswith(")"):
                return word
            acronym = ACRONYMS[key]
            expansion = acronym.plural if word.endswith("s") and word != key else acronym.words
            return f"{word} ({expansion})"

        return ACRONYM_PATTERN.sub(expand, text)
