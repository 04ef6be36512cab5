"""Figures from the children in care and care leavers lists (Lists 8 and 9) and the caseload
figure. Children looked after under a series of short breaks (legal status V3 or V4) are left
out of every children-in-care figure, as DfE does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from checker.inputs.annexa.figures import (
    SHORT_BREAKS,
    Child,
    Figure,
    NotDerived,
    Outcome,
    Period,
    Share,
    age_on,
    child,
    count_figure,
    distinct,
    left_out,
    looked_after,
    open_at,
    share_figure,
)
from checker.inputs.annexa.reader import ListData, Record
from checker.inputs.annexa.workdays import add_months, add_working_days

#: Placement types for independent or semi-independent (supported) accommodation.
UNREGULATED = frozenset({"H5", "P2"})
#: Placed for adoption with the current foster carer: DfE counts the earlier placement with
#: the same carer towards long-term stability, which Annex A cannot show.
ADOPTED_BY_CARER = frozenset({"A3", "A5"})
HIGHER_EDUCATION = frozenset({"F1", "P1"})
ADOPTED = frozenset({"E11", "E12"})

#: A verdict on one member of a cohort: counted or not, and the child to list if any; None
#: when the row cannot say (left out of the share).
Verdict = tuple[bool, Child | None] | None
T = TypeVar("T")


def over(records: Iterable[T], judge: Callable[[T], Verdict], why: str) -> Share:
    share, unknown = Share(), 0
    for record in records:
        verdict = judge(record)
        if verdict is None:
            unknown += 1
        else:
            share.add(*verdict)
    share.notes = left_out(unknown, why)
    return share


def cohort(period: Period) -> str:
    return (f"children looked after on {period.as_of.isoformat()} (List 8: started by then, "
            "not ceased by then; short breaks, legal status V3 or V4, left out)")


def _in_care(care: ListData, period: Period) -> list[Record]:
    return distinct(looked_after(care, period.as_of))


def children_in_care_count(period: Period, care: ListData) -> Outcome:
    """Children looked after at the as-of date."""
    rows = _in_care(care, period)
    blank = sum(1 for r in rows if r.text("legal_status") is None)
    return Figure("children_in_care.children_in_care_count", len(rows),
                  f"Distinct {cohort(period)}.", (care,),
                  ((care, "cla_start_date"), (care, "cla_end_date"), (care, "legal_status")),
                  len(rows), notes=[f"{blank} counted with no legal status recorded"]
                  if blank else [])


def uasc_count(period: Period, care: ListData) -> Outcome:
    """Children looked after at the as-of date recorded as unaccompanied asylum seekers."""
    rows = [(care, r) for r in _in_care(care, period) if r.text("uasc") == "yes"]
    return count_figure(
        "children_in_care.unaccompanied_asylum_seeking_count", rows, columns=[
            (care, "cla_start_date"), (care, "legal_status"), (care, "uasc")],
        how=f"Distinct {cohort(period)} whose UASC column says yes (an unaccompanied "
        "asylum-seeking child in the last 12 months who is still looked after).")


def three_placements_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after at the as-of date with three or more placements in 12 months."""
    def judge(record: Record) -> Verdict:
        count = record.number("placements_last_12_months")
        if count is None:
            return None
        many = count >= 3
        return many, child(care, record, ("cla_start_date", "placement_start_date"),
                           f"{count:g} placements") if many else None

    share = over(_in_care(care, period), judge, "children with the number of placements blank")
    return share_figure(
        "children_in_care.three_or_more_placements_pct", share, breach="three or more "
        "placements in the last 12 months", columns=[
            (care, "cla_start_date"), (care, "legal_status"), (care, "placements_last_12_months")],
        how=f"Of the {cohort(period)} with the number of placements in the last 12 months given, "
        "the share with 3 or more.")


