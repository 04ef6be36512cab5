"""The Annex A specification: eleven lists, their columns with the header variants councils use,
and the category value sets; matching sheet names, headers and values to it.

The specification is data (``data/annex-a.json.gz``, compiled from ``scripts/annexa/columns.yaml``
by ``scripts/build_annexa.py``); this module checks it when it is built and interprets it.

Matching is tolerant but never a guess: a header matches a column when its normal form (case,
spacing, punctuation, curly quotes, ``(DD/MM/YYYY)`` and ``(Y/N)`` hints ignored) equals one of
the column's known variants, or does so once small words (of, the, a ...) are dropped; failing
that, a column's patterns may match, and the reader reports such matches for the user to check.
A header matching two columns of one list is an error.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from checker.core.errors import InternalError
from checker.core.resources import data_dir

ColumnType = Literal["id", "date", "category", "number", "text"]
COLUMN_TYPES = frozenset({"id", "date", "category", "number", "text"})
COLUMN_FIELDS = frozenset({"key", "type", "headers", "patterns", "required", "identifying",
                           "standard", "value_set", "open", "prebirth", "note"})
STOP_WORDS = frozenset({"of", "the", "a", "an", "to", "for", "in", "on", "at", "by", "is",
                        "was", "did", "does", "do", "has", "have", "been", "this"})
#: Normal forms of cell texts that mean "blank" in any column.
BLANK_TEXTS = frozenset({"", "n a", "na", "null", "none", "nil"})

_HINT = re.compile(
    r"\(\s*(?:dd|mm|yy|yyyy|d|m)(?:\s*[/.\-]\s*(?:dd|mm|yy|yyyy|d|m))+\s*\)"
    r"|\b(?:dd|d)[/.\-](?:mm|m)[/.\-](?:yyyy|yy)\b|\byyyy[/.\-]mm[/.\-]dd\b"
    r"|\(\s*(?:y\s*/\s*n|yes\s*/\s*no)\s*\)+")
_ENUMERATOR = re.compile(r"^\s*\(?\d{1,2}[.)]\s+")
_LETTER_PREFIX = re.compile(r"^\s*[a-z]{1,2}\)\s*", re.IGNORECASE)
_CODE = re.compile(r"^\s*([A-Za-z0-9]{1,4})\s*(?::|\)|\s[-\u2013\u2014]\s|[-\u2013\u2014]\s)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d`", "''\"\"'")
_LIST_NUMBER = re.compile(r"^\s*(?:list|l)\s*[-_.:]?\s*0?(\d{1,2})(?!\d)", re.IGNORECASE)


class SpecError(InternalError):
    """The shipped specification is malformed (a build-time error, never a user's)."""


class AmbiguousHeader(ValueError):
    """A header matches more than one column of a list."""


def normalise(text: object) -> str:
    """The normal form of a header, sheet name or category value."""
    s = unicodedata.normalize("NFKC", str(text)).lower().translate(_QUOTES)
    s = _ENUMERATOR.sub("", _HINT.sub(" ", s))
    s = s.replace("'", "").replace("&", " and ")
    s = re.sub(r"\bno\.", "number ", s)
    return " ".join(_NON_ALNUM.sub(" ", s).split())


def compact(normal: str) -> str:
    """A normal form without stop words, for the second, looser comparison."""
    return " ".join(word for word in normal.split() if word not in STOP_WORDS)


@dataclass(frozen=True)
class CategoryValue:
    key: str
    label: str
    codes: tuple[str, ...]
    variants: tuple[str, ...]
    group: str | None = None


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    type: ColumnType
    headers: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    required: bool = False
    identifying: bool = False
    standard: bool = True
    value_set: str | None = None
    values: tuple[CategoryValue, ...] = ()
    #: Other text is kept as it is (an authority's name in "LA of placement").
    open: bool = False
    #: The date may precede the child's birth (work with an unborn child).
    prebirth: bool = False
    note: str = ""
    by_text: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    by_code: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    normal_headers: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    compact_headers: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @property
    def title(self) -> str:
        """The column's standard header."""
        return self.headers[0]

    def match_value(self, text: str) -> str | None:
        """The category key a (non-blank) cell text names, or None if it names none."""
        for candidate in (text, _LETTER_PREFIX.sub("", text, count=1)):
            key = self.by_text.get(normalise(candidate))
            if key is not None:
                return key
            code = _CODE.match(candidate)
            if code is not None:
                key = self.by_code.get(code.group(1).upper())
                if key is not None:
                    return key
        return None

    def label(self, key: str) -> str:
        return next((value.label for value in self.values if value.key == key), key)


@dataclass(frozen=True)
class HeaderMatch:
    """How one header of a sheet was read."""

    column: ColumnSpec
    index: int
    header: str
    #: Matched only by a pattern, not by a known variant: the user should check it.
    by_pattern: bool = False


@dataclass(frozen=True)
class HeaderMap:
    columns: Mapping[str, HeaderMatch]
    unmatched: tuple[tuple[int, str], ...]
    duplicates: tuple[tuple[int, str, str], ...]
    missing_required: tuple[str, ...]


@dataclass(frozen=True)
class ListSpec:
    key: str
    number: int
    title: str
    row: str
    period: str
    sheet_patterns: tuple[re.Pattern[str], ...]
    columns: tuple[ColumnSpec, ...]

    @property
    def label(self) -> str:
        return f"List {self.number} ({self.title})"

    def column(self, key: str) -> ColumnSpec:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"list {self.number} has no column {key!r}")

    def match_header(self, header: str) -> tuple[ColumnSpec | None, bool]:
        """The column a header names and whether only a pattern matched it;
        :class:`AmbiguousHeader` if it names several."""
        normal = normalise(header)
        if not normal:
            return None, False
        found = [c for c in self.columns if normal in c.normal_headers]
        if not found:
            short = compact(normal)
            found = [c for c in self.columns if short in c.compact_headers]
        by_pattern = not found
        if not found:
            found = [c for c in self.columns if any(p.search(normal) for p in c.patterns)]
        if len(found) > 1:
            raise AmbiguousHeader(", ".join(c.title for c in found))
        return (found[0] if found else None), by_pattern and bool(found)

    def map_headers(self, headers: Sequence[object]) -> HeaderMap:
        """Read a header row; a second header claiming a column is a duplicate."""
        found: dict[str, HeaderMatch] = {}
        unmatched: list[tuple[int, str]] = []
        duplicates: list[tuple[int, str, str]] = []
        for index, header in enumerate(headers):
            if header is None or not str(header).strip():
                continue
            text = " ".join(str(header).split())
            column, by_pattern = self.match_header(text)
            if column is None:
                unmatched.append((index, text))
            elif column.key in found:
                duplicates.append((index, text, column.key))
            else:
                found[column.key] = HeaderMatch(column, index, text, by_pattern)
        missing = tuple(c.key for c in self.columns if c.required and c.key not in found)
        return HeaderMap(found, tuple(unmatched), tuple(duplicates), missing)


