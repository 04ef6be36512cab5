"""Which findings recur in weak inspection reports and not in strong ones: the ranking in
docs/findings-ranking.md, reproducibly from the report corpus.

The findings table (scripts/themes/findings.yaml: 103 weaknesses inspectors record, each with
match and exclude patterns and a manual precision review) is matched against every sentence of
the corpus exactly as rules' finding patterns are (checker.rules.patterns, boilerplate left out as
in checker.rules.evidence). For each finding and framework it counts the REPORTS of each grade of
the finding's area (and of the overall grade) with at least one matching sentence, and ranks by

    score = share of inadequate + requires-improvement reports mentioning it
          - share of good + outstanding reports mentioning it,

on the area grade, computed per framework (sif-2013, ilacs-2018, ilacs-2023) and averaged, so
the long SIF reports, mostly graded inadequate or requires improvement, do not inflate it.

Usage (from the repository root):
    python scripts/corpus_themes.py [--corpus ../shared/corpus] [-o docs/findings-ranking.md]
    python scripts/corpus_themes.py --check          # exit 1 if the committed ranking is stale
    python scripts/corpus_themes.py --sample ID[,ID] [-n 10] [--seed 7]   # precision review
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.rules.evidence import Builder, CorpusSentences  # noqa: E402
from checker.rules.loader import read_rules  # noqa: E402
from checker.rules.patterns import FindingPatterns, Matcher  # noqa: E402
from checker.rules.statistics import ATTRIBUTION, FRAMEWORKS, GRADES  # noqa: E402

FINDINGS = REPO / "scripts" / "themes" / "findings.yaml"
RANKING = REPO / "docs" / "findings-ranking.md"
CORPUS = REPO.parent / "shared" / "corpus"
WEAK = ("inadequate", "requires_improvement")
STRONG = ("good", "outstanding")
ABBREVIATION = {"inadequate": "I", "requires_improvement": "RI", "good": "G", "outstanding": "O"}
TOP = 20

Counts = dict[str, dict[str, dict[str, dict[str, int]]]]  # framework -> area|overall -> grade


@dataclass(frozen=True)
class Finding:
    id: str
    title: str
    area: str
    patterns: FindingPatterns
    precision: tuple[int, int]


@dataclass(frozen=True)
class Scored:
    finding: Finding
    counts: Counts
    reports: int
    sentences: int
    score: float
    pooled: float
    overall: float
    p_value: float
    rules: tuple[str, ...]


def load_findings(path: Path = FINDINGS) -> list[Finding]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    generic = list(data["generic_exclude"])
    found = []
    for item in data["findings"]:
        exclude = list(item["exclude"]) + (generic if item["generic_exclude"] else [])
        review = item["precision"]
        found.append(Finding(item["id"], item["title"], item["area"],
                             FindingPatterns(tuple(item["match"]), tuple(exclude)),
                             (int(review["correct"]), int(review["sampled"]))))
    return found


def share(counts: Counts, grades: Iterable[str], frameworks: Iterable[str],
          kind: str = "area") -> tuple[int, int]:
    """(reports with the finding, reports) over ``grades`` and ``frameworks``."""
    cells = [counts[fw][kind][g] for fw in frameworks for g in grades]
    return sum(c["reports"] for c in cells), sum(c["of"] for c in cells)


def difference(counts: Counts, frameworks: Sequence[str], kind: str = "area") -> float | None:
    weak_k, weak_n = share(counts, WEAK, frameworks, kind)
    strong_k, strong_n = share(counts, STRONG, frameworks, kind)
    if not weak_n or not strong_n:
        return None
    return weak_k / weak_n - strong_k / strong_n


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_one_sided(a: int, b: int, c: int, d: int) -> float:
    """P(X >= a) for the 2x2 table [[a, b], [c, d]] (rows weak/strong, columns yes/no)."""
    weak, strong, yes = a + b, c + d, a + c
    denominator = _log_choose(weak + strong, yes)
    total = sum(math.exp(_log_choose(weak, x) + _log_choose(strong, yes - x) - denominator)
                for x in range(max(a, yes - strong, 0), min(yes, weak) + 1))
    return min(1.0, total)


def score(finding: Finding, found: dict[str, Any], rules: tuple[str, ...]) -> Scored:
    counts: Counts = found["counts"]
    per_framework = [d for fw in FRAMEWORKS if (d := difference(counts, [fw])) is not None]
    weak_k, weak_n = share(counts, WEAK, FRAMEWORKS)
    strong_k, strong_n = share(counts, STRONG, FRAMEWORKS)
    return Scored(
        finding=finding, counts=counts, reports=found["reports_matched"],
        sentences=found["sentences_matched"],
        score=sum(per_framework) / len(per_framework) if per_framework else 0.0,
        pooled=difference(counts, FRAMEWORKS) or 0.0,
        overall=difference(counts, FRAMEWORKS, "overall") or 0.0,
        p_value=fisher_one_sided(weak_k, weak_n - weak_k, strong_k, strong_n - strong_k),
        rules=rules,
    )


def rules_using(finding: Finding, rules: Sequence[tuple[str, FindingPatterns]]
                ) -> tuple[str, ...]:
    """Rules that took the finding's match patterns (as they are, or with others)."""
    wanted = set(finding.patterns.match)
    return tuple(sorted(rule_id for rule_id, patterns in rules
                        if wanted & set(patterns.match)))


