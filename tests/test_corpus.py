"""The corpus reader (checker.inputs.corpus): index and grade mapping, paragraph numbering on real
SIF and ILACS reports, hyphenation, sentence splitting, quote checks and the whole-corpus timing.

Tests that read reports skip when ``../shared/corpus`` (beside the repository) is absent."""

from __future__ import annotations

import time
from datetime import date

import pytest

from checker.inputs import corpus as C
from tests.conftest import CORPUS

needs_corpus = pytest.mark.skipif(not (CORPUS / "index.csv").exists(), reason="../shared/corpus not present")


def _report_text(name: str) -> str:
    return (CORPUS / "reports" / name).read_text(encoding="utf-8")


def _by_number(paras: list[C.Paragraph], number: str) -> C.Paragraph:
    found = [p for p in paras if p.number == number]
    assert found, f"no paragraph {number}"
    return found[0]


# --------------------------------------------------------------------------- index


@needs_corpus
def test_load_index_counts_and_grade_mapping() -> None:
    reports = C.load_index(CORPUS)
    assert len(reports) == 320
    by_file = {r.file: r for r in reports}

    sif = by_file["reports/barnsley-2014-08-08-sif.txt"]
    assert sif.framework == "sif-2013"
    assert sif.authority == "Barnsley"
    assert sif.publication_date == date(2014, 8, 8)
    assert sif.fieldwork_start == date(2014, 6, 2)
    assert sif.grades == {
        "leadership": "requires_improvement",
        "help_and_protection": "requires_improvement",
        "children_in_care": "requires_improvement",
        "care_leavers": "good",
        "overall": "requires_improvement",
    }

    ilacs18 = by_file["reports/barking-and-dagenham-2019-04-01-ilacs.txt"]
    assert ilacs18.care_leavers_combined
    assert ilacs18.grades["care_leavers"] == ilacs18.grades["children_in_care"]

    ilacs23 = by_file["reports/barnsley-2023-10-27-ilacs.txt"]
    assert not ilacs23.care_leavers_combined
    assert ilacs23.grades["help_and_protection"] == "requires_improvement"
    assert ilacs23.grades["care_leavers"] == "good"
    assert ilacs23.grades["leadership"] == "good"

    scilly = by_file["reports/isles-of-scilly-2016-06-27-sif.txt"]
    assert "children_in_care" not in scilly.grades  # not_judged is ignored
    assert "care_leavers" not in scilly.grades

    for r in reports:
        assert set(r.grades) <= {*C.AREAS, "overall"}
        assert set(r.grades.values()) <= set(C.GRADES)


# --------------------------------------------------------------------------- paragraphs