def long_term_stability_pct(period: Period, care: ListData) -> Outcome:
    """Children under 16 looked after for 2.5 years or more, in the same placement for two."""
    path = "children_in_care.long_term_stability_pct"
    since, settled = add_months(period.as_of, -30), add_months(period.as_of, -24)

    def judge(record: Record) -> Verdict:
        born, placed = record.date("date_of_birth"), record.date("placement_start_date")
        if born is None or placed is None:
            return None
        stable = placed <= settled
        return stable, None if stable else child(care, record, (
            "cla_start_date", "placement_start_date"))

    rows = [r for r in _in_care(care, period) if (start := r.date("cla_start_date")) and
            start <= since and not ((born := r.date("date_of_birth")) and
                                    age_on(born, period.as_of) >= 16)]
    unclear = [r for r in rows if r.text("placement_type") in ADOPTED_BY_CARER and
               (placed := r.date("placement_start_date")) and placed > settled]
    if unclear:
        return NotDerived(path, f"{len(unclear)} child(ren) placed for adoption with their "
                          "foster carer less than two years ago: DfE counts the earlier "
                          "placement with the same carer, which Annex A does not show")
    share = over(rows, judge, "children with the date of birth or placement start blank")
    return share_figure(
        path, share, breach="not in the same placement for two years", columns=[
            (care, "cla_start_date"), (care, "date_of_birth"), (care, "placement_start_date"),
            (care, "placement_type")],
        how=f"Of the {cohort(period)} aged under 16 then and looked after since "
        f"{since.isoformat()} or earlier (two and a half years), the share whose current "
        f"placement started on or before {settled.isoformat()} (two years).")


def placed_outside_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after at the as-of date placed outside the authority."""
    def judge(record: Record) -> Verdict:
        where = record.text("placement_location")
        if where not in {"in", "out"}:
            return None
        return where == "out", child(care, record, ("placement_start_date",)) \
            if where == "out" else None

    share = over(_in_care(care, period), judge, "children with the placement location blank")
    return share_figure(
        "children_in_care.placed_outside_authority_pct", share, breach="placed outside the "
        "authority", columns=[(care, "cla_start_date"), (care, "legal_status"),
                              (care, "placement_location")],
        how=f"Of the {cohort(period)} whose placement location is given as in or out of the "
        "authority, the share placed out.")


def unregulated_under_16_count(period: Period, care: ListData) -> Outcome:
    """Children under 16 looked after at the as-of date placed in independent or
    semi-independent (supported) accommodation."""
    found, unknown = [], 0
    for record in _in_care(care, period):
        born, kind = record.date("date_of_birth"), record.text("placement_type")
        if born is None or kind is None:
            unknown += 1
        elif age_on(born, period.as_of) < 16 and kind in UNREGULATED:
            found.append((care, record))
    return count_figure(
        "children_in_care.under_16_in_unregulated_count", found,
        breach="under 16 in independent or semi-independent accommodation",
        make=lambda data, r: child(data, r, ("date_of_birth", "placement_start_date"),
                                   f"placement type {r.text('placement_type')}"),
        notes=left_out(unknown, "children with the date of birth or placement type blank"),
        columns=[(care, "cla_start_date"), (care, "date_of_birth"), (care, "placement_type")],
        how=f"Distinct {cohort(period)}, aged under 16 then, whose placement type is H5 "
        "(semi-independent or supported accommodation) or P2 (independent living).")


def _long_stay(care: ListData, period: Period) -> list[Record]:
    since = add_months(period.as_of, -12)
    return [r for r in _in_care(care, period)
            if (start := r.date("cla_start_date")) is not None and start <= since]


def health_up_to_date_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after for 12 months or more whose health assessment is up to date."""
    def judge(record: Record) -> Verdict:
        born = record.date("date_of_birth")
        if born is None:
            return None
        young = age_on(born, period.as_of) < 5
        due_since = add_months(period.as_of, -6 if young else -12)
        last = record.date("last_health_assessment_date")
        current = last is not None and last >= due_since
        return current, None if current else child(care, record, (
            "cla_start_date", "last_health_assessment_date"),
            "under 5: every 6 months" if young else "5 or over: every 12 months")

    share = over(_long_stay(care, period), judge, "children with the date of birth blank")
    return share_figure(
        "children_in_care_health.health_assessment_up_to_date_pct", share,
        breach="health assessment not up to date", columns=[
            (care, "cla_start_date"), (care, "date_of_birth"),
            (care, "last_health_assessment_date")],
        how=f"Of the {cohort(period)} who had been looked after for twelve months or more, the "
        "share whose last health assessment is within the statutory interval before that date: "
        "six months for a child under five, twelve months from five (Care Planning "
        "Regulations 2010, reg 8).")


