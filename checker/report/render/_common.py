"""Wording shared by the human-readable formats: what a band, a finding, an action or a data
gap reads like, in plain words (metric titles, not paths; the legend; calibration)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from checker.core.text import paragraph_label
from checker.core.vocab import BANDS, SEVERITIES
from checker.report.model import (
    ActionInfo,
    AreaInfo,
    AssessmentReport,
    CalibrationInfo,
    ChangeInfo,
    EvidenceItem,
    EvidenceSource,
    FigureChange,
    FindingInfo,
    Movement,
    OverallInfo,
    RankedGap,
    Step,
)
from checker.report.wording import reference

#: How many actions and data gaps the summary shows.
SUMMARY_ACTIONS = 10
SUMMARY_GAPS = 5


def observation(step: Step, *, paths: bool = False) -> str:
    """'Dental checks: 63%, below 90% (the authority's target)'; with ``paths`` (SARIF) the
    metric path instead of its title."""
    name = step["metric"] if paths else step["label"]
    if step["operator"] in {"missing", "present"}:
        return f"{name} is {step['operator_text']}"
    threshold = step["threshold_text"]
    source = step["threshold_source"]
    if source and source != "rule":
        threshold = f"{threshold} ({source if paths else reference_words(source)})"
    return f"{name}: {step['observed_text']}, {step['operator_text']} {threshold}"


def reference_words(source: str) -> str:
    """A threshold's source as a person reads it (a step keeps the raw source, for SARIF)."""
    return reference(source) or source


def number(value: float, unit: str = "") -> str:
    """A comparator figure as a person reads it: at most one decimal place, thousands
    separated (50,780; 21.4%)."""
    text = f"{round(value, 1):,.1f}"
    return text.removesuffix(".0") + unit


def evidence_label(evidence: EvidenceItem) -> str:
    """A quote of what inspectors criticised is evidence; a quote of what good looked like
    elsewhere is labelled so, never as evidence of the failing."""
    return "what good looked like" if evidence["good_practice"] else "evidence"


def citation(evidence: EvidenceItem) -> str:
    """'cornwall-2009-slac, paragraph 15 (...: inadequate)'; a quote from the report corpus
    with its authority and date: 'Havering, Ofsted inspection report published 2024-02-16,
    paragraph 9 (leadership: inadequate)'."""
    report = evidence.get("report")
    if report is not None:
        name = f"{evidence['authority'] or report}, Ofsted inspection report"
        if evidence["date"]:
            name += f" published {evidence['date']}"
    else:
        name = evidence["source"]
    text = f"{name}, {paragraph_label(evidence['paragraph'])}"
    grade = evidence.get("grade")
    if grade:
        judgement = grade["judgement"].replace("_", " ")
        text += f" ({judgement}: {grade['grade'].replace('_', ' ')})"
    return text


def statistics_line(finding: FindingInfo) -> str | None:
    """How often inspectors made this finding, in one sentence, or None without statistics."""
    found = finding.get("evidence_statistics")
    if found is None:
        return None
    statement = found["statement"]
    area = found["area"].replace("_", " ")
    return f"{statement[:1].upper()}{statement[1:]} (reports' {area} grades)."


def coverage(area: AreaInfo) -> str:
    cov = area["coverage"]
    if not cov["total"]:
        return "no rules bear on this area"
    return (f"{cov['evaluable']} of {cov['total']} rules could be evaluated "
            f"({round(cov['share'] * 100)}%)")


def coverage_cell(area: AreaInfo) -> str:
    cov = area["coverage"]
    return f"{cov['evaluable']} of {cov['total']}" if cov["total"] else "none"


def headline(item: AreaInfo | OverallInfo) -> str:
    return f"{BANDS[item['band']].label}: {item['meaning']}"


def attribution(findings: Iterable[FindingInfo]) -> str | None:
    """The licence attribution for figures from inspection reports, if any finding shows some."""
    return next((f["evidence_statistics"]["attribution"] for f in findings
                 if "evidence_statistics" in f), None)


def legend(assessment: AssessmentReport) -> list[str]:
    """What bands, points and severities mean, in this framework's grades."""
    grades = sorted(assessment["framework"]["grades"], key=lambda grade: -grade["rank"])
    names = [grade["title"].lower() for grade in grades] + ["", "", ""]
    severities = ", ".join(f"{key} {item.points}" for key, item in SEVERITIES.items())
    return [
        f"HIGH: risk of {names[0]}; MEDIUM: of {names[1]}; LOW: likely {names[2]}; UNKNOWN: "
        f"too few figures. Points: {severities}; strengths subtract. A band is a prediction, "
        "not a verdict.",
    ]


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _range(low: int, high: int | None, unit: str) -> str:
    if high == low:
        return f"{low}{unit}"
    if high is None:
        return f"{low}{unit} or more"
    return f"{low} or {high}{unit}" if high == low + 1 else f"{low} to {high}{unit}"


