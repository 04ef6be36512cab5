"""Reader for the corpus of Ofsted inspection reports of English local-authority children's
services (``../shared/corpus`` beside the repository; ``--corpus DIR`` on the command line).

Standard library only.

Public API
----------
``load_index(corpus_dir)``
    Parse ``index.csv`` into frozen :class:`Report` records with grades mapped to
    the current (ILACS 2023) judgement areas.
``read_report(corpus_dir, report)``
    Read one report's raw text.
``paragraphs(text, vocabulary=None)``
    Split a report's raw text into :class:`Paragraph` records.
``sentences(paragraph_text)``
    Split one paragraph's text into sentences.
``find_quote(report_text, paragraph, quote, vocabulary=None)``
    Verbatim check of a quote against a paragraph (whitespace-normalised only).
``load_corpus(corpus_dir)``
    Convenience: index + text + paragraphs for every report.

Grade mapping (``Report.grades``)
---------------------------------
Keys are the current framework's areas plus ``"overall"``:
``leadership``, ``help_and_protection``, ``children_in_care``, ``care_leavers``,
``overall``.  Values are the index's grade strings (``outstanding``, ``good``,
``requires_improvement``, ``inadequate``).  ``not_judged`` and empty cells are
left out, so a key may be missing.

* ILACS 2023: ``leaders`` -> ``leadership``; the other three keep their names.
* ILACS 2018: ``leaders`` -> ``leadership``; ``children_in_care`` was ONE combined
  judgement ("children in care and care leavers").  We copy it to both
  ``children_in_care`` and ``care_leavers`` so that care-leaver analyses have a
  grade for every ILACS report.  Consumers that need to know whether the
  care-leaver grade was a judgement of its own should check
  :attr:`Report.care_leavers_combined`.
* SIF 2013: ``leadership_management_governance`` -> ``leadership``;
  ``children_looked_after`` -> ``children_in_care``; ``care_leavers`` and
  ``help_and_protection`` keep their names.  The SIF ``adoption`` sub-judgement has
  no current-framework counterpart and is not mapped (it is kept, unmapped, in
  :attr:`Report.raw_grades`).
* LAC 2012 (one report): only ``overall`` is mapped; its other judgements use a
  different scale (``adequate``) and are only in :attr:`Report.raw_grades`.

Paragraph splitting rules
-------------------------
* Page breaks (form feeds) are dropped.  Text that continues across a page break
  (indented continuation, lower-case start, or a long line without closing
  punctuation before the break) is joined to the paragraph it belongs to.
* Footnote bodies at the foot of a page (a line holding only the footnote number,
  then the note, up to the page break) are emitted as paragraphs of their own
  (number ``None``) and do not interrupt the paragraph that runs across the page.
* A numbered paragraph starts with ``N.`` at the start of a line (at most five
  spaces of indent).  To reject a wrapped line that happens to start with a number
  (``"... aged\\n16. They"``), ``N`` must be the previous number + 1, a restart at
  1, or (only after a blank line or page break) a jump of at most 3.  Lines such as
  ``"1. Children who need help and protection       Good"`` (SIF judgement table,
  recognised by a wide column gap) are not treated as numbered paragraphs.  A number
  whose dot was lost in extraction (``"34     Most children"``) is accepted only in
  sequence.  Numbers are kept as printed (``"12"``, without the dot).  A SIF report
  can contain the same number more than once (its LSCB section restarts at 1).
* After a numbered paragraph, an indented block (3+ spaces) following a blank line
  is still part of that paragraph (this is how sub-bullets and text after a removed
  page footer appear).
* Bullets (private-use characters such as U+F06E/U+F02D, U+25FC, U+2022, or
  ``"- "`` at the start of a line) start a new paragraph unless they are indented
  under a numbered paragraph; the bullet character is removed.  All private-use
  characters are removed anywhere in the text.
* Whitespace runs (including the kept column spacing) become one space.
* End-of-line hyphenation: this corpus (PDFs typeset without automatic
  hyphenation) has almost no syllable breaks; nearly every line-final hyphen is a
  real compound hyphen (``well-``/``being``, ``multi-``/``agency``).  The rule is
  therefore conservative: the hyphen is KEPT (``"well-being"``) unless all of
  (a) the joined lower-case form occurs unhyphenated in the vocabulary,
  (b) the hyphenated form never occurs in the vocabulary, and
  (c) the second fragment is not itself a word in the vocabulary
  -- e.g. ``assess-``/``ment`` becomes ``assessment``.  ``-`` followed by
  ``and``/``or``/``to`` (``"16-"``/``"and 17-year-olds"``) keeps the hyphen and a
  space.  The vocabulary defaults to the report's own text (so the result is a pure
  function of the text and :func:`find_quote` agrees with :func:`paragraphs`);
  :func:`corpus_vocabulary` builds a corpus-wide one.  On this corpus the two choices
  differ in 7 places in 6 reports, all compounds written both ways
  (``co-ordinated``/``coordinated``, ``long-standing``/``longstanding``); whichever is used,
  quote checks must use the same one.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

__all__ = [
    "AREAS",
    "GRADES",
    "LoadedReport",
    "Paragraph",
    "Report",
    "Vocabulary",
    "WordCounts",
    "build_vocabulary",
    "corpus_vocabulary",
    "find_quote",
    "load_corpus",
    "load_index",
    "normalise_whitespace",
    "paragraphs",
    "read_report",
    "sentences",
]

AREAS: tuple[str, ...] = ("leadership", "help_and_protection", "children_in_care", "care_leavers")
GRADES: tuple[str, ...] = ("inadequate", "requires_improvement", "good", "outstanding")

# ---------------------------------------------------------------------------
# Index
# ---------------------------------------------------------------------------

_SIF_MAP: dict[str, str] = {
    "leadership_management_governance": "leadership",
    "help_and_protection": "help_and_protection",
    "children_looked_after": "children_in_care",
    "care_leavers": "care_leavers",
}
_ILACS_MAP: dict[str, str] = {
    "leaders": "leadership",
    "help_and_protection": "help_and_protection",
    "children_in_care": "children_in_care",
    "care_leavers": "care_leavers",
}
_RAW_GRADE_COLUMNS: tuple[str, ...] = (
    "overall_grade",
    "help_and_protection",
    "children_looked_after",
    "adoption",
    "care_leavers",
    "leadership_management_governance",
    "leaders",
    "children_in_care",
    "lac_capacity_to_improve",
    "lac_outcomes",
    "lac_quality_of_provision",
    "lac_leadership_management",
    "lscb",
)


@dataclass(frozen=True)
class Report:
    """One row of ``index.csv``."""

    file: str
    authority: str
    publication_date: date
    fieldwork_start: date | None
    framework: str
    type: str
    grades: dict[str, str]
    raw_grades: dict[str, str] = field(default_factory=dict, compare=False)
    care_leavers_combined: bool = False

    @property
    def year(self) -> int:
        return self.publication_date.year


def _parse_date(value: str) -> date | None:
    value = value.strip()
    return date.fromisoformat(value) if value else None


def _usable(grade: str) -> bool:
    return grade.strip() not in ("", "not_judged")


def _map_grades(row: Mapping[str, str]) -> tuple[dict[str, str], bool]:
    framework = row["framework"]
    grades: dict[str, str] = {}
    combined = False
    if framework == "sif-2013":
        mapping = _SIF_MAP
    elif framework.startswith("ilacs"):
        mapping = _ILACS_MAP
    else:
        mapping = {}
    for column, key in mapping.items():
        value = row.get(column, "").strip()
        if _usable(value):
            grades[key] = value
    if framework == "ilacs-2018" and "children_in_care" in grades and "care_leavers" not in grades:
        # Combined judgement "children in care and care leavers" (see module doc).
        grades["care_leavers"] = grades["children_in_care"]
        combined = True
    overall = row.get("overall_grade", "").strip()
    if _usable(overall):
        grades["overall"] = overall
    return grades, combined


def _report(row: Mapping[str, str]) -> Report:
    grades, combined = _map_grades(row)
    published = _parse_date(row["publication_date"])
    if published is None:
        raise ValueError(f"{row['file']}: no publication_date")
    raw = {c: row[c].strip() for c in _RAW_GRADE_COLUMNS if row.get(c, "").strip()}
    return Report(
        file=row["file"],
        authority=row["la_name"],
        publication_date=published,
        fieldwork_start=_parse_date(row.get("fieldwork_start", "")),
        framework=row["framework"],
        type=row["type"],
        grades=grades,
        raw_grades=raw,
        care_leavers_combined=combined,
    )


def load_index(corpus_dir: Path) -> list[Report]:
    """Read ``corpus_dir/index.csv`` (rows in file order)."""
    with (Path(corpus_dir) / "index.csv").open(encoding="utf-8", newline="") as handle:
        return [_report(row) for row in csv.DictReader(handle)]


def read_report(corpus_dir: Path, report: Report) -> str:
    """Raw text of one report."""
    return (Path(corpus_dir) / report.file).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as printed: ``number`` is the report's own (``"12"``) or None."""

    number: str | None
    text: str
    start_line: int  # 1-based line number in the raw text