@needs_corpus
def test_paragraph_numbering_ilacs_across_page_break() -> None:
    paras = C.paragraphs(_report_text("barking-and-dagenham-2019-04-01-ilacs.txt"))
    numbers = [int(p.number) for p in paras if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == 38  # the report has paragraphs 1-38
    p4 = _by_number(paras, "4")
    assert p4.start_line == 91
    # paragraph 4 runs over a page break (form feed) and is joined
    assert "receive help and protection quickly enough. Committed staff strive" in p4.text
    assert "\f" not in p4.text and "  " not in p4.text
    # the unnumbered summary at the start still counts, with number None
    summary = [p for p in paras if p.number is None and p.text.startswith("Services for children in Barking")]
    assert len(summary) == 1
    # bullets lose their private-use / U+25FC marker and are paragraphs of their own
    assert any(p.text == "Planning for children placed with parents." for p in paras)


@needs_corpus
def test_paragraph_numbering_sif_skips_judgement_table_and_footnotes() -> None:
    paras = C.paragraphs(_report_text("barnsley-2014-08-08-sif.txt"))
    first = _by_number(paras, "1")
    assert first.text.startswith("Although the officers in the local authority know their services well")
    p4 = _by_number(paras, "4")
    assert p4.text == (
        "Health professionals are not always included within strategy discussions and are "
        "not therefore part of the decision making for children who may be a risk of "
        "significant harm."
    )
    # the footnote at the foot of page 1 is a paragraph of its own, without its marker
    assert any(p.number is None and p.text.startswith("Ofsted produces this report under its power") for p in paras)
    assert all(not p.text.startswith("1 Ofsted") for p in paras)


@needs_corpus
def test_paragraph_number_with_lost_dot() -> None:
    paras = C.paragraphs(_report_text("nottingham-2022-09-05-ilacs.txt"))
    p34 = _by_number(paras, "34")
    assert p34.text.startswith("Most children in care live in stable placements")
    assert "unregistered children’s homes" in p34.text


def test_paragraphs_synthetic_structure() -> None:
    text = (
        "Heading line\n\n"
        "1.   First paragraph starts here and goes on for a while so that the line is long\n"
        "     and wraps.\n\n"
        "2.   Second paragraph.\n"
        "\f\n"
        "     continued after the page break.\n"
        "3.   Third\u00a0 paragraph with\tcolumn     spacing.\n\n"
        "\uf06e Bullet one\n"
        "  wraps here.\n"
        "\u25fc Bullet two.\n"
    )
    paras = C.paragraphs(text)
    assert [(p.number, p.text) for p in paras] == [
        (None, "Heading line"),
        ("1", "First paragraph starts here and goes on for a while so that the line is long and wraps."),
        ("2", "Second paragraph. continued after the page break."),
        ("3", "Third paragraph with column spacing."),
        (None, "Bullet one wraps here."),
        (None, "Bullet two."),
    ]
    assert [p.start_line for p in paras] == [1, 3, 6, 9, 11, 13]


def test_wrapped_number_is_not_a_paragraph() -> None:
    text = "1. Children aged under\n16. They are seen.\n\n2. Next paragraph.\n"
    paras = C.paragraphs(text)
    assert [p.number for p in paras] == ["1", "2"]
    assert paras[0].text == "Children aged under 16. They are seen."


# --------------------------------------------------------------------------- hyphenation


def test_hyphenation_keeps_real_hyphens() -> None:
    text = "1. Their well-\n   being is good. Multi-\n   agency work is strong. Well-being matters.\n"
    (p,) = C.paragraphs(text)
    assert p.text == "Their well-being is good. Multi-agency work is strong. Well-being matters."


def test_hyphenation_joins_syllable_break_only_with_evidence() -> None:
    text = (
        "1. The assess-\n   ment was late. Every assessment is checked.\n\n"
        "2. The evalu-\n   ation is new.\n"
    )
    paras = C.paragraphs(text)
    # "assessment" occurs elsewhere unhyphenated and "ment" is no word of its own
    assert paras[0].text == "The assessment was late. Every assessment is checked."
    # no evidence for "evaluation": the hyphen stays
    assert paras[1].text == "The evalu-ation is new."


def test_hyphenation_before_and_keeps_space() -> None:
    (p,) = C.paragraphs("1. Homeless 16-\n   and 17-year-olds are seen.\n")
    assert p.text == "Homeless 16- and 17-year-olds are seen."


def test_hyphenation_with_corpus_vocabulary() -> None:
    vocab = C.build_vocabulary(["the assessment was done", "a well-being check"])
    (p,) = C.paragraphs("1. An assess-\n   ment of well-\n   being.\n", vocab)
    assert p.text == "An assessment of well-being."


@needs_corpus
def test_hyphenation_real_report() -> None:
    paras = C.paragraphs(_report_text("barking-and-dagenham-2019-04-01-ilacs.txt"))
    p8 = _by_number(paras, "8")
    assert "with updates by multi-agency core groups that demonstrate progress" in p8.text


# --------------------------------------------------------------------------- sentences


def test_sentences_abbreviations() -> None:
    text = (
        "Some children (e.g. those at risk of exploitation) wait too long, i.e. more than "
        "six months. Dr. Smith and Mr. Jones met on No. 5 Street etc. and reported. "
        "Tools, forms etc. The next sentence starts here. J. Smith chaired the panel."
    )
    assert C.sentences(text) == [
        "Some children (e.g. those at risk of exploitation) wait too long, i.e. more than six months.",
        "Dr. Smith and Mr. Jones met on No. 5 Street etc. and reported.",
        "Tools, forms etc.",
        "The next sentence starts here.",
        "J. Smith chaired the panel.",
    ]


def test_sentences_numbers_and_lists() -> None:
    text = (
        "The rate rose to 2.5 per 1,000 children. Only 12. The board has three "
        "priorities: 1. Safeguarding children. 2. Neglect. In 2019 there were 312 "
        "referrals. 45 of them were repeats."
    )
    assert C.sentences(text) == [
        "The rate rose to 2.5 per 1,000 children.",
        "Only 12.",
        "The board has three priorities: 1. Safeguarding children.",
        "2. Neglect.",
        "In 2019 there were 312 referrals.",
        "45 of them were repeats.",
    ]


def test_sentences_quotes_and_questions() -> None:
    text = "Children said, ‘I feel safe.’ Staff asked why? ‘It helps,’ said one. Fine!"
    assert C.sentences(text) == [
        "Children said, ‘I feel safe.’",
        "Staff asked why?",
        "‘It helps,’ said one.",
        "Fine!",
    ]


def test_sentences_normalises_whitespace() -> None:
    assert C.sentences("  One\n two.   Three\tfour. ") == ["One two.", "Three four."]
    assert C.sentences("") == []


# --------------------------------------------------------------------------- quotes


@needs_corpus
def test_find_quote_real_report() -> None:
    text = _report_text("barnsley-2014-08-08-sif.txt")
    quote = "Health professionals are not always included within strategy discussions"
    assert C.find_quote(text, "4", quote)
    assert C.find_quote(text, "4.", quote)
    assert C.find_quote(text, None, quote)
    # whitespace differences (line breaks, double spaces) are forgiven
    assert C.find_quote(text, "4", "are not therefore part of the\n   decision  making")
    # nothing else is
    assert not C.find_quote(text, "5", quote)  # wrong paragraph
    assert not C.find_quote(text, "4", quote.lower())  # case
    assert not C.find_quote(text, "4", quote + ",")  # punctuation
    assert not C.find_quote(text, "4", "health professionals are not always included")
    assert not C.find_quote(text, "4", "")


@needs_corpus
def test_find_quote_curly_apostrophe_and_page_break() -> None:
    text = _report_text("barking-and-dagenham-2019-04-01-ilacs.txt")
    assert C.find_quote(text, "4", "quickly enough. Committed staff strive")
    assert C.find_quote(text, "2", "the children’s assessment team")
    assert not C.find_quote(text, "2", "the children's assessment team")


def test_find_quote_does_not_span_paragraphs() -> None:
    text = "1. First ends here.\n\n2. Second starts here.\n"
    assert C.find_quote(text, None, "First ends here.")
    assert not C.find_quote(text, None, "First ends here. Second starts here.")


# --------------------------------------------------------------------------- performance


@needs_corpus
def test_whole_corpus_reads_and_splits_quickly() -> None:
    start = time.perf_counter()
    loaded = C.load_corpus(CORPUS)
    n_sentences = sum(len(C.sentences(p.text)) for lr in loaded for p in lr.paragraphs)
    elapsed = time.perf_counter() - start
    assert len(loaded) == 320
    assert n_sentences > 100_000
    assert elapsed < 5.0, f"took {elapsed:.2f} s"
