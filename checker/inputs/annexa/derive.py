"""Which self-assessment figures an Annex A workbook gives, and deriving them.

Only figures whose definition in the self-assessment the lists meet exactly are derived (each
rule below names what it needs; the functions in :mod:`.help_metrics` and :mod:`.care_metrics`
hold the definitions). Figures "in the twelve months to the as-of date" are derived only when
the lists cover twelve months (``--months 12``): Ofsted's Annex A usually asks for six. Every
other figure Annex A is often expected to give is listed in :data:`NOT_DERIVABLE` with the
reason it is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from checker.core.errors import InvalidWorkbook, Problem
from checker.inputs.annexa import care_metrics as care
from checker.inputs.annexa import help_metrics as help_
from checker.inputs.annexa.figures import Figure, NotDerived, Outcome, Period
from checker.inputs.annexa.reader import END_PAIRS, AnnexA, ListData
from checker.inputs.annexa.spec import load_spec
from checker.inputs.annexa.workdays import covered_range

Lists = Mapping[str, ListData]
L4_DONE = ("assessment_start_date", "assessment_authorisation_date")
L6_OPEN = ("cin_start_date", "cin_closure_date")
L7_OPEN = ("cp_plan_start_date", "cp_plan_end_date")
L8_OPEN = ("cla_start_date", "cla_end_date", "legal_status")


@dataclass(frozen=True)
class Rule:
    """One derivable figure: the lists and columns it needs, the months of data it needs, and
    the function computing it (given the period and the lists named in ``lists``, None for a
    list that is absent). ``optional`` columns are used when present (dates shown beside a
    child, exclusions from other lists)."""

    path: str
    needs: Mapping[str, tuple[str, ...]]
    function: Callable[..., Outcome]
    lists: tuple[str, ...]
    months: int = 0
    optional: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def compute(self, period: Period, lists: Lists) -> Outcome:
        return self.function(period, *(lists.get(key) for key in self.lists))

    @property
    def definition(self) -> str:
        """The computing function's docstring: the figure in one sentence."""
        return " ".join((self.function.__doc__ or "").split())


def _one(path: str, key: str, columns: tuple[str, ...], function: Callable[..., Outcome],
         months: int = 0, optional: tuple[str, ...] = ()) -> Rule:
    return Rule(path, {key: columns}, function, (key,), months,
                {key: optional} if optional else {})


def _cla(path: str, extra: tuple[str, ...], function: Callable[..., Outcome],
         months: int = 0, optional: tuple[str, ...] = ("placement_start_date",)) -> Rule:
    return _one(path, "children_in_care", (*L8_OPEN, *extra), function, months, optional)