_HYPHENATED_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_PLAIN_WORD_RE = re.compile(r"(?<![-A-Za-z])[A-Za-z]+(?![-A-Za-z])")
_NUMBERED_RE = re.compile(r"^ {0,5}(\d{1,3})(\.|(?= {3,}[A-Z]))(?:[ \t]+(\S.*))?$")
_COLUMN_GAP_RE = re.compile(r"\S {6,}\S")
_FOOTNOTE_MARK_RE = re.compile(r"^ {0,2}(\d{1,2})\s*$")
_BULLETS = "\u25fc\u25aa\u2022\u25cf"
_LINE_END_HYPHEN_RE = re.compile(r"([A-Za-z]+)-$")
_LEADING_WORD_RE = re.compile(r"^([A-Za-z]+)")
_KEEP_SPACE_AFTER_HYPHEN = frozenset({"and", "or", "to"})
_TERMINAL = tuple(".:;!?)\u2019\u201d")
#: A footnote body runs at most this many lines to the page break.
_FOOTNOTE_MAX_LINES = 16


def normalise_whitespace(text: str) -> str:
    """Collapse every whitespace run (spaces, tabs, newlines, form feeds) to one space."""
    return " ".join(text.split())


_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_USE_BULLET_RE = re.compile("^([ \t]*)[\ue000-\uf8ff]", re.MULTILINE)
# a line-final hyphen, the line break (maybe a page break) and the next word
_LINE_BREAK_HYPHEN_RE = re.compile(r"-[ \t]*\n[ \t\f\n]*[A-Za-z]+")


