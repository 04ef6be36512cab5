"""The self-assessment: pydantic models that are the single source of its JSON Schema.

``schemas/selfassessment.schema.json`` is generated from these models (``checker schema
selfassessment --regenerate`` rewrites it) and a test fails if the committed file drifts from
them. Metric values are aggregate figures an authority already holds; every metric is optional.

Sources cited in descriptions:

* WT2023: Working Together to Safeguard Children (DfE, December 2023).
* CPPCR2010: The Care Planning, Placement and Case Review (England) Regulations 2010 and
  the Children Act 1989 guidance and regulations, volume 2 (DfE, 2015).
* HEALTH2015: Promoting the health and well-being of looked-after children, statutory guidance
  (DfE and DH, March 2015).
* IROHB2010: IRO Handbook (DCSF, 2010).
* DfE workforce, CIN and CLA statistics: the annual official statistics releases "Children's
  social work workforce", "Characteristics of children in need" and "Children looked after in
  England including adoptions".
* Seed documents by id, e.g. cornwall-2009-slac para 28 (see rules/sources.yaml).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.inputs.fields import choice, count, days, flag, pct, policy, rate, score

WT2023 = "Working Together to Safeguard Children (DfE, 2023)"
CPPCR2010 = "Care Planning, Placement and Case Review (England) Regulations 2010"
HEALTH2015 = (
    "Promoting the health and well-being of looked-after children, statutory guidance "
    "(DfE and DH, 2015)"
)
IROHB2010 = "IRO Handbook (DCSF, 2010)"
WORKFORCE_STATS = "DfE, Children's social work workforce statistics"
CIN_STATS = "DfE, Characteristics of children in need statistics"
CLA_STATS = "DfE, Children looked after in England including adoptions statistics"
#: How a published measure is judged: against the same measure elsewhere, for the same year.
YEAR_MATCHED = (
    "the national, regional and statistical-neighbour figures for the same year (DfE, "
    "shipped with the tool) or the comparators the authority gives"
)
MISSING2014 = (
    "Statutory guidance on children who run away or go missing from home or care (DfE, "
    "2014)"
)
CFA2014 = "Children and Families Act 2014"
LEAVING_CARE_GUIDANCE = (
    "The Children Act 1989 guidance and regulations volume 3, planning transition to adulthood "
    "for care leavers (DfE)"
)
FOSTERING2011 = "Fostering Services (England) Regulations 2011"
HOMELESS2018 = (
    "Prevention of homelessness and provision of accommodation for 16 and 17 year old young "
    "people who may be homeless and/or require accommodation (MHCLG and DfE, 2018)"
)
PER_10K = "per 10,000 children aged 0-17 (ONS mid-year estimate of the previous year)"

# Why a metric feeds no rule (each metric either feeds a rule or says why not; a test checks).
#: A volume or rate: no level is a failing in itself.
VOLUME = (
    "it sizes the service and the demand on it, and no level is a failing in itself "
    "(inspectors ask whether the response fits the need); it gives other figures their scale "
    "and, where DfE publishes it, is shown against England, the region and statistical "
    "neighbours for the same year"
)
#: A published outcome measure outside the published-figures checklist.
UNCHOSEN = (
    "it is published for every council but is not on the published-figures checklist, the "
    "published figures that went with weaker judgements in the published-figures study "
    "(research/published-figures-study/RESULTS.md; rules/model.yaml); it is shown against "
    "England, the region and statistical neighbours for the same year"
)
#: An audit grade distribution.
AUDIT_GRADES = (
    "audit grades depend on each council's audit standard and sample, so a share is not "
    "comparable between councils; inspectors test whether audits are accurate and acted on, "
    "which the quality assurance rules score"
)
#: A health partner's service or post.
PARTNER_POST = (
    "it is a health partner's post or service, not the council's; partners' capacity is "
    "context, never scored against the council (as PT-001 to PT-005)"
)
#: Something inspectors write about with no evidence-based threshold yet.
NO_THRESHOLD = (
    "inspectors write about it, but neither statute nor the evidence gives a threshold: no "
    "national standard, and no level of it that separates grades in the report corpus"
)

#: The ladder of management levels, lowest first, used for sign-off and accountability facts.
ManagementLevel = Literal[
    "practitioner",
    "team_manager",
    "middle_manager",
    "head_of_service",
    "assistant_director",
    "director",
]
#: Ofsted's four-point grade, worst first (ordered).
Grade = Literal["inadequate", "requires_improvement", "good", "outstanding"]


class Section(BaseModel):
    """A group of metrics; unknown fields are rejected so typos cannot pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Authority(Section):
    """Who the self-assessment is about and what period it covers."""

    name: str = Field(
        min_length=1, max_length=200, description="Name of the local authority."
    )
    code: str | None = Field(
        default=None,
        max_length=20,
        description="ONS or DfE code of the authority, for example E06000052.",
    )
    as_of: dt.date = Field(
        description="Date the figures describe (ISO 8601, YYYY-MM-DD). Snapshot figures are "
        "taken on this date."
    )
    period_start: dt.date | None = Field(
        default=None,
        description="First day of the period that flow figures (counts, percentages of events) "
        "cover. Usually twelve months before as_of.",
    )
    period_end: dt.date | None = Field(
        default=None, description="Last day of the period that flow figures cover."
    )
    framework: str | None = Field(
        default=None,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Inspection framework to report against when the command line does not "
        "name one: the id of a file in rules/frameworks/ (checked when the file is checked). "
        "Default: the current ILACS framework.",
    )
    prepared_by: str | None = Field(
        default=None, max_length=200, description="Team or role that prepared the figures."
    )
    notes: str | None = Field(default=None, max_length=5000, description="Free-text notes.")


class Policy(Section):
    """The authority's own policy where no national standard exists; defaults apply when absent."""

    cp_visit_interval_working_days: float | None = policy(
        "Maximum interval between statutory home visits to a child subject to a child "
        "protection plan, set by local procedures",
        title="the authority's interval for child protection visits",
        default=10,
        unit="working days",
        basis=f"no national interval is set ({WT2023} leaves it to local procedures); "
        "visiting at least every 10 working days is common local practice",
        ge=1,
        le=65,
        defines="child_protection.visits_within_policy_pct",
    )
    supervision_interval_days_experienced: float | None = policy(
        "Maximum interval between formal case supervision sessions for social workers past "
        "their first year",
        title="the authority's supervision interval for experienced social workers",
        default=28,
        unit="calendar days",
        basis="no statutory interval; the LGA Standards for employers of social workers "
        "expect regular supervision and most local policies set at least monthly",
        ge=1,
        le=180,
    )
    supervision_interval_days_nqsw: float | None = policy(
        "Maximum interval between formal supervision sessions for newly qualified social "
        "workers in their assessed and supported year in employment (ASYE)",
        title="the authority's supervision interval for NQSWs",
        default=14,
        unit="calendar days",
        basis="ASYE guidance (Skills for Care and DfE): weekly for the first six weeks, at "
        "least fortnightly for the first six months, then at least monthly",
        ge=1,
        le=90,
        defines="supervision.nqsw_supervised_within_policy_pct and, for newly qualified staff, "
        "supervision.staff_supervised_within_policy_pct",
    )
    caseload_ceiling: float | None = policy(
        "Highest number of cases a full-time case-holding social worker should carry under the "
        "authority's workload policy",
        title="the authority's caseload ceiling",
        default=18,
        unit="cases per full-time worker",
        basis=f"no national ceiling; the national average was about 16 to 18 cases per "
        f"case-holding worker between 2017 and 2023 ({WORKFORCE_STATS})",
        ge=1,
        le=100,
        defines="workforce.case_holding_teams_within_caseload_ceiling_pct and "
        "workforce.social_workers_within_caseload_ceiling_pct",
    )
    timeliness_target_pct: float | None = policy(
        "The authority's own target for the share of statutory events (reviews, conferences, "
        "assessments, health assessments, plans) completed within their statutory or "
        "guidance timescale; visits to children have their own target (visits_target_pct)",
        title="the authority's timeliness target",
        default=90,
        unit="percent (0-100)",
        basis="statute and statutory guidance expect every event on time but set no target "
        "for the share; 90% is this tool's default until the authority states its own",
        ge=0,
        le=100,
    )
    practice_standard_target_pct: float | None = policy(
        "The authority's own target for the share of staff, cases or records meeting a "
        "practice standard it sets itself that is a matter of doing it or not (members "
        "trained, partners attending, plans in place, information shared); children seen, "
        "supervision and the quality found by audit have their own targets "
        "(visits_target_pct, supervision_target_pct, audit_quality_target_pct)",
        title="the authority's practice standard target",
        default=90,
        unit="percent (0-100)",
        basis="inspectors expect these standards to be met consistently but no national "
        "target exists for the share; 90% is this tool's default until the authority states "
        "its own",
        ge=0,
        le=100,
    )
    visits_target_pct: float | None = policy(
        "The authority's own target for the share of children seen as the law or its own "
        "procedures require: statutory visits to children in care, visits to children on "
        "child protection and child in need plans within the policy interval and by their own "
        "social worker, children seen (and seen alone) in assessments",
        title="the authority's target for seeing children",
        default=90,
        unit="percent (0-100)",
        basis=f"the {CPPCR2010} (reg 28) and {WT2023} require each child to be seen but set "
        "no target for the share; kept apart from timeliness_target_pct because seeing the "
        "child is the standard inspectors test first and an authority may hold it higher than "
        "paperwork on time; 90% is this tool's default until the authority states its own",
        ge=0,
        le=100,
    )
    supervision_target_pct: float | None = policy(
        "The authority's own target for the share of case-holding social workers (and of "
        "newly qualified social workers) supervised within the interval its policy sets for "
        "them",
        title="the authority's supervision target",
        default=90,
        unit="percent (0-100)",
        basis="no statute sets a supervision interval or a share (the LGA Standards for "
        "employers of social workers and the ASYE guidance expect regular supervision); kept "
        "apart from practice_standard_target_pct because absences and vacancies make a share "
        "of staff behave differently from a share of cases; 90% is this tool's default until "
        "the authority states its own",
        ge=0,
        le=100,
    )
    audit_quality_target_pct: float | None = policy(
        "The authority's own target for the share of audited cases or records that meet a "
        "quality standard the auditor judges (risks analysed, the child's views recorded, "
        "plans specific and outcome-focused, oversight and challenge recorded, decisions "
        "judged right, plans graded good)",
        title="the authority's audit quality target",
        default=80,
        unit="percent (0-100)",
        basis="an audit judges quality, which even services inspectors judge good do not "
        "reach in every case (corpus: doncaster-2018-01-19-sif-reinspection para 45, 61% of "
        "casework good or better on audit with every judgement good; "
        "nottinghamshire-2015-07-20-sif para 127, 35% of audited child protection cases good "
        "or better with help and protection judged good), so a compliance target of 90% "
        "reads ordinary audit results as failure; 80% is this tool's default for the share "
        "meeting one specific standard until the authority states its own",
        ge=0,
        le=100,
    )
    personal_adviser_caseload_ceiling: float | None = policy(
        "Highest number of young people a full-time personal adviser should hold under the "
        "authority's workload policy for its leaving care service",
        title="the authority's caseload ceiling for personal advisers",
        default=25,
        unit="young people per full-time adviser",
        basis="no national ceiling; inspectors described advisers holding about 20 to 25 "
        "young people as manageable and higher caseloads as limiting contact (corpus: "
        "coventry-2017-06-13-sif-reinspection para 74, halton-2015-02-03-sif para 106, "
        "lincolnshire-2015-01-06-sif para 118)",
        ge=1,
        le=100,
    )


