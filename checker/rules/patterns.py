"""Finding patterns: the phrases inspectors use when they make a rule's finding, matched per
sentence of the report corpus.

A rule's ``finding_patterns`` holds ``match`` and ``exclude`` lists of Python regular
expressions, compiled case-insensitively. A sentence counts when a ``match`` pattern matches it
and no ``exclude`` pattern does (excludes remove praise such as "return home interviews are
consistently offered"). Everything here is a pure function of the pattern texts, so lint,
``checker evidence build`` and the theme-mining script agree on what matches.

Speed. Testing a hundred patterns against every one of the corpus's 130,000 sentences takes
minutes, so each pattern is first reduced to *required literals*: a set of lower-case strings of
which every match must contain one (worked out from the parsed pattern: ``\\bstrategy
(?:discussion|meeting)s?\\b`` needs "strategy discussion" or "strategy meeting"). Only
sentences containing one of them are tested with the real pattern, so the result is exactly
what testing every sentence would give. Sentences holding a character whose case folding is
not plain ASCII (a long s, the Kelvin sign, a dotted capital I) are always tested in full.

Safety. :func:`problems` reports a pattern that does not compile and one with a nested
quantifier over the same text (``(a+)+``, ``(\\w+\\s*)*``), the shape that backtracks
catastrophically; that is the cheap, common case, not a proof of safety.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The regular-expression parser of the standard library (``re._parser`` since 3.11).
_PARSER: Any = importlib.import_module("re._parser")
_MAXREPEAT: int = int(importlib.import_module("re._constants").MAXREPEAT)
FLAGS = re.IGNORECASE
#: Required-literal sets are kept small; beyond these sizes a part counts as unknown.
_MAX_STRINGS = 64
_MAX_LITERAL = 120
#: A literal set is worth filtering on when every string in it is at least this long.
_MIN_USEFUL = 3
#: Prefix lengths tried when cutting a literal set down.
_CUTS = (4, 6, 8, 12, 16, 24)
#: Searching the corpus for one more literal costs about as much as this many extra candidate
#: sentences in the sample (a text scan against regex tests).
_SCAN_COST = 10.0
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_GROUPS = frozenset({"SUBPATTERN", "ATOMIC_GROUP"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


@dataclass(frozen=True)
class FindingPatterns:
    """A rule's ``finding_patterns``, as written."""

    match: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    pointer: str = "/finding_patterns"

    def digest(self) -> str:
        """Identifies the patterns: statistics are shown only for the patterns they came from."""
        text = json.dumps([list(self.match), list(self.exclude)], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- required literals ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Info:
    """What a piece of a pattern tells about its matches: ``exact`` is a finite superset of
    the strings it can match (lower case), ``required`` a set of which every match contains
    one. Either may be unknown (None)."""

    exact: frozenset[str] | None = None
    required: frozenset[str] | None = None


_UNKNOWN = _Info()
_EMPTY = _Info(exact=frozenset({""}))


def _plain_char(code: int) -> str | None:
    """The lower-case character for a literal, or None when case folding is not plain."""
    char = chr(code)
    if char.isascii():
        return char.lower()
    return char if char.lower() == char == char.upper() else None


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_STRINGS:
        return None
    joined = frozenset(a + b for a in left for b in right)
    return joined if all(len(s) <= _MAX_LITERAL for s in joined) else None


Cost = Callable[[str], float]


def length_cost(literal: str) -> float:
    """Without a corpus to count in, a longer literal is taken to be rarer."""
    return 27.0 ** -min(len(literal), 12)


def _reduced(strings: frozenset[str]) -> frozenset[str]:
    """Drop strings that contain another member (finding the shorter one is enough)."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))


def _variants(strings: frozenset[str]) -> set[frozenset[str]]:
    """``strings`` and its prefix cuts, reduced, keeping those long enough to be useful."""
    longest = max(len(s) for s in strings)
    cuts = {_reduced(strings)}
    cuts.update(_reduced(frozenset(s[:size] for s in strings)) for size in _CUTS if size < longest)
    return {cut for cut in cuts if min(len(s) for s in cut) >= _MIN_USEFUL}


def _in_class(items: list[tuple[Any, Any]]) -> _Info:
    chars: set[str] = set()
    for op, value in items:
        char = _plain_char(value) if op.name == "LITERAL" else None
        if char is None:
            return _UNKNOWN
        chars.add(char)
    return _Info(exact=frozenset(chars)) if len(chars) <= 8 else _UNKNOWN


class _Analyser:
    """Works out required literals, choosing between alternatives by ``cost`` (the expected
    number of sentences a literal selects)."""

    def __init__(self, cost: Cost) -> None:
        self.cost = cost

    def best(self, candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
        """The cheapest of ``candidates`` (each a set every match contains one of), also
        trying each cut down to shorter prefixes (a match containing a string contains its
        prefix too, and one short prefix may stand for many long strings)."""
        useful = {variant for c in candidates if c and "" not in c for variant in _variants(c)}
        if not useful:
            return None
        return min(useful, key=lambda c: (sum(self.cost(s) for s in c), sorted(c)))

    def own(self, info: _Info) -> frozenset[str] | None:
        return self.best([info.required, info.exact])

    def branch(self, branches: list[Any]) -> _Info:
        exact: frozenset[str] | None = frozenset()
        required: frozenset[str] | None = frozenset()
        for branch in branches:
            info = self.sequence(list(branch))
            own = self.own(info)
            required = None if own is None or required is None else required | own
            exact = None if info.exact is None or exact is None else exact | info.exact
        if exact is not None and len(exact) > _MAX_STRINGS:
            exact = None
        return _Info(exact=exact, required=required)

    def repeat(self, low: int, high: int, body: list[Any]) -> _Info:
        inner = self.sequence(body)
        exact: frozenset[str] | None = None
        if inner.exact is not None and high <= 3:
            options: set[str] = set()
            power: frozenset[str] | None = frozenset({""})
            for count in range(high + 1):
                if power is None:
                    break
                if count >= low:
                    options |= power
                power = _product(power, inner.exact) if count < high else power
            if power is not None and len(options) <= _MAX_STRINGS:
                exact = frozenset(options)
        return _Info(exact=exact, required=self.own(inner) if low >= 1 else None)

    def item(self, op: Any, value: Any) -> _Info:
        name = op.name
        if name == "LITERAL":
            char = _plain_char(value)
            return _UNKNOWN if char is None else _Info(exact=frozenset({char}))
        if name == "IN":
            return _in_class(list(value))
        if name == "BRANCH":
            return self.branch(list(value[1]))
        if name in _GROUPS:
            return self.sequence(list(value[-1] if name == "SUBPATTERN" else value))
        if name in _REPEATS:
            return self.repeat(value[0], value[1], list(value[2]))
        return _UNKNOWN

    def sequence(self, items: list[tuple[Any, Any]]) -> _Info:
        """A run of items: literal parts next to each other join up (zero-width assertions
        do not separate them); the most selective part is what every match requires."""
        candidates: list[frozenset[str] | None] = []
        run: frozenset[str] | None = frozenset({""})
        whole = True
        for op, value in items:
            if op.name in _ZERO_WIDTH:
                if op.name == "ASSERT":
                    candidates.append(self.own(self.sequence(list(value[1]))))
                continue
            info = self.item(op, value)
            joined = None if info.exact is None or run is None else _product(run, info.exact)
            if joined is None:
                whole = False
                candidates += [run, info.required]
                run = info.exact
            else:
                run = joined
        candidates.append(run)
        return _Info(exact=run if whole else None, required=self.best(candidates))


def required_literals(pattern: str, cost: Cost = length_cost) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None when no
    useful set can be worked out (the pattern is then tested on every sentence)."""
    analyser = _Analyser(cost)
    found = analyser.own(analyser.sequence(list(_PARSER.parse(pattern, FLAGS).data)))
    return found


# --- safety --------------------------------------------------------------------------------


def _children(op: Any, value: Any) -> list[list[Any]]:
    """The sub-patterns of one parsed item."""
    name = op.name
    if name == "BRANCH":
        return [list(branch) for branch in value[1]]
    if name in _GROUPS:
        return [list(value[-1] if name == "SUBPATTERN" else value)]
    if name in {"ASSERT", "ASSERT_NOT"}:
        return [list(value[1])]
    if name in _REPEATS:
        return [list(value[2])]
    return []


def _can_be_empty(items: list[Any]) -> bool:
    for op, value in items:
        name = op.name
        if name in _ZERO_WIDTH:
            continue
        if name in _REPEATS and value[0] == 0:
            continue
        if name in _GROUPS and _can_be_empty(list(value[-1] if name == "SUBPATTERN" else value)):
            continue
        if name == "BRANCH" and any(_can_be_empty(list(b)) for b in value[1]):
            continue
        return False
    return True


def _ambiguous_body(items: list[Any]) -> bool:
    """An unbounded quantifier with nothing but optional parts beside it (``a+``, ``\\w+\\s*``):
    repeating such a body splits the same text in exponentially many ways."""
    for index, (op, value) in enumerate(items):
        rest = items[:index] + items[index + 1:]
        if not _can_be_empty(rest):
            continue
        if op.name in {"MAX_REPEAT", "MIN_REPEAT"} and value[1] == _MAXREPEAT:
            return True
        if op.name == "SUBPATTERN" and _ambiguous_body(list(value[-1])):
            return True
        if op.name == "BRANCH" and any(_ambiguous_body(list(b)) for b in value[1]):
            return True
    return False


def _nested_quantifier(items: list[Any]) -> bool:
    for op, value in items:
        if (op.name in {"MAX_REPEAT", "MIN_REPEAT"} and value[1] > 1
                and _ambiguous_body(list(value[2]))):
            return True
        if any(_nested_quantifier(child) for child in _children(op, value)):
            return True
    return False


def problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used (does not compile, or risks catastrophic backtracking),
    or None."""
    try:
        re.compile(pattern, FLAGS)
    except (re.error, RecursionError, OverflowError) as error:
        return f"does not compile: {error}"
    if _nested_quantifier(list(_PARSER.parse(pattern, FLAGS).data)):
        return ("a quantifier repeats another quantifier over the same text (like (a+)+), "
                "which can take exponential time on a long sentence; make the inner part "
                "unambiguous or bound it")
    return None


# --- matching ------------------------------------------------------------------------------


def _alternation(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


@dataclass(frozen=True)
class Matcher:
    """Compiled finding patterns (all of them must compile; see :func:`problem`)."""

    patterns: FindingPatterns
    match: re.Pattern[str] = field(init=False, repr=False, compare=False)
    exclude: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    each: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        match = _alternation(self.patterns.match)
        if match is None:
            raise ValueError("finding patterns need at least one match pattern")
        object.__setattr__(self, "match", match)
        object.__setattr__(self, "exclude", _alternation(self.patterns.exclude))
        object.__setattr__(self, "each", tuple(re.compile(p, FLAGS)
                                               for p in self.patterns.match))

    def excluded(self, sentence: str) -> bool:
        return self.exclude is not None and self.exclude.search(sentence) is not None

    def matches(self, sentence: str) -> bool:
        """A ``match`` pattern matches and no ``exclude`` pattern does."""
        return self.match.search(sentence) is not None and not self.excluded(sentence)

    def matches_with(self, index: int, sentence: str) -> bool:
        """Match pattern number ``index`` alone matches and no ``exclude`` pattern does."""
        return self.each[index].search(sentence) is not None and not self.excluded(sentence)


class SentenceIndex:
    """Sentences to search, with a lower-case copy for the required-literal pre-filter."""

    #: Literal frequencies are estimated on about this many sentences.
    SAMPLE = 2000

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        lower = [text.lower() for text in self.texts]
        self._starts: list[int] = []
        offset = 0
        for text in lower:
            self._starts.append(offset)
            offset += len(text) + 1
        self._lower = "\n".join(lower)
        self._sample = "\n".join(lower[:: max(1, len(lower) // self.SAMPLE)])
        self._always = [i for i, text in enumerate(self.texts) if not _plain_case(text)]
        self._costs: dict[str, float] = {}
        self._literals: dict[str, frozenset[str] | None] = {}

    def cost(self, literal: str) -> float:
        """How many sample sentences contain ``literal`` (longer wins a tie)."""
        found = self._costs.get(literal)
        if found is None:
            found = self._sample.count(literal) + _SCAN_COST + length_cost(literal)
            self._costs[literal] = found
        return found

    def literals(self, pattern: str) -> frozenset[str] | None:
        if pattern not in self._literals:
            self._literals[pattern] = required_literals(pattern, self.cost)
        return self._literals[pattern]

    def candidates(self, literals: frozenset[str] | None) -> list[int]:
        """Indices of the sentences that contain one of ``literals`` (lower case), plus those
        whose case folding is not plain; every sentence when ``literals`` is None."""
        if literals is None:
            return list(range(len(self.texts)))
        hits = set(self._always)
        lower, starts = self._lower, self._starts
        for literal in literals:
            position = lower.find(literal)
            while position >= 0:
                index = bisect.bisect_right(starts, position) - 1
                hits.add(index)
                following = starts[index + 1] if index + 1 < len(starts) else len(lower)
                position = lower.find(literal, max(position + 1, following))
        return sorted(hits)

    def matching(self, matcher: Matcher) -> list[int]:
        """Indices of the sentences the finding patterns count, in order."""
        found: set[int] = set()
        for pattern in matcher.patterns.match:
            found.update(self.candidates(self.literals(pattern)))
        return [i for i in sorted(found) if matcher.matches(self.texts[i])]

    def first_match(self, matcher: Matcher, index: int) -> int | None:
        """The first sentence match pattern ``index`` counts on its own, or None."""
        literals = self.literals(matcher.patterns.match[index])
        return next((i for i in self.candidates(literals)
                     if matcher.matches_with(index, self.texts[i])), None)


def _plain_case(text: str) -> bool:
    """True when lower-casing ``text`` gives exactly what case-insensitive matching compares:
    ASCII letters, and other characters only if they have no case."""
    if text.isascii():
        return True
    return all(ch.isascii() or ch.lower() == ch == ch.upper() for ch in text)