def _strip_private_use(text: str) -> str:
    """Private-use bullets at a line start become U+2022; other private-use go."""
    if _PRIVATE_USE_RE.search(text) is None:
        return text
    return _PRIVATE_USE_RE.sub("", _PRIVATE_USE_BULLET_RE.sub("\\1\u2022", text))


def _mask_line_breaks(text: str) -> str:
    """Remove the words on either side of every line-final hyphen, so that the
    fragments themselves do not count as evidence."""
    pieces: list[str] = []
    last = 0
    for m in _LINE_BREAK_HYPHEN_RE.finditer(text):
        start = m.start()
        while start > last and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        if start == m.start():
            continue  # "16-" etc.: no word before the hyphen
        pieces.append(text[last:start])
        pieces.append(" ")
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


class Vocabulary(Protocol):
    """Word evidence for the end-of-line hyphenation rule (lower-case queries)."""

    def has_plain(self, word: str) -> bool:
        """Does ``word`` occur as a whole word without a hyphen?"""
        ...

    def has_hyphenated(self, compound: str) -> bool:
        """Does ``compound`` (``"well-being"``) occur within a line?"""
        ...


@dataclass(frozen=True)
class WordCounts:
    """Counted vocabulary of many texts (see :func:`build_vocabulary`)."""

    plain: Mapping[str, int]
    hyphenated: Mapping[str, int]

    def has_plain(self, word: str) -> bool:
        return self.plain.get(word, 0) > 0

    def has_hyphenated(self, compound: str) -> bool:
        return self.hyphenated.get(compound, 0) > 0