class Leadership(Section):
    """Stability and grip of senior leadership, corporate parenting and improvement planning."""

    restructure_in_progress: bool | None = flag(
        "A reorganisation of children's social care is under way at the as-of date "
        "(cornwall-2009-slac paras 34 and 64; cumbria-2012-slac paras 18 and 55)",
        title="Reorganisation of children's social care under way"
    )
    senior_posts_interim_count: int | None = count(
        "Senior posts (director, assistant director, head of service) held by interim or acting "
        "post holders at the as-of date (cumbria-2012-slac paras 19 and 55)",
        title="Senior posts held by interim or acting managers",
        unit="posts",
    )
    senior_posts_vacant_count: int | None = count(
        "Senior posts (director, assistant director, head of service) vacant or uncovered at "
        "the as-of date, including posts whose holder is on long-term absence without cover "
        "(cumbria-2012-slac para 55)",
        title="Senior posts vacant or uncovered",
        unit="posts",
    )
    dcs_changes_last_3_years: int | None = count(
        "Number of changes of Director of Children's Services (permanent or interim) in the "
        "three years to the as-of date",
        title="Changes of director of children's services in 3 years",
        unit="changes",
        unscored=NO_THRESHOLD,
    )
    operational_accountability_level: ManagementLevel | None = choice(
        "Most senior level at which professional accountability for front-line children's "
        "social care rests in the current structure (cornwall-2009-slac paras 13 and 34)",
        title="Level holding accountability for front-line practice",
        ordered=True,
    )
    improvement_plan_in_place: bool | None = flag(
        "A single improvement plan, monitored by senior leaders, addresses known weaknesses "
        "and previous inspection recommendations",
        title="Single improvement plan monitored by leaders"
    )
    previous_recommendations_met_pct: float | None = pct(
        "Share of recommendations from the last inspection or review that the authority judges "
        "fully met (cornwall-2009-slac para 33)",
        title="Last inspection's recommendations fully met",
        unscored=(
            "a share below 100% is not a failing in itself; LD-004 scores whether one improvement"
            " plan, monitored by senior leaders, drives the response to past recommendations"
        ),
    )
    self_evaluation_current: bool | None = flag(
        "An up-to-date self-evaluation of social work practice exists and was shared with "
        "Ofsted (cumbria-2012-slac para 141)",
        title="Up-to-date self-evaluation shared with Ofsted"
    )
    corporate_parenting_board_active: bool | None = flag(
        "A corporate parenting board or panel of elected members meets and reviews the "
        "experiences of children in care (cumbria-2012-slac para 131)",
        title="Corporate parenting board active"
    )
    members_trained_corporate_parenting_pct: float | None = pct(
        "Share of elected members who have completed corporate parenting training "
        "(cornwall-2009-slac para 44; cumbria-2012-slac para 131)",
        title="Elected members trained in corporate parenting"
    )
    elected_members_new_pct: float | None = pct(
        "Share of elected members new to office in the last twelve months "
        "(cornwall-2009-slac para 12: 99 of 123)",
        title="Elected members new in the last year",
        unscored=NO_THRESHOLD,
    )
    scrutiny_tests_performance_data: bool | None = flag(
        "Scrutiny by elected members tests performance and quality information independently "
        "rather than relying on officer briefings (cumbria-2012-slac paras 53 and 64)",
        title="Scrutiny tests performance data independently"
    )
    workforce_strategy_in_place: bool | None = flag(
        "A recruitment and retention (workforce) strategy for social workers is agreed and in "
        "use (cornwall-2009-slac para 38; cumbria-2012-slac para 56)",
        title="Social worker recruitment and retention strategy"
    )
    children_in_care_strategy_in_place: bool | None = flag(
        "A children in care and sufficiency strategy based on an accurate profile of the "
        "children in care is in place (cumbria-2012-slac para 135)",
        title="Children in care and sufficiency strategy"
    )
    improvement_plan_actions_on_time_pct: float | None = pct(
        "Share of the improvement plan's actions due by the as-of date that were completed by "
        "their own due date (numerator: actions completed on or before their due date; "
        "denominator: all actions whose due date fell in the twelve months to the as-of date)",
        title="Improvement plan actions completed on time",
        basis="the authority's own improvement plan and target (policy."
        "practice_standard_target_pct)",
    )
    previous_recommendations_met_within_12_months_pct: float | None = pct(
        "Share of the recommendations of the last inspection (or focused or monitoring visit) "
        "that the authority judges fully met, counted only when that report was published at "
        "least twelve months before the as-of date (leave empty otherwise)",
        title="Previous inspection recommendations met within 12 months",
        basis="the ILACS framework: the authority answers the recommendations with an action "
        "plan; the authority's own target (policy.practice_standard_target_pct)",
    )
    corporate_parenting_board_heard_cicc_pct: float | None = pct(
        "Share of the corporate parenting board's meetings in the twelve months to the as-of "
        "date at which children in care or care leavers (the children in care council, in "
        "person or through a report they wrote) were heard",
        title="Board meetings that heard the children in care council",
        basis="Children and Social Work Act 2017 s1 (corporate parenting principles: take "
        "account of children's views, wishes and feelings); policy.practice_standard_target_pct",
    )
    cicc_requests_responded_pct: float | None = pct(
        "Share of the requests and recommendations the children in care council made to "
        "leaders or the corporate parenting board in the twelve months to the as-of date that "
        "had a recorded response and action, fed back to the council",
        title="Children in care council requests answered",
        basis="Children and Social Work Act 2017 s1; policy.practice_standard_target_pct",
    )


