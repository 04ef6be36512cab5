"""Find cited paragraphs in the seed documents, to check that evidence quotes are verbatim.

The seed texts were extracted from PDFs and slides, so paragraph numbers are sometimes lost
or land mid-sentence ("there is no track record across the 12. partnership"). Numbered
documents are indexed by taking the longest run of paragraph numbers that rises by one to
three at a time (which skips contents pages and stray numbers such as "Key Stage 4."), and
numbers lost in extraction are given to the long bullet paragraphs that sit in the gaps.
Quotes are compared with whitespace collapsed; nothing else is forgiven.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from checker.core.errors import Problem
from checker.core.text import words
from checker.rules.model import Rule

_LINE_NUMBER = re.compile(r"^[ \t]*(?:-[ \t]*)?(\d{1,3})\.[ \t]", re.MULTILINE)
_INLINE_NUMBER = re.compile(r"[ \t](\d{1,3})\.[ \t]")
_BULLET = re.compile(r"^[ \t]*-[ \t]+\S", re.MULTILINE)
_SECTION = re.compile(r"^[ \t]*(?:-[ \t]*)?(\d+\.\d+(?:\.\d+)?)[ \t]", re.MULTILINE)
_HEADED = re.compile(r"^(?P<heading>.+?),\s*paragraph\s+(?P<number>\d+)$", re.IGNORECASE)
_SLIDE = re.compile(r"^slide:\s*(?P<title>.+)$", re.IGNORECASE)
_BULLET_CHARS = ("-", "❑", "✓", "•", "*")
LONG_PARAGRAPH = 200
MAX_STEP = 3


@dataclass
class Region:
    start: int
    end: int


class SeedIndex:
    """One seed document, able to say where a quote is and whether that is where it is cited."""

    def __init__(self, text: str, style: str) -> None:
        self.text = text
        self.style = style
        self._numbered: dict[str, list[Region]] = {}
        if style == "numbered":
            self._numbered = self._index_numbered()
        elif style == "sections":
            self._numbered = self._index_sections()

    @classmethod
    def load(cls, path: Path, style: str) -> SeedIndex | None:
        if style not in {"numbered", "sections", "slides", "headed"}:
            return None
        return cls(path.read_text(encoding="utf-8"), style)

    # --- indexing ------------------------------------------------------------------------

    def _index_numbered(self) -> dict[str, list[Region]]:
        candidates: list[tuple[int, int]] = []  # (offset, number)
        for match in _LINE_NUMBER.finditer(self.text):
            candidates.append((match.start(), int(match.group(1))))
        for bullet in _BULLET.finditer(self.text):
            line_end = self.text.find("\n", bullet.start())
            line = self.text[bullet.start(): line_end if line_end >= 0 else len(self.text)]
            if _LINE_NUMBER.match(line):
                continue
            for inline in _INLINE_NUMBER.finditer(line):
                candidates.append((bullet.start(), int(inline.group(1))))
        candidates.sort()
        chain = _longest_chain(candidates)
        markers = list(chain)
        bullets = [m.start() for m in _BULLET.finditer(self.text)]
        for (start, number), (next_start, next_number) in itertools.pairwise(chain):
            missing = next_number - number - 1
            if missing <= 0:
                continue
            long_bullets = [
                offset for offset in bullets
                if start < offset < next_start and self._line_length(offset) >= LONG_PARAGRAPH
                and not any(offset == s for s, _n in chain)
            ]
            for offset, lost in zip(long_bullets, range(number + 1, next_number), strict=False):
                markers.append((offset, lost))
        return self._regions(sorted(markers))

    def _index_sections(self) -> dict[str, list[Region]]:
        markers = [(m.start(), m.group(1)) for m in _SECTION.finditer(self.text)]
        return self._regions(markers)

    def _regions(self, markers: list[tuple[int, int]] | list[tuple[int, str]]
                 ) -> dict[str, list[Region]]:
        regions: dict[str, list[Region]] = {}
        for index, (start, label) in enumerate(markers):
            end = markers[index + 1][0] if index + 1 < len(markers) else len(self.text)
            regions.setdefault(str(label), []).append(Region(start, end))
        return regions

    def _line_length(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return (end if end >= 0 else len(self.text)) - offset

    def _slide_regions(self, title: str) -> list[Region]:
        lines = self.text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        regions = []
        wanted = words(title)
        for index, line in enumerate(lines):
            if words(line) != wanted:
                continue
            end = len(self.text)
            for later in range(index + 1, len(lines)):
                stripped = lines[later].strip()
                if stripped and not stripped.startswith(_BULLET_CHARS):
                    end = offsets[later]
                    break
            regions.append(Region(offsets[index], end))
        return regions

    def _headed_regions(self, heading: str, number: int) -> list[Region]:
        lines = self.text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        wanted = words(heading)
        for index, line in enumerate(lines):
            if words(line) != wanted:
                continue
            paragraphs: list[list[int]] = []  # [start, end] offsets
            previous_blank = True
            for later in range(index + 1, len(lines)):
                stripped = lines[later].strip()
                if not stripped:
                    previous_blank = True
                    continue
                starts_new = stripped.startswith(_BULLET_CHARS) or (
                    previous_blank and not stripped[0].islower()
                )
                if starts_new or not paragraphs:
                    paragraphs.append([offsets[later], offsets[later + 1]])
                else:
                    paragraphs[-1][1] = offsets[later + 1]
                previous_blank = False
            if 1 <= number <= len(paragraphs):
                start, end = paragraphs[number - 1]
                return [Region(start, end)]
        return []

    # --- checking ------------------------------------------------------------------------

    def regions(self, paragraph: str) -> list[Region]:
        if self.style in {"numbered", "sections"}:
            return self._numbered.get(paragraph.strip(), [])
        if self.style == "slides":
            match = _SLIDE.match(paragraph.strip())
            return self._slide_regions(match.group("title")) if match else []
        match = _HEADED.match(paragraph.strip())
        if not match:
            return []
        return self._headed_regions(match.group("heading"), int(match.group("number")))

    def contains(self, quote: str) -> bool:
        return words(quote) in words(self.text)

    def check(self, paragraph: str, quote: str) -> str | None:
        """None when ``quote`` is verbatim inside ``paragraph``; otherwise what is wrong."""
        regions = self.regions(paragraph)
        if not regions:
            formats = {
                "numbered": "a paragraph number such as '15'",
                "sections": "a section number such as '4.3.1'",
                "slides": "'slide: <slide title>'",
                "headed": "'<heading>, paragraph <n>'",
            }
            return (f"paragraph {paragraph!r} was not found in the source; cite it as "
                    f"{formats[self.style]}")
        wanted = words(quote)
        for region in regions:
            if wanted in words(self.text[region.start:region.end]):
                return None
        if not self.contains(quote):
            return "quote not found verbatim anywhere in the source"
        return f"quote is in the source but not in paragraph {paragraph!r}"


def _longest_chain(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest sequence (in text order) whose numbers rise by 1 to MAX_STEP each time."""
    if not candidates:
        return []
    best = [1] * len(candidates)
    back = [-1] * len(candidates)
    by_number: dict[int, list[int]] = {}
    for index, (_offset, number) in enumerate(candidates):
        for step in range(1, MAX_STEP + 1):
            for earlier in by_number.get(number - step, []):
                if best[earlier] + 1 > best[index]:
                    best[index] = best[earlier] + 1
                    back[index] = earlier
        by_number.setdefault(number, []).append(index)
    index = max(range(len(candidates)), key=lambda i: (best[i], -i))
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = back[index]
    chain.reverse()
    return chain


def check_seeds(rules: list[Rule], seeds: Path, files: Mapping[str, str | None],
                styles: Mapping[str, str]) -> list[Problem]:
    """RL018: every quote must be found verbatim (whitespace aside) at its cited paragraph."""
    problems = []
    indexes: dict[str, SeedIndex | None] = {}
    for rule in rules:
        for evidence in rule.evidence:
            file = files.get(evidence.source)
            if not file or not (seeds / file).is_file():
                continue
            if evidence.source not in indexes:
                indexes[evidence.source] = SeedIndex.load(seeds / file, styles[evidence.source])
            index = indexes[evidence.source]
            if index is None:
                continue
            verdict = index.check(evidence.paragraph, evidence.quote)
            if verdict is not None:
                problems.append(rule.problem(evidence.pointer + "/quote", verdict, code="RL018"))
    return problems