class _TextLookup:
    """Vocabulary of one text, searched lazily (only line-final hyphens need it)."""

    def __init__(self, text: str) -> None:
        self._raw = text
        self._masked: str | None = None

    def _text(self) -> str:
        if self._masked is None:
            self._masked = _mask_line_breaks(self._raw).lower()
        return self._masked

    def _search(self, token: str) -> bool:
        """Whole-word occurrence of lower-case ``token`` (not inside a compound)."""
        text = self._text()
        index = text.find(token)
        while index >= 0:
            before = text[index - 1] if index > 0 else " "
            end = index + len(token)
            after = text[end] if end < len(text) else " "
            if not _word_char(before) and not _word_char(after):
                return True
            index = text.find(token, index + 1)
        return False

    def has_plain(self, word: str) -> bool:
        return self._search(word)

    def has_hyphenated(self, compound: str) -> bool:
        return self._search(compound)


def _word_char(ch: str) -> bool:
    return ch == "-" or (ch.isascii() and ch.isalpha())


def build_vocabulary(texts: Iterable[str]) -> WordCounts:
    """Count whole words and hyphenated compounds, ignoring the fragments around
    line-final hyphens."""
    plain: Counter[str] = Counter()
    hyphenated: Counter[str] = Counter()
    for text in texts:
        masked = _mask_line_breaks(text).lower()
        hyphenated.update(_HYPHENATED_RE.findall(masked))
        plain.update(_PLAIN_WORD_RE.findall(masked))
    return WordCounts(plain=plain, hyphenated=hyphenated)


def corpus_vocabulary(corpus_dir: Path) -> WordCounts:
    """Vocabulary of every report in the corpus."""
    corpus_dir = Path(corpus_dir)
    return build_vocabulary(read_report(corpus_dir, r) for r in load_index(corpus_dir))


def _join_hyphen(left: str, right: str, vocab: Vocabulary) -> str:
    """``left`` ends with ``word-``; decide how to glue ``right`` (next line) on."""
    m_left = _LINE_END_HYPHEN_RE.search(left)
    m_right = _LEADING_WORD_RE.match(right)
    if m_left is None or m_right is None:
        return left + right  # e.g. "16-" + "17-year-olds": keep hyphen, no space
    first, second = m_left.group(1), m_right.group(1)
    if second.lower() in _KEEP_SPACE_AFTER_HYPHEN:
        return left + " " + right
    joined = (first + second).lower()
    hyphenated = f"{first}-{second}".lower()
    if (
        vocab.has_plain(joined)
        and not vocab.has_hyphenated(hyphenated)
        and not vocab.has_plain(second.lower())
    ):
        return left[:-1] + right  # syllable break: "assess-" + "ment"
    return left + right  # real hyphen: "well-" + "being"


