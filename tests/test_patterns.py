"""Finding patterns (checker.rules.patterns): the match/exclude semantics, the pre-filter that
must never change which sentences match, and the safety check."""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.rules.patterns import (
    FLAGS,
    FindingPatterns,
    Matcher,
    SentenceIndex,
    problem,
    required_literals,
)
from tests.conftest import REPO

FINDINGS = REPO / "scripts" / "themes" / "findings.yaml"


@functools.cache
def _findings() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(Path(FINDINGS).read_text(encoding="utf-8"))
    return loaded


def _finding(finding_id: str) -> Matcher:
    data = _findings()
    found = next(f for f in data["findings"] if f["id"] == finding_id)
    exclude = found["exclude"] + (data["generic_exclude"] if found["generic_exclude"] else [])
    return Matcher(FindingPatterns(tuple(found["match"]), tuple(exclude)))


@pytest.mark.parametrize(("finding", "sentence", "expected"), [
    ("hp_missing_rhi_offered",
     "Return home interviews are not always offered to children who go missing.", True),
    ("hp_missing_rhi_offered",
     "Return home interviews are consistently offered to all children.", False),
    ("hp_missing_rhi_72h", "Return home interviews are not always completed within 72 hours.",
     True),
    ("hp_missing_rhi_72h", "Almost all return home interviews are completed within 72 hours.",
     False),
    ("hp_strategy_partners",
     "Health professionals are not always invited to strategy discussions.", True),
    ("hp_strategy_partners",
     "Strategy discussions are timely and well attended by police and health.", False),
    ("cic_s20_drift", "Some children remain accommodated under section 20 for too long.", True),
    ("ld_caseloads", "Caseloads are too high in the assessment teams.", True),
    ("ld_caseloads", "Caseloads have reduced and are now manageable.", False),
    ("hp_pre_proceedings_drift", "There is drift for some children in pre-proceedings.", True),
    ("hp_pre_proceedings_drift", "Tracking of pre-proceedings prevents drift.", False),
])
def test_finding_against_praise(finding: str, sentence: str, expected: bool) -> None:
    """The colleague's study found an exclude that also removed 'not always offered': a
    negative pattern must not knock out the finding it exists to protect."""
    assert _finding(finding).matches(sentence) is expected


def test_match_and_exclude_semantics() -> None:
    matcher = Matcher(FindingPatterns((r"\bvisits?\b", r"\bseen alone\b"),
                                      (r"(?<!not )\bconsistently\b",)))
    assert matcher.matches("Visits are late.")
    assert matcher.matches("VISITS ARE LATE.")  # case-insensitive
    assert not matcher.matches("Visits are consistently on time.")
    assert matcher.matches("Visits are not consistently on time.")
    assert matcher.matches_with(1, "Children are not seen alone.")
    assert not matcher.matches_with(0, "Children are not seen alone.")
    with pytest.raises(ValueError, match="at least one match pattern"):
        Matcher(FindingPatterns(()))


def test_digest_identifies_the_patterns() -> None:
    one = FindingPatterns(("a+b",), ("c",))
    assert one.digest() == FindingPatterns(("a+b",), ("c",)).digest()
    assert one.digest() != FindingPatterns(("a+b",), ()).digest()
    assert one.digest() != FindingPatterns(("c",), ("a+b",)).digest()


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"\bstrategy (?:discussion|meeting)s?\b", {"strategy discussion", "strategy meeting"}),
    (r"\black(?:s|ing|ed)?\b", {"lack"}),
    (r"colou?r", {"color", "colour"}),
    (r"^(?=.*?\bdisabled\b)(?=.*?\bassessments?\b)", None),  # either part will do
    (r"a.b", None),
    (r"(?:ab|cd)+x", None),
])
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern)
    if literals is None:
        if found is not None:  # whatever it chose, every match must contain one of them
            assert all(len(s) >= 3 for s in found)
        return
    assert found is not None  # some prefix of each expected string will do
    assert all(any(literal in wanted for literal in found) for wanted in literals), found
    assert all(any(literal in wanted for wanted in literals) for literal in found), found