def dental_check_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after for 12 months or more with a dental check in the last year."""
    since = add_months(period.as_of, -12)

    def judge(record: Record) -> Verdict:
        last = record.date("last_dental_check_date")
        checked = last is not None and last > since
        return checked, None if checked else child(care, record, (
            "cla_start_date", "last_dental_check_date"))

    share = over(_long_stay(care, period), judge, "")
    return share_figure(
        "children_in_care_health.dental_check_pct", share, breach="no dental check in the "
        "last 12 months", columns=[(care, "cla_start_date"), (care, "last_dental_check_date")],
        how=f"Of the {cohort(period)} who had been looked after for twelve months or more, the "
        f"share whose last dental check is after {since.isoformat()} (in the last year).")


def _initial_cohort(care: ListData, period: Period, due: Callable[[dt.date], dt.date]
                    ) -> list[Record]:
    """Children who started to be looked after in the period, whose initial assessment was
    due by the as-of date and who were still looked after when it was due."""
    found = []
    for record in care.records:
        start, end = record.date("cla_start_date"), record.date("cla_end_date")
        if record.text("legal_status") in SHORT_BREAKS or start is None:
            continue
        if period.within(start) and due(start) <= period.as_of and (
                end is None or end >= due(start)):
            found.append(record)
    return found


def initial_health_pct(period: Period, care: ListData, *, working: bool) -> Outcome:
    """Children entering care in the period whose initial health assessment was within 20
    working days (or 28 days)."""
    def due(start: dt.date) -> dt.date:
        return add_working_days(start, 20) if working else start + dt.timedelta(days=28)

    path = ("children_in_care_health.initial_health_assessment_20_working_days_pct" if working
            else "children_in_care_health.initial_health_assessment_28_days_pct")
    rows = _initial_cohort(care, period, due)
    unclear = [r for r in rows if (last := r.date("last_health_assessment_date")) and (
        start := r.date("cla_start_date")) and last >= add_months(start, 6)]
    if unclear:
        return NotDerived(path, f"{len(unclear)} child(ren)'s last health assessment is six "
                          "months or more after they entered care: it may be a review, so "
                          "the initial assessment cannot be timed")

    def judge(record: Record) -> Verdict:
        start = record.date("cla_start_date")
        last = record.date("last_health_assessment_date")
        assert start is not None  # noqa: S101 - the cohort has a start
        ok = last is not None and start <= last <= due(start)
        return ok, None if ok else child(care, record, (
            "cla_start_date", "last_health_assessment_date"), f"due {due(start).isoformat()}")

    limit = "20 working days (the day care started is day 0)" if working else "28 days"
    share = over(rows, judge, "")
    return share_figure(
        path, share, breach=f"initial health assessment not within {limit}", columns=[
            (care, "cla_start_date"), (care, "cla_end_date"), (care, "legal_status"),
            (care, "last_health_assessment_date")],
        how=f"Children who started to be looked after in the period {period.describe()} (short "
        f"breaks left out), at least {limit} before the as-of date and still looked after "
        f"then: the share whose health assessment is dated within {limit} of the start. Annex "
        "A gives the latest assessment only; within six months of entry it is the initial one.")


# --- children in care over twelve months ----------------------------------------------------


def _during(care: ListData, period: Period) -> list[Record]:
    """Rows of children looked after at any time in the twelve months (short breaks aside)."""
    start = period.months_before(12)
    return [r for r in care.records if r.text("legal_status") not in SHORT_BREAKS and (
        began := r.date("cla_start_date")) is not None and began <= period.as_of and (
        (ended := r.date("cla_end_date")) is None or ended >= start)]


def episodes_pct(period: Period, care: ListData, *, key: str) -> Outcome:
    """Children looked after during the twelve months who went missing (or were away without
    authorisation) at least once."""
    missing = key == "missing_episodes_12m"
    path = ("children_in_care.missing_incident_pct" if missing
            else "children_in_care.away_incident_pct")
    counts: dict[str, tuple[float | None, Record]] = {}
    for record in _during(care, period):
        count = record.number(key)
        known, _row = counts.get(record.child, (None, record))
        if count is not None:
            counts[record.child] = (max(count, known or 0), record)
        else:
            counts.setdefault(record.child, (None, record))

    def judge(item: tuple[float | None, Record]) -> Verdict:
        count, record = item
        if count is None:
            return None
        return count >= 1, child(care, record, ("cla_start_date",),
                                 f"{count:g} episode(s)") if count >= 1 else None

    what = "missing from" if missing else "away without authorisation from"
    share = over(counts.values(), judge, f"children with {care.header(key)!r} blank")
    return share_figure(
        path, share, months=12, breach=f"{what} placement in the last 12 months", columns=[
            (care, "cla_start_date"), (care, "cla_end_date"), (care, "legal_status"),
            (care, key)],
        how=f"Of the children looked after at any time in the twelve months "
        f"{period.describe(12)} (List 8; short breaks left out), the share with one or more "
        f"episodes {what} their placement in the last 12 months" + (
            "" if missing else " (Annex A's 'absent' column: DfE now says 'away from "
            "placement without authorisation')") + ".")


def adopted_pct(period: Period, care: ListData) -> Outcome:
    """Children who ceased to be looked after in the twelve months because they were adopted."""
    def judge(record: Record) -> Verdict:
        reason = record.text("reason_ceased")
        return None if reason is None else (reason in ADOPTED, None)

    rows = [r for r in care.records if r.text("legal_status") not in SHORT_BREAKS
            and period.within(r.date("cla_end_date"), 12)]
    share = over(rows, judge, "rows with the reason ceased blank")
    return share_figure(
        "children_in_care.adopted_pct", share, months=12, breach=None, columns=[
            (care, "cla_end_date"), (care, "legal_status"), (care, "reason_ceased")],
        how=f"Of the List 8 periods of care that ended in the twelve months {period.describe(12)} "
        "(short breaks left out) with a reason given, the share ended by adoption (E11, E12).")


# --- care leavers ---------------------------------------------------------------------------


def _leavers(leavers: ListData) -> list[Record]:
    return [r for r in distinct(leavers.records) if r.text("la_in_touch") != "died"]


def care_leavers_count(period: Period, leavers: ListData) -> Outcome:
    """Young people entitled to leaving care services at the as-of date."""
    rows = _leavers(leavers)
    died = len(distinct(leavers.records)) - len(rows)
    return Figure("care_leavers.care_leavers_count", len(rows),
                  "Distinct young people on List 9 (care leavers open to the service), "
                  "leaving out any recorded as having died.", (leavers,),
                  ((leavers, "child_id"), (leavers, "la_in_touch")), len(rows),
                  notes=left_out(died, "recorded as having died"))


def in_touch_pct(period: Period, leavers: ListData) -> Outcome:
    """Care leavers aged 17 to 21 with whom the authority is in touch."""
    def judge(record: Record) -> Verdict:
        status = record.text("la_in_touch")
        if status is None:
            return None
        return status == "yes", None if status == "yes" else child(
            leavers, record, (), f"in touch: {leavers.spec.column('la_in_touch').label(status)}")

    rows = [r for r in _leavers(leavers) if (born := r.date("date_of_birth")) is not None
            and 17 <= age_on(born, period.as_of) <= 21]
    no_birth = sum(1 for r in _leavers(leavers) if r.date("date_of_birth") is None)
    share = over(rows, judge, "young people aged 17 to 21 with the in-touch column blank")
    share.notes += left_out(no_birth, "young people with no date of birth (age unknown)")
    return share_figure(
        "care_leavers.in_touch_pct", share, breach="authority not in touch", columns=[
            (leavers, "date_of_birth"), (leavers, "la_in_touch")],
        how=f"Of the young people on List 9 aged 17 to 21 on {period.as_of.isoformat()} (from "
        "their date of birth; any who died left out) with an in-touch status, the share the "
        "authority is in touch with.")


def _activity_count(period: Period, leavers: ListData, key: str, values: frozenset[str],
                    path: str, what: str, breach: str | None) -> Outcome:
    rows = [(leavers, r) for r in _leavers(leavers) if r.text(key) in values]
    return count_figure(
        path, rows, breach=breach, make=lambda data, r: child(data, r, ()),
        columns=[(leavers, key)],
        how=f"Distinct young people on List 9 (any who died left out) whose {what}.")


def bed_and_breakfast_count(period: Period, leavers: ListData) -> Outcome:
    """Care leavers living in bed and breakfast accommodation."""
    return _activity_count(period, leavers, "accommodation_type", frozenset({"W"}),
                           "care_leavers.bed_and_breakfast_count",
                           "type of accommodation is W, bed and breakfast",
                           "living in bed and breakfast")


def higher_education_count(period: Period, leavers: ListData) -> Outcome:
    """Care leavers in higher education."""
    return _activity_count(period, leavers, "activity_status", HIGHER_EDUCATION,
                           "care_leavers.higher_education_count",
                           "activity is F1 or P1, full- or part-time higher education", None)


# --- caseloads ------------------------------------------------------------------------------


def _open_children(data: ListData, start: str, end: str, day: dt.date) -> Iterable[Record]:
    return (r for r in data.records if open_at(r.date(start), r.date(end), day))


def caseload_maximum(period: Period, assessments: ListData, cin: ListData, plans: ListData,
                     care: ListData) -> Outcome:
    """The most children open to one named worker at the as-of date."""
    day = period.as_of
    rows = [*_open_children(assessments, "assessment_start_date",
                            "assessment_authorisation_date", day),
            *_open_children(cin, "cin_start_date", "cin_closure_date", day),
            *_open_children(plans, "cp_plan_start_date", "cp_plan_end_date", day),
            *_open_children(care, "cla_start_date", "cla_end_date", day)]
    caseloads: dict[str, set[str]] = {}
    for record in rows:
        name = record.text("allocated_worker")
        if name is not None:
            caseloads.setdefault(name, set()).add(record.child)
    if not caseloads:
        return NotDerived("workforce.caseload_maximum", "no open case names a worker")
    largest = max(len(children) for children in caseloads.values())
    return Figure(
        "workforce.caseload_maximum", largest,
        f"The most distinct children open on {day.isoformat()} to one named allocated worker "
        "(names compared with spaces collapsed; 'Unallocated', 'TBC', 'Duty' and blanks name "
        "nobody), over List 4 assessments not yet authorised, List 6 open episodes, List 7 open "
        "plans and List 8 children looked after (short breaks included); cases counted as "
        f"children, over {len(caseloads)} named workers.",
        (assessments, cin, plans, care),
        ((assessments, "allocated_worker"), (cin, "allocated_worker"),
         (plans, "allocated_worker"), (care, "allocated_worker")), largest)


def initial_health_20_working_days_pct(period: Period, care: ListData) -> Outcome:
    """Children entering care in the period whose initial health assessment was within 20
    working days of the start (the start is day 0)."""
    return initial_health_pct(period, care, working=True)


def initial_health_28_days_pct(period: Period, care: ListData) -> Outcome:
    """Children entering care in the period whose initial health assessment was within 28
    days of the start."""
    return initial_health_pct(period, care, working=False)


def missing_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after during the twelve months who went missing from their placement at
    least once."""
    return episodes_pct(period, care, key="missing_episodes_12m")


def away_pct(period: Period, care: ListData) -> Outcome:
    """Children looked after during the twelve months who were away from their placement
    without authorisation at least once (Annex A's 'absent')."""
    return episodes_pct(period, care, key="absent_episodes_12m")