def _join_lines(lines: list[str], vocab: Vocabulary) -> str:
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text = _join_hyphen(text, line, vocab)
        else:
            text = text + " " + line
    return normalise_whitespace(text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _bullet_body(line: str) -> str | None:
    """Text after a bullet marker, or None if the line is not a bullet."""
    stripped = line.strip()
    if not stripped:
        return None
    first = stripped[0]
    if first in _BULLETS or "\ue000" <= first <= "\uf8ff":
        return stripped[1:].strip()
    if stripped.startswith("- ") and len(stripped) > 2:
        return stripped[2:].strip()
    return None


def _footnote_end(lines: list[str], i: int) -> int | None:
    """If a footnote body starts at line ``i`` (its number alone on the line, then the note
    running to a page break or the end within a few lines), the index just after it."""
    n = len(lines)
    if not (_FOOTNOTE_MARK_RE.match(lines[i]) and i + 1 < n and lines[i + 1].strip()
            and "\f" not in lines[i]):
        return None
    j = i + 1
    while j < n and j - i <= _FOOTNOTE_MAX_LINES and "\f" not in lines[j]:
        j += 1
    if (j >= n or "\f" in lines[j]) and j - i <= _FOOTNOTE_MAX_LINES:
        return j
    return None


def _footnote_lines(lines: list[str]) -> set[int]:
    """Indices of lines holding footnote bodies at the foot of a page."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        end = _footnote_end(lines, i)
        if end is None:
            i += 1
        else:
            out.update(range(i, end))
            i = end
    return out


class _Block:
    __slots__ = ("kind", "last_line", "lines", "number", "start")

    def __init__(self, number: str | None, start: int, first: str, kind: str) -> None:
        self.number = number
        self.start = start
        self.lines = [first]
        self.kind = kind  # "numbered", "bullet", "plain", "footnote"
        self.last_line = first


class _Splitter:
    """Reads a report line by line and groups the lines into blocks (see the module doc)."""

    def __init__(self, footnotes: set[int]) -> None:
        self.footnotes = footnotes
        self.done: list[_Block] = []
        self.current: _Block | None = None
        self.footnote: _Block | None = None
        self.last_number = 0
        self.seen_blank = False
        self.page_break = False

    def feed(self, index: int, raw: str) -> None:
        if index in self.footnotes:
            self._footnote_line(raw, index + 1)
            return
        if self.footnote is not None:
            self.done.append(self.footnote)
            self.footnote = None
        if "\f" in raw:
            self.page_break = True
            raw = raw.replace("\f", "")
        if not raw.strip():
            self.seen_blank = True
            return
        self._content(raw, index + 1)
        self.seen_blank = False
        self.page_break = False

    def finish(self) -> list[_Block]:
        if self.footnote is not None:
            self.done.append(self.footnote)
        self._close()
        self.done.sort(key=lambda b: b.start)
        return self.done

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
            self.current = None

    def _footnote_line(self, raw: str, line_no: int) -> None:
        if "\f" in raw:
            return
        if _FOOTNOTE_MARK_RE.match(raw) is not None:
            if self.footnote is not None:
                self.done.append(self.footnote)
            self.footnote = _Block(None, line_no, "", "footnote")  # marker dropped
        elif self.footnote is not None and raw.strip():
            self.footnote.lines.append(raw)

    def _number(self, numbered: re.Match[str] | None) -> int | None:
        """The paragraph number a numbered-looking line starts, if it is one in sequence."""
        if numbered is None or _COLUMN_GAP_RE.search(numbered.group(3) or ""):
            return None
        n = int(numbered.group(1))
        last = self.last_number
        if numbered.group(2) != ".":
            # "34     Most children ..." (dot lost in extraction): only in sequence
            in_sequence = last > 0 and n == last + 1
        else:
            at_block_start = self.current is None or self.seen_blank or self.page_break
            in_sequence = (n == last + 1 or n == 1
                           or (at_block_start and 0 < last < n <= last + 3))
        return n if in_sequence else None

    def _content(self, raw: str, line_no: int) -> None:
        bullet = _bullet_body(raw)
        numbered = _NUMBERED_RE.match(raw)
        number = self._number(numbered)
        if number is not None and numbered is not None:
            self._close()
            self.current = _Block(str(number), line_no, numbered.group(3) or "", "numbered")
            self.last_number = number
        elif bullet is not None:
            self._bullet(raw, bullet, line_no)
        elif self.current is None:
            self.current = _Block(None, line_no, raw, "plain")
        elif _continues(self.current, raw, self.seen_blank, self.page_break):
            self.current.lines.append(raw)
            self.current.last_line = raw
        else:
            self._close()
            self.current = _Block(None, line_no, raw, "plain")

    def _bullet(self, raw: str, bullet: str, line_no: int) -> None:
        current = self.current
        if current is not None and current.kind == "numbered" and _indent(raw) >= 3:
            current.lines.append(bullet)
            current.last_line = raw
        else:
            self._close()
            self.current = _Block(None, line_no, bullet, "bullet")


def paragraphs(text: str, vocabulary: Vocabulary | None = None) -> list[Paragraph]:
    """Split a report's raw text into paragraphs (see the module docstring)."""
    vocab: Vocabulary = vocabulary if vocabulary is not None else _TextLookup(text)
    lines = _strip_private_use(text).split("\n")
    splitter = _Splitter(_footnote_lines(lines))
    for index, raw in enumerate(lines):
        splitter.feed(index, raw)
    out: list[Paragraph] = []
    for block in splitter.finish():
        body = _join_lines(block.lines, vocab)
        if body:
            out.append(Paragraph(number=block.number, text=body, start_line=block.start))
    return out


def _continues(current: _Block, line: str, seen_blank: bool, page_break: bool) -> bool:
    """Does ``line`` (not a numbered/bullet start) continue ``current``?"""
    if not seen_blank and not page_break:
        return True
    if current.kind == "numbered" and not "".join(current.lines).strip():
        return True  # "89." alone on its line, text after a blank line
    if page_break and not seen_blank:
        return _continues_over_page(current, line)
    return _continues_after_blank(current, line, page_break)


def _continues_over_page(current: _Block, line: str) -> bool:
    """A page break (and no blank line) lies between ``current`` and ``line``."""
    if current.kind == "footnote":
        return False
    stripped = line.strip()
    prev = current.last_line.rstrip()
    return (
        stripped[:1].islower()
        or prev.endswith(("-", ","))
        or (current.kind in ("numbered", "bullet") and _indent(line) >= 2)
        or (not prev.endswith(_TERMINAL) and len(prev.strip()) >= 50)
    )


def _continues_after_blank(current: _Block, line: str, page_break: bool) -> bool:
    """A blank line (possibly with a page break) separates ``current`` and ``line``."""
    if current.kind == "numbered" and _indent(line) >= 3:
        return True
    prev = current.last_line.rstrip()
    return page_break and line.strip()[:1].islower() and not prev.endswith(_TERMINAL)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

# Lower-case forms, without the final dot.
_ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "eg", "ie", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "v",
        "cf", "approx", "para", "paras", "fig", "ref", "incl", "inc", "co", "ltd", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof", "rev",
        "gov", "hon", "cllr", "nb", "al", "op", "ch", "sec", "vol", "pp", "p",
    }
)
# Abbreviations that can also end a sentence: split after them when the next word
# starts with a capital letter.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co", "al"})
_OPENERS = "\u2018\u201c\"'(["
_CLOSERS = "\u2019\u201d\"')]"
_CANDIDATE_RE = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_INITIAL_RE = re.compile(r"[A-Z]")
_ENUMERATOR_RE = re.compile(r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)?")