def rank(table: CorpusSentences) -> list[Scored]:
    builder = Builder(table)
    shipped = [(rule.id, rule.finding_patterns) for rule in read_rules().rules
               if rule.finding_patterns is not None]
    scored = [score(f, builder.finding(f.patterns, f.area), rules_using(f, shipped))
              for f in load_findings()]
    return sorted(scored, key=lambda s: (-s.score, s.p_value, s.finding.id))


# --- Markdown ------------------------------------------------------------------------------


def _cell(counts: Counts, framework: str) -> str:
    cells = counts[framework]["area"]
    return " · ".join(f"{ABBREVIATION[g]} {cells[g]['reports']}/{cells[g]['of']}"
                      for g in GRADES if cells[g]["of"])


def _overall_cell(counts: Counts) -> str:
    return " · ".join(
        "{} {}/{}".format(ABBREVIATION[g], *share(counts, [g], FRAMEWORKS, "overall"))
        for g in GRADES)


def _row(position: int, item: Scored) -> str:
    f = item.finding
    return (f"| {position} | `{f.id}` | {f.title} | {f.area} | {_cell(item.counts, 'sif-2013')} | "
            f"{_cell(item.counts, 'ilacs-2018')} | {_cell(item.counts, 'ilacs-2023')} | "
            f"{_overall_cell(item.counts)} | {item.reports} | {item.score:+.3f} | "
            f"{item.pooled:+.3f} | {item.overall:+.3f} | {item.p_value:.2g} | "
            f"{f.precision[0]}/{f.precision[1]} | {', '.join(item.rules) or '-'} |")


INTRODUCTION = [
    "<!-- Generated by scripts/corpus_themes.py. Do not edit: change "
    "scripts/themes/findings.yaml. -->",
    "",
    "# Recurring findings in Ofsted inspection reports, by grade",
    "",
    "Which weaknesses inspectors record most in reports graded inadequate or requires "
    "improvement and least in reports graded good or outstanding. {findings} candidate findings "
    "(scripts/themes/findings.yaml) are matched sentence by sentence, as rules' finding "
    "patterns are, against {reports} published reports of children's services (single "
    "inspection framework, SIF, and ILACS from 2018 and from 2023; {sentences} sentences once "
    "standard text repeated across reports is left out).",
    "",
    "Each framework cell is *reports with at least one matching sentence* / *reports with that "
    "grade* for the finding's **area** judgement (I inadequate, RI requires improvement, G good, "
    "O outstanding; grades with no reports are left out). ILACS 2018-22 judged children in care "
    "and care leavers together, so care-leaver findings use that combined judgement there. "
    "*overall* pools the three frameworks on the overall-effectiveness grade. **score** is the "
    "share of I+RI reports mentioning the finding minus the share of G+O reports, on the area "
    "grade, per framework and averaged over the frameworks; *pooled* is the same with all "
    "reports together; *score(ov)* is the pooled score on the overall grade; *p* is a one-sided "
    "Fisher exact test of the pooled area-grade 2x2 table; *prec* is the manual precision review "
    "(correct of sampled random matching sentences); *rules* are the catalogue's rules that use "
    "the finding's patterns.",
    "",
]


def _top(scored: Sequence[Scored]) -> list[str]:
    lines = [f"## The top {TOP} recurring findings", "",
             "| rank | finding | I+RI reports | G+O reports | score |", "|---:|---|---:|---:|---:|"]
    for position, item in enumerate(scored[:TOP], 1):
        weak = "{}/{}".format(*share(item.counts, WEAK, FRAMEWORKS))
        strong = "{}/{}".format(*share(item.counts, STRONG, FRAMEWORKS))
        lines.append(f"| {position} | {item.finding.title} (`{item.finding.id}`) | {weak} | "
                     f"{strong} | {item.score:+.3f} |")
    return [*lines, ""]


def render(scored: Sequence[Scored], sentences: int, reports: int) -> str:
    intro = [line.format(findings=len(scored), reports=reports, sentences=f"{sentences:,}")
             for line in INTRODUCTION]
    lines = [*intro, *_top(scored), "## All findings", "",
             "| rank | finding | title | area | sif-2013 | ilacs-2018 | ilacs-2023 | overall | "
             "reports | score | pooled | score(ov) | p | prec | rules |",
             "|---:|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    lines += [_row(position, item) for position, item in enumerate(scored, 1)]
    return "\n".join([*lines, "", ATTRIBUTION]) + "\n"


def ranking(corpus: Path) -> str:
    table = CorpusSentences.load(corpus)
    return render(rank(table), len(table.index.texts), len(table.reports))


# --- command line --------------------------------------------------------------------------


def sample(corpus: Path, wanted: set[str], count: int, seed: int) -> None:
    """Print random matching sentences of each finding, for a precision review."""
    table = CorpusSentences.load(corpus)
    for finding in (f for f in load_findings() if f.id in wanted):
        hits = table.index.matching(Matcher(finding.patterns))
        print(f"## {finding.id}: {len(hits)} sentences")
        for index in random.Random(seed).sample(hits, min(count, len(hits))):
            report = table.reports[table.report_of[index]]
            print(f"[{report.authority} {report.year} {report.grades.get(finding.area, '-')} "
                  f"¶{table.paragraph_of[index]}] {table.index.texts[index]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-o", "--output", type=Path, default=RANKING)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--sample", metavar="ID[,ID]", help="print random matches instead")
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.sample:
        sample(args.corpus, set(args.sample.split(",")), args.n, args.seed)
        return 0
    text = ranking(args.corpus)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is stale: run python scripts/corpus_themes.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