@dataclass(frozen=True)
class AnnexASpec:
    source: str
    lists: tuple[ListSpec, ...]
    #: The bank holidays shipped with the specification (see :mod:`.workdays`).
    bank_holidays: Mapping[str, Any]

    def list(self, key: str) -> ListSpec:
        for item in self.lists:
            if item.key == key:
                return item
        raise KeyError(f"no Annex A list {key!r}")

    def list_from_sheet_name(self, name: str) -> ListSpec | None:
        """The list a sheet's name points at ('List 8', 'L8 CLA', 'Care leavers'), if one."""
        numbered = _LIST_NUMBER.match(name)
        if numbered is not None:
            number = int(numbered.group(1))
            return next((item for item in self.lists if item.number == number), None)
        normal = normalise(name)
        hits = [item for item in self.lists if any(p.search(normal) for p in item.sheet_patterns)]
        return hits[0] if len(hits) == 1 else None

    def list_from_headers(self, headers: Sequence[object]) -> ListSpec | None:
        """The list whose required and identifying columns a header row has, matching most."""
        best: tuple[int, int, ListSpec] | None = None
        for item in self.lists:
            try:
                mapping = item.map_headers(headers)
            except AmbiguousHeader:
                continue
            identifying = (c.key for c in item.columns if c.identifying)
            if mapping.missing_required or any(k not in mapping.columns for k in identifying):
                continue
            score = (len(mapping.columns), -len(mapping.unmatched))
            if best is None or score > best[:2]:
                best = (*score, item)
        return best[2] if best is not None else None


# --- building and checking ------------------------------------------------------------------