RULES: tuple[Rule, ...] = (
    _one("assessment.assessments_count", "assessments", ("assessment_authorisation_date",),
         help_.assessments_count, optional=("assessment_start_date",)),
    _one("assessment.child_seen_pct", "assessments",
         ("assessment_authorisation_date", "child_seen_during_assessment"),
         help_.child_seen_pct, optional=("assessment_start_date",)),
    _one("assessment.closed_without_child_seen_count", "assessments",
         ("assessment_authorisation_date", "child_seen_during_assessment"),
         help_.closed_without_child_seen_count, optional=("assessment_start_date",)),
    Rule("assessment.children_in_need_with_plan_pct",
         {"children_in_need": (*L6_OPEN, "case_status")},
         help_.children_in_need_with_plan_pct,
         ("children_in_need", "child_protection", "children_in_care"),
         optional={"child_protection": L7_OPEN, "children_in_care": L8_OPEN}),
    _one("children_in_need.children_in_need_count", "children_in_need", L6_OPEN,
         help_.children_in_need_count),
    _one("child_protection.children_on_plans_count", "child_protection", L7_OPEN,
         help_.children_on_plans_count),
    _one("child_protection.plans_over_two_years_pct", "child_protection", L7_OPEN,
         help_.plans_over_two_years_pct),
    _cla("children_in_care.children_in_care_count", (), care.children_in_care_count),
    _cla("children_in_care.unaccompanied_asylum_seeking_count", ("uasc",), care.uasc_count),
    _cla("children_in_care.three_or_more_placements_pct", ("placements_last_12_months",),
         care.three_placements_pct),
    _cla("children_in_care.long_term_stability_pct",
         ("date_of_birth", "placement_start_date", "placement_type"),
         care.long_term_stability_pct),
    _cla("children_in_care.placed_outside_authority_pct", ("placement_location",),
         care.placed_outside_pct),
    _cla("children_in_care.under_16_in_unregulated_count", ("date_of_birth", "placement_type"),
         care.unregulated_under_16_count),
    _cla("children_in_care_health.health_assessment_up_to_date_pct",
         ("date_of_birth", "last_health_assessment_date"), care.health_up_to_date_pct, 0, ()),
    _cla("children_in_care_health.dental_check_pct", ("last_dental_check_date",),
         care.dental_check_pct, 0, ()),
    _cla("children_in_care_health.initial_health_assessment_20_working_days_pct",
         ("last_health_assessment_date",), care.initial_health_20_working_days_pct, 0, ()),
    _cla("children_in_care_health.initial_health_assessment_28_days_pct",
         ("last_health_assessment_date",), care.initial_health_28_days_pct, 0, ()),
    _one("care_leavers.care_leavers_count", "care_leavers", (), care.care_leavers_count,
         optional=("la_in_touch",)),
    _one("care_leavers.in_touch_pct", "care_leavers", ("date_of_birth", "la_in_touch"),
         care.in_touch_pct),
    _one("care_leavers.bed_and_breakfast_count", "care_leavers", ("accommodation_type",),
         care.bed_and_breakfast_count, optional=("la_in_touch",)),
    _one("care_leavers.higher_education_count", "care_leavers", ("activity_status",),
         care.higher_education_count, optional=("la_in_touch",)),
    Rule("workforce.caseload_maximum", {
        "assessments": (*L4_DONE, "allocated_worker"),
        "children_in_need": (*L6_OPEN, "allocated_worker"),
        "child_protection": (*L7_OPEN, "allocated_worker"),
        "children_in_care": ("cla_start_date", "cla_end_date", "allocated_worker")},
         care.caseload_maximum,
         ("assessments", "children_in_need", "child_protection", "children_in_care")),
    # Twelve-month figures.
    _one("front_door.referrals_count", "referrals", ("referral_date",), help_.referrals_count,
         12),
    _one("front_door.referrals_nfa_pct", "referrals", ("referral_date", "referral_nfa"),
         help_.referrals_nfa_pct, 12),
    _one("front_door.re_referrals_within_12_months_pct", "referrals",
         ("referral_date", "referrals_last_12_months"), help_.re_referrals_pct, 12),
    Rule("assessment.within_45_working_days_pct",
         {"referrals": ("referral_date",), "assessments": L4_DONE},
         help_.within_45_days_pct, ("referrals", "assessments"), 12),
    Rule("assessment.assessed_not_in_need_pct",
         {"referrals": ("referral_date",),
          "assessments": (*L4_DONE, "assessment_outcome_support")},
         help_.assessed_not_in_need_pct, ("referrals", "assessments"), 12),
    _one("child_protection.icpc_within_15_working_days_pct", "section_47",
         ("s47_start_date", "icpc_date"), help_.icpc_within_15_days_pct, 12),
    _one("child_protection.repeat_plans_pct", "child_protection",
         ("cp_plan_start_date", "previous_cp_plans"), help_.repeat_plans_pct, 12),
    _one("child_protection.plans_ceased_after_two_years_pct", "child_protection", L7_OPEN,
         help_.plans_ceased_after_two_years_pct, 12),
    _cla("children_in_care.missing_incident_pct", ("missing_episodes_12m",),
         care.missing_pct, 12, ()),
    _cla("children_in_care.away_incident_pct", ("absent_episodes_12m",),
         care.away_pct, 12, ()),
    _cla("children_in_care.adopted_pct", ("reason_ceased",), care.adopted_pct, 12, ()),
)

_CURRENT = ("DfE's measure is the status around each young person's birthday in the year; "
            "List 9 gives the current status")
_LATEST = "holds only the latest {0}, not every {0} in the period"

