"""Readable titles for the self-assessment's sections and metrics: what a person reads in a
report instead of a metric path ("Assessments within 45 working days", not
``assessment.within_45_working_days_pct``). Paths stay in JSON and SARIF.

One table per vocabulary: :data:`SECTION_TITLES` and :data:`METRIC_TITLES`. A title names the
measure, never its value or its direction, so "Assessments within 45 working days: 86%" reads
right; the definition, unit and basis stay in the schema's description. A metric added to the
schema without a title here falls back to the first clause of its definition (a test asks for
a title for every metric, so the fallback never ships).
"""

from __future__ import annotations

import re

SECTION_TITLES: dict[str, str] = {
    "leadership": "Leadership",
    "workforce": "Workforce",
    "supervision": "Supervision",
    "front_door": "Front door",
    "early_help": "Early help",
    "assessment": "Assessment",
    "children_in_need": "Children in need",
    "child_protection": "Child protection",
    "missing_and_exploitation": "Missing children and exploitation",
    "children_in_care": "Children in care",
    "children_in_care_health": "Health of children in care",
    "care_leavers": "Care leavers",
    "safer_recruitment": "Safer recruitment",
    "quality_assurance": "Quality assurance",
    "partnership": "Partnership",
    "voice_of_child": "Voice of the child",
    "policy": "The authority's policy",
    "comparators": "Comparators",
}