def sentences(paragraph_text: str) -> list[str]:
    """Split paragraph text into sentences.

    A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quote or bracket)
    followed by whitespace and then a capital letter, a digit, an opening quote or
    bracket.  No split after common abbreviations (``e.g.``, ``i.e.``, ``Dr.``,
    ``No.``, ``Mr.`` ...; ``etc.`` only before a capitalised word), after
    single-letter initials, or after a list enumerator (``1.``, ``(a).``, ``ii.``)
    at the start of the text or after ``:``/``;``.  ``2.5`` is never split (no
    whitespace after the dot).  Sentences are returned whitespace-normalised.
    """
    text = normalise_whitespace(paragraph_text)
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _CANDIDATE_RE.finditer(text):
        end = m.end()
        nxt = text[end:].lstrip()
        if not nxt:
            break
        first = nxt[0]
        if not (first.isupper() or first.isdigit() or first in _OPENERS or first == "\u2022"):
            continue
        if m.group(0).startswith(".") and not _is_sentence_end(text, start, m.start(), nxt):
            continue
        sentence = text[start:end].strip()
        if sentence:
            out.append(sentence)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_sentence_end(text: str, sentence_start: int, dot: int, following: str) -> bool:
    before_dot = text[sentence_start:dot]
    parts = before_dot.rsplit(None, 1)
    if not parts:
        return False  # a lone "." at the start
    token = parts[-1]
    bare = token.lstrip(_OPENERS).lower()
    if bare in _ABBREVIATIONS:
        return bare in _SENTENCE_FINAL_ABBREVIATIONS and following[:1].isupper()
    if _never_ends_sentence(token, bare, following):
        return False
    return not _is_enumerator(before_dot, token, bare)