#: Figures Annex A is often expected to give but cannot give as the self-assessment defines
#: them, with the reason.
NOT_DERIVABLE: Mapping[str, str] = {
    "front_door.decisions_within_one_working_day_pct": "Annex A has no decision date",
    "front_door.referrals_after_three_or_more_contacts_pct":
        "List 1 does not say what each contact was about, and covers only the period",
    "front_door.referrals_awaiting_allocation_count":
        "Annex A gives each case's current worker, not whether a referral awaits allocation",
    "early_help.children_supported_count":
        "List 2 lists early help assessments, not every child receiving early help",
    "assessment.child_seen_alone_pct": "List 4 records whether the child was seen, not alone",
    "children_in_need.plans_open_over_12_months_pct":
        "List 6 gives when the episode started, not the plan",
    "children_in_need.visits_within_policy_pct": "List 6 " + _LATEST.format("visit"),
    "child_protection.reviews_on_time_pct": "List 7 " + _LATEST.format("review conference"),
    "child_protection.visits_within_policy_pct": "List 7 " + _LATEST.format("visit"),
    "child_protection.visits_seen_alone_pct": "List 7 " + _LATEST.format("visit"),
    "child_protection.section47_to_conference_pct":
        "List 5 has no date on which an enquiry was completed",
    "children_in_care.reviews_on_time_pct": "List 8 " + _LATEST.format("review"),
    "children_in_care.statutory_visits_on_time_pct": "List 8 " + _LATEST.format("visit"),
    "children_in_care.iro_contact_between_reviews_pct":
        "List 8 gives the latest IRO contact and latest review only",
    "children_in_care.permanence_plan_pct":
        "List 8 gives the current permanence plan, not when it was agreed",
    "children_in_care.placed_over_20_miles_pct":
        "Annex A has the placement postcode but not the home address",
    "children_in_care.section20_drift_count":
        "List 8 does not say whether a permanence plan was agreed at a review",
    "children_in_care.adoption_entry_to_placement_days_average":
        "the scorecard measure covers children adopted in three years; List 10 covers the "
        "adoption decisions of twelve months",
    "children_in_care.adoption_order_to_match_days_average":
        "the scorecard measure covers children adopted in three years; List 10 covers the "
        "adoption decisions of twelve months",
    "children_in_care_health.review_health_assessment_under_5_pct":
        "List 8 " + _LATEST.format("health assessment"),
    "children_in_care_health.review_health_assessment_5_and_over_pct":
        "List 8 " + _LATEST.format("health assessment"),
    "missing_and_exploitation.missing_episodes_count":
        "List 8 counts episodes of children in care over twelve months; other children are "
        "not listed",
    "missing_and_exploitation.return_interviews_offered_pct":
        "List 8 records the offer after each child's last missing episode only",
    "missing_and_exploitation.return_interviews_accepted_pct":
        "List 8 records the take-up after each child's last missing episode only",
    "care_leavers.not_in_touch_pct": _CURRENT,
    "care_leavers.suitable_accommodation_pct": _CURRENT,
    "care_leavers.suitable_accommodation_17_18_pct": _CURRENT,
    "care_leavers.eet_pct": _CURRENT,
    "care_leavers.eet_17_18_pct": _CURRENT,
    "care_leavers.personal_adviser_allocated_pct":
        "List 9's allocated worker may be a social worker or a personal adviser",
    "care_leavers.pathway_plan_pct": "Annex A has no pathway plan dates",
    "workforce.caseload_average": "it is per full-time equivalent, which Annex A does not hold",
}


def needed_columns() -> dict[str, frozenset[str]]:
    """The columns of each list any rule reads (the reader parses only these)."""
    found: dict[str, set[str]] = {}
    for rule in RULES:
        for source in (rule.needs, rule.optional):
            for key, columns in source.items():
                found.setdefault(key, set()).update(columns)
    for key, pairs in END_PAIRS.items():  # check both ends of every pair that is read
        for start, end in pairs:
            if start in found.get(key, ()) or end in found.get(key, ()):
                found.setdefault(key, set()).update((start, end))
    return {key: frozenset(columns) for key, columns in found.items()}


@dataclass
class Derivation:
    annex: AnnexA
    period: Period
    figures: list[Figure]
    not_derived: list[NotDerived]


def _missing(rule: Rule, lists: Lists, months: int) -> str | None:
    spec = load_spec()
    for key, columns in rule.needs.items():
        if key not in lists:
            return f"{spec.list(key).label} is not in the workbook"
        absent = [spec.list(key).column(c).title for c in columns if not lists[key].has(c)]
        if absent:
            return (f"{spec.list(key).label} has no column " +
                    ", ".join(repr(title) for title in absent))
    if months < rule.months:
        names = " and ".join(spec.list(key).label for key in rule.needs)
        return (f"a figure for twelve months: needs twelve months of {names}, and the lists "
                f"cover {months} (use --months 12 if they cover a year)")
    return None


def check_as_of(annex: AnnexA) -> None:
    first, last = covered_range()
    earliest = dt.date(first.year + 1, first.month, first.day)
    if not earliest <= annex.as_of <= last:
        raise InvalidWorkbook([Problem(
            file=annex.name, message=f"as-of date {annex.as_of.isoformat()} is outside the "
            "years the shipped bank holidays cover",
            expected=f"a date from {earliest.isoformat()} to {last.isoformat()}",
            hint="give --as-of")])


def derive(annex: AnnexA, months: int = 6) -> Derivation:
    """Every figure the workbook allows, and why each other expected figure is not given."""
    check_as_of(annex)
    period = Period(annex.as_of, months)
    figures: list[Figure] = []
    not_derived: list[NotDerived] = []
    for rule in RULES:
        reason = _missing(rule, annex.lists, months)
        outcome = NotDerived(rule.path, reason) if reason else rule.compute(period, annex.lists)
        if isinstance(outcome, Figure):
            figures.append(outcome)
        else:
            not_derived.append(outcome)
    not_derived += [NotDerived(path, reason) for path, reason in NOT_DERIVABLE.items()]
    return Derivation(annex, period, figures, not_derived)