METRIC_TITLES: dict[str, str] = {
    # leadership
    "leadership.restructure_in_progress": "Reorganisation of children's social care under way",
    "leadership.senior_posts_interim_count": "Senior posts held by interim or acting managers",
    "leadership.senior_posts_vacant_count": "Senior posts vacant or uncovered",
    "leadership.dcs_changes_last_3_years": "Changes of director of children's services in 3 years",
    "leadership.operational_accountability_level":
        "Level holding accountability for front-line practice",
    "leadership.improvement_plan_in_place": "Single improvement plan monitored by leaders",
    "leadership.previous_recommendations_met_pct": "Last inspection's recommendations fully met",
    "leadership.self_evaluation_current": "Up-to-date self-evaluation shared with Ofsted",
    "leadership.corporate_parenting_board_active": "Corporate parenting board active",
    "leadership.members_trained_corporate_parenting_pct":
        "Elected members trained in corporate parenting",
    "leadership.elected_members_new_pct": "Elected members new in the last year",
    "leadership.scrutiny_tests_performance_data": "Scrutiny tests performance data independently",
    "leadership.workforce_strategy_in_place": "Social worker recruitment and retention strategy",
    "leadership.children_in_care_strategy_in_place": "Children in care and sufficiency strategy",
    # workforce
    "workforce.case_holding_social_workers_fte": "Case-holding social workers (FTE)",
    "workforce.social_workers_fte": "Social workers in post (FTE)",
    "workforce.caseload_average": "Average social worker caseload",
    "workforce.caseload_maximum": "Largest caseload held by one social worker",
    "workforce.caseload_counting_unit": "How caseloads are counted (child or family)",
    "workforce.nqsw_holding_complex_cases": "NQSWs holding complex cases in their first year",
    "workforce.nqsw_caseload_protected": "NQSWs have a protected caseload",
    "workforce.nqsw_share_pct": "Case-holding social workers who are NQSWs",
    "workforce.unqualified_staff_holding_cases": "Unqualified staff holding cases",
    "workforce.unqualified_case_holders_count": "Unqualified staff holding cases (number)",
    "workforce.vacancy_rate_pct": "Social worker vacancy rate",
    "workforce.agency_rate_pct": "Agency social worker rate",
    "workforce.turnover_rate_pct": "Social worker turnover rate",
    "workforce.sickness_absence_pct": "Social worker sickness absence rate",
    "workforce.sickness_absence_rising": "Sickness absence rising",
    "workforce.staff_survey_positive_pct": "Staff answering the staff survey positively",
    "workforce.team_managers_management_trained_pct":
        "Team managers trained in management and supervision",
    "workforce.workload_weighting_tool_in_use": "Workload tool weighting cases for complexity",
    "workforce.induction_programme_in_place": "Induction programme for every new role",
    "workforce.training_impact_evaluated": "Impact of training evaluated",
    "workforce.iro_fte": "IROs in post (FTE)",
    "workforce.iro_caseload_average": "Average IRO caseload",
    "workforce.iro_line_management_independent": "IROs managed independently of case managers",
    # supervision
    "supervision.staff_supervised_within_policy_pct":
        "Social workers supervised as often as policy sets",
    "supervision.nqsw_supervised_within_policy_pct":
        "NQSWs supervised as often as the ASYE requires",
    "supervision.average_supervision_interval_days": "Average interval between supervisions",
    "supervision.records_with_actions_and_timescales_pct":
        "Supervision records with actions and timescales",
    "supervision.records_showing_challenge_pct":
        "Supervision records showing challenge and reflection",
    "supervision.case_files_with_management_oversight_pct":
        "Case files with recorded management oversight",
    # front door
    "front_door.referrals_count": "Referrals in the year",
    "front_door.referrals_rate_per_10k": "Referral rate per 10,000 children",
    "front_door.referrals_nfa_pct": "Referrals ending in no further action",
    "front_door.decisions_within_one_working_day_pct": "Referral decisions within one working day",
    "front_door.re_referrals_within_12_months_pct": "Re-referrals within 12 months",
    "front_door.referrals_after_three_or_more_contacts_pct":
        "Referrals after three or more earlier contacts",
    "front_door.nfa_decisions_appropriate_on_audit_pct":
        "No-further-action decisions judged appropriate on audit",
    "front_door.referrals_awaiting_allocation_count": "Referrals awaiting allocation",
    "front_door.thresholds_agreed_with_partners": "Threshold document agreed with partners",
    "front_door.threshold_escalation_process": "Process for resolving threshold disagreements",
    "front_door.out_of_hours_dedicated_team": "Out-of-hours service has its own staff",
    "front_door.out_of_hours_quality_assured": "Out-of-hours service quality assured",
    "front_door.case_transfer_delays": "Cases waiting for transfer between teams",
    "front_door.police_notifications_secure_electronic":
        "Police notifications arrive securely and electronically",
    # early help
    "early_help.children_supported_count": "Children receiving early help",
    "early_help.coordinated_partnership_approach": "Early help coordinated across the partnership",
    "early_help.impact_monitored": "Impact of early help monitored",
    "early_help.edge_of_care_service": "Edge-of-care service for families",
    # assessment
    "assessment.assessments_count": "Assessments completed",
    "assessment.within_45_working_days_pct": "Assessments within 45 working days",
    "assessment.assessed_not_in_need_pct": "Assessments finding the child not in need",
    "assessment.child_seen_pct": "Assessments where the child was seen",
    "assessment.child_seen_alone_pct": "Assessments where the child was seen alone",
    "assessment.child_views_recorded_pct": "Assessments recording the child's views",
    "assessment.closed_without_child_seen_count": "Assessments closed without the child seen",
    "assessment.risk_and_protective_factors_recorded_pct":
        "Assessments analysing risk and protective factors",
    "assessment.identity_needs_assessed_pct": "Assessments addressing identity and culture",
    "assessment.children_in_need_with_plan_pct": "Children in need with a current plan",
    "assessment.children_in_need_plans_reviewed_pct": "Child in need plans reviewed on time",
    "assessment.assessments_good_on_audit_pct": "Assessments graded good or better on audit",
    # children in need
    "children_in_need.children_in_need_count": "Children in need",
    "children_in_need.rate_per_10k": "Children in need per 10,000 children",
    "children_in_need.plans_open_over_12_months_pct": "Child in need plans open over 12 months",
    "children_in_need.visits_within_policy_pct": "Children in need visited as often as policy sets",
    "children_in_need.social_worker_changes_three_plus_pct":
        "Children in need with 3 or more social workers in a year",
    "children_in_need.disabled_children_assessed_pct":
        "Disabled children with a current assessment",
    "children_in_need.disabled_children_with_plan_pct": "Disabled children with a current plan",
    "children_in_need.persistent_absence_pct": "Children in need persistently absent from school",
    "children_in_need.missing_education_count": "Children with a social worker missing education",
    "children_in_need.police_custody_overnight_count": "Children held overnight in police custody",
    "children_in_need.age_assessments_within_policy_pct": "Age assessments completed on time",
    # child protection
    "child_protection.children_on_plans_count": "Children on child protection plans",
    "child_protection.plans_rate_per_10k": "Child protection plans per 10,000 children",
    "child_protection.section47_rate_per_10k": "Section 47 enquiries per 10,000 children",
    "child_protection.icpc_rate_per_10k": "Initial conferences per 10,000 children",
    "child_protection.icpc_within_15_working_days_pct":
        "Initial conferences within 15 working days",
    "child_protection.reviews_on_time_pct": "Child protection reviews on time",
    "child_protection.core_groups_on_time_pct": "Core group meetings on time",
    "child_protection.core_group_partner_attendance_pct": "Core groups attended by every agency",
    "child_protection.visits_within_policy_pct": "Child protection visits as often as policy sets",
    "child_protection.visits_seen_alone_pct": "Child protection visits seeing the child alone",
    "child_protection.visits_by_allocated_social_worker_pct":
        "Child protection visits by the allocated social worker",
    "child_protection.repeat_plans_pct": "Repeat child protection plans",
    "child_protection.plans_over_two_years_pct": "Children on a plan for two years or more",
    "child_protection.plans_ceased_after_two_years_pct": "Plans ended after two years or more",
    "child_protection.reports_shared_before_conference_pct":
        "Conference reports shared with parents in time",
    "child_protection.plans_outcome_focused_pct": "Child protection plans with clear outcomes",
    "child_protection.strategy_discussions_police_present_pct":
        "Strategy discussions with the police",
    "child_protection.strategy_discussions_health_present_pct":
        "Strategy discussions with health professionals",
    "child_protection.strategy_discussions_timely_pct": "Strategy discussions held in time",
    "child_protection.section47_to_conference_pct": "Section 47 enquiries leading to a conference",
    "child_protection.pre_proceedings_over_16_weeks_pct": "Pre-proceedings (PLO) over 16 weeks",
    "child_protection.cases_referred_back_by_audit_pct": "Audited cases referred back to safeguard",
    # missing children and exploitation
    "missing_and_exploitation.missing_episodes_count": "Missing episodes",
    "missing_and_exploitation.return_interviews_offered_pct": "Return home interviews offered",
    "missing_and_exploitation.return_interviews_within_72_hours_pct":
        "Return home interviews within 72 hours",
    "missing_and_exploitation.return_interviews_accepted_pct": "Return home interviews taken up",
    "missing_and_exploitation.at_risk_of_exploitation_count": "Children at risk of exploitation",
    "missing_and_exploitation.at_risk_of_exploitation_with_plan_pct":
        "Children at risk of exploitation with a plan",
    "missing_and_exploitation.missing_information_shared_pct":
        "Return interview information used in plans",
    # children in care
    "children_in_care.children_in_care_count": "Children in care",
    "children_in_care.rate_per_10k": "Children in care per 10,000 children",
    "children_in_care.starts_rate_per_10k": "Children entering care per 10,000 children",
    "children_in_care.ceased_rate_per_10k": "Children leaving care per 10,000 children",
    "children_in_care.care_applications_rate_per_10k": "Care applications per 10,000 children",
    "children_in_care.unaccompanied_asylum_seeking_count":
        "Unaccompanied asylum-seeking children in care",
    "children_in_care.reviews_on_time_pct": "Reviews of children in care on time",
    "children_in_care.statutory_visits_on_time_pct": "Statutory visits to children in care on time",
    "children_in_care.visits_by_qualified_social_worker_pct":
        "Statutory visits by a qualified social worker",
    "children_in_care.visits_seen_alone_pct": "Statutory visits seeing the child alone",
    "children_in_care.allocated_qualified_social_worker_pct":
        "Children in care with a qualified social worker",
    "children_in_care.social_worker_changes_three_plus_pct":
        "Children in care with 3 or more social workers in a year",
    "children_in_care.three_or_more_placements_pct": "Children in care with 3 or more placements",
    "children_in_care.long_term_stability_pct": "Long-term placement stability",
    "children_in_care.placement_stability_declining": "Placement stability getting worse",
    "children_in_care.placed_outside_authority_pct": "Children placed outside the authority",
    "children_in_care.placed_over_20_miles_pct": "Children placed over 20 miles from home",
    "children_in_care.new_placements_over_20_miles_pct": "New placements over 20 miles from home",
    "children_in_care.missing_incident_pct": "Children in care missing at least once",
    "children_in_care.away_incident_pct": "Children in care away without authorisation",
    "children_in_care.adopted_pct": "Children leaving care through adoption",
    "children_in_care.placements_with_full_information_pct":
        "Placements where carers had full information",
    "children_in_care.sufficiency_gaps_identified": "Sufficiency gaps identified",
    "children_in_care.permanence_plan_pct": "Permanence plans by the second review",
    "children_in_care.long_term_fostering_formally_matched_pct":
        "Long-term foster placements formally matched",
    "children_in_care.life_story_work_pct": "Life-story work under way or completed",
    "children_in_care.care_plans_with_timescales_pct": "Care plans with outcomes and timescales",
    "children_in_care.review_records_with_actions_and_timescales_pct":
        "Review records with actions and timescales",
    "children_in_care.iro_contact_between_reviews_pct": "IRO contact between reviews",
    "children_in_care.review_recommendations_on_time_pct": "Review recommendations issued on time",
    "children_in_care.iro_escalations_tracked": "IRO escalations tracked",
    "children_in_care.pep_up_to_date_pct": "PEPs up to date",
    "children_in_care.homes_good_or_better_pct": "Own children's homes good or outstanding",
    "children_in_care.fostering_service_grade": "Fostering service's Ofsted grade",
    "children_in_care.adoption_service_grade": "Adoption service's Ofsted grade",
    "children_in_care.entries_to_care_appropriate_on_audit_pct":
        "Entries to care judged appropriate on audit",
    "children_in_care.care_proceedings_average_weeks": "Average length of care proceedings",
    "children_in_care.care_proceedings_within_26_weeks_pct": "Care proceedings within 26 weeks",
    "children_in_care.section20_drift_count": "Section 20 drift without a permanence plan",
    "children_in_care.unregistered_placements_count": "Children in unregistered children's homes",
    "children_in_care.under_16_in_unregulated_count": "Under-16s in unregulated accommodation",
    "children_in_care.connected_carer_approvals_over_16_weeks_count":
        "Connected-carer approvals over 16 weeks",
    "children_in_care.placed_with_parents_assessed_pct": "Placements with parents assessed",
    "children_in_care.adoption_entry_to_placement_days_average":
        "Days from entering care to adoptive placement",
    "children_in_care.adoption_order_to_match_days_average": "Days from placement order to match",
    "children_in_care.special_guardianship_support_plans_pct":
        "Special guardianship orders with a support plan",
    "children_in_care.foster_carer_reviews_on_time_pct": "Foster carer reviews on time",
    "children_in_care.foster_carers_supervised_within_policy_pct":
        "Foster carers supervised as often as policy sets",
    "children_in_care.fostering_households_count": "Approved fostering households",
    "children_in_care.pep_quality_good_pct": "PEPs graded good or better",
    "children_in_care.persistent_absence_pct": "Children in care persistently absent from school",
    "children_in_care.suspended_pct": "Children in care suspended from school",
    "children_in_care.part_time_timetable_count": "Children in care on part-time timetables",
    # health of children in care
    "children_in_care_health.initial_health_assessment_20_working_days_pct":
        "Initial health assessments within 20 working days",
    "children_in_care_health.initial_health_assessment_28_days_pct":
        "Initial health assessments within 28 days",
    "children_in_care_health.review_health_assessment_under_5_pct":
        "Review health assessments on time, under fives",
    "children_in_care_health.review_health_assessment_5_and_over_pct":
        "Review health assessments on time, five and over",
    "children_in_care_health.health_assessment_up_to_date_pct":
        "Annual health assessments up to date",
    "children_in_care_health.dental_check_pct": "Dental checks",
    "children_in_care_health.immunisations_up_to_date_pct": "Immunisations up to date",
    "children_in_care_health.sdq_completed_pct": "SDQ scores submitted",
    "children_in_care_health.sdq_average_score": "Average SDQ score",
    "children_in_care_health.health_notified_promptly_pct": "Health services told promptly",
    "children_in_care_health.designated_doctor_in_post": "Designated doctor in post",
    "children_in_care_health.designated_nurse_in_post": "Designated nurse in post",
    "children_in_care_health.dedicated_camhs_for_children_in_care":
        "CAMHS dedicated to children in care",
    "children_in_care_health.self_harm_admissions_notified":
        "Self-harm admissions notified to the designated doctor and nurse",
    "children_in_care_health.substance_misuse_service_take_up_pct":
        "Substance misuse service taken up",
    # care leavers
    "care_leavers.care_leavers_count": "Care leavers entitled to support",
    "care_leavers.in_touch_pct": "Care leavers in touch",
    "care_leavers.not_in_touch_pct": "Care leavers aged 19 to 21 not in touch",
    "care_leavers.pathway_plan_pct": "Care leavers with a pathway plan",
    "care_leavers.pathway_plans_reviewed_on_time_pct": "Pathway plans reviewed within six months",
    "care_leavers.personal_adviser_allocated_pct": "Care leavers with a personal adviser",
    "care_leavers.suitable_accommodation_pct":
        "Care leavers aged 19 to 21 in suitable accommodation",
    "care_leavers.bed_and_breakfast_count": "Care leavers in bed and breakfast",
    "care_leavers.feel_safe_in_accommodation_pct": "Care leavers feeling safe where they live",
    "care_leavers.eet_pct": "Care leavers aged 19 to 21 in EET",
    "care_leavers.eet_17_18_pct": "Care leavers aged 17 or 18 in EET",
    "care_leavers.suitable_accommodation_17_18_pct":
        "Care leavers aged 17 or 18 in suitable accommodation",
    "care_leavers.higher_education_count": "Care leavers in higher education",
    "care_leavers.work_placement_scheme": "Work placement scheme for care leavers",
    "care_leavers.health_history_provided_pct": "Care leavers given their health history",
    "care_leavers.qualified_social_workers_in_team_count":
        "Qualified social workers in leaving care",
    "care_leavers.personal_adviser_caseload_average": "Average personal adviser caseload",
    "care_leavers.staying_put_pct": "Young people staying put with foster carers",
    "care_leavers.staying_close_available": "Staying close offered",
    "care_leavers.know_entitlements_pct": "Care leavers who know their entitlements",
    "care_leavers.support_aged_21_to_25_count": "Care leavers aged 21 to 25 supported",
    # safer recruitment
    "safer_recruitment.positive_disclosure_signoff_level":
        "Level signing off positive DBS disclosures",
    "safer_recruitment.positive_disclosure_single_decision_maker":
        "One decision maker for positive disclosures",
    "safer_recruitment.positive_disclosure_outcomes_monitored":
        "Positive disclosure decisions monitored",
    "safer_recruitment.single_complete_vetting_record": "One complete vetting record",
    "safer_recruitment.staff_with_current_dbs_pct": "Staff with a current DBS check",
    "safer_recruitment.recruitment_files_compliant_pct": "Recruitment files complete on audit",
    # quality assurance
    "quality_assurance.case_audits_completed_count": "Case audits completed",
    "quality_assurance.audits_graded_good_or_better_pct": "Audits grading practice good or better",
    "quality_assurance.audits_graded_inadequate_pct": "Audits grading practice inadequate",
    "quality_assurance.audits_include_child_family_feedback_pct":
        "Audits including the child's or family's feedback",
    "quality_assurance.senior_managers_audit": "Senior managers audit cases",
    "quality_assurance.audit_actions_completed_pct": "Audit actions completed on time",
    "quality_assurance.audit_learning_collated": "Audit findings collated into themes",
    "quality_assurance.chronologies_on_file_pct": "Case files with an up-to-date chronology",
    "quality_assurance.case_records_up_to_date_pct": "Case records up to date",
    "quality_assurance.audit_grades_changed_on_moderation_pct":
        "Audit grades changed on moderation",
    "quality_assurance.self_evaluation_matches_findings":
        "Self-evaluation agrees with audit findings",
    "quality_assurance.single_case_record": "One electronic case record per child",
    "quality_assurance.performance_data_accurate": "Performance data checked and accurate",
    "quality_assurance.qa_framework_in_place": "Written quality assurance framework",
    "quality_assurance.performance_reports_include_quality":
        "Performance reports include practice quality",
    "quality_assurance.serious_case_review_learning_disseminated":
        "Serious case review learning reaches front-line staff",
    "quality_assurance.complaints_learning_used": "Learning from complaints used",
    # partnership
    "partnership.camhs_wait_weeks_median": "Median wait for CAMHS treatment",
    "partnership.camhs_out_of_hours_cover": "CAMHS out-of-hours cover for under-16s",
    "partnership.health_visitor_vacancy_pct": "Health visitor vacancy rate",
    "partnership.school_nurse_vacancy_pct": "School nurse vacancy rate",
    "partnership.school_nurse_max_caseload": "Largest school nurse caseload",
    "partnership.health_visiting_preventative_capacity":
        "Health visiting capacity for preventative work",
    "partnership.private_fostering_report_to_partnership": "Annual private fostering report",
    "partnership.private_fostering_notifications_count": "Private fostering notifications",
    "partnership.partnership_performance_framework":
        "Safeguarding partnership performance framework",
    "partnership.multi_agency_audits_count": "Multi-agency case audits",
    "partnership.joint_commissioning_in_place": "Joint commissioning with health",
    "partnership.substance_misuse_preventative_capacity":
        "Substance misuse service capacity for preventative work",
    "partnership.paediatric_nurse_cover_emergency_departments":
        "Paediatric nurse cover in emergency departments",
    "partnership.homeless_young_people_accommodation":
        "Accommodation for homeless 16 and 17 year olds",
    "partnership.homeless_16_17_assessed_pct": "Homeless 16 and 17 year olds assessed",
    "partnership.lado_allegations_resolved_within_one_month_pct":
        "LADO allegations resolved within one month",
    "partnership.lado_referrals_count": "Allegations referred to the LADO",
    # voice of the child
    "voice_of_child.cla_participation_in_reviews_pct": "Children in care taking part in reviews",
    "voice_of_child.cp_participation_in_conferences_pct":
        "Children's views heard at child protection conferences",
    "voice_of_child.advocacy_offered_pct": "Children told how to get an advocate",
    "voice_of_child.know_how_to_complain_pct": "Children in care who know how to complain",
    "voice_of_child.children_in_care_council_active": "Children in care council active",
    "voice_of_child.views_inform_service_development": "Children's views change services",
    "voice_of_child.frequency_children_seen_monitored": "How often children are seen is monitored",
}

#: The authority's policy parameters, as a threshold reads: "below the authority's timeliness
#: target".
POLICY_TITLES: dict[str, str] = {
    "cp_visit_interval_working_days": "the authority's interval for child protection visits",
    "supervision_interval_days_experienced":
        "the authority's supervision interval for experienced social workers",
    "supervision_interval_days_nqsw": "the authority's supervision interval for NQSWs",
    "caseload_ceiling": "the authority's caseload ceiling",
    "timeliness_target_pct": "the authority's timeliness target",
    "practice_standard_target_pct": "the authority's practice standard target",
}

_CITATION = re.compile(r" \([^()]*\)")


def derived_title(description: str) -> str:
    """A title from a definition, for a metric not yet in :data:`METRIC_TITLES`: its first
    sentence without bracketed asides (never cut mid-phrase)."""
    text = description.split(". Unit:", 1)[0]
    previous = None
    while previous != text:
        previous, text = text, _CITATION.sub("", text)
    return re.split(r"\. (?=[A-Z])", text)[0].strip().rstrip(".")


def section_title(section: str) -> str:
    return SECTION_TITLES.get(section, section.replace("_", " ").capitalize())