class Workforce(Section):
    """Social worker numbers, caseloads and stability."""

    case_holding_social_workers_fte: float | None = rate(
        "Full-time equivalent case-holding children and family social workers at the as-of "
        "date",
        title="Case-holding social workers (FTE)",
        unit="full-time equivalents",
        unscored=VOLUME,
    )
    social_workers_fte: float | None = rate(
        "Full-time equivalent children and family social workers employed by the authority at "
        "the as-of date, case-holding or not, agency workers excluded (DfE workforce census, "
        "30 September)",
        title="Social workers in post (FTE)",
        unit="full-time equivalents", published="sw_fte", polarity="neither",
        unscored=VOLUME,
    )
    caseload_average: float | None = rate(
        "Cases held per full-time equivalent case-holding social worker (agency workers "
        "included) at the as-of date (DfE workforce census: cases at 30 September divided by the "
        "FTE of social workers holding one or more cases)",
        title="Average social worker caseload",
        unit="cases per full-time worker",
        basis=f"{YEAR_MATCHED}; the authority's caseload ceiling (policy.caseload_ceiling)",
        published="sw_average_caseload", polarity="lower_is_better",
    )
    caseload_maximum: int | None = count(
        "Largest caseload held by any single case-holding social worker at the as-of date",
        title="Largest caseload held by one social worker",
        unit="cases",
        unscored=(
            "one worker's caseload says little about the service: WF-010 scores the shares of "
            "workers and teams within the authority's own ceiling (WF-001 compared the largest "
            "caseload with a ceiling taken from the national average and nearly always fired)"
        ),
    )
    caseload_counting_unit: Literal["child", "family"] | None = choice(
        "How cases are counted for caseload figures: one per child, or one per family "
        "whatever the number of children (cornwall-2009-slac para 28)",
        title="How caseloads are counted (child or family)"
    )
    nqsw_holding_complex_cases: bool | None = flag(
        "Newly qualified social workers in their first year hold child protection or other "
        "complex cases (cornwall-2009-slac paras 13 and 39)",
        title="NQSWs holding complex cases in their first year"
    )
    nqsw_caseload_protected: bool | None = flag(
        "Newly qualified social workers have a protected, reduced caseload during their first "
        "year",
        title="NQSWs have a protected caseload",
        basis="ASYE guidance (Skills for Care and DfE): a protected caseload in the first year",
    )
    nqsw_share_pct: float | None = pct(
        "Share of case-holding social workers who are newly qualified (in their ASYE year) "
        "(cumbria-2012-slac para 55)",
        title="Case-holding social workers who are NQSWs",
        unscored=NO_THRESHOLD,
    )
    unqualified_staff_holding_cases: bool | None = flag(
        "Staff who are not qualified social workers hold children in need or child protection "
        "cases as the lead worker (cumbria-2012-slac para 34)",
        title="Unqualified staff holding cases",
        unscored=(
            "WF-004 and WF-015 score the children whose lead worker is not a registered social "
            "worker (cp_cases_led_by_unqualified_count, cin_cases_led_by_unqualified_pct); "
            "whether unqualified staff hold cases at all does not say whether a statutory duty "
            "was breached"
        ),
    )
    unqualified_case_holders_count: int | None = count(
        "Number of staff who are not qualified social workers holding children in need or "
        "child protection cases as the lead worker",
        title="Unqualified staff holding cases (number)",
        unit="staff",
        unscored=(
            "WF-004 and WF-015 score the children whose lead worker is not a registered social "
            "worker (cp_cases_led_by_unqualified_count, cin_cases_led_by_unqualified_pct); a "
            "number of staff does not say whether a statutory duty was breached"
        ),
    )
    cp_cases_led_by_unqualified_count: int | None = count(
        "Children subject to a section 47 enquiry or a child protection plan at the as-of date "
        "whose lead worker is not a registered social worker",
        title="Child protection cases led by unqualified staff (number)",
        unit="children",
        basis=f"Children Act 1989 s.47 and {WT2023}: child protection enquiries and plans are "
        "led by a registered social worker, so every such child is a breach",
    )
    cin_cases_led_by_unqualified_pct: float | None = pct(
        "Share of children in need at the as-of date (open after assessment, not on a child "
        "protection plan or in care) whose lead worker is not a registered social worker "
        "(cumbria-2012-slac paras 12 and 34)",
        title="Children in need led by unqualified staff",
    )
    vacancy_rate_pct: float | None = pct(
        "Vacant children and family social worker posts as a share of all such posts (FTE "
        "vacancies divided by vacancies plus social workers in post; DfE workforce census, "
        "30 September)",
        title="Social worker vacancy rate",
        basis=YEAR_MATCHED, published="sw_vacancy_rate_pct", polarity="lower_is_better",
    )
    agency_rate_pct: float | None = pct(
        "Agency social workers as a share of all children and family social workers (agency FTE "
        "divided by agency FTE plus social workers in post; DfE workforce census, 30 September)",
        title="Agency social worker rate",
        basis=YEAR_MATCHED, published="sw_agency_rate_pct", polarity="lower_is_better",
    )
    turnover_rate_pct: float | None = pct(
        "Social workers (FTE) leaving in the twelve months to the as-of date as a share of "
        "social workers in post (DfE workforce census: leavers in the year to 30 September "
        "divided by FTE in post at 30 September)",
        title="Social worker turnover rate",
        basis=YEAR_MATCHED, published="sw_turnover_rate_pct", polarity="lower_is_better",
    )
    sickness_absence_pct: float | None = pct(
        "Working days lost to sickness as a share of available working days for children and "
        "family social workers in the twelve months to the as-of date (DfE workforce census: "
        "days lost divided by FTE in post at 30 September times 253) (cornwall-2009-slac paras "
        "25, 46 and 64)",
        title="Social worker sickness absence rate",
        basis=YEAR_MATCHED, published="sw_sickness_absence_pct", polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    sickness_absence_rising: bool | None = flag(
        "Sickness absence among social care staff has risen over the last twelve months "
        "(cornwall-2009-slac para 64)",
        title="Sickness absence rising"
    )
    staff_survey_positive_pct: float | None = pct(
        "Share of social care staff answering positively to the morale or 'recommend as a "
        "place to work' question of the latest staff survey (cornwall-2009-slac para 34)",
        title="Staff answering the staff survey positively",
        unscored=NO_THRESHOLD,
    )
    team_managers_management_trained_pct: float | None = pct(
        "Share of team managers (first-line managers of case-holding social workers) who have "
        "completed management and supervision training in the last three years "
        "(cornwall-2009-slac para 13; cumbria-2012-slac para 127)",
        title="Team managers trained in management and supervision"
    )
    workload_weighting_tool_in_use: bool | None = flag(
        "Team managers use a workload tool that weights cases for complexity, not a simple case "
        "count, to allocate work and monitor each worker's load (cornwall-2009-slac para 13; "
        "cumbria-2012-slac para 143; cornwall-2016-presentation)",
        title="Workload tool weighting cases for complexity"
    )
    induction_programme_in_place: bool | None = flag(
        "A structured induction programme exists for every new social care role, including "
        "unqualified case workers (cornwall-2009-slac para 39; cumbria-2012-slac para 56)",
        title="Induction programme for every new role"
    )
    training_impact_evaluated: bool | None = flag(
        "The impact of training on practice is evaluated (cumbria-2012-slac paras 16, 56 and 136)",
        title="Impact of training evaluated"
    )
    iro_fte: float | None = rate(
        "Full-time equivalent independent reviewing officers in post",
        title="IROs in post (FTE)", unit="full-time equivalents",
        unscored=VOLUME,
    )
    iro_caseload_average: float | None = rate(
        "Average number of children in care per full-time equivalent independent reviewing "
        "officer",
        title="Average IRO caseload",
        unit="children per full-time IRO",
        basis=f"{IROHB2010} para 7.15: 50 to 70 children in care per full-time IRO",
    )
    iro_line_management_independent: bool | None = flag(
        "Independent reviewing officers are line managed independently of the managers of the "
        "children's cases (cumbria-2012-slac paras 79 and 137)",
        title="IROs managed independently of case managers",
        basis=f"{IROHB2010} and the Children and Young Persons Act 2008",
    )
    case_holding_teams_within_caseload_ceiling_pct: float | None = pct(
        "Share of case-holding social work teams whose average caseload per full-time "
        "equivalent social worker was at or below the authority's caseload ceiling at the "
        "as-of date",
        title="Case-holding teams within the caseload ceiling",
        basis="policy.caseload_ceiling; policy.practice_standard_target_pct",
    )
    social_workers_within_caseload_ceiling_pct: float | None = pct(
        "Share of case-holding social workers (agency workers included) whose caseload, "
        "pro rata for part-time workers, was at or below the authority's caseload ceiling at "
        "the as-of date",
        title="Social workers within the caseload ceiling",
        basis="policy.caseload_ceiling; policy.practice_standard_target_pct",
    )
    team_manager_posts_not_permanent_pct: float | None = pct(
        "Share of team manager posts (first-line managers of case-holding social workers) "
        "that were vacant or held by agency, interim or acting post holders at the as-of date, "
        "from the authority's establishment records",
        title="Team manager posts not filled permanently"
    )
    team_manager_turnover_pct: float | None = pct(
        "Team managers who left their post (left the authority or moved to another team) in "
        "the twelve months to the as-of date, as a share of team manager posts",
        title="Team manager turnover"
    )
    asye_programme_in_place: bool | None = flag(
        "Every newly qualified social worker follows an assessed and supported year in "
        "employment (ASYE) programme with a protected caseload, a named assessor and regular "
        "reflective supervision",
        title="Assessed and supported year in employment (ASYE) programme in place",
        basis="ASYE framework (Skills for Care and DfE)",
    )
    asye_completed_within_12_months_pct: float | None = pct(
        "Share of newly qualified social workers whose ASYE year ended in the twelve months to "
        "the as-of date who passed it within twelve months of starting (extensions and "
        "fails count as not completed)",
        title="ASYE completed within 12 months",
        basis="ASYE framework (Skills for Care and DfE): a twelve-month programme; "
        "policy.practice_standard_target_pct",
    )
    agency_case_holding_own_records_pct: float | None = pct(
        "Agency social workers as a share of all case-holding social workers at the as-of "
        "date, by headcount, from the authority's own establishment records (not the DfE "
        "census figure, which is a year older and covers every children and family social "
        "worker)",
        title="Case-holding social workers from agencies (own records)"
    )
    agency_share_trend: Literal["falling", "steady", "rising"] | None = choice(
        "Direction of the agency share of case-holding social workers (own records) over the "
        "twelve months to the as-of date: falling, steady (within two percentage points) or "
        "rising",
        title="Direction of agency use"
    )


class Supervision(Section):
    """Frequency and quality of case supervision."""

    staff_supervised_within_policy_pct: float | None = pct(
        "Share of case-holding social workers whose last formal supervision fell within the "
        "interval the authority's policy sets for them",
        title="Social workers supervised as often as policy sets",
        basis="the authority's supervision policy (policy.supervision_interval_days_experienced "
        "and policy.supervision_interval_days_nqsw)",
    )
    nqsw_supervised_within_policy_pct: float | None = pct(
        "Share of newly qualified social workers whose supervision in the period met the ASYE "
        "frequency in the authority's policy (cumbria-2012-slac para 65)",
        title="NQSWs supervised as often as the ASYE requires",
        basis="policy.supervision_interval_days_nqsw",
    )
    average_supervision_interval_days: float | None = days(
        "Average interval between formal case supervision sessions for case-holding social "
        "workers in the period",
        title="Average interval between supervisions",
        unit="calendar days",
        basis="policy.supervision_interval_days_experienced",
    )
    records_with_actions_and_timescales_pct: float | None = pct(
        "Share of supervision records audited in the period that set actions with timescales "
        "for each child discussed (cornwall-2022-focused-visit)",
        title="Supervision records with actions and timescales"
    )
    records_showing_challenge_pct: float | None = pct(
        "Share of supervision records audited in the period that show management challenge, "
        "reflection and decisions (cornwall-2009-slac paras 38 and 64; cumbria-2012-slac para 142)",
        title="Supervision records showing challenge and reflection"
    )
    case_files_with_management_oversight_pct: float | None = pct(
        "Share of case files audited in the period with recorded management oversight and "
        "decisions (cornwall-2009-slac para 27)",
        title="Case files with recorded management oversight"
    )
    open_cases_with_management_direction_within_standard_pct: float | None = pct(
        "Share of children's cases open at the as-of date (children in need, on child "
        "protection plans and in care) whose record holds a recorded management direction or "
        "case review within the interval the authority's practice standards set, from the case "
        "recording system (all open cases, not an audit sample)",
        title="Open cases with management direction within the standard",
        basis="the authority's practice standards; policy.practice_standard_target_pct",
    )


class FrontDoor(Section):
    """Contacts, referrals, thresholds and the out-of-hours service."""

    referrals_count: int | None = count(
        "Referrals to children's social care in the twelve months to the as-of date (DfE "
        "children in need census: referrals in the year ending 31 March)",
        title="Referrals in the year",
        published="referrals_count",
        unscored=VOLUME,
    )
    referrals_rate_per_10k: float | None = rate(
        f"Referrals to children's social care in the twelve months to the as-of date {PER_10K} "
        "(DfE children in need census, year ending 31 March). Neither high nor low is good in "
        "itself: read it with re-referrals and the share ending in no further action",
        title="Referral rate per 10,000 children",
        unit="referrals per 10,000 children", published="referrals_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    referrals_nfa_pct: float | None = pct(
        "Share of referrals in the twelve months to the as-of date that resulted in no further "
        "action (DfE children in need census, year ending 31 March)",
        title="Referrals ending in no further action",
        published="referrals_nfa_pct", polarity="neither",
        unscored=VOLUME,
    )
    decisions_within_one_working_day_pct: float | None = pct(
        "Share of referrals in the period on which a decision about the type of response was "
        "made within one working day of receipt",
        title="Referral decisions within one working day",
        basis=f"{WT2023}: a decision within one working day of a referral",
    )
    re_referrals_within_12_months_pct: float | None = pct(
        "Share of referrals in the twelve months to the as-of date that were for a child "
        "referred within the previous twelve months (DfE children in need census, year ending "
        "31 March)",
        title="Re-referrals within 12 months",
        basis=YEAR_MATCHED, published="re_referrals_12m_pct", polarity="lower_is_better",
    )
    referrals_after_three_or_more_contacts_pct: float | None = pct(
        "Share of referrals accepted in the period for which the same concern had been raised "
        "in three or more earlier contacts (cornwall-2009-slac para 25)",
        title="Referrals after three or more earlier contacts"
    )
    nfa_decisions_appropriate_on_audit_pct: float | None = pct(
        "Share of audited 'no further action' decisions at the front door that the auditor "
        "judged appropriate (cornwall-2009-slac para 26)",
        title="No-further-action decisions judged appropriate on audit"
    )
    referrals_awaiting_allocation_count: int | None = count(
        "Referrals accepted for assessment but not allocated to a worker at the as-of date "
        "(cambridgeshire-2009-cabinet section 4.3.1)",
        title="Referrals awaiting allocation",
        unit="referrals",
    )
    thresholds_agreed_with_partners: bool | None = flag(
        "A threshold document for access to early help and social care is agreed with the "
        "safeguarding partners and published (cumbria-2012-slac para 73)",
        title="Threshold document agreed with partners",
        basis=f"{WT2023}: safeguarding partners publish a threshold document",
    )
    threshold_escalation_process: bool | None = flag(
        "A single cross-partnership process exists to resolve disagreements about thresholds "
        "(cumbria-2012-slac para 73)",
        title="Process for resolving threshold disagreements"
    )
    out_of_hours_dedicated_team: bool | None = flag(
        "The out-of-hours service has its own staff rather than drawing on daytime social "
        "workers (cornwall-2009-slac para 25; cumbria-2012-slac para 33)",
        title="Out-of-hours service has its own staff"
    )
    out_of_hours_quality_assured: bool | None = flag(
        "The out-of-hours service is covered by performance management and quality assurance "
        "(cornwall-2009-slac para 25)",
        title="Out-of-hours service quality assured"
    )
    case_transfer_delays: bool | None = flag(
        "Cases wait for transfer between teams beyond the time local procedures allow "
        "(cornwall-2009-slac para 28)",
        title="Cases waiting for transfer between teams"
    )
    police_notifications_secure_electronic: bool | None = flag(
        "Police notifications (for example of domestic abuse) reach children's social care by "
        "a secure electronic route without delay (cornwall-2009-slac para 21)",
        title="Police notifications arrive securely and electronically"
    )

    decisions_appropriate_on_audit_pct: float | None = pct(
        "Share of contact and referral decisions at the front door (MASH or equivalent) audited "
        "in the period where the auditor agreed the threshold was correctly applied and the "
        "next step (no further action, early help, assessment, strategy discussion) was right "
        "for the child",
        title="Front-door decisions found appropriate on audit",
        basis="the threshold document the safeguarding partners publish under "
        f"{WT2023}, applied consistently",
    )

class EarlyHelp(Section):
    """Early help and the common assessment framework (CAF)."""

    children_supported_count: int | None = count(
        "Children receiving a coordinated early help offer in the period "
        "(cornwall-2016-presentation: 2700 in 2015-16)",
        title="Children receiving early help",
        unit="children",
        unscored=VOLUME,
    )
    coordinated_partnership_approach: bool | None = flag(
        "Early help assessments (CAF or successor) are used across the partnership with lead "
        "professionals supported and overseen (cornwall-2009-slac para 29; cumbria-2012-slac "
        "paras 11 and 30)",
        title="Early help coordinated across the partnership"
    )
    impact_monitored: bool | None = flag(
        "The impact of early help on children's outcomes is monitored (cumbria-2012-slac para 30)",
        title="Impact of early help monitored"
    )
    edge_of_care_service: bool | None = flag(
        "A service supports families whose children are on the edge of care before crisis "
        "(cornwall-2009-slac paras 46 and 50)",
        title="Edge-of-care service for families"
    )


class SocialWorkAssessment(Section):
    """Social work assessments and children in need planning."""

    assessments_count: int | None = count("Social work assessments completed in the period",
        title="Assessments completed",
        unscored=VOLUME,
    )
    within_45_working_days_pct: float | None = pct(
        "Share of assessments completed in the twelve months to the as-of date within 45 "
        "working days of the referral (DfE children in need census, year ending 31 March)",
        title="Assessments within 45 working days",
        basis=f"{WT2023}: assessment within 45 working days of the referral; {YEAR_MATCHED}",
        published="assessments_within_45wd_pct", polarity="higher_is_better",
    )
    assessed_not_in_need_pct: float | None = pct(
        "Share of referrals in the twelve months to the as-of date that led to an assessment "
        "which found the child not to be in need (DfE children in need census, year ending 31 "
        "March)",
        title="Assessments finding the child not in need",
        published="referrals_assessed_not_in_need_pct", polarity="neither",
        unscored=VOLUME,
    )
    child_seen_pct: float | None = pct(
        "Share of assessments completed in the period in which the child was seen",
        title="Assessments where the child was seen",
        basis=f"{WT2023}: the child is seen as part of every assessment",
    )
    child_seen_alone_pct: float | None = pct(
        "Share of assessments completed in the period in which the child, where of an age to "
        "do so, was seen alone (cornwall-2009-slac para 30)",
        title="Assessments where the child was seen alone"
    )
    child_views_recorded_pct: float | None = pct(
        "Share of audited assessments that record the child's views, wishes and feelings "
        "(cornwall-2009-slac para 24; cumbria-2012-slac para 35)",
        title="Assessments recording the child's views"
    )
    closed_without_child_seen_count: int | None = count(
        "Assessments closed in the period without the child having been seen "
        "(cornwall-2009-slac para 26)",
        title="Assessments closed without the child seen",
        unit="assessments",
        unscored=(
            "AS-002 scores the share of assessments in which the child was seen; one closure "
            "without the child seen is a case for a manager to put right, not a pattern"
        ),
    )
    risk_and_protective_factors_recorded_pct: float | None = pct(
        "Share of audited assessments that identify and analyse both risk and protective "
        "factors (cornwall-2009-slac paras 13 and 24)",
        title="Assessments analysing risk and protective factors"
    )
    identity_needs_assessed_pct: float | None = pct(
        "Share of audited assessments that address the child's identity, culture and "
        "diversity needs (cumbria-2012-slac paras 35 and 123)",
        title="Assessments addressing identity and culture",
        unscored=NO_THRESHOLD,
    )
    children_in_need_with_plan_pct: float | None = pct(
        "Share of children in need (excluding child protection and children in care) with a "
        "current plan (cumbria-2012-slac para 37)",
        title="Children in need with a current plan"
    )
    children_in_need_plans_reviewed_pct: float | None = pct(
        "Share of children in need plans reviewed within the interval set by local procedures "
        "(cumbria-2012-slac para 37)",
        title="Child in need plans reviewed on time"
    )
    assessments_good_on_audit_pct: float | None = pct(
        "Share of assessments audited in the period that the auditor graded good or better "
        "(analysis of history, risk and the child's lived experience)",
        title="Assessments graded good or better on audit",
        unscored=AUDIT_GRADES,
    )

    risk_responded_to_on_audit_pct: float | None = pct(
        "Share of cases audited in the period (from the front door to child protection) in "
        "which the auditor judged that risks to the child were recognised, understood and "
        "responded to proportionately and without delay",
        title="Cases where audit found risk recognised and acted on",
        basis=f"{WT2023}: risks identified, understood and acted on at every stage",
    )
    help_matched_to_need_on_audit_pct: float | None = pct(
        "Share of cases audited in the period in which the auditor judged that the child "
        "received help matched to their needs and risks, at the right level and without "
        "avoidable delay",
        title="Cases where audit found help matched to need in time",
    )
    direct_work_evident_on_audit_pct: float | None = pct(
        "Share of cases audited in the period (children in need, child protection) in which "
        "purposeful direct work with the child, suited to their age and understanding, is "
        "recorded and informs the plan",
        title="Cases where audit found purposeful direct work",
    )

class ChildrenInNeed(Section):
    """Children in need: how many, and (with the assessment section) how their plans go."""

    children_in_need_count: int | None = count(
        "Children in need at the as-of date, including those on child protection plans and in "
        "care (DfE children in need census: episodes open at 31 March)",
        title="Children in need",
        unit="children", published="cin_count",
        unscored=VOLUME,
    )
    rate_per_10k: float | None = rate(
        f"Children in need at the as-of date {PER_10K} (DfE children in need census, at 31 "
        "March)",
        title="Children in need per 10,000 children",
        unit="children per 10,000 children", published="cin_rate_per_10k", polarity="neither",
        unscored=VOLUME,
    )
    plans_open_over_12_months_pct: float | None = pct(
        "Share of children on a child in need plan (not on a child protection plan or in care) "
        "at the as-of date whose plan has been open for more than twelve months",
        title="Child in need plans open over 12 months"
    )
    visits_within_policy_pct: float | None = pct(
        "Share of children on a child in need plan visited within the interval set by local "
        "procedures throughout the period",
        title="Children in need visited as often as policy sets",
        basis="local procedures (no national interval is set)",
    )
    social_worker_changes_three_plus_pct: float | None = pct(
        "Share of children in need (including those on child protection plans) who had three or "
        "more changes of social worker in the last twelve months",
        title="Children in need with 3 or more social workers in a year"
    )
    disabled_children_assessed_pct: float | None = pct(
        "Share of disabled children open to children's social care whose assessment was "
        "completed or updated in the last twelve months",
        title="Disabled children with a current assessment",
        basis="Children Act 1989 s17 and Schedule 2: disabled children are children in need; "
        f"{WT2023}: needs are assessed and reviewed as they change",
    )
    disabled_children_with_plan_pct: float | None = pct(
        "Share of disabled children open to children's social care with a current plan that "
        "sets out the help they receive",
        title="Disabled children with a current plan"
    )
    persistent_absence_pct: float | None = pct(
        "Share of school-age children in need who were persistently absent (missing 10% or more "
        "of sessions) in the last school year",
        title="Children in need persistently absent from school",
        basis="Children Act 1989 s3C (from 2022, the virtual school head's duty to promote "
        "the education of children with a social worker)",
        unscored=NO_THRESHOLD,
    )
    missing_education_count: int | None = count(
        "Children with a social worker known to be missing education (not on a school roll and "
        "not educated otherwise) at the as-of date",
        title="Children with a social worker missing education",
        unit="children",
        unscored=VOLUME,
    )
    police_custody_overnight_count: int | None = count(
        "Children charged and refused bail who were kept overnight in police custody in the "
        "period instead of being moved to local authority accommodation",
        title="Children held overnight in police custody",
        unit="children",
        basis="Police and Criminal Evidence Act 1984 s38(6); Concordat on children in custody "
        "(Home Office, 2017): the local authority provides accommodation when asked",
    )
    age_assessments_within_policy_pct: float | None = pct(
        "Share of age assessments of unaccompanied young people completed in the period within "
        "the timescale set by local procedures",
        title="Age assessments completed on time"
    )

    plans_specific_on_audit_pct: float | None = pct(
        "Share of child in need plans audited in the period that set out specific outcomes for "
        "the child, the actions to achieve them, who is responsible and by when",
        title="Child in need plans found specific on audit",
        basis=f"{WT2023}: a child in need plan sets out the services to be provided, the "
        "outcomes sought and timescales",
    )
    education_gaps_addressed_in_plan_pct: float | None = pct(
        "Share of children with a social worker who, at the as-of date, were missing "
        "education, on a part-time (reduced) school timetable or electively home educated, "
        "whose plan sets out how their education and safety are being secured and who is "
        "responsible",
        title="Education gaps addressed in children in need plans",
        basis="Children missing education, statutory guidance (DfE, 2016); Working together to "
        "improve school attendance (DfE, 2024): part-time timetables time-limited and "
        "reviewed",
    )
    pace_transfer_requests_met_pct: float | None = pct(
        "Share of requests from the police in the period to move a child who was charged and "
        "refused bail to local authority accommodation (Police and Criminal Evidence Act 1984 "
        "s38(6)) for which the authority provided accommodation",
        title="Police requests to transfer children from custody met",
        basis="Children Act 1989 s21(2)(b): the authority shall receive and accommodate "
        "children transferred under PACE s38(6); Concordat on children in custody (Home "
        "Office, 2017)",
    )


class MissingAndExploitation(Section):
    """Children who go missing and children at risk of exploitation."""

    missing_episodes_count: int | None = count(
        "Episodes in the period in which a child (in care or not) was reported missing",
        title="Missing episodes",
        unit="episodes",
        unscored=VOLUME,
    )
    return_interviews_offered_pct: float | None = pct(
        "Share of episodes of a child going missing in the period after which the child was "
        "offered a return home interview",
        title="Return home interviews offered",
        basis=f"{MISSING2014}: an independent return interview is offered whenever a child "
        "returns",
    )
    return_interviews_within_72_hours_pct: float | None = pct(
        "Share of return home interviews in the period held within 72 hours of the child's "
        "return",
        title="Return home interviews within 72 hours",
        basis=f"{MISSING2014}: the return interview within 72 hours of the child's return",
    )
    return_interviews_accepted_pct: float | None = pct(
        "Share of return home interviews offered in the period that the child took up",
        title="Return home interviews taken up",
        basis=f"{MISSING2014}: the interview is offered on every return, and taking it up is the "
        "child's choice; inspectors read low take-up as the wrong person, time or persistence",
        polarity="higher_is_better",
    )
    at_risk_of_exploitation_count: int | None = count(
        "Children assessed at the as-of date as at risk of criminal or sexual exploitation",
        title="Children at risk of exploitation",
        unit="children",
        unscored=VOLUME,
    )
    at_risk_of_exploitation_with_plan_pct: float | None = pct(
        "Share of children assessed as at risk of exploitation who have a current multi-agency "
        "risk assessment and plan to reduce the risk",
        title="Children at risk of exploitation with a plan",
        basis=f"{WT2023}: a multi-agency response to extra-familial harm, with a plan for each "
        "child",
    )
    missing_information_shared_pct: float | None = pct(
        "Share of return interviews in the period whose information was shared with the "
        "child's social worker and used to update the child's plan or risk assessment",
        title="Return interview information used in plans"
    )

    at_risk_of_exploitation_reviewed_multi_agency_pct: float | None = pct(
        "Share of children assessed at the as-of date as at risk of criminal or sexual "
        "exploitation whose risk was reviewed at a multi-agency meeting (an exploitation "
        "panel, MACE or strategy meeting) within the interval local procedures set",
        title="Children at risk of exploitation reviewed by a multi-agency meeting",
        basis=f"{WT2023}: a multi-agency response to extra-familial harm",
    )

class ChildProtection(Section):
    """Child protection conferences, plans, core groups and visits."""

    children_on_plans_count: int | None = count(
        "Children subject to a child protection plan at the as-of date (DfE children in need "
        "census: at 31 March)",
        title="Children on child protection plans",
        unit="children", published="cp_plans_count",
        unscored=VOLUME,
    )
    plans_rate_per_10k: float | None = rate(
        f"Children subject to a child protection plan at the as-of date {PER_10K} (DfE children "
        "in need census, at 31 March)",
        title="Child protection plans per 10,000 children",
        unit="children per 10,000 children", published="cp_plans_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    section47_rate_per_10k: float | None = rate(
        f"Section 47 enquiries started in the twelve months to the as-of date {PER_10K} (DfE "
        "children in need census, year ending 31 March)",
        title="Section 47 enquiries per 10,000 children",
        unit="enquiries per 10,000 children", published="section47_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    icpc_rate_per_10k: float | None = rate(
        f"Initial child protection conferences in the twelve months to the as-of date {PER_10K} "
        "(DfE children in need census, year ending 31 March)",
        title="Initial conferences per 10,000 children",
        unit="conferences per 10,000 children", published="icpc_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    icpc_within_15_working_days_pct: float | None = pct(
        "Share of initial child protection conferences in the twelve months to the as-of date "
        "held within 15 working days of the strategy discussion that started the section 47 "
        "enquiry (DfE children in need census, year ending 31 March)",
        title="Initial conferences within 15 working days",
        basis=f"{WT2023}: initial conference within 15 working days of the strategy "
        f"discussion; {YEAR_MATCHED}",
        published="icpc_within_15wd_pct", polarity="higher_is_better",
    )
    reviews_on_time_pct: float | None = pct(
        "Share of children on a child protection plan at the as-of date, for at least three "
        "months, whose reviews were all held on time (DfE children in need census, at 31 "
        "March)",
        title="Child protection reviews on time",
        basis=f"{WT2023}: first review within three months of the initial conference, then at "
        f"intervals of no more than six months; {YEAR_MATCHED}",
        published="cp_reviews_on_time_pct", polarity="higher_is_better",
    )
    core_groups_on_time_pct: float | None = pct(
        "Share of core group meetings due in the period held on time, the first within 10 "
        "working days of the initial conference",
        title="Core group meetings on time",
        basis=f"{WT2023}: first core group within 10 working days of the initial conference",
    )
    core_group_partner_attendance_pct: float | None = pct(
        "Share of core group meetings in the period attended by every agency named in the plan "
        "(cornwall-2009-slac para 30)",
        title="Core groups attended by every agency"
    )
    visits_within_policy_pct: float | None = pct(
        "Share of children on child protection plans visited within the interval set by local "
        "procedures throughout the period",
        title="Child protection visits as often as policy sets",
        basis="the authority's visiting policy (policy.cp_visit_interval_working_days)",
    )
    visits_seen_alone_pct: float | None = pct(
        "Share of child protection visits in the period at which the child was seen alone, "
        "where of an age to do so (cornwall-2009-slac para 30)",
        title="Child protection visits seeing the child alone"
    )
    visits_by_allocated_social_worker_pct: float | None = pct(
        "Share of child protection visits in the period carried out by the allocated qualified "
        "social worker (cornwall-2009-slac para 30)",
        title="Child protection visits by the allocated social worker"
    )
    repeat_plans_pct: float | None = pct(
        "Share of children who became subject to a plan in the twelve months to the as-of date "
        "who had been subject to a plan before, at any time (DfE children in need census, year "
        "ending 31 March)",
        title="Repeat child protection plans",
        basis=YEAR_MATCHED, published="repeat_cp_plans_pct", polarity="lower_is_better",
    )
    plans_over_two_years_pct: float | None = pct(
        "Share of children on a child protection plan at the as-of date who have been on it for "
        "two years or more (DfE children in need census: at 31 March) (cumbria-2012-slac para "
        "62)",
        title="Children on a plan for two years or more",
        basis=YEAR_MATCHED, published="cp_plans_2yrs_at31march_pct", polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    plans_ceased_after_two_years_pct: float | None = pct(
        "Share of child protection plans that ended in the twelve months to the as-of date "
        "after lasting two years or more (DfE children in need census, year ending 31 March)",
        title="Plans ended after two years or more",
        basis=YEAR_MATCHED, published="cp_plans_2yrs_ceased_pct", polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    reports_shared_before_conference_pct: float | None = pct(
        "Share of conferences in the period where the social worker's report was shared with "
        "parents at least three working days beforehand (cornwall-2009-slac para 31)",
        title="Conference reports shared with parents in time"
    )
    plans_outcome_focused_pct: float | None = pct(
        "Share of audited child protection plans with clear outcomes, actions and timescales "
        "(cornwall-2009-slac para 9; cumbria-2012-slac para 12)",
        title="Child protection plans with clear outcomes"
    )
    strategy_discussions_police_present_pct: float | None = pct(
        "Share of strategy discussions in the period in which the police took part",
        title="Strategy discussions with the police",
        basis=f"{WT2023}: a strategy discussion involves children's social care, the police and "
        "health at least",
    )
    strategy_discussions_health_present_pct: float | None = pct(
        "Share of strategy discussions in the period in which health professionals took part",
        title="Strategy discussions with health professionals",
        basis=f"{WT2023}: a strategy discussion involves children's social care, the police and "
        "health at least",
    )
    strategy_discussions_timely_pct: float | None = pct(
        "Share of strategy discussions in the period held within the timescale local procedures "
        "set after the decision that one is needed",
        title="Strategy discussions held in time",
        basis=f"{WT2023}: a strategy discussion is held whenever there is reasonable cause to "
        "suspect significant harm, promptly",
    )
    section47_to_conference_pct: float | None = pct(
        "Share of section 47 enquiries completed in the period that led to an initial child "
        "protection conference. Neither high nor low is good in itself: very low or very high "
        "shares prompt a look at thresholds",
        title="Section 47 enquiries leading to a conference",
        polarity="neither",
    )
    pre_proceedings_over_16_weeks_pct: float | None = pct(
        "Share of children whose families were in pre-proceedings under the Public Law Outline "
        "at the as-of date for more than 16 weeks",
        title="Pre-proceedings (PLO) over 16 weeks",
        basis="Public Law Outline (Practice Direction 12A) and the pre-proceedings guidance: a "
        "pre-proceedings period of about 12 to 16 weeks",
    )
    cases_referred_back_by_audit_pct: float | None = pct(
        "Share of cases audited in the period that the auditor referred back for immediate "
        "management action to safeguard the child (cornwall-2009-slac para 24; "
        "cumbria-2012-slac para 12)",
        title="Audited cases referred back to safeguard"
    )


class ChildrenInCare(Section):
    """Reviews, visits, placements, permanence and independent reviewing officers."""

    children_in_care_count: int | None = count(
        "Children looked after at the as-of date (DfE children looked after return: at 31 "
        "March)",
        title="Children in care",
        unit="children", published="cla_count",
        unscored=VOLUME,
    )
    rate_per_10k: float | None = rate(
        f"Children looked after at the as-of date {PER_10K} (DfE children looked after return, "
        "at 31 March)",
        title="Children in care per 10,000 children",
        unit="children per 10,000 children", published="cla_rate_per_10k", polarity="neither",
        unscored=VOLUME,
    )
    starts_rate_per_10k: float | None = rate(
        f"Children who started to be looked after in the twelve months to the as-of date "
        f"{PER_10K} (DfE children looked after return, year ending 31 March)",
        title="Children entering care per 10,000 children",
        unit="children per 10,000 children", published="cla_starts_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    ceased_rate_per_10k: float | None = rate(
        f"Children who ceased to be looked after in the twelve months to the as-of date "
        f"{PER_10K} (DfE children looked after return, year ending 31 March)",
        title="Children leaving care per 10,000 children",
        unit="children per 10,000 children", published="cla_ceased_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    care_applications_rate_per_10k: float | None = rate(
        "Care applications the authority made in the twelve months to the as-of date per "
        "10,000 children (Cafcass, financial year ending 31 March)",
        title="Care applications per 10,000 children",
        unit="applications per 10,000 children", published="care_applications_rate_per_10k",
        polarity="neither",
        unscored=VOLUME,
    )
    unaccompanied_asylum_seeking_count: int | None = count(
        "Unaccompanied asylum-seeking children looked after at the as-of date (DfE children "
        "looked after return, at 31 March)",
        title="Unaccompanied asylum-seeking children in care",
        unit="children", published="cla_uasc_count",
        unscored=VOLUME,
    )
    reviews_on_time_pct: float | None = pct(
        "Share of looked-after reviews in the period held within statutory timescales",
        title="Reviews of children in care on time",
        basis=f"{CPPCR2010} reg 33: first review within 20 working days, second within three "
        "months of the first, then at least every six months",
    )
    statutory_visits_on_time_pct: float | None = pct(
        "Share of statutory visits to children in care in the period made on time, each "
        "counted against the interval that applies to that child",
        title="Statutory visits to children in care on time",
        basis=f"{CPPCR2010} reg 28: within one week of placement, then at least every six "
        "weeks in the first year and after it, except that visits may be up to three months "
        "apart after the first year where the placement is intended to last until the child "
        "is 18 (longer intervals in a long-term foster placement only with the child's "
        "agreement)",
    )
    visits_by_qualified_social_worker_pct: float | None = pct(
        "Share of statutory visits in the period made by a qualified social worker "
        "(cornwall-2009-slac para 51)",
        title="Statutory visits by a qualified social worker",
        basis=f"{CPPCR2010} reg 28: visits by the responsible authority's representative, "
        "expected to be the child's social worker",
    )
    visits_seen_alone_pct: float | None = pct(
        "Share of statutory visits in the period at which the child was seen alone, where of "
        "an age to do so (cumbria-2012-slac para 95)",
        title="Statutory visits seeing the child alone",
        basis=f"{CPPCR2010} reg 28: the child is seen alone unless, being of sufficient age and "
        "understanding, the child refuses or the worker considers it inappropriate",
    )
    allocated_qualified_social_worker_pct: float | None = pct(
        "Share of children in care allocated to a qualified social worker at the as-of date "
        "(cornwall-2009-slac para 51; cumbria-2012-slac para 78)",
        title="Children in care with a qualified social worker",
        basis=f"Children Act 1989 and the {CPPCR2010}: every looked-after child has an allocated "
        "social worker, who must be a registered social worker, so every child without one is "
        "a breach",
    )
    social_worker_changes_three_plus_pct: float | None = pct(
        "Share of children in care who had three or more changes of social worker in the last "
        "twelve months (cumbria-2012-slac paras 122 and 125)",
        title="Children in care with 3 or more social workers in a year"
    )
    three_or_more_placements_pct: float | None = pct(
        "Share of children looked after at the as-of date who had three or more placements in "
        "the previous twelve months (short-term placement stability; DfE children looked after "
        "return, at 31 March)",
        title="Children in care with 3 or more placements",
        basis=YEAR_MATCHED, published="cla_3plus_placements_pct", polarity="lower_is_better",
    )
    long_term_stability_pct: float | None = pct(
        "Share of children under 16 looked after continuously for two and a half years or more "
        "who have lived in the same placement (or with the same carer) for at least two years "
        "(long-term placement stability; DfE children looked after return, at 31 March)",
        title="Long-term placement stability",
        basis=YEAR_MATCHED, published="cla_long_term_stability_pct",
        polarity="higher_is_better",
    )
    placement_stability_declining: bool | None = flag(
        "Placement stability has worsened over the last twelve months, overall or in any "
        "district (cornwall-2009-slac para 62; cumbria-2012-slac para 144)",
        title="Placement stability getting worse"
    )
    placed_outside_authority_pct: float | None = pct(
        "Share of children in care placed outside the authority's boundary at the as-of date "
        "(cumbria-2012-slac para 120)",
        title="Children placed outside the authority",
        unscored=NO_THRESHOLD,
    )
    placed_over_20_miles_pct: float | None = pct(
        "Share of children looked after at the as-of date placed outside the authority's "
        "boundary and more than 20 miles from their home address, excluding short-term "
        "placements (DfE children looked after return, at 31 March)",
        title="Children placed over 20 miles from home",
        basis=YEAR_MATCHED, published="cla_placed_20miles_outside_pct",
        polarity="lower_is_better",
    )
    new_placements_over_20_miles_pct: float | None = pct(
        "Share of placements starting in the twelve months to the as-of date that were outside "
        "the authority's boundary and more than 20 miles from home (DfE children looked after "
        "return, year ending 31 March)",
        title="New placements over 20 miles from home",
        basis=YEAR_MATCHED, published="cla_new_placements_20miles_outside_pct",
        polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    missing_incident_pct: float | None = pct(
        "Share of children looked after during the twelve months to the as-of date who were "
        "missing from their placement at least once (DfE children looked after return, year "
        "ending 31 March). Neither high nor low is good in itself: a high figure can reflect "
        "thorough recording",
        title="Children in care missing at least once",
        published="cla_missing_incident_pct", polarity="neither",
        unscored=VOLUME,
    )
    away_incident_pct: float | None = pct(
        "Share of children looked after during the twelve months to the as-of date who were "
        "away from their placement without authorisation at least once (DfE children looked "
        "after return, year ending 31 March)",
        title="Children in care away without authorisation",
        published="cla_away_incident_pct", polarity="neither",
        unscored=VOLUME,
    )
    adopted_pct: float | None = pct(
        "Share of children who ceased to be looked after in the twelve months to the as-of "
        "date because they were adopted (DfE children looked after return, year ending 31 "
        "March)",
        title="Children leaving care through adoption",
        published="cla_adopted_pct", polarity="neither",
        unscored=VOLUME,
    )
    placements_with_full_information_pct: float | None = pct(
        "Share of placements made in the period where carers received full information and risk "
        "assessments before the child moved (cornwall-2009-slac paras 47 and 51)",
        title="Placements where carers had full information"
    )
    sufficiency_gaps_identified: bool | None = flag(
        "The authority's sufficiency assessment identifies types of placement it cannot supply "
        "(for example emergency, parent and baby, or placements for children with complex "
        "needs) (cornwall-2009-slac para 60)",
        title="Sufficiency gaps identified",
        unscored=NO_THRESHOLD,
    )
    permanence_plan_pct: float | None = pct(
        "Share of children in care with a permanence plan agreed by the second review "
        "(cornwall-2022-focused-visit; cornwall-2009-slac para 51)",
        title="Permanence plans by the second review"
    )
    long_term_fostering_formally_matched_pct: float | None = pct(
        "Share of children in long-term foster placements who are formally matched with their "
        "carers (cornwall-2022-focused-visit)",
        title="Long-term foster placements formally matched"
    )
    life_story_work_pct: float | None = pct(
        "Share of children in care with a plan for permanence who have life-story work under way "
        "or completed (cornwall-2022-focused-visit)",
        title="Life-story work under way or completed"
    )
    care_plans_with_timescales_pct: float | None = pct(
        "Share of audited care plans with clear outcomes, actions and timescales "
        "(cornwall-2009-slac paras 51 and 61; cumbria-2012-slac para 124)",
        title="Care plans with outcomes and timescales"
    )
    review_records_with_actions_and_timescales_pct: float | None = pct(
        "Share of audited review records that set out every agreed action with a timescale "
        "(cornwall-2022-focused-visit)",
        title="Review records with actions and timescales"
    )
    iro_contact_between_reviews_pct: float | None = pct(
        "Share of children in care whose IRO had contact with them between their last two "
        "reviews (cumbria-2012-slac paras 107 and 126)",
        title="IRO contact between reviews",
        basis=f"{IROHB2010}: the IRO should speak to the child before each review and keep in "
        "touch between reviews",
    )
    review_recommendations_on_time_pct: float | None = pct(
        "Share of reviews in the period whose recommendations the IRO issued within the "
        "timescale set by the IRO Handbook (cumbria-2012-slac para 126)",
        title="Review recommendations issued on time",
        basis=f"{IROHB2010}: written recommendations within 5 working days, full record within "
        "20 working days",
    )
    iro_escalations_tracked: bool | None = flag(
        "Escalations raised by IROs are recorded and collated to inform service improvement "
        "(cumbria-2012-slac para 124)",
        title="IRO escalations tracked"
    )
    pep_up_to_date_pct: float | None = pct(
        "Share of children in care of school age with a personal education plan reviewed in the "
        "last school term (cornwall-2009-slac para 53)",
        title="PEPs up to date",
        basis="Promoting the education of looked-after and previously looked-after children, "
        "statutory guidance (DfE, 2018): PEP reviewed every school term",
    )
    homes_good_or_better_pct: float | None = pct(
        "Share of the authority's own children's homes judged good or outstanding at their "
        "latest inspection (cornwall-2009-slac para 59)",
        title="Own children's homes good or outstanding",
        unscored=NO_THRESHOLD,
    )
    fostering_service_grade: Grade | None = choice(
        "Grade at the latest Ofsted inspection of the authority's fostering service",
        title="Fostering service's Ofsted grade", ordered=True,
        unscored=NO_THRESHOLD,
    )
    adoption_service_grade: Grade | None = choice(
        "Grade at the latest Ofsted inspection of the authority's adoption service or agency",
        title="Adoption service's Ofsted grade",
        ordered=True,
        unscored=NO_THRESHOLD,
    )
    entries_to_care_appropriate_on_audit_pct: float | None = pct(
        "Share of audited entries to care that the auditor judged appropriate and timely "
        "(cornwall-2009-slac para 44; cumbria-2012-slac para 119)",
        title="Entries to care judged appropriate on audit",
        unscored=AUDIT_GRADES,
    )
    care_proceedings_average_weeks: float | None = rate(
        "Average duration of care proceedings concluded in the period, from application to "
        "final order",
        title="Average length of care proceedings",
        unit="weeks",
        basis=f"{CFA2014} s14: care proceedings to be completed within 26 weeks",
        polarity="lower_is_better",
    )
    care_proceedings_within_26_weeks_pct: float | None = pct(
        "Share of care proceedings concluded in the period within 26 weeks of the application",
        title="Care proceedings within 26 weeks",
        basis=f"{CFA2014} s14: care proceedings to be completed within 26 weeks",
        polarity="higher_is_better",
    )
    section20_drift_count: int | None = count(
        "Children accommodated under section 20 of the Children Act 1989 for six months or more "
        "at the as-of date without a permanence plan agreed at a review",
        title="Section 20 drift without a permanence plan",
        unit="children",
    )
    unregistered_placements_count: int | None = count(
        "Children placed at the as-of date in a children's home that is not registered with "
        "Ofsted (including settings providing care that should be registered)",
        title="Children in unregistered children's homes",
        unit="children",
        basis="Care Standards Act 2000 s11: carrying on an unregistered children's home is an "
        "offence",
    )
    under_16_in_unregulated_count: int | None = count(
        "Children under 16 placed at the as-of date in independent or semi-independent "
        "(supported) accommodation rather than a registered children's home or foster care",
        title="Under-16s in unregulated accommodation",
        unit="children",
        basis="Care Planning, Placement and Case Review and Children's Homes (England) "
        "(Amendment) Regulations 2021: from 9 September 2021 children under 16 may not be "
        "placed in such settings",
    )
    connected_carer_approvals_over_16_weeks_count: int | None = count(
        "Children placed with relatives or friends under a temporary approval (regulation 24) "
        "that had run for more than 16 weeks at the as-of date without full approval or an "
        "extension",
        title="Connected-carer approvals over 16 weeks",
        unit="children",
        basis=f"{CPPCR2010} regs 24 and 25: temporary approval of a connected person for up "
        "to 16 weeks, extendable once by up to 8 weeks",
    )
    placed_with_parents_assessed_pct: float | None = pct(
        "Share of children in care placed with their parents at the as-of date whose placement "
        "was assessed and approved as the placement regulations require",
        title="Placements with parents assessed",
        basis=f"{CPPCR2010} Part 4: assessment and approval of placements with parents",
    )
    adoption_entry_to_placement_days_average: float | None = rate(
        "Average number of days between a child entering care and moving in with their adoptive "
        "family, for children adopted in the last three years (adoption scorecard A1)",
        title="Days from entering care to adoptive placement",
        unit="days",
        basis="DfE adoption scorecard A1 threshold of 426 days (2016-19 scorecards)",
        polarity="lower_is_better",
    )
    adoption_order_to_match_days_average: float | None = rate(
        "Average number of days between the court placement order and the decision to match "
        "the child with an adoptive family, for children adopted in the last three years "
        "(adoption scorecard A2)",
        title="Days from placement order to match",
        unit="days",
        basis="DfE adoption scorecard A2 threshold of 121 days (2016-19 scorecards)",
        polarity="lower_is_better",
    )
    special_guardianship_support_plans_pct: float | None = pct(
        "Share of special guardianship orders made in the period where the child's special "
        "guardians had a written support plan",
        title="Special guardianship orders with a support plan",
        basis="Special Guardianship Regulations 2005 (as amended 2016): assessment of support "
        "needs and a support plan",
    )
    foster_carer_reviews_on_time_pct: float | None = pct(
        "Share of foster carers' annual reviews of approval due in the period that were held on "
        "time",
        title="Foster carer reviews on time",
        basis=f"{FOSTERING2011} reg 28: approval is reviewed at least every year",
    )
    foster_carers_supervised_within_policy_pct: float | None = pct(
        "Share of approved fostering households whose supervising social worker visited within "
        "the interval set by the fostering service's policy",
        title="Foster carers supervised as often as policy sets",
        basis=f"{FOSTERING2011} reg 17 and the National Minimum Standards for fostering (2011): "
        "each foster carer has supervision from a qualified social worker",
    )
    fostering_households_count: int | None = count(
        "Approved fostering households of the authority's own fostering service at the as-of "
        "date",
        title="Approved fostering households",
        unit="households",
        unscored=VOLUME,
    )
    pep_quality_good_pct: float | None = pct(
        "Share of personal education plans audited in the period that the virtual school graded "
        "good or better",
        title="PEPs graded good or better",
        basis="Promoting the education of looked-after and previously looked-after children "
        "(DfE statutory guidance, 2018)",
    )
    persistent_absence_pct: float | None = pct(
        "Share of children in care of school age who were persistently absent (missing 10% or "
        "more of sessions) in the last school year",
        title="Children in care persistently absent from school",
        basis="Children Act 1989 s22(3A): the duty to promote the educational achievement of "
        "children in care (the virtual school head)",
        unscored=NO_THRESHOLD,
    )
    suspended_pct: float | None = pct(
        "Share of children in care of school age suspended (fixed-term excluded) at least once "
        "in the last school year",
        title="Children in care suspended from school",
        unscored=NO_THRESHOLD,
    )
    part_time_timetable_count: int | None = count(
        "Children in care of school age on a reduced (part-time) school timetable at the as-of "
        "date",
        title="Children in care on part-time timetables",
        unit="children",
        basis="DfE guidance (Working together to improve school attendance, 2024): part-time "
        "timetables only in exceptional circumstances and for a limited time",
        unscored=VOLUME,
    )
    placed_over_20_miles_own_pct: float | None = pct(
        "Share of children in care at the as-of date placed outside the authority's boundary "
        "and more than 20 miles from their home address, counted from the authority's own case "
        "records on the as-of date (DfE's definition, but today's figure rather than the last "
        "published 31 March one; short-term placements included)",
        title="Children in care over 20 miles from home (own records)",
        basis="Children Act 1989 s22C(7)-(9): a placement near the child's home and within the "
        "authority's area so far as reasonably practicable",
    )
    distant_placements_approved_pct: float | None = pct(
        "Share of distant placements (outside the authority's area and not in an adjoining "
        "authority's area) made in the period that the authority's nominated officer approved "
        "as regulation 11 requires (in an emergency, as soon as practicable after the move)",
        title="Distant placements approved by a senior manager",
        basis=f"{CPPCR2010} reg 11: a placement outside the authority's area is approved by a "
        "nominated officer",
    )
    placements_matched_to_need_pct: float | None = pct(
        "Share of children who started a new placement in the period whose placement was of the "
        "type and in the place their care plan identified as meeting their needs (not accepted "
        "only because nothing else was available), from placement requests or audit",
        title="Placements matched to the child's needs",
        basis="Children Act 1989 s22G: the sufficiency duty (sufficient accommodation within "
        "the authority's area that meets children's needs); Sufficiency: statutory guidance on "
        "securing sufficient accommodation for looked after children (DCSF, 2010)",
    )
    unplanned_endings_disruption_meeting_pct: float | None = pct(
        "Share of placements that ended in an unplanned way in the period (foster, residential "
        "and adoptive placements) followed by a disruption meeting that recorded what was "
        "learned",
        title="Unplanned placement endings followed by a disruption meeting"
    )
    special_guardianship_assessments_good_pct: float | None = pct(
        "Share of special guardianship assessments (the report to court under Children Act 1989 "
        "s14A(8)) audited in the period that the auditor judged good or better, including the "
        "assessment of support needs",
        title="Special guardianship assessments of good quality",
        basis="Special Guardianship Regulations 2005 (as amended 2016) reg 21 and Schedule: "
        "what the local authority's report to the court must cover",
    )
    adoption_life_story_on_time_pct: float | None = pct(
        "Share of children adopted in the period whose life story book was given to them and "
        "their adopters by the second review of the adoptive placement and whose later life "
        "letter was given to the adopters within ten working days of the adoption ceremony",
        title="Life-story books and later-life letters on time",
        basis="Adoption: statutory guidance (DfE, 2013) chapter 5: the life story book by the "
        "second review of the placement, the later life letter within ten working days of the "
        "adoption ceremony",
    )
    foster_carers_unannounced_visit_pct: float | None = pct(
        "Share of approved fostering households that had at least one unannounced visit from "
        "the fostering service in the last twelve months",
        title="Foster carers with an unannounced visit in the year",
        basis="Fostering Services: National Minimum Standards (DfE, 2011) standard 21.8: at "
        "least one unannounced visit to each foster carer a year",
    )
    part_time_timetables_time_limited_pct: float | None = pct(
        "Share of children in care of school age on a reduced (part-time) school timetable at "
        "the as-of date whose timetable has an agreed end date and a review arrangement known "
        "to the virtual school",
        title="Part-time timetables with an end date",
        basis="Working together to improve school attendance (DfE statutory guidance, 2024): a "
        "part-time timetable is a temporary measure with a time limit and regular review",
    )
    missing_education_count: int | None = count(
        "Children in care of compulsory school age at the as-of date without a school place "
        "and not receiving suitable full-time education otherwise (children missing education)",
        title="Children in care missing education",
        unit="children",
        basis="Education Act 1996 s7 (suitable full-time education) and s436A; Children Act "
        "1989 s22(3A): the authority's duty to promote the educational achievement of the "
        "children it looks after",
    )
    age_assessments_compliant_pct: float | None = pct(
        "Share of age assessments of unaccompanied young people completed in the period that "
        "audit found met the legal standards for a fair assessment (two trained assessors, an "
        "appropriate adult and an interpreter, the young person given the chance to answer "
        "adverse points before the decision, reasons given in writing)",
        title="Age assessments meeting the Merton standards",
        basis="R (B) v London Borough of Merton [2003] EWHC 1689 (Admin); R (A) v London "
        "Borough of Croydon [2009] UKSC 8; ADCS age assessment guidance (2015)",
    )


class ChildrenInCareHealth(Section):
    """Health assessments and health services for children in care."""

    initial_health_assessment_20_working_days_pct: float | None = pct(
        "Share of children entering care in the period whose initial health assessment was "
        "completed within 20 working days",
        title="Initial health assessments within 20 working days",
        basis=f"{HEALTH2015}: initial health assessment in time for the first review, within "
        "20 working days of entering care",
    )
    initial_health_assessment_28_days_pct: float | None = pct(
        "Share of children entering care in the period whose initial health assessment was "
        "completed within 28 days: the indicator used before the 20-working-day expectation "
        "(cornwall-2009-slac para 48)",
        title="Initial health assessments within 28 days"
    )
    review_health_assessment_under_5_pct: float | None = pct(
        "Share of children in care aged under five whose review health assessment was on time",
        title="Review health assessments on time, under fives",
        basis=f"{HEALTH2015}: review health assessment every six months for children under five",
    )
    review_health_assessment_5_and_over_pct: float | None = pct(
        "Share of children in care aged five and over whose review health assessment was on time",
        title="Review health assessments on time, five and over",
        basis=f"{HEALTH2015}: review health assessment every twelve months from age five",
    )
    health_assessment_up_to_date_pct: float | None = pct(
        "Share of children looked after continuously for twelve months or more at the as-of "
        "date whose annual health assessment is up to date (DfE children looked after return, "
        "outcomes, at 31 March)",
        title="Annual health assessments up to date",
        basis=f"{HEALTH2015}; {YEAR_MATCHED}",
        published="cla_health_assessment_pct", polarity="higher_is_better",
        unscored=UNCHOSEN,
    )
    dental_check_pct: float | None = pct(
        "Share of children looked after continuously for twelve months or more at the as-of "
        "date whose teeth were checked by a dentist in the year (DfE children looked after "
        "return, outcomes, at 31 March)",
        title="Dental checks",
        basis=f"{HEALTH2015}; {YEAR_MATCHED}",
        published="cla_dental_check_pct", polarity="higher_is_better",
    )
    immunisations_up_to_date_pct: float | None = pct(
        "Share of children looked after continuously for twelve months or more at the as-of "
        "date whose immunisations are up to date (DfE children looked after return, outcomes, "
        "at 31 March)",
        title="Immunisations up to date",
        basis=f"{HEALTH2015}; {YEAR_MATCHED}",
        published="cla_immunisations_pct", polarity="higher_is_better",
        unscored=UNCHOSEN,
    )
    sdq_completed_pct: float | None = pct(
        "Share of children aged 5 to 16 looked after continuously for twelve months or more at "
        "the as-of date for whom a strengths and difficulties questionnaire (SDQ) score was "
        "submitted (DfE children looked after return, outcomes, at 31 March)",
        title="SDQ scores submitted",
        basis=f"{HEALTH2015}: an SDQ each year for children aged 4 to 16; {YEAR_MATCHED}",
        published="cla_sdq_completed_pct", polarity="higher_is_better",
    )
    sdq_average_score: float | None = score(
        "Average SDQ total difficulties score of children aged 5 to 16 looked after "
        "continuously for twelve months or more with a submitted score (DfE children looked "
        "after return, outcomes, at 31 March). A high average can reflect better screening as "
        "well as worse wellbeing; read it with sdq_completed_pct",
        title="Average SDQ score",
        low=0,
        high=40,
        basis=f"SDQ scoring: a total of 17 or more is a cause for concern; {YEAR_MATCHED}",
        published="cla_sdq_average_score", polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    health_notified_promptly_pct: float | None = pct(
        "Share of children entering care in the period for whom health services were told of "
        "the child's looked-after status and placement within five working days "
        "(cumbria-2012-slac para 88)",
        title="Health services told promptly"
    )
    designated_doctor_in_post: bool | None = flag(
        "A designated doctor for looked-after children is in post (cornwall-2009-slac para 48)",
        title="Designated doctor in post",
        basis=f"{HEALTH2015}: clinical commissioning groups appoint a designated doctor and nurse",
        unscored=PARTNER_POST,
    )
    designated_nurse_in_post: bool | None = flag(
        "A designated nurse for looked-after children is in post",
        title="Designated nurse in post",
        basis=f"{HEALTH2015}: clinical commissioning groups appoint a designated doctor and nurse",
        unscored=PARTNER_POST,
    )
    dedicated_camhs_for_children_in_care: bool | None = flag(
        "Children in care have direct access to a designated child and adolescent mental health "
        "service (cornwall-2009-slac paras 13 and 49)",
        title="CAMHS dedicated to children in care"
    )
    self_harm_admissions_notified: bool | None = flag(
        "When a child in care is admitted to hospital after self-harm, the designated doctor and "
        "nurse are told, with details of treatment plans (cornwall-2009-slac paras 44 and 49)",
        title="Self-harm admissions notified to the designated doctor and nurse"
    )
    substance_misuse_service_take_up_pct: float | None = pct(
        "Share of children in care assessed as needing a substance misuse service who took it "
        "up (cornwall-2009-slac para 48)",
        title="Substance misuse service taken up",
        unscored=NO_THRESHOLD,
    )


class CareLeavers(Section):
    """Care leavers: contact, pathway plans, accommodation, education and employment, health."""

    care_leavers_count: int | None = count(
        "Young people entitled to leaving care services at the as-of date",
        title="Care leavers entitled to support", unit="young people",
        unscored=VOLUME,
    )
    in_touch_pct: float | None = pct(
        "Share of care leavers aged 17 to 21 with whom the authority is in touch",
        title="Care leavers in touch",
        basis="Care Leavers (England) Regulations 2010; national rate about 90% "
        f"({CLA_STATS}, 2019 to 2023)",
    )
    not_in_touch_pct: float | None = pct(
        "Share of care leavers aged 19 to 21 (former relevant young people whose birthday fell "
        "in the twelve months to the as-of date) with whom the authority was not in touch "
        "(DfE children looked after return, year ending 31 March). Not the complement of "
        "in_touch_pct, which covers ages 17 to 21 and the authority's own count",
        title="Care leavers aged 19 to 21 not in touch",
        basis=YEAR_MATCHED, published="care_leavers_19_21_not_in_touch_pct",
        polarity="lower_is_better",
        unscored=UNCHOSEN,
    )
    pathway_plan_pct: float | None = pct(
        "Share of eligible, relevant and former relevant young people with a current pathway plan",
        title="Care leavers with a pathway plan",
        basis="Care Leavers (England) Regulations 2010: every eligible young person has a pathway "
        "plan, reviewed at least every six months",
    )
    pathway_plans_reviewed_on_time_pct: float | None = pct(
        "Share of pathway plans reviewed within six months",
        title="Pathway plans reviewed within six months",
        basis="Care Leavers (England) Regulations 2010: review at least every six months",
    )
    personal_adviser_allocated_pct: float | None = pct(
        "Share of young people owed a personal adviser (eligible, relevant and former "
        "relevant young people, and former relevant young people aged 21 to 25 who asked for "
        "one) who have one allocated",
        title="Care leavers with a personal adviser",
        basis="Children Act 1989 Schedule 2 para 19C and sections 23B(2), 23C(3) and 23CZB "
        "(inserted by the Children (Leaving Care) Act 2000 and the Children and Social Work "
        "Act 2017): a duty owed to each young person",
    )
    suitable_accommodation_pct: float | None = pct(
        "Share of care leavers aged 19 to 21 (former relevant young people whose birthday fell "
        "in the twelve months to the as-of date) in accommodation considered suitable, of all "
        "such care leavers (DfE children looked after return, year ending 31 March) "
        "(cambridgeshire-2009-cabinet section 5.3.1: 100%)",
        title="Care leavers aged 19 to 21 in suitable accommodation",
        basis=YEAR_MATCHED, published="care_leavers_19_21_suitable_accommodation_pct",
        polarity="higher_is_better",
    )
    bed_and_breakfast_count: int | None = count(
        "Care leavers living in bed and breakfast accommodation at the as-of date "
        "(cornwall-2009-slac para 58; cambridgeshire-2009-cabinet section 5.3.1)",
        title="Care leavers in bed and breakfast",
        unit="young people",
    )
    feel_safe_in_accommodation_pct: float | None = pct(
        "Share of care leavers answering a survey who say they feel safe where they live "
        "(cambridgeshire-2009-cabinet section 5.3.1)",
        title="Care leavers feeling safe where they live"
    )
    eet_pct: float | None = pct(
        "Share of care leavers aged 19 to 21 (former relevant young people whose birthday fell "
        "in the twelve months to the as-of date) in education, employment or training, of all "
        "such care leavers including those not in touch (DfE children looked after return, "
        "year ending 31 March)",
        title="Care leavers aged 19 to 21 in EET",
        basis=YEAR_MATCHED, published="care_leavers_19_21_eet_pct", polarity="higher_is_better",
    )
    eet_17_18_pct: float | None = pct(
        "Share of care leavers aged 17 or 18 (birthday in the twelve months to the as-of date) "
        "in education, employment or training (DfE children looked after return, year ending "
        "31 March)",
        title="Care leavers aged 17 or 18 in EET",
        basis=YEAR_MATCHED, published="care_leavers_17_18_eet_pct", polarity="higher_is_better",
        unscored=UNCHOSEN,
    )
    suitable_accommodation_17_18_pct: float | None = pct(
        "Share of care leavers aged 17 or 18 (birthday in the twelve months to the as-of date) "
        "in accommodation considered suitable (DfE children looked after return, year ending "
        "31 March)",
        title="Care leavers aged 17 or 18 in suitable accommodation",
        basis=YEAR_MATCHED, published="care_leavers_17_18_suitable_accommodation_pct",
        polarity="higher_is_better",
        unscored=UNCHOSEN,
    )
    higher_education_count: int | None = count(
        "Care leavers in higher education at the as-of date (cornwall-2009-slac para 57; "
        "cumbria-2012-slac para 115)",
        title="Care leavers in higher education",
        unit="young people",
        unscored=VOLUME,
    )
    work_placement_scheme: bool | None = flag(
        "An apprenticeship or work placement scheme offers places to care leavers "
        "(cumbria-2012-slac para 116)",
        title="Work placement scheme for care leavers"
    )
    health_history_provided_pct: float | None = pct(
        "Share of young people leaving care in the period given a written summary of their "
        "health history",
        title="Care leavers given their health history",
        basis=f"{HEALTH2015}: care leavers receive a summary of their health records",
    )
    qualified_social_workers_in_team_count: int | None = count(
        "Qualified social workers in the leaving care (16+) service "
        "(cambridgeshire-2009-cabinet section 5.3.1)",
        title="Qualified social workers in leaving care",
        unit="social workers",
    )
    personal_adviser_caseload_average: float | None = rate(
        "Average number of young people held per full-time equivalent personal adviser at the "
        "as-of date",
        title="Average personal adviser caseload",
        unit="young people per full-time adviser",
        polarity="lower_is_better",
    )
    staying_put_pct: float | None = pct(
        "Share of young people who were in foster care on their 18th birthday in the last "
        "twelve months who stayed with their foster carers (staying put)",
        title="Young people staying put with foster carers",
        basis=f"{CFA2014} s98: staying put arrangements to 21 where both want them",
        polarity="higher_is_better",
        unscored=NO_THRESHOLD,
    )
    staying_close_available: bool | None = flag(
        "Staying close (support to live near the children's home after leaving it) is offered "
        "to young people leaving residential care",
        title="Staying close offered"
    )
    know_entitlements_pct: float | None = pct(
        "Share of care leavers answering a survey who say they know what support they are "
        "entitled to (the local offer)",
        title="Care leavers who know their entitlements",
        basis="Children and Social Work Act 2017 s2: each authority publishes its local offer "
        "for care leavers",
    )
    support_aged_21_to_25_count: int | None = count(
        "Care leavers aged 21 to 25 receiving personal adviser support at the as-of date",
        title="Care leavers aged 21 to 25 supported",
        unit="young people",
        basis="Children and Social Work Act 2017 s3: personal adviser support to 25 on request",
        unscored=VOLUME,
    )
    personal_adviser_contact_within_standard_pct: float | None = pct(
        "Share of care leavers with an allocated personal adviser who were seen or spoken to by "
        "that adviser within the authority's contact standard (at least every eight weeks, or "
        "more often where the pathway plan says so) throughout the last three months",
        title="Care leavers seen by their personal adviser as often as the standard",
        basis=f"{LEAVING_CARE_GUIDANCE}: relevant young people visited within seven days of "
        "a move and at least every two months; the authority's contact standard for the "
        "others",
    )
    personal_adviser_allocated_by_17_5_pct: float | None = pct(
        "Share of young people who turned 18 in care in the last twelve months who had an "
        "allocated personal adviser, and had met them, by the age of 17 and a half",
        title="Personal adviser allocated by 17 and a half",
        basis="Children Act 1989 Sch 2 para 19C: every eligible child has a personal adviser; "
        f"{LEAVING_CARE_GUIDANCE}: the adviser takes part in pathway planning before 18",
    )
    offered_adviser_support_to_25_pct: float | None = pct(
        "Share of former relevant young people who turned 21 in the last twelve months whose "
        "record shows they were offered continued personal adviser support up to 25 (and told "
        "how to take it up later)",
        title="Care leavers offered personal adviser support to 25",
        basis="Children Act 1989 s23CZB (inserted by the Children and Social Work Act 2017 s3): "
        "the authority must offer advice and support, with a personal adviser, to every former "
        "relevant young person aged 21 to 25",
    )
    pathway_needs_assessment_on_time_pct: float | None = pct(
        "Share of eligible children who turned 16, or became eligible after 16, in the last "
        "twelve months whose needs assessment for their pathway plan was completed within three "
        "months",
        title="Pathway needs assessments on time",
        basis=f"{CPPCR2010}: the needs assessment of an eligible child is completed "
        "within three months of the child reaching 16 or becoming eligible",
    )
    pathway_plans_coproduced_pct: float | None = pct(
        "Share of pathway plans audited in the last twelve months that were written with the "
        "young person (their views recorded, the plan agreed and a copy given to them)",
        title="Pathway plans written with the young person",
        basis="Children Act 1989 Sch 2 para 19B and the Care Leavers (England) Regulations "
        "2010: the young person's wishes and feelings are sought and taken into account in "
        "preparing and reviewing the plan",
    )
    pathway_plans_meeting_standard_pct: float | None = pct(
        "Share of pathway plans audited in the last twelve months rated as meeting the "
        "authority's quality standard (current, specific actions with owners and dates for "
        "each need, including accommodation, education and employment, health and money, and a "
        "contingency plan)",
        title="Pathway plans meeting the standard on audit",
        basis=f"{CPPCR2010} and the Care Leavers (England) Regulations 2010: the matters a "
        "pathway plan must cover",
    )
    accommodation_suitable_own_records_pct: float | None = pct(
        "Share of care leavers aged 18 to 25 in touch at the as-of date whose current "
        "accommodation their personal adviser records as suitable (the authority's own "
        "records, all ages; homeless, sofa-surfing, bed and breakfast, emergency accommodation "
        "and hostels the young person has not chosen count as not suitable)",
        title="Care leavers in suitable accommodation (own records)",
        basis="Children Act 1989 s23C and the Care Leavers (England) Regulations 2010: "
        "suitability of accommodation",
    )
    joint_housing_protocol: bool | None = flag(
        "A joint protocol with every housing authority in the area (each district in a "
        "two-tier area) sets out how care leavers are housed and kept from homelessness, and "
        "was reviewed in the last two years",
        title="Joint housing protocol for care leavers",
        basis="Homelessness code of guidance for local authorities (MHCLG, 2018) chapter 22 "
        "and Joint housing protocols for care leavers (MHCLG, 2020)",
    )
    staying_put_considered_pct: float | None = pct(
        "Share of young people in foster care who turned 18 in the last twelve months whose "
        "pathway plan recorded, by 17 and a half, a discussion of staying put with them and "
        "their carers",
        title="Staying put considered in time",
        basis=f"{CFA2014} s98 (Children Act 1989 s23CZA): the authority monitors and supports "
        "staying put arrangements where both want them; Staying Put guidance (DfE, DWP and "
        "HMRC, 2013): staying put is considered in pathway planning",
    )
    local_offer_reviewed_with_care_leavers: bool | None = flag(
        "The local offer for care leavers is published and was reviewed, with care leavers "
        "consulted, in the last two years",
        title="Local offer reviewed with care leavers",
        basis="Children and Social Work Act 2017 s2: the authority publishes its local offer, "
        "consults care leavers on it and keeps it under review",
    )
    council_tax_exemption_all_care_leavers: bool | None = flag(
        "Every care leaver up to 25 is exempt from council tax (or has it paid), including "
        "those living in every district of the area and those living outside it",
        title="Council tax exemption for every care leaver"
    )
    setting_up_home_allowance_amount: float | None = rate(
        "The setting-up-home allowance the authority pays each care leaver, in pounds",
        title="Setting-up-home allowance",
        unit="pounds",
        basis="DfE, Stable Homes, Built on Love (2023): the allowance raised to £3,000 from "
        "April 2023",
        polarity="higher_is_better",
    )
    neet_with_eet_plan_pct: float | None = pct(
        "Share of care leavers not in education, employment or training at the as-of date "
        "whose pathway plan has a current education, employment or training action plan with "
        "a named worker (personal adviser, EET adviser or careers service)",
        title="Care leavers not in education, employment or training with a plan",
        basis="Care Leavers (England) Regulations 2010: the pathway plan sets out the young "
        "person's education, training and career plans and the support to achieve them",
    )
    higher_education_bursary_paid_pct: float | None = pct(
        "Share of former relevant young people who started a higher education course in the "
        "last twelve months who were paid the higher education bursary",
        title="Higher education bursary paid",
        basis="Children Act 1989 s23C(5A) and the Children Act 1989 (Higher Education Bursary) "
        "(England) Regulations 2009: the bursary is paid to every former relevant young "
        "person who goes on to higher education",
    )
    mental_health_transition_plan_pct: float | None = pct(
        "Share of young people open to children's mental health services (CAMHS) who turned 18 "
        "in care or as care leavers in the last twelve months, and needed continuing support, "
        "with a planned transfer to adult mental health or other support agreed at least six "
        "months before their 18th birthday",
        title="Planned move to adult mental health support",
        basis="NICE guideline NG43, Transition from children's to adults' services (2016): "
        "planning starts early and the transfer is planned with the young person",
    )
    adult_social_care_transition_assessment_pct: float | None = pct(
        "Share of care leavers likely to need adult care and support who turned 18 in the last "
        "twelve months and had a transition assessment under the Care Act 2014 completed "
        "before their 18th birthday",
        title="Adult social care transition assessment before 18",
        basis="Care Act 2014 ss58 to 59 and the Care and support statutory guidance chapter 16: "
        "a transition assessment when it is of significant benefit, so support is in place at "
        "18",
    )
    in_custody_visited_pct: float | None = pct(
        "Share of care leavers (and relevant young people) in custody at any time in the last "
        "twelve months who were visited by their personal adviser within the authority's "
        "contact standard and had their pathway plan reviewed before release",
        title="Care leavers in custody visited, with release planned",
        basis=f"{LEAVING_CARE_GUIDANCE}: personal advisers keep in touch with and visit young "
        "people in custody and plan for their release",
    )
    parents_support_offer: bool | None = flag(
        "Care leavers who are parents or expecting a child, fathers included, are identified "
        "and offered targeted parenting support recorded in their pathway plan",
        title="Support offer for care leavers who are parents"
    )
    uasc_immigration_legal_advice_pct: float | None = pct(
        "Share of care leavers who were unaccompanied asylum-seeking children and whose "
        "immigration status is unresolved or due for renewal at the as-of date with a named "
        "immigration legal representative recorded and the status addressed in their pathway "
        "plan",
        title="Former unaccompanied children with immigration legal advice",
        basis="Care of unaccompanied migrant children and child victims of modern slavery, "
        "statutory guidance (DfE, 2017): pathway planning addresses immigration status and "
        "the young person has access to legal advice",
    )
    care_leavers_forum_active: bool | None = flag(
        "A care leavers' forum or council met at least quarterly in the last twelve months and "
        "met senior leaders or the corporate parenting board, with a record of what changed",
        title="Care leavers' forum active"
    )
    independence_skills_assessed_pct: float | None = pct(
        "Share of eligible young people aged 16 and 17 whose pathway plan records an assessment "
        "of their practical skills for independent living (cooking, budgeting, tenancy) and a "
        "plan to learn the missing ones",
        title="Independent living skills assessed and planned",
        basis=f"{CPPCR2010}: the pathway plan covers the practical and other skills needed "
        "for independent living",
    )


class SaferRecruitment(Section):
    """Vetting of staff and decisions on positive criminal-record (CRB, now DBS) disclosures."""

    positive_disclosure_signoff_level: ManagementLevel | None = choice(
        "Lowest management level at which a positive CRB/DBS disclosure can be signed off as "
        "acceptable for a post working with children (cornwall-2009-slac paras 13 and 15)",
        title="Level signing off positive DBS disclosures",
        basis="cornwall-2009-slac para 13: sign-off by a manager of at least Head of Service or "
        "Head of Safeguarding level",
        ordered=True,
    )
    positive_disclosure_single_decision_maker: bool | None = flag(
        "Decisions on positive disclosures are made by one named decision maker, not by several "
        "managers separately (cornwall-2009-slac para 15)",
        title="One decision maker for positive disclosures",
        unscored=(
            "the source asked for decisions at the right level and for their monitoring, which "
            "SR-002 scores (positive_disclosure_outcomes_monitored); one decision maker is one "
            "way to achieve that, not a requirement"
        ),
    )
    positive_disclosure_outcomes_monitored: bool | None = flag(
        "The outcomes of positive-disclosure decisions are monitored and evaluated for "
        "consistency (cornwall-2009-slac paras 13 and 15)",
        title="Positive disclosure decisions monitored"
    )
    single_complete_vetting_record: bool | None = flag(
        "One corporate record holds every vetting and barring check for all staff who work with "
        "children, with no service's records held separately (cornwall-2009-slac paras 13 and 15)",
        title="One complete vetting record"
    )
    staff_with_current_dbs_pct: float | None = pct(
        "Share of staff and volunteers in contact with children whose DBS check is recorded and "
        "current under the authority's renewal policy",
        title="Staff with a current DBS check"
    )
    recruitment_files_compliant_pct: float | None = pct(
        "Share of audited recruitment files holding every safer-recruitment record (references, "
        "interview record, decision) (cumbria-2012-slac para 23)",
        title="Recruitment files complete on audit"
    )


class QualityAssurance(Section):
    """Case audit, records and the accuracy of performance data."""

    case_audits_completed_count: int | None = count(
        "Case file audits completed in the period",
        title="Case audits completed", unit="audits",
        unscored=VOLUME,
    )
    audits_graded_good_or_better_pct: float | None = pct(
        "Share of case audits in the period that graded practice good or outstanding",
        title="Audits grading practice good or better",
        unscored=AUDIT_GRADES,
    )
    audits_graded_inadequate_pct: float | None = pct(
        "Share of case audits in the period that graded practice inadequate",
        title="Audits grading practice inadequate",
        unscored=AUDIT_GRADES,
    )
    audits_include_child_family_feedback_pct: float | None = pct(
        "Share of case audits in the period that include feedback from the child or family "
        "(cornwall-2022-focused-visit)",
        title="Audits including the child's or family's feedback"
    )
    senior_managers_audit: bool | None = flag(
        "Senior managers (head of service and above) audit cases themselves "
        "(cornwall-2009-slac para 13)",
        title="Senior managers audit cases"
    )
    audit_actions_completed_pct: float | None = pct(
        "Share of actions from audits in the period completed by their due date "
        "(cumbria-2012-slac para 63)",
        title="Audit actions completed on time"
    )
    audit_learning_collated: bool | None = flag(
        "Findings from audits are collated into themes that drive an improvement plan "
        "(cumbria-2012-slac paras 13, 63 and 141)",
        title="Audit findings collated into themes"
    )
    chronologies_on_file_pct: float | None = pct(
        "Share of audited case files with an up-to-date chronology of significant events "
        "(cornwall-2009-slac para 27; cumbria-2012-slac paras 38 and 128)",
        title="Case files with an up-to-date chronology"
    )
    case_records_up_to_date_pct: float | None = pct(
        "Share of audited case files whose recording is up to date (cumbria-2012-slac para 38)",
        title="Case records up to date"
    )
    audit_grades_changed_on_moderation_pct: float | None = pct(
        "Share of case audits moderated in the period whose grade the moderator changed (a "
        "measure of how reliable audit grades are)",
        title="Audit grades changed on moderation",
        unscored=AUDIT_GRADES,
    )
    self_evaluation_matches_findings: bool | None = flag(
        "The self-evaluation's judgements of practice agree with what audits, moderation and "
        "external review found (leaders know their services)",
        title="Self-evaluation agrees with audit findings"
    )
    single_case_record: bool | None = flag(
        "Each child has one electronic case record rather than a mix of paper and electronic "
        "files (cornwall-2009-slac para 30)",
        title="One electronic case record per child"
    )
    performance_data_accurate: bool | None = flag(
        "Performance data reported to senior managers and members has been checked and found "
        "accurate (cornwall-2009-slac para 37; cambridgeshire-2009-cabinet section 4.3.1)",
        title="Performance data checked and accurate"
    )
    qa_framework_in_place: bool | None = flag(
        "A written quality assurance framework sets practice standards and how managers check "
        "them (cambridgeshire-2009-cabinet section 4.3.1; cumbria-2012-slac para 21)",
        title="Written quality assurance framework"
    )
    performance_reports_include_quality: bool | None = flag(
        "Performance reports to senior leaders combine indicators with evidence about the "
        "quality of practice (cornwall-2009-slac paras 37 and 63)",
        title="Performance reports include practice quality"
    )
    serious_case_review_learning_disseminated: bool | None = flag(
        "Learning from serious case reviews and rapid reviews is disseminated to front-line "
        "staff and its impact checked (cornwall-2009-slac para 36; cumbria-2012-slac para 59)",
        title="Serious case review learning reaches front-line staff"
    )
    complaints_learning_used: bool | None = flag(
        "Learning from complaints is collated and used to improve services "
        "(cornwall-2009-slac para 32)",
        title="Learning from complaints used"
    )
    audits_moderated_pct: float | None = pct(
        "Share of case audits completed in the period that were moderated (checked and "
        "re-graded by a second manager, a quality assurance officer or an external moderator)",
        title="Audits moderated"
    )
    audit_grades_lowered_on_moderation_pct: float | None = pct(
        "Share of case audits moderated in the period whose overall grade the moderator "
        "lowered (a measure of over-optimistic auditing)",
        title="Audit grades lowered on moderation"
    )
    team_managers_receive_performance_data_monthly: bool | None = flag(
        "Team managers receive performance information down to team and worker level at least "
        "monthly and use it in team meetings and supervision",
        title="Team managers receive performance data monthly"
    )
    performance_meetings_track_actions: bool | None = flag(
        "Senior leaders review performance information at least monthly in a meeting that "
        "sets actions with owners and checks at the next meeting that they were done",
        title="Performance meetings track actions"
    )


class Partnership(Section):
    """Health capacity, CAMHS, the safeguarding partnership and private fostering."""

    camhs_wait_weeks_median: float | None = days(
        "Median wait from referral to first CAMHS treatment appointment in the period",
        title="Median wait for CAMHS treatment",
        unit="weeks",
        unscored=PARTNER_POST,
    )
    camhs_out_of_hours_cover: bool | None = flag(
        "CAMHS provides out-of-hours cover for children and young people under 16 "
        "(cumbria-2012-slac para 44)",
        title="CAMHS out-of-hours cover for under-16s"
    )
    health_visitor_vacancy_pct: float | None = pct(
        "Vacant health visitor posts as a share of funded posts "
        "(cornwall-2009-slac paras 12 and 38)",
        title="Health visitor vacancy rate",
        unscored=PARTNER_POST,
    )
    school_nurse_vacancy_pct: float | None = pct(
        "Vacant school nurse posts as a share of funded posts (cornwall-2009-slac paras 12 and 38)",
        title="School nurse vacancy rate",
        unscored=PARTNER_POST,
    )
    school_nurse_max_caseload: int | None = count(
        "Largest number of children on child protection plans or in care held by one school "
        "nurse (cornwall-2009-slac para 16: up to 35 and 45)",
        title="Largest school nurse caseload",
        unit="children",
        unscored=(
            "superseded by the two caseloads the source gives separately "
            "(school_nurse_max_cp_caseload and school_nurse_max_cic_caseload, read by PT-002); "
            "kept so that existing files stay valid"
        ),
    )
    school_nurse_max_cp_caseload: int | None = count(
        "Largest number of children on child protection plans held by one school nurse "
        "(cornwall-2009-slac para 16: up to 35, called high)",
        title="Largest school nurse caseload of children on plans",
        unit="children",
    )
    school_nurse_max_cic_caseload: int | None = count(
        "Largest number of children in care held by one school nurse (cornwall-2009-slac "
        "para 16: up to 45, called high)",
        title="Largest school nurse caseload of children in care",
        unit="children",
    )
    health_visiting_preventative_capacity: bool | None = flag(
        "Health visiting and school nursing have capacity for preventative and health promotion "
        "work, not only for children on plans or in care (cornwall-2009-slac paras 12 and 16; "
        "cumbria-2012-slac para 43)",
        title="Health visiting capacity for preventative work"
    )
    private_fostering_report_to_partnership: bool | None = flag(
        "An annual report on private fostering was presented to the safeguarding partnership "
        "(LSCB) in the last twelve months (cumbria-2012-slac paras 13 and 26)",
        title="Annual private fostering report",
        basis="Children (Private Arrangements for Fostering) Regulations 2005 and national "
        "minimum standards for private fostering: annual report to the LSCB",
    )
    private_fostering_notifications_count: int | None = count(
        "Private fostering arrangements notified in the period",
        title="Private fostering notifications", unit="notifications",
        unscored=VOLUME,
    )
    partnership_performance_framework: bool | None = flag(
        "The safeguarding partnership has a performance management framework it uses to "
        "challenge partners (cambridgeshire-2009-cabinet section 4.3.1; cornwall-2009-slac para "
        "36)",
        title="Safeguarding partnership performance framework",
        unscored=NO_THRESHOLD,
    )
    multi_agency_audits_count: int | None = count(
        "Multi-agency case audits completed by the safeguarding partnership in the period "
        "(cumbria-2012-slac paras 13 and 63)",
        title="Multi-agency case audits",
        unit="audits",
        unscored=VOLUME,
    )
    joint_commissioning_in_place: bool | None = flag(
        "Joint commissioning or pooled budgets are in place across the council and health "
        "(cornwall-2009-slac paras 12 and 42)",
        title="Joint commissioning with health",
        unscored=NO_THRESHOLD,
    )
    substance_misuse_preventative_capacity: bool | None = flag(
        "The young people's substance misuse service has capacity for preventative work "
        "(cornwall-2009-slac para 18)",
        title="Substance misuse service capacity for preventative work"
    )
    paediatric_nurse_cover_emergency_departments: bool | None = flag(
        "Emergency departments have paediatric nurse cover at all times (cumbria-2012-slac para "
        "49)",
        title="Paediatric nurse cover in emergency departments"
    )
    homeless_young_people_accommodation: bool | None = flag(
        "Safe and suitable accommodation is available for homeless 16 and 17 year olds "
        "(cumbria-2012-slac paras 21 and 72)",
        title="Accommodation for homeless 16 and 17 year olds"
    )
    homeless_16_17_assessed_pct: float | None = pct(
        "Share of 16 and 17 year olds presenting as homeless in the period who had an "
        "assessment by children's social care of their needs, including for accommodation "
        "under section 20",
        title="Homeless 16 and 17 year olds assessed",
        basis=f"{HOMELESS2018}; R (G) v Southwark LBC [2009] UKHL 26",
    )
    lado_allegations_resolved_within_one_month_pct: float | None = pct(
        "Share of allegations against people who work with children, managed by the local "
        "authority designated officer (LADO), that were resolved within one month in the period",
        title="LADO allegations resolved within one month",
        basis="statutory guidance on managing allegations (Keeping children safe in "
        f"education; {WT2023}): allegations dealt with quickly, most within one month",
    )
    lado_referrals_count: int | None = count(
        "Allegations against people who work with children referred to the LADO in the period",
        title="Allegations referred to the LADO",
        unit="allegations",
        unscored=VOLUME,
    )


class VoiceOfChild(Section):
    """Participation, advocacy and complaints."""

    cla_participation_in_reviews_pct: float | None = pct(
        "Share of looked-after reviews in the period in which the child (aged four or over) "
        "participated in person or by conveying views (cumbria-2012-slac para 107: 86%)",
        title="Children in care taking part in reviews"
    )
    cp_participation_in_conferences_pct: float | None = pct(
        "Share of child protection conferences in the period at which the child's views were "
        "represented, in person, in writing or by an advocate (cornwall-2009-slac para 31)",
        title="Children's views heard at child protection conferences"
    )
    advocacy_offered_pct: float | None = pct(
        "Share of children in care and care leavers told in the period how to get an "
        "independent advocate (cumbria-2012-slac para 108)",
        title="Children told how to get an advocate"
    )
    know_how_to_complain_pct: float | None = pct(
        "Share of children in care answering a survey who know how to make a complaint "
        "(cornwall-2009-slac para 59; cumbria-2012-slac para 139)",
        title="Children in care who know how to complain"
    )
    children_in_care_council_active: bool | None = flag(
        "A children in care council meets regularly and is heard by senior leaders and members "
        "(cornwall-2009-slac para 55; cumbria-2012-slac para 110)",
        title="Children in care council active"
    )
    views_inform_service_development: bool | None = flag(
        "Children's and families' views are gathered systematically and shown to change services, "
        "with feedback to them (cornwall-2009-slac para 47; cambridgeshire-2009-cabinet section "
        "4.3.1)",
        title="Children's views change services"
    )
    frequency_children_seen_monitored: bool | None = flag(
        "How often children are seen and spoken to is monitored (cumbria-2012-slac para 14)",
        title="How often children are seen is monitored"
    )


class Comparator(Section):
    """Figures to read one metric against, for the same year: England, the region, the
    authority's statistical neighbours and the spread across all authorities. Rules that
    compare with a comparator (``worse_than``, ``quartile``) use these when given, else the
    published figures shipped with the tool for the assessment's year."""

    national: float | None = Field(
        default=None, ge=-1e9, le=1e9, description="England's figure."
    )
    region: float | None = Field(
        default=None, ge=-1e9, le=1e9, description="The authority's region's figure."
    )
    statistical_neighbours: float | None = Field(
        default=None,
        ge=-1e9,
        le=1e9,
        description="Average of the authority's statistical neighbours (DfE's ten closest).",
    )
    lower_quartile: float | None = Field(
        default=None, ge=-1e9, le=1e9,
        description="Lower quartile (25th percentile) of all authorities' figures.",
    )
    median: float | None = Field(
        default=None, ge=-1e9, le=1e9, description="Median of all authorities' figures."
    )
    upper_quartile: float | None = Field(
        default=None, ge=-1e9, le=1e9,
        description="Upper quartile (75th percentile) of all authorities' figures.",
    )
    year: str | None = Field(
        default=None, max_length=20, description="Year or period of the comparators."
    )
    source: str | None = Field(
        default=None, max_length=300, description="Publication the comparators come from."
    )


class Provenance(Section):
    """Where one value came from: the document and paragraph, or the local data source."""

    source: str = Field(
        min_length=1,
        max_length=200,
        description="Source id from rules/sources.yaml, or the name of a local report or system.",
    )
    paragraph: str | None = Field(
        default=None,
        max_length=100,
        description="Paragraph, section or slide as printed in the source.",
    )
    quote: str | None = Field(
        default=None, max_length=1000, description="Words of the source the value rests on."
    )
    note: str | None = Field(
        default=None, max_length=2000, description="How the value was read or derived."
    )


#: Section name -> model, in the order sections appear in files and reports.
METRIC_SECTIONS: dict[str, type[Section]] = {
    "leadership": Leadership,
    "workforce": Workforce,
    "supervision": Supervision,
    "front_door": FrontDoor,
    "early_help": EarlyHelp,
    "assessment": SocialWorkAssessment,
    "children_in_need": ChildrenInNeed,
    "child_protection": ChildProtection,
    "missing_and_exploitation": MissingAndExploitation,
    "children_in_care": ChildrenInCare,
    "children_in_care_health": ChildrenInCareHealth,
    "care_leavers": CareLeavers,
    "safer_recruitment": SaferRecruitment,
    "quality_assurance": QualityAssurance,
    "partnership": Partnership,
    "voice_of_child": VoiceOfChild,
}


class SelfAssessment(BaseModel):
    """A local authority's self-assessment of its children's services."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_ref: str | None = Field(
        default=None,
        alias="$schema",
        max_length=500,
        description="Optional URI of this schema, for editors.",
    )
    authority: Authority
    policy: Policy = Field(default_factory=Policy)
    leadership: Leadership = Field(default_factory=Leadership)
    workforce: Workforce = Field(default_factory=Workforce)
    supervision: Supervision = Field(default_factory=Supervision)
    front_door: FrontDoor = Field(default_factory=FrontDoor)
    early_help: EarlyHelp = Field(default_factory=EarlyHelp)
    assessment: SocialWorkAssessment = Field(default_factory=SocialWorkAssessment)
    children_in_need: ChildrenInNeed = Field(default_factory=ChildrenInNeed)
    child_protection: ChildProtection = Field(default_factory=ChildProtection)
    missing_and_exploitation: MissingAndExploitation = Field(
        default_factory=MissingAndExploitation)
    children_in_care: ChildrenInCare = Field(default_factory=ChildrenInCare)
    children_in_care_health: ChildrenInCareHealth = Field(default_factory=ChildrenInCareHealth)
    care_leavers: CareLeavers = Field(default_factory=CareLeavers)
    safer_recruitment: SaferRecruitment = Field(default_factory=SaferRecruitment)
    quality_assurance: QualityAssurance = Field(default_factory=QualityAssurance)
    partnership: Partnership = Field(default_factory=Partnership)
    voice_of_child: VoiceOfChild = Field(default_factory=VoiceOfChild)
    comparators: dict[str, Comparator] = Field(
        default_factory=dict,
        description="National and statistical-neighbour figures keyed by metric path "
        "(for example workforce.caseload_average).",
    )
    provenance: dict[str, Provenance] = Field(
        default_factory=dict,
        description="Where each value came from, keyed by the JSON pointer of the value "
        "(for example /workforce/caseload_average).",
    )