def _strings(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise SpecError(f"annex-a spec: {where}: expected a list of strings (quote Yes/No)")
    return tuple(raw)


def _patterns(raw: Any, where: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(text) for text in _strings(raw, where))
    except re.error as error:
        raise SpecError(f"annex-a spec: {where}: bad pattern: {error}") from None


def _value_set(raw: Any, where: str) -> tuple[CategoryValue, ...]:
    if not isinstance(raw, list) or not raw:
        raise SpecError(f"annex-a spec: {where}: a value set must be a non-empty list")
    values = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise SpecError(f"annex-a spec: {where}: every value needs a string key")
        values.append(CategoryValue(
            key=item["key"], label=str(item.get("label", item["key"])),
            codes=_strings(item.get("codes"), f"{where}.{item['key']}.codes"),
            variants=_strings(item.get("variants"), f"{where}.{item['key']}.variants"),
            group=item.get("group")))
    return tuple(values)


def _indexes(values: tuple[CategoryValue, ...], where: str
             ) -> tuple[dict[str, str], dict[str, str]]:
    by_text: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for value in values:
        for text in (value.key, value.label, *value.variants, *value.codes):
            normal = normalise(text)
            if by_text.setdefault(normal, value.key) != value.key:
                raise SpecError(f"annex-a spec: {where}: {text!r} names {by_text[normal]} "
                                f"and {value.key}")
        for code in value.codes:
            if by_code.setdefault(code.upper(), value.key) != value.key:
                raise SpecError(f"annex-a spec: {where}: code {code!r} names two values")
    return by_text, by_code


def _column(raw: dict[str, Any], value_sets: Mapping[str, tuple[CategoryValue, ...]],
            where: str) -> ColumnSpec:
    key, kind = raw.get("key"), raw.get("type")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise SpecError(f"annex-a spec: {where}: column key must be snake_case, got {key!r}")
    where = f"{where}.{key}"
    if kind not in COLUMN_TYPES or set(raw) - COLUMN_FIELDS:
        raise SpecError(f"annex-a spec: {where}: bad type or unknown fields")
    headers = _strings(raw.get("headers"), f"{where}.headers")
    set_name = raw.get("value_set")
    if (kind == "category") != (isinstance(set_name, str) and set_name in value_sets) or (
            not headers):
        raise SpecError(f"annex-a spec: {where}: needs headers, and a known value_set exactly "
                        "when it is a category")
    values = value_sets[set_name] if isinstance(set_name, str) else ()
    by_text, by_code = _indexes(values, where)
    return ColumnSpec(
        key=key, type=cast(ColumnType, kind), headers=headers,
        patterns=_patterns(raw.get("patterns"), f"{where}.patterns"),
        required=bool(raw.get("required")), identifying=bool(raw.get("identifying")),
        standard=bool(raw.get("standard", True)), value_set=set_name, values=values,
        open=bool(raw.get("open")), prebirth=bool(raw.get("prebirth")),
        note=str(raw.get("note", "")), by_text=by_text, by_code=by_code,
        normal_headers=frozenset(normalise(h) for h in headers),
        compact_headers=frozenset(compact(normalise(h)) for h in headers))


def _list(raw: dict[str, Any], value_sets: Mapping[str, tuple[CategoryValue, ...]]
          ) -> ListSpec:
    where = f"lists.{raw.get('key')}"
    columns = tuple(_column(c, value_sets, where) for c in raw.get("columns") or [])
    keys = [c.key for c in columns]
    if len(keys) != len(set(keys)) or not {"child_id", "adopter_id"} & set(keys):
        raise SpecError(f"annex-a spec: {where}: duplicate columns or no identifier column")
    return ListSpec(key=str(raw["key"]), number=int(raw["number"]), title=str(raw["title"]),
                    row=str(raw.get("row", "")), period=str(raw.get("period", "")),
                    sheet_patterns=_patterns(raw.get("sheet_patterns"), where),
                    columns=columns)


def build_spec(raw: dict[str, Any]) -> AnnexASpec:
    """Check and interpret the compiled specification (``data/annex-a.json.gz``)."""
    source = raw.get("source")
    if not isinstance(source, str) or "liiatools" not in source:
        raise SpecError("annex-a spec: needs a source note citing liiatools")
    value_sets = {name: _value_set(items, f"value_sets.{name}")
                  for name, items in (raw.get("value_sets") or {}).items()}
    lists = tuple(_list(item, value_sets) for item in raw.get("lists") or [])
    if [item.number for item in lists] != list(range(1, len(lists) + 1)):
        raise SpecError("annex-a spec: lists must be numbered 1..n in order")
    holidays = raw.get("bank_holidays")
    if not isinstance(holidays, dict) or not holidays.get("days"):
        raise SpecError("annex-a spec: no bank holidays")
    return AnnexASpec(source=source, lists=lists, bank_holidays=holidays)


@functools.cache
def load_spec() -> AnnexASpec:
    """The shipped specification, read once."""
    path = data_dir() / "annex-a.json.gz"
    try:
        raw = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as error:
        raise InternalError(f"cannot read the Annex A specification {path}: {error}") from None
    return build_spec(raw)