_PIECES = ["not", "always", "offered", "visits", "seen", "late", " ", " ", "-", "’", "'",
           "K", "ſ", "İ", "ı", "s", "Strategy", "drift", "\u212a", "é", "É"]
_ATOMS = [r"not", r"always", r"offered?", r"visits?", r"seen\b", r"\blate\b", r"[’']", r"k",
          r"s", r"i", r"strategy", r"\w+", r".", r"[^;]{0,5}?", r"(?:drift|delay)", r"é",
          r"\bnot (?:always |yet )?seen", r"(?=.*?visits)", r"(?<!not )always", r"x?"]


def _random_pattern(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        atom = rng.choice(_ATOMS)
        if rng.random() < 0.2:
            atom = f"(?:{atom}|{rng.choice(_ATOMS)})"
        if rng.random() < 0.15:
            atom = f"(?:{atom})?"
        parts.append(atom)
    return "".join(parts) if rng.random() < 0.8 else "|".join(parts)


def test_prefilter_never_changes_the_result() -> None:
    """Over random patterns and sentences (with characters whose case folding is not plain:
    the Kelvin sign, a long s, dotted and dotless i), matching through the pre-filter finds
    exactly the sentences that testing every sentence finds."""
    rng = random.Random(13)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
             for _ in range(400)]
    index = SentenceIndex(texts)
    for _ in range(300):
        pattern = _random_pattern(rng)
        if problem(pattern) is not None:
            continue
        matcher = Matcher(FindingPatterns((pattern,)))
        brute = [i for i, text in enumerate(texts) if matcher.matches(text)]
        assert index.matching(matcher) == brute, pattern
        literals = required_literals(pattern)
        if literals is not None:
            for text in texts:
                if re.search(pattern, text, FLAGS) and text.isascii():
                    assert any(s in text.lower() for s in literals), (pattern, text)


def test_prefilter_on_the_findings_table() -> None:
    """The study's own patterns, on sentences written to hit and miss them."""
    sentences = [
        "Return home interviews are not always offered to children who go missing.",
        "Strategy meetings do not always include health.",
        "STRATEGY DISCUSSIONS ARE NOT ALWAYS HELD PROMPTLY.",
        "Caseloads are too high.", "Nothing to see here.",
        "Children’s views are not always evident in their plans.",
        "Children\u2019s plans lack clear timescales.",
    ]
    index = SentenceIndex(sentences * 3)
    data = _findings()
    for finding in data["findings"]:
        matcher = _finding(finding["id"])
        brute = [i for i, text in enumerate(index.texts) if matcher.matches(text)]
        assert index.matching(matcher) == brute, finding["id"]


@pytest.mark.parametrize("pattern", [r"(a+)+", r"(\w+\s*)*x", r"(?:x|a+)+", r"(?:(?:ab)*)+"])
def test_nested_quantifiers_are_refused(pattern: str) -> None:
    message = problem(pattern)
    assert message is not None and "quantifier" in message


@pytest.mark.parametrize("pattern", [r"(?:\w+ ){0,3}then", r"^(?=.*?a)(?=.*?b)", r"a{0,60}?b",
                                     r"(?:not (?:always )?)+offered"])
def test_unambiguous_repeats_are_accepted(pattern: str) -> None:
    assert problem(pattern) is None


def test_patterns_that_do_not_compile() -> None:
    message = problem("(unclosed")
    assert message is not None and message.startswith("does not compile")


def test_every_pattern_of_the_study_is_usable() -> None:
    data = _findings()
    for finding in data["findings"]:
        for pattern in (*finding["match"], *finding["exclude"]):
            assert problem(pattern) is None, (finding["id"], pattern)
    for pattern in data["generic_exclude"]:
        assert problem(pattern) is None