def calibration(source: EvidenceSource) -> str:
    """What the band's evidence supports, in plain words: the calibration row the score falls
    in (so judgements in the same row share one sentence; the table gives each one's own)."""
    row = source["calibration"]
    published = source["kind"] == "published"
    if row is None:
        found = (f"{source['score']} published-figures checks failed" if published else
                 f"own findings {source['score']}% of the points checked")
        return f"{found}; no calibration for this score."
    if published:
        scores = _range(row["low"], row["high"], "")
        found = f"{scores} published-figures checks failed"
        cases = f"{row['cases']} past inspections like that"
    else:
        scores = _range(row["low"], row["high"], "%")
        found = f"own findings {scores} of the points checked"
        cases = f"{row['cases']} published reports like that"
    return (f"{found}; of {cases}, {row['inadequate']} "
            f"({_share(row['inadequate'], row['cases'])}) were judged inadequate, "
            f"{row['requires_improvement']} requires improvement, {row['good_or_better']} good "
            "or better.")


def points_cell(area: AreaInfo) -> str:
    """Net points found (weaknesses less strengths) of the points they are counted of."""
    weight = area["weight"]
    return f"{weight['found'] - weight['strengths']} of {weight['counted_of']}"


def _pct_range(parts: Sequence[int], wholes: Sequence[int]) -> str:
    shares = sorted({round(100 * part / whole) if whole else 0
                     for part, whole in zip(parts, wholes, strict=True)})
    return f"{shares[0]}%" if len(shares) == 1 else f"{shares[0]}-{shares[-1]}%"


def _grouped(kind: str, rows: Sequence[CalibrationInfo]) -> str:
    """One sentence for judgements whose scores fall in the same bin of different tables."""
    first = rows[0]
    cases = [row["cases"] for row in rows]
    if kind == "published":
        scores = _range(first["low"], first["high"], "")
        found, whose = (f"{scores} published-figures checks failed",
                        "past inspections like that")
    else:
        scores = _range(first["low"], first["high"], "%")
        found, whose = (f"own findings {scores} of the points checked",
                        "published reports like that")
    return (f"{found}; of the {min(cases)}-{max(cases)} {whose}, "
            f"{_pct_range([r['inadequate'] for r in rows], cases)} were judged inadequate, "
            f"{_pct_range([r['requires_improvement'] for r in rows], cases)} requires "
            f"improvement, {_pct_range([r['good_or_better'] for r in rows], cases)} good or "
            "better.")


def basis_lines(assessment: AssessmentReport) -> list[str]:
    """Each distinct thing the bands rest on, with the areas it applies to: judgements whose
    scores fall in the same calibration bin share one sentence."""
    groups: dict[tuple[str, int | None, int | None], list[tuple[str, EvidenceSource]]] = {}
    predicted = [area["key"] for area in assessment["areas"] if area["evidence"]]
    for area in assessment["areas"]:
        for source in area["evidence"]:
            row = source["calibration"]
            key = (source["kind"], row["low"] if row else source["score"],
                   row["high"] if row else source["score"])
            groups.setdefault(key, []).append((area["key"], source))
    lines = []
    for (kind, _low, _high), members in groups.items():
        keys = [key for key, _source in members]
        rows = [source["calibration"] for _key, source in members]
        distinct = {str(row) for row in rows}
        sentence = (calibration(members[0][1]) if len(distinct) == 1 else
                    _grouped(kind, [row for row in rows if row is not None]))
        names = "Every predicted judgement" if keys == predicted and len(keys) > 1 else (
            area_names(keys, assessment).capitalize())
        lines.append(f"{names}: {sentence}")
    return lines


def published_line(assessment: AssessmentReport) -> str:
    published = assessment["published"]
    total, evaluable = len(published["checks"]), len(published["evaluable"])
    if not total:
        return "Published figures: these rules hold no published-figures checks."
    if published["score"] is None:
        return (f"Published figures: {evaluable} of {total} checks could be made "
                f"({published['needed']} needed), so they play no part.")
    failed = ", ".join(f["rule"] for f in published["failed"]) or "none"
    return (f"Published figures: {published['score']} of {evaluable} checks failed "
            f"({failed}); the published score places every area.")


def short_title(title: str) -> str:
    """How an area is named in a list: 'children in care', not 'The experiences and progress
    of children in care'."""
    for prefix in ("The experiences and progress of ", "Experiences and progress of "):
        if title.startswith(prefix):
            return title[len(prefix):]
    if title.startswith("The impact of leaders"):
        return "leaders"
    return title