def _never_ends_sentence(token: str, bare: str, following: str) -> bool:
    """'No. 5', a dotted abbreviation ('e.g', 'u.k', 'a.m') or an initial ('J.')."""
    return (
        (bare in ("no", "nos") and following[:1].isdigit())
        or _DOTTED_RE.fullmatch(bare) is not None
        or _INITIAL_RE.fullmatch(token.lstrip(_OPENERS)) is not None
    )


def _is_enumerator(before_dot: str, token: str, bare: str) -> bool:
    """A list enumerator ('1.', '(a).', 'ii.') at the start or after ':' / ';'."""
    if _ENUMERATOR_RE.fullmatch(bare) is None:
        return False
    before = before_dot[: len(before_dot) - len(token)].rstrip()
    return not before or before.endswith((":", ";"))


# ---------------------------------------------------------------------------
# Quote checking
# ---------------------------------------------------------------------------


def find_quote(
    report_text: str,
    paragraph: str | None,
    quote: str,
    vocabulary: Vocabulary | None = None,
) -> bool:
    """Is ``quote`` verbatim in ``report_text``?

    ``paragraph`` is the paragraph number as printed (``"12"``; ``"12."`` is
    accepted too) and the quote must then lie inside a paragraph with that number;
    with ``None`` it may lie inside any single paragraph.  Both sides are compared
    after :func:`normalise_whitespace` only: case, punctuation, curly quotes,
    hyphens and footnote digits must match the paragraph text exactly as
    :func:`paragraphs` produces it.  An empty quote never matches.  Pass the same
    ``vocabulary`` that was used when the quote was taken (default: the report's
    own, as in :func:`paragraphs`).
    """
    needle = normalise_whitespace(quote)
    if not needle:
        return False
    wanted = paragraph.strip().rstrip(".") if paragraph is not None else None
    return any(
        needle in para.text
        for para in paragraphs(report_text, vocabulary)
        if wanted is None or para.number == wanted
    )


# ---------------------------------------------------------------------------
# Whole corpus
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedReport:
    report: Report
    text: str
    paragraphs: list[Paragraph]


def load_corpus(corpus_dir: Path, vocabulary: Vocabulary | None = None) -> list[LoadedReport]:
    """Index, raw text and paragraphs of every report (index order).

    Each report is split with ``vocabulary`` if given, else with its own text's
    vocabulary (the default of :func:`paragraphs`).
    """
    corpus_dir = Path(corpus_dir)
    out: list[LoadedReport] = []
    for report in load_index(corpus_dir):
        text = read_report(corpus_dir, report)
        out.append(LoadedReport(report, text, paragraphs(text, vocabulary)))
    return out
