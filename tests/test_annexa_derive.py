"""Every derived figure on the small fixture (tests/fixtures/annexa/small.yaml), worked out by
hand, for lists covering six months and twelve months, as of Wednesday 31 January 2024.

Six months: 1 August 2023 to 31 January 2024; twelve: 1 February 2023 to 31 January 2024.
Both contain the summer bank holiday (28 August 2023), Christmas Day, Boxing Day and New
Year's Day. Two rows are impossible and left out (--skip-bad-rows): C22's assessment was
authorised before it started, C28's conference preceded its strategy discussion.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.inputs.annexa.derive import NOT_DERIVABLE, RULES, Derivation, derive, needed_columns
from checker.inputs.annexa.figures import Figure
from checker.inputs.annexa.reader import read_annex_a
from checker.inputs.metrics import catalogue
from tests.annexa_fixtures import small_workbook

AS_OF = dt.date(2024, 1, 31)

#: Path -> (numerator, denominator or None for a count, children listed behind the figure).
#: Figures that do not depend on the period: the same for six and twelve months.
SNAPSHOT: dict[str, tuple[int, int | None, set[str]]] = {
    # Open at the as-of date, not on a plan or in care: C01, C06, C41 have a plan; C09 an
    # open assessment (C04, C05, C07 on plans, C40 in care; C02, C42 closed).
    "assessment.children_in_need_with_plan_pct": (3, 4, {"C09"}),
    # Open episodes: C01, C04, C05, C06, C07, C09, C40, C41.
    "children_in_need.children_in_need_count": (8, None, set()),
    # Open plans: C04, C05, C07, C25, C26, C30, C31, C34 (C32, C33, C35 ended).
    "child_protection.children_on_plans_count": (8, None, set()),
    # Started on or before 31 Jan 2022: C30 (15 Jun 2021); C31 (1 Feb 2022) is a day short.
    "child_protection.plans_over_two_years_pct": (1, 8, {"C30"}),
    # Looked after: C40, C43, C44, C45, C46, C49, C50, C52, C53; C47 and C51 ceased, C48 is
    # on short breaks (V3).
    "children_in_care.children_in_care_count": (9, None, set()),
    "children_in_care.unaccompanied_asylum_seeking_count": (1, None, set()),  # C50
    "children_in_care.three_or_more_placements_pct": (1, 9, {"C44"}),
    # Under 16 and looked after since 31 Jul 2021 or earlier: C40 (placed Jan 2020, stable),
    # C52 (placed 1 Jun 2022, after 31 Jan 2022).
    "children_in_care.long_term_stability_pct": (1, 2, {"C52"}),
    "children_in_care.placed_outside_authority_pct": (4, 9, {"C44", "C49", "C50", "C53"}),
    # C53 is 14 and in H5 accommodation; C49 (H5) is 17.
    "children_in_care.under_16_in_unregulated_count": (1, None, {"C53"}),
    # Looked after since 31 Jan 2023 or earlier: C40, C45, C46, C49, C52. C45 is 4, so
    # six-monthly: 20 Jul 2023 is before 31 Jul 2023; C49 (17) last assessed 10 Dec 2022.
    "children_in_care_health.health_assessment_up_to_date_pct": (3, 5, {"C45", "C49"}),
    # Checked after 31 Jan 2023: C40, C45 (15 Feb 2023), C46; C49 none, C52 1 Dec 2022.
    "children_in_care_health.dental_check_pct": (3, 5, {"C49", "C52"}),
    "care_leavers.care_leavers_count": (10, None, set()),
    # Aged 17-21 on 31 Jan 2024: all but C66 (22); C69 turns 22 and C64 20 on 1 Feb.
    "care_leavers.in_touch_pct": (7, 9, {"C63", "C67"}),
    "care_leavers.bed_and_breakfast_count": (1, None, {"C62"}),
    "care_leavers.higher_education_count": (1, None, set()),  # C64, F1
    # Fay Madeup: C44, C45, C48 (short breaks count in caseloads), C49, C53.
    "workforce.caseload_maximum": (5, None, set()),
}

SIX_MONTHS: dict[str, tuple[int, int | None, set[str]]] = {
    **SNAPSHOT,
    # Authorised 1 Aug 2023 - 31 Jan 2024: C01, C02, C04, C05, C06, C20 (C21 in July).
    "assessment.assessments_count": (6, None, set()),
    "assessment.child_seen_pct": (5, 6, {"C05"}),
    "assessment.closed_without_child_seen_count": (1, None, {"C05"}),
    # Entered in the period and due by the as-of date: C43 (4 Sep -> 25 Sep, due 2 Oct),
    # C44 (none; due 13 Nov), C50 (4 Dec -> 4 Jan: exactly 20 working days over Christmas
    # and New Year). C51 left after 9 days, before the assessment was due.
    "children_in_care_health.initial_health_assessment_20_working_days_pct":
        (2, 3, {"C44"}),
    # 28 days: C50 was due 1 Jan 2024, assessed 4 Jan.
    "children_in_care_health.initial_health_assessment_28_days_pct": (1, 3, {"C44", "C50"}),
}

TWELVE_MONTHS: dict[str, tuple[int, int | None, set[str]]] = {
    **SNAPSHOT,
    "assessment.assessments_count": (7, None, set()),  # and C21 (14 Jul 2023)
    "assessment.child_seen_pct": (6, 7, {"C05"}),
    "assessment.closed_without_child_seen_count": (1, None, {"C05"}),
    # And C53: entered 1 Jun 2023, assessed 20 Jun (13 working days; due 29 Jun).
    "children_in_care_health.initial_health_assessment_20_working_days_pct":
        (3, 4, {"C44"}),
    "children_in_care_health.initial_health_assessment_28_days_pct": (2, 4, {"C44", "C50"}),
    "front_door.referrals_count": (11, None, set()),
    "front_door.referrals_nfa_pct": (2, 11, {"C03", "C08"}),
    # The column holds zeros, so it counts earlier referrals: C02 (1), C04 (2), C07 (1) and
    # C02 again (2).
    "front_door.re_referrals_within_12_months_pct": (4, 11, {"C02", "C04", "C07"}),
    # From the referral: C01 1 Aug -> 4 Oct = 45 (28 Aug a holiday); C02 21 Aug -> 26 Oct =
    # 47; C04 14; C05 16 Oct -> 20 Dec = 47; C06 1 Nov -> 8 Jan = 45. C20 and C21 have no
    # referral in List 3 and are left out.
    "assessment.within_45_working_days_pct": (3, 5, {"C02", "C05"}),
    # Of 11 referrals, C04's assessment found no need for support.
    "assessment.assessed_not_in_need_pct": (1, 11, {"C04"}),
    # C04 3 -> 24 Oct = 15; C05 17 Oct -> 8 Nov = 16; C07 22 Nov -> 13 Dec = 15; C23 18 Dec ->
    # 9 Jan = 13; C25 10 Jul -> 2 Aug = 17; C26 24 Aug -> 13 Sep = 13 (28 Aug a holiday).
    "child_protection.icpc_within_15_working_days_pct": (4, 6, {"C05", "C25"}),
    # Started in the twelve months: C04, C05 (1), C07, C25 (2), C26, C32, C34 (3).
    "child_protection.repeat_plans_pct": (3, 7, {"C05", "C25", "C34"}),
    # Ended: C32 (7 months), C33 (1 Aug 2021 -> 10 Oct 2023), C35 (8 months).
    "child_protection.plans_ceased_after_two_years_pct": (1, 3, {"C33"}),
    # Looked after at some time in the twelve months (not short breaks): the nine above and
    # C47, C51. Missing: C44 (4), C47 (2), C49 (7), C53 (1); away: C44 (2), C49 (3).
    "children_in_care.missing_incident_pct": (4, 11, {"C44", "C47", "C49", "C53"}),
    "children_in_care.away_incident_pct": (2, 11, {"C44", "C49"}),
    "children_in_care.adopted_pct": (0, 2, set()),  # C47 and C51 returned home (E4A)
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_workbook(tmp_path_factory.mktemp("annexa") / "small.xlsx")


def _derive(path: Path, months: int) -> Derivation:
    annex = read_annex_a(path, as_of=AS_OF, skip_bad_rows=True, needed=needed_columns())
    return derive(annex, months)


def _check(derivation: Derivation, expected: dict[str, tuple[int, int | None, set[str]]]
           ) -> None:
    figures = {f.path: f for f in derivation.figures}
    assert set(figures) == set(expected)
    for path, (numerator, denominator, children) in expected.items():
        figure = figures[path]
        assert (figure.numerator, figure.denominator) == (numerator, denominator), path
        if denominator is None:
            assert figure.value == numerator, path
        else:
            assert figure.value == pytest.approx(100 * numerator / denominator), path
        assert {c.id for c in figure.children} == children, path


def test_six_months(workbook: Path) -> None:
    derivation = _derive(workbook, 6)
    _check(derivation, SIX_MONTHS)
    reasons = {n.path: n.reason for n in derivation.not_derived}
    assert reasons["front_door.re_referrals_within_12_months_pct"] == (
        "a figure for twelve months: needs twelve months of List 3 (Referrals), and the lists "
        "cover 6 (use --months 12 if they cover a year)")


def test_twelve_months(workbook: Path) -> None:
    _check(_derive(workbook, 12), TWELVE_MONTHS)


def test_the_dates_and_details_behind_a_figure(workbook: Path) -> None:
    figures = {f.path: f for f in _derive(workbook, 12).figures}
    late = {c.id: c for c in figures["assessment.within_45_working_days_pct"].children}
    assert late["C02"].dates == (("Continuous Assessment Start Date", "2023-08-22"),
                                 ("Continuous Assessment Date of Authorisation", "2023-10-26"))
    assert late["C02"].detail == "referral 2023-08-21; 47 working days"
    assert (late["C02"].list, late["C02"].sheet, late["C02"].row) == (
        "List 4 (Assessments)", "List 4", 3)
    icpc = {c.id: c.detail for c in figures[
        "child_protection.icpc_within_15_working_days_pct"].children}
    assert icpc == {"C05": "16 working days", "C25": "17 working days"}
    within = figures["assessment.within_45_working_days_pct"]
    assert within.notes == ["2 left out: assessments with no referral of the child in List 3 "
                            "on or before the start, within 20 working days of it"]


def test_every_rule_and_reason_names_a_metric_of_the_self_assessment() -> None:
    metrics = catalogue()
    paths = [rule.path for rule in RULES]
    assert len(paths) == len(set(paths)) == 33
    assert all(path in metrics for path in [*paths, *NOT_DERIVABLE])
    assert not set(paths) & set(NOT_DERIVABLE)


def test_an_empty_cohort_is_not_known_never_zero(workbook: Path, tmp_path: Path) -> None:
    from tests.annexa_fixtures import small_rows

    rows = small_rows()
    rows["care_leavers"] = [r for r in rows["care_leavers"] if r["child_id"] == "C66"]
    path = small_workbook(tmp_path / "a.xlsx", rows)
    derivation = _derive(path, 6)
    assert "care_leavers.in_touch_pct" not in {f.path for f in derivation.figures}
    reasons = {n.path: n.reason for n in derivation.not_derived}
    assert "nobody in the lists is in this figure's cohort" in reasons[
        "care_leavers.in_touch_pct"]


def test_ambiguous_cases_are_not_derived(tmp_path: Path) -> None:
    from tests.annexa_fixtures import small_rows

    rows = small_rows()
    for row in rows["children_in_care"]:
        if row["child_id"] == "C52":  # placed for adoption with its foster carer in 2022
            row["placement_type"] = "A5"
        if row["child_id"] == "C53":  # its latest assessment may be a review
            row["last_health_assessment_date"] = dt.date(2023, 12, 5)
    rows["referrals"] = [dict(r, referrals_last_12_months=3) for r in rows["referrals"]]
    derivation = _derive(small_workbook(tmp_path / "a.xlsx", rows), 12)
    reasons = {n.path: n.reason for n in derivation.not_derived}
    assert reasons["children_in_care.long_term_stability_pct"].startswith(
        "1 child(ren) placed for adoption with their foster carer")
    assert reasons["children_in_care_health.initial_health_assessment_20_working_days_pct"
                   ].startswith("1 child(ren)'s last health assessment is six months or more")
    assert reasons["front_door.re_referrals_within_12_months_pct"].startswith(
        "the previous-referrals column holds no zero in fewer than 20 rows")


def test_figures_left_out_when_a_list_or_column_is_missing(tmp_path: Path) -> None:
    from tests.annexa_fixtures import small_rows

    rows = small_rows()
    del rows["care_leavers"]
    rows["children_in_care"] = [{k: v for k, v in r.items() if k != "placement_location"}
                                for r in rows["children_in_care"]]
    derivation = _derive(small_workbook(tmp_path / "a.xlsx", rows), 6)
    reasons = {n.path: n.reason for n in derivation.not_derived}
    assert reasons["care_leavers.in_touch_pct"] == "List 9 (Care leavers) is not in the workbook"
    assert reasons["children_in_care.placed_outside_authority_pct"] == (
        "List 8 (Children in care) has no column 'Placement Location'")
    assert isinstance(next(f for f in derivation.figures
                           if f.path == "children_in_care.children_in_care_count"), Figure)
