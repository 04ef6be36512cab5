"""The product's vocabularies, each defined once: severities, risk bands, comparison operators,
lint codes and acronyms. Everything that names, ranks, scores, styles, expands or documents one
of these reads it from here (the README section on lint codes and docs/rules-ci.md are
checked against :data:`LINT_CODES` by a test).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Severity:
    key: str
    #: Higher is more severe (sorting, "most severe first").
    rank: int
    #: Points the risk model adds when a rule of this severity fires.
    points: int
    #: What the severity means in inspection terms; applied uniformly across the catalogue.
    meaning: str
    #: SARIF ``level`` and GitHub's ``problem.severity``.
    sarif_level: str
    sarif_problem: str
    #: rich style for the terminal.
    style: str


SEVERITIES: dict[str, Severity] = {item.key: item for item in (
    Severity(
        "critical", 4, 4,
        "The evidence ties the finding to an inadequate judgement: where inspectors made it, "
        "the odds of the area being judged inadequate were about 11 times or more those where "
        "it was good or better.",
        "error", "error", "bold red"),
    Severity(
        "major", 3, 3,
        "Strong evidence: the odds of an inadequate judgement were about 6 to 11 times higher "
        "where inspectors made the finding.",
        "error", "error", "red"),
    Severity(
        "moderate", 2, 2,
        "Clear evidence: the odds of an inadequate judgement were about 3 to 6 times higher "
        "where inspectors made the finding.",
        "warning", "warning", "yellow"),
    Severity(
        "minor", 1, 1,
        "Some evidence: the odds were higher by less than about 3 times, or the finding rests "
        "on the source documents alone.",
        "note", "recommendation", "cyan"),
)}
#: One point of severity stands for this much on the log-odds scale (a doubling of the odds).
POINT_LOG_ODDS = 0.6931471805599453


BandKey = Literal["unknown", "low", "medium", "high"]


@dataclass(frozen=True)
class Band:
    key: BandKey
    #: 0 for unknown, then 1 (low) to 3 (high); ``--fail-on`` compares ranks.
    rank: int
    label: str
    #: The grade the band stands for, counted from the worst grade of the framework's scale
    #: (0: the worst, 1: the next...); None if the band predicts nothing.
    from_worst: int | None
    #: How the band reads, with ``{grade}`` for the framework's grade title.
    meaning: str
    style: str


BANDS: dict[str, Band] = {item.key: item for item in (
    Band("unknown", 0, "UNKNOWN", None, "not enough evidence to predict a grade", "dim"),
    Band("low", 1, "LOW", 2, "likely to be judged {grade}", "green"),
    Band("medium", 2, "MEDIUM", 1, "at risk of being judged {grade}", "yellow"),
    Band("high", 3, "HIGH", 0, "at risk of being judged {grade}", "bold red"),
)}
#: The bands a prediction can take, lowest risk first (``unknown`` is not a prediction).
PREDICTED_BANDS: tuple[BandKey, ...] = ("low", "medium", "high")


@dataclass(frozen=True)
class Operator:
    key: str
    #: How a finding reads: "63% below 90%".
    words: str
    #: How a condition reads: "dental_check_pct is below 90".
    condition_words: str
    symbol: str
    #: The comparison that is true exactly when this one is false (both values known).
    negation: str


OPERATORS: dict[str, Operator] = {item.key: item for item in (
    Operator("gt", "above", "is above", ">", "lte"),
    Operator("gte", "at or above", "is at or above", ">=", "lt"),
    Operator("lt", "below", "is below", "<", "gte"),
    Operator("lte", "at or below", "is at or below", "<=", "gt"),
    Operator("eq", "equal to", "is", "=", "ne"),
    Operator("ne", "not", "is not", "!=", "eq"),
    Operator("in", "one of", "is one of", "in", "not_in"),
    Operator("not_in", "not one of", "is not one of", "not in", "in"),
    Operator("missing", "not known", "is not known", "missing", "present"),
    Operator("present", "known", "is known", "present", "missing"),
)}
#: The operators that compare a metric with one value (the rest test membership or presence).
COMPARISONS: tuple[str, ...] = ("gt", "gte", "lt", "lte", "eq", "ne")


@dataclass(frozen=True)
class LintCode:
    code: str
    summary: str


LINT_CODES: dict[str, LintCode] = {item.code: item for item in (
    LintCode("RL001", "file cannot be read or is not valid YAML"),
    LintCode("RL002", "file breaks the rule schema"),
    LintCode("RL003", "duplicate rule id"),
    LintCode("RL004", "unknown metric (with a suggestion)"),
    LintCode("RL005", "unknown policy parameter"),
    LintCode("RL006", "operator or operand does not fit the metric's type"),
    LintCode("RL007", "constant out of range or not an allowed value"),
    LintCode("RL008", "unknown judgement area"),
    LintCode("RL009", "unknown topic"),
    LintCode("RL010", "evidence cites an unknown source"),
    LintCode("RL011", "no must-fire test"),
    LintCode("RL012", "no must-not-fire test"),
    LintCode("RL013", "no test with the data missing (expect: not_evaluable)"),
    LintCode("RL014", "test input is not a valid self-assessment"),
    LintCode("RL015", "condition can never fire"),
    LintCode("RL016", "condition fires whatever the values"),
    LintCode("RL017", "condition beyond the engine's limits"),
    LintCode("RL018", "quote not found verbatim at its paragraph (with --seeds)"),
    LintCode("RL019", "comparison with a comparator the metric cannot take (no direction, or "
             "a margin on a quartile)"),
    LintCode("RL020", "a local pack redefines a shipped source, or two packs define the same "
             "rule id"),
    LintCode("RL021", "finding pattern does not compile or risks catastrophic backtracking "
             "(a quantifier over a quantifier)"),
    LintCode("RL022", "finding pattern matches no sentence of the report corpus, excludes "
             "applied (with --corpus)"),
    LintCode("RL023", "corpus citation incomplete: no report named, a report on a source that "
             "is not the corpus, no grade, or a judgement the corpus index does not have"),
    LintCode("RL024", "corpus quote not found verbatim at its report and paragraph, or no such "
             "report (with --corpus)"),
    LintCode("RL025", "corpus citation's grade differs from the report's published judgement "
             "(with --corpus)"),
    LintCode("RL026", "a published measure compared with a fixed national figure (compare with "
             "the published figures: worse_than or quartile)"),
)}


def lint_codes_text() -> str:
    """The lint codes as one sentence-list, as the README and ``rules lint --help`` give them."""
    return ", ".join(f"{item.code} {item.summary}" for item in LINT_CODES.values())


@dataclass(frozen=True)
class Acronym:
    key: str
    #: What it stands for, as it reads in a sentence.
    words: str
    #: The expansion of the plural ("IROs").
    plural: str


ACRONYMS: dict[str, Acronym] = {item.key: item for item in (
    Acronym("ILACS", "inspection of local authority children's services",
            "inspections of local authority children's services"),
    Acronym("SIF", "single inspection framework", "single inspection frameworks"),
    Acronym("SLAC", "inspection of safeguarding and looked after children services",
            "inspections of safeguarding and looked after children services"),
    Acronym("IRO", "independent reviewing officer", "independent reviewing officers"),
    Acronym("PEP", "personal education plan", "personal education plans"),
    Acronym("SDQ", "strengths and difficulties questionnaire",
            "strengths and difficulties questionnaires"),
    Acronym("NQSW", "newly qualified social worker", "newly qualified social workers"),
    Acronym("ASYE", "assessed and supported year in employment",
            "assessed and supported years in employment"),
    Acronym("LADO", "local authority designated officer", "local authority designated officers"),
    Acronym("PLO", "Public Law Outline", "Public Law Outlines"),
    Acronym("CP", "child protection", "child protection"),
    Acronym("CIN", "children in need", "children in need"),
    Acronym("EET", "in education, employment or training", "in education, employment or training"),
    Acronym("CAMHS", "child and adolescent mental health services",
            "child and adolescent mental health services"),
    Acronym("DBS", "Disclosure and Barring Service", "Disclosure and Barring Service checks"),
    Acronym("CRB", "Criminal Records Bureau", "Criminal Records Bureau checks"),
    Acronym("LSCB", "local safeguarding children board", "local safeguarding children boards"),
    Acronym("CAF", "common assessment framework", "common assessment frameworks"),
    Acronym("FTE", "full-time equivalent", "full-time equivalents"),
    Acronym("DfE", "Department for Education", "Department for Education"),
)}
#: An acronym as a word of its own, optionally plural, never a rule id ("CP-003").
ACRONYM_PATTERN = re.compile(
    r"(?<![\w.-])(" + "|".join(sorted(ACRONYMS, key=len, reverse=True)) + r")s?(?![\w-])")
