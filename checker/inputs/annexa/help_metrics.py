"""Figures from the front door, assessment, child protection and children in need lists
(Lists 3 to 7). Each function returns the figure or why it cannot be derived; its docstring is
the definition, and :mod:`.derive` lists what each needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checker.inputs.annexa.figures import (
    Figure,
    NotDerived,
    Outcome,
    Period,
    Share,
    child,
    count_figure,
    left_out,
    open_at,
    share_figure,
)
from checker.inputs.annexa.reader import ListData, Record
from checker.inputs.annexa.workdays import (
    CalendarRangeError,
    add_months,
    working_days_between,
)

#: An assessment is timed from the child's latest referral no more than this many working days
#: before the assessment started.
REFERRAL_LINK_DAYS = 20


def _completed(assessments: ListData, period: Period, months: int | None = None
               ) -> Iterator[Record]:
    for record in assessments.records:
        if period.within(record.date("assessment_authorisation_date"), months):
            yield record


def assessments_count(period: Period, assessments: ListData) -> Outcome:
    """Assessments authorised (completed) in the period."""
    done = [(assessments, r) for r in _completed(assessments, period)]
    return count_figure(
        "assessment.assessments_count", done, columns=[
            (assessments, "assessment_authorisation_date")],
        how=f"List 4 rows whose authorisation date falls in the period {period.describe()}.")


def _seen(period: Period, assessments: ListData) -> tuple[Share, list[tuple[ListData, Record]]]:
    share, unseen, unknown = Share(), [], 0
    for record in _completed(assessments, period):
        seen = record.text("child_seen_during_assessment")
        if seen not in {"yes", "no"}:
            unknown += 1
            continue
        breach = None
        if seen == "no":
            unseen.append((assessments, record))
            breach = child(assessments, record, ("assessment_start_date",
                                                 "assessment_authorisation_date"))
        share.add(seen == "yes", breach)
    share.notes = left_out(unknown, "assessments with no yes or no in the child-seen column")
    return share, unseen


def child_seen_pct(period: Period, assessments: ListData) -> Outcome:
    """Assessments authorised in the period with the child seen, of those recording it."""
    share, _unseen = _seen(period, assessments)
    return share_figure(
        "assessment.child_seen_pct", share, breach="assessment completed without the child "
        "seen", columns=[(assessments, "assessment_authorisation_date"),
                         (assessments, "child_seen_during_assessment")],
        how=f"Of List 4 rows authorised in the period {period.describe()} whose child-seen "
        "column says yes or no, the share saying yes.")


def closed_without_child_seen_count(period: Period, assessments: ListData) -> Outcome:
    """Assessments authorised in the period whose child-seen column says no."""
    share, unseen = _seen(period, assessments)
    return count_figure(
        "assessment.closed_without_child_seen_count", unseen, breach="assessment completed "
        "without the child seen", notes=share.notes,
        make=lambda data, r: child(data, r, ("assessment_start_date",
                                             "assessment_authorisation_date")),
        columns=[(assessments, "assessment_authorisation_date"),
                 (assessments, "child_seen_during_assessment")],
        how=f"List 4 rows authorised in the period {period.describe()} whose child-seen column "
        "says no.")


def children_in_need_count(period: Period, cin: ListData) -> Outcome:
    """Children with a List 6 episode open at the as-of date."""
    children = {r.child for r in cin.records if open_at(
        r.date("cin_start_date"), r.date("cin_closure_date"), period.as_of)}
    return Figure("children_in_need.children_in_need_count", len(children),
                  f"Distinct children with a List 6 episode open on {period.as_of.isoformat()}"
                  " (started by then, not closed by then); List 6 includes children on "
                  "protection plans and in care.", (cin,),
                  ((cin, "cin_start_date"), (cin, "cin_closure_date")), len(children))


def _protected_or_in_care(period: Period, plans: ListData | None, care: ListData | None
                          ) -> set[str]:
    found: set[str] = set()
    if plans is not None:
        found |= {r.child for r in plans.records if open_at(
            r.date("cp_plan_start_date"), r.date("cp_plan_end_date"), period.as_of)}
    if care is not None:
        found |= {r.child for r in care.records if open_at(
            r.date("cla_start_date"), r.date("cla_end_date"), period.as_of)}
    return found


def children_in_need_with_plan_pct(period: Period, cin: ListData, plans: ListData | None,
                                   care: ListData | None) -> Outcome:
    """Children in need at the as-of date, not on a plan or in care, with a child in need
    plan (case status), of those whose status is a plan or an open assessment."""
    elsewhere = _protected_or_in_care(period, plans, care)
    statuses: dict[str, tuple[set[str], Record]] = {}
    for record in cin.records:
        if open_at(record.date("cin_start_date"), record.date("cin_closure_date"),
                   period.as_of) and record.child not in elsewhere:
            status = record.text("case_status") or "unknown"
            statuses.setdefault(record.child, (set(), record))[0].add(status)
    share, unknown = Share(), 0
    for found, record in statuses.values():
        if found & {"cp", "cla"}:
            continue
        if not found & {"cin_plan", "open_assessment"}:
            unknown += 1
            continue
        share.add("cin_plan" in found, None if "cin_plan" in found else child(
            cin, record, ("cin_start_date",), "open assessment, no plan yet"))
    share.notes = left_out(unknown, "children whose case status is blank, closed or not "
                           "recognised")
    return share_figure(
        "assessment.children_in_need_with_plan_pct", share, breach="child in need without "
        "a plan", columns=[(cin, "cin_start_date"), (cin, "cin_closure_date"),
                           (cin, "case_status")],
        how=f"Children with a List 6 episode open on {period.as_of.isoformat()}, leaving out "
        "those whose status is child protection or looked after and those open on List 7 or "
        "List 8: the share whose status is a child in need plan, of those whose status is a "
        "plan or an open assessment.")


def children_on_plans_count(period: Period, plans: ListData) -> Outcome:
    """Children with a List 7 plan open at the as-of date."""
    children = {r.child for r in plans.records if open_at(
        r.date("cp_plan_start_date"), r.date("cp_plan_end_date"), period.as_of)}
    return Figure("child_protection.children_on_plans_count", len(children),
                  f"Distinct children with a List 7 plan open on {period.as_of.isoformat()}.",
                  (plans,), ((plans, "cp_plan_start_date"), (plans, "cp_plan_end_date")),
                  len(children))


def plans_over_two_years_pct(period: Period, plans: ListData) -> Outcome:
    """Open plans at the as-of date that started two years or more before it."""
    share, seen = Share(), set()
    limit = add_months(period.as_of, -24)
    for record in plans.records:
        start = record.date("cp_plan_start_date")
        if record.child in seen or not open_at(start, record.date("cp_plan_end_date"),
                                               period.as_of):
            continue
        seen.add(record.child)
        long = start is not None and start <= limit
        share.add(long, child(plans, record, ("cp_plan_start_date",)) if long else None)
    return share_figure(
        "child_protection.plans_over_two_years_pct", share, breach="on a plan for two years "
        "or more", columns=[(plans, "cp_plan_start_date"), (plans, "cp_plan_end_date")],
        how=f"Children with a List 7 plan open on {period.as_of.isoformat()}: the share whose "
        f"plan started on or before {limit.isoformat()} (two years or more).")


# --- twelve-month figures -------------------------------------------------------------------


def referrals_count(period: Period, referrals: ListData) -> Outcome:
    """Referrals dated in the twelve months to the as-of date."""
    found = [(referrals, r) for r in referrals.records
             if period.within(r.date("referral_date"), 12)]
    return count_figure(
        "front_door.referrals_count", found, months=12, columns=[(referrals, "referral_date")],
        how=f"List 3 rows whose referral date falls in the twelve months {period.describe(12)}.")


def referrals_nfa_pct(period: Period, referrals: ListData) -> Outcome:
    """Referrals in the twelve months recorded as no further action, of those recording it."""
    share, unknown = Share(), 0
    for record in referrals.records:
        if not period.within(record.date("referral_date"), 12):
            continue
        nfa = record.text("referral_nfa")
        if nfa not in {"yes", "no"}:
            unknown += 1
            continue
        share.add(nfa == "yes", child(referrals, record, ("referral_date",))
                  if nfa == "yes" else None)
    share.notes = left_out(unknown, "referrals with no yes or no in the NFA column")
    return share_figure(
        "front_door.referrals_nfa_pct", share, months=12, breach="referral ended in no "
        "further action", columns=[(referrals, "referral_date"), (referrals, "referral_nfa")],
        how=f"Of List 3 rows dated in the twelve months {period.describe(12)} whose NFA column "
        "says yes or no, the share saying yes.")


def _previous_threshold(referrals: ListData) -> int | None:
    """1 if the previous-referrals column counts earlier referrals only (it holds zeros), 2 if
    it evidently counts the referral itself (no zero in 20 or more rows), None if unclear."""
    counts = [n for r in referrals.records if (n := r.number("referrals_last_12_months"))
              is not None]
    if any(n == 0 for n in counts):
        return 1
    return 2 if len(counts) >= 20 else None


def re_referrals_pct(period: Period, referrals: ListData) -> Outcome:
    """Referrals in the twelve months for a child referred in the previous twelve months."""
    path = "front_door.re_referrals_within_12_months_pct"
    threshold = _previous_threshold(referrals)
    if threshold is None:
        return NotDerived(path, "the previous-referrals column holds no zero in fewer than 20 "
                          "rows, so whether it counts the referral itself cannot be told")
    share, unknown = Share(), 0
    for record in referrals.records:
        if not period.within(record.date("referral_date"), 12):
            continue
        count = record.number("referrals_last_12_months")
        if count is None:
            unknown += 1
            continue
        share.add(count >= threshold, child(referrals, record, ("referral_date",),
                                            f"{count:g} in the last 12 months")
                  if count >= threshold else None)
    share.notes = left_out(unknown, "referrals with the previous-referrals column blank")
    counted = ("counts earlier referrals only (it holds zeros), so 1 or more is a re-referral"
               if threshold == 1 else "counts the referral itself (no row holds 0), so 2 or "
               "more is a re-referral")
    return share_figure(
        path, share, months=12, breach="re-referral within 12 months", columns=[
            (referrals, "referral_date"), (referrals, "referrals_last_12_months")],
        how=f"Of List 3 rows dated in the twelve months {period.describe(12)} with the number "
        f"of referrals in the last 12 months given, the share re-referred: the column {counted}.")


def linked_referral(record: Record, referrals: dict[str, list[dt.date]]) -> dt.date | None:
    """The child's latest referral on or before the assessment started, and no more than
    REFERRAL_LINK_DAYS working days before it."""
    start = record.date("assessment_start_date")
    if start is None:
        return None
    earlier = [d for d in referrals.get(record.child, ()) if d <= start]
    if not earlier:
        return None
    latest = max(earlier)
    try:
        return latest if working_days_between(latest, start) <= REFERRAL_LINK_DAYS else None
    except CalendarRangeError:
        return None


def referral_dates(referrals: ListData) -> dict[str, list[dt.date]]:
    found: dict[str, list[dt.date]] = {}
    for record in referrals.records:
        day = record.date("referral_date")
        if day is not None:
            found.setdefault(record.child, []).append(day)
    return found


def within_45_days_pct(period: Period, referrals: ListData, assessments: ListData) -> Outcome:
    """Assessments authorised in the twelve months within 45 working days of the referral."""
    dates, share, unlinked = referral_dates(referrals), Share(), 0
    for record in _completed(assessments, period, 12):
        referral = linked_referral(record, dates)
        done = record.date("assessment_authorisation_date")
        if referral is None or done is None:
            unlinked += 1
            continue
        days = working_days_between(referral, done)
        late = child(assessments, record, ("assessment_start_date",
                                           "assessment_authorisation_date"),
                     f"referral {referral.isoformat()}; {days} working days")
        share.add(days <= 45, None if days <= 45 else late)
    share.notes = left_out(unlinked, "assessments with no referral of the child in List 3 on or "
                           f"before the start, within {REFERRAL_LINK_DAYS} working days of it")
    return share_figure(
        "assessment.within_45_working_days_pct", share, months=12, breach="assessment took "
        "more than 45 working days from the referral", columns=[
            (referrals, "referral_date"), (assessments, "assessment_start_date"),
            (assessments, "assessment_authorisation_date")],
        how=f"Of List 4 rows authorised in the twelve months {period.describe(12)}, each timed "
        "from the child's latest List 3 referral on or before the assessment started (and no "
        f"more than {REFERRAL_LINK_DAYS} working days before it), the share authorised within 45 "
        "working days of the referral (the referral day is day 0; England and Wales bank "
        "holidays).")


def assessed_not_in_need_pct(period: Period, referrals: ListData, assessments: ListData
                             ) -> Outcome:
    """Referrals in the twelve months whose assessment found the child not to be in need."""
    dates, outcomes = referral_dates(referrals), {}
    for record in assessments.records:
        referral = linked_referral(record, dates)
        if referral is not None and record.date("assessment_authorisation_date") is not None:
            outcomes[(record.child, referral)] = record
    share, unknown = Share(), 0
    for record in referrals.records:
        day = record.date("referral_date")
        if day is None or not period.within(day, 12):
            continue
        assessed = outcomes.get((record.child, day))
        outcome = assessed.text("assessment_outcome_support") if assessed else None
        if assessed is not None and outcome not in {"yes", "no"}:
            unknown += 1
            continue
        not_in_need = assessed is not None and outcome == "no"
        share.add(not_in_need, child(assessments, assessed, (
            "assessment_start_date", "assessment_authorisation_date"), f"referral "
            f"{day.isoformat()}") if not_in_need and assessed is not None else None)
    share.notes = left_out(unknown, "referrals whose completed assessment records no yes or no "
                           "in the requiring-support column")
    return share_figure(
        "assessment.assessed_not_in_need_pct", share, months=12, breach="assessed as not "
        "needing children's social care support", columns=[
            (referrals, "referral_date"), (assessments, "assessment_start_date"),
            (assessments, "assessment_authorisation_date"),
            (assessments, "assessment_outcome_support")],
        how=f"Of List 3 referrals dated in the twelve months {period.describe(12)}, the share "
        "whose completed List 4 assessment (the child's assessment started on or after the "
        f"referral, within {REFERRAL_LINK_DAYS} working days) says the child does not require "
        "children's social care support.")


def icpc_within_15_days_pct(period: Period, enquiries: ListData) -> Outcome:
    """Initial conferences in the twelve months held within 15 working days of the strategy
    discussion that started the section 47 enquiry."""
    share = Share()
    for record in enquiries.records:
        icpc, start = record.date("icpc_date"), record.date("s47_start_date")
        if start is None or icpc is None or not period.within(icpc, 12):
            continue
        days = working_days_between(start, icpc)
        late = child(enquiries, record, ("s47_start_date", "icpc_date"),
                     f"{days} working days")
        share.add(days <= 15, None if days <= 15 else late)
    return share_figure(
        "child_protection.icpc_within_15_working_days_pct", share, months=12,
        breach="initial conference more than 15 working days after the strategy discussion",
        columns=[(enquiries, "s47_start_date"), (enquiries, "icpc_date")],
        how=f"Of List 5 rows whose initial conference is dated in the twelve months "
        f"{period.describe(12)}, the share held within 15 working days of the strategy "
        "discussion that initiated the enquiry (the List 5 start date; that day is day 0; "
        "England and Wales bank holidays).")


def repeat_plans_pct(period: Period, plans: ListData) -> Outcome:
    """Plans starting in the twelve months for a child who had been on a plan before."""
    share, unknown = Share(), 0
    for record in plans.records:
        if not period.within(record.date("cp_plan_start_date"), 12):
            continue
        before = record.number("previous_cp_plans")
        if before is None:
            unknown += 1
            continue
        share.add(before >= 1, child(plans, record, ("cp_plan_start_date",),
                                     f"{before:g} previous plan(s)") if before >= 1 else None)
    share.notes = left_out(unknown, "plans with the number of previous plans blank")
    return share_figure(
        "child_protection.repeat_plans_pct", share, months=12, breach="second or later plan",
        columns=[(plans, "cp_plan_start_date"), (plans, "previous_cp_plans")],
        how=f"Of List 7 plans starting in the twelve months {period.describe(12)} with the number "
        "of previous plans given, the share with one or more (a plan at any time before).")


def plans_ceased_after_two_years_pct(period: Period, plans: ListData) -> Outcome:
    """Plans that ended in the twelve months after lasting two years or more."""
    share = Share()
    for record in plans.records:
        start, end = record.date("cp_plan_start_date"), record.date("cp_plan_end_date")
        if start is None or end is None or not period.within(end, 12):
            continue
        long = start <= add_months(end, -24)
        share.add(long, child(plans, record, ("cp_plan_start_date", "cp_plan_end_date"))
                  if long else None)
    return share_figure(
        "child_protection.plans_ceased_after_two_years_pct", share, months=12,
        breach="plan lasted two years or more", columns=[
            (plans, "cp_plan_start_date"), (plans, "cp_plan_end_date")],
        how=f"Of List 7 plans ending in the twelve months {period.describe(12)}, the share that "
        "had lasted two years or more (end on or after the second anniversary of the start).")