def area_names(keys: Sequence[str], assessment: AssessmentReport) -> str:
    """The areas briefly named ('leaders and children in care'), or counted when that would
    run long ('9 judgements')."""
    titles = {area["key"]: short_title(area["title"]) for area in assessment["areas"]}
    if len(keys) > 1 and set(keys) == set(titles):
        return "every area"
    names = [titles.get(key, key) for key in keys]
    text = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    if len(text) > 50:
        return f"{len(keys)} judgements" if len(keys) > 1 else "1 judgement"
    return text or "no area"


def change_phrase(change: ChangeInfo) -> str:
    """'Assessments within 45 working days: 86% → 90% (4 percentage points below the
    authority's timeliness target, the default)'; 'X: not known, record it'."""
    if change["target_text"] is None:
        return f"{change['title']}: not known; record it"
    text = f"{change['title']}: {change['observed_text']} → {change['target_text']}"
    if change["distance_text"]:
        against = change["reference"] or change["threshold_text"]
        text += f" ({change['distance_text']} {against})"
    return text


def action_head(action: ActionInfo, assessment: AssessmentReport) -> str:
    where = area_names(action["areas"], assessment)
    if action["kind"] == "published":
        return f"{action['rule']} (published-figures check; {where})"
    points = f"{action['points']} point{'' if action['points'] == 1 else 's'}"
    return f"{action['rule']} ({points}; {where})"


def also_fired(assessment: AssessmentReport, listed: set[str]) -> list[str]:
    """Every other rule that fired, once, in area order (strengths and context marked)."""
    others: list[str] = []
    seen = set(listed)
    for area in assessment["areas"]:
        for finding in [*area["findings"], *area["strengths"], *area["context"]]:
            if finding["rule"] not in seen:
                seen.add(finding["rule"])
                others.append(finding["rule"] if finding["effect"] == "weakness" else
                              f"{finding['rule']} ({finding['effect']})")
    return others


def action_text(action: ActionInfo, *, limit: int | None = None) -> str:
    """The changes that clear the action's rule (the first ``limit`` of them)."""
    changes = action["changes"]
    if not changes:
        return f"{action['title']} (no single change of the figures clears it)"
    shown = changes if limit is None else changes[:limit]
    more = len(changes) - len(shown)
    return "; ".join(change_phrase(change) for change in shown) + (
        f"; and {more} more change{'' if more == 1 else 's'}" if more else "")


def gap_text(gap: RankedGap, assessment: AssessmentReport) -> str:
    could = gap["could_change"]
    if could:
        reach = f"could change {area_names(could, assessment)}"
    elif gap["unlocks"]:
        count = len(gap["unlocks"])
        reach = f"would let {count} more rule{'' if count == 1 else 's'} be evaluated"
    else:
        reach = "needed with other missing figures"
    return f"{gap['label']} ({gap['section']}): {reach} ({', '.join(gap['rules'])})"


def figure_line(figure: FigureChange, since: str | None = None) -> str:
    """'Re-referrals within 12 months: 21% → 23.4% (up 2.4 percentage points), worse'."""
    text = f"{figure['label']}: {figure['before_text']} → {figure['after_text']}"
    if figure["change_text"]:
        text += f" ({figure['change_text']})"
    if figure["direction"] == "worse":
        text += f", worse{f'; deteriorated since {since}' if since else ''}"
    elif figure["direction"] == "better":
        text += ", better"
    if figure["crossed"]:
        text += f"; crossed the threshold of {', '.join(figure['crossed'])}"
    if figure["cleared"]:
        text += f"; clears {', '.join(figure['cleared'])}"
    return text


def area_moves(moved: Movement, since: str | None = None) -> list[str]:
    lines = []
    for area in moved["areas"]:
        if area["direction"] == "same":
            continue
        before, after = BANDS[area["band_before"]].label, BANDS[area["band_after"]].label
        name = short_title(area["title"])
        text = f"{name[:1].upper()}{name[1:]}: {before} → {after}"
        if area["score_before"] != area["score_after"]:
            text += f" (local score {area['score_before']}% → {area['score_after']}%)"
        if area["direction"] == "worse" and since:
            text += f", deteriorated since {since}"
        elif area["direction"] in {"worse", "better"}:
            text += f", {area['direction']}"
        lines.append(text)
    return lines


def hidden_figures(hidden: Sequence[FigureChange]) -> str:
    """'(34 other figures moved: 4 worse, 30 better or changed; --detail full lists them)'."""
    worse = sum(1 for figure in hidden if figure["direction"] == "worse")
    return (f"({len(hidden)} other figure{'' if len(hidden) == 1 else 's'} moved: {worse} "
            f"worse, {len(hidden) - worse} better or changed; --detail full lists them)")


def crossings(moved: Movement) -> list[FigureChange]:
    """Deteriorations that crossed a threshold: a figure moved the wrong way and a rule
    reading it fires now that did not before."""
    return [figure for figure in moved["figures"]
            if figure["crossed"] and figure["direction"] != "better"]
