"""The self-assessment schema: the contract, generated from the models and unable to drift."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from checker.core.resources import schema_path
from checker.inputs.metrics import catalogue, policies
from checker.inputs.schemagen import render_schema
from checker.inputs.schemas import SCHEMA_NAMES, load_schema
from checker.inputs.selfassessment import METRIC_SECTIONS, SelfAssessment


def test_committed_schema_is_generated_from_the_models() -> None:
    committed = schema_path("selfassessment").read_text(encoding="utf-8")
    assert committed == render_schema(), (
        "schemas/selfassessment.schema.json is stale: run `python -m checker.inputs.schemagen`"
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_valid_draft_2020_12_with_id(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    assert schema["title"] and schema["description"]


def _properties(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    props: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[1]]["properties"]
    return props


def test_every_schema_property_has_a_model_field_and_back() -> None:
    schema = load_schema("selfassessment")
    top = set(schema["properties"])
    fields = {info.alias or name for name, info in SelfAssessment.model_fields.items()}
    assert top == fields
    for section, model in METRIC_SECTIONS.items():
        props = _properties(schema, schema["properties"][section]["$ref"])
        assert set(props) == set(model.model_fields), section


def test_breadth_and_documentation_of_metrics() -> None:
    metrics = catalogue()
    assert len(metrics) >= 100
    for path, metric in metrics.items():
        assert "Unit:" in metric.description, path
        assert len(metric.description) > 40, path
        if metric.kind == "percent":
            assert (metric.minimum, metric.maximum) == (0, 100), path
        if metric.kind == "count":
            assert metric.minimum == 0, path
        if metric.kind in {"enum", "ordinal"}:
            assert metric.values, path
        assert "__" not in path, "engine keys must stay unambiguous"


def test_policy_parameters_have_documented_defaults() -> None:
    expected = {
        "cp_visit_interval_working_days",
        "supervision_interval_days_experienced",
        "supervision_interval_days_nqsw",
        "caseload_ceiling",
    }
    params = policies()
    assert expected <= set(params)
    for name, parameter in params.items():
        assert parameter.default is not None, name
        assert "Default when not stated" in parameter.description, name
        assert parameter.minimum is not None and parameter.minimum <= parameter.default


def test_required_metric_families_are_present() -> None:
    metrics = catalogue()
    for path in [
        "workforce.caseload_average",
        "workforce.caseload_maximum",
        "workforce.caseload_counting_unit",
        "workforce.nqsw_holding_complex_cases",
        "workforce.unqualified_staff_holding_cases",
        "workforce.iro_caseload_average",
        "workforce.vacancy_rate_pct",
        "workforce.agency_rate_pct",
        "workforce.turnover_rate_pct",
        "workforce.sickness_absence_pct",
        "leadership.restructure_in_progress",
        "leadership.senior_posts_interim_count",
        "supervision.staff_supervised_within_policy_pct",
        "supervision.records_with_actions_and_timescales_pct",
        "front_door.decisions_within_one_working_day_pct",
        "front_door.re_referrals_within_12_months_pct",
        "front_door.referrals_after_three_or_more_contacts_pct",
        "front_door.thresholds_agreed_with_partners",
        "assessment.within_45_working_days_pct",
        "assessment.child_seen_pct",
        "assessment.child_seen_alone_pct",
        "assessment.child_views_recorded_pct",
        "assessment.closed_without_child_seen_count",
        "child_protection.icpc_within_15_working_days_pct",
        "child_protection.reviews_on_time_pct",
        "child_protection.core_groups_on_time_pct",
        "child_protection.visits_within_policy_pct",
        "child_protection.repeat_plans_pct",
        "child_protection.plans_over_two_years_pct",
        "children_in_care.reviews_on_time_pct",
        "children_in_care.statutory_visits_on_time_pct",
        "children_in_care.three_or_more_placements_pct",
        "children_in_care.long_term_stability_pct",
        "children_in_care_health.initial_health_assessment_20_working_days_pct",
        "children_in_care_health.review_health_assessment_under_5_pct",
        "children_in_care_health.review_health_assessment_5_and_over_pct",
        "children_in_care_health.dental_check_pct",
        "children_in_care_health.immunisations_up_to_date_pct",
        "children_in_care_health.sdq_completed_pct",
        "children_in_care.pep_up_to_date_pct",
        "children_in_care.permanence_plan_pct",
        "children_in_care.iro_contact_between_reviews_pct",
        "care_leavers.in_touch_pct",
        "care_leavers.pathway_plan_pct",
        "care_leavers.suitable_accommodation_pct",
        "care_leavers.eet_pct",
        "care_leavers.health_history_provided_pct",
        "safer_recruitment.positive_disclosure_signoff_level",
        "safer_recruitment.positive_disclosure_single_decision_maker",
        "safer_recruitment.positive_disclosure_outcomes_monitored",
        "safer_recruitment.single_complete_vetting_record",
        "quality_assurance.case_audits_completed_count",
        "quality_assurance.audits_graded_good_or_better_pct",
        "quality_assurance.audits_include_child_family_feedback_pct",
        "quality_assurance.chronologies_on_file_pct",
        "quality_assurance.single_case_record",
        "quality_assurance.performance_data_accurate",
        "partnership.camhs_wait_weeks_median",
        "partnership.camhs_out_of_hours_cover",
        "partnership.health_visitor_vacancy_pct",
        "partnership.school_nurse_vacancy_pct",
        "partnership.private_fostering_report_to_partnership",
        "voice_of_child.cla_participation_in_reviews_pct",
        "voice_of_child.advocacy_offered_pct",
        "voice_of_child.know_how_to_complain_pct",
    ]:
        assert path in metrics, path


def test_signoff_level_is_an_ordered_ladder_from_practitioner_to_director() -> None:
    level = catalogue()["safer_recruitment.positive_disclosure_signoff_level"]
    assert level.ordered
    assert level.values[0] == "practitioner" and level.values[-1] == "director"
    assert level.rank("middle_manager") < level.rank("head_of_service")


def test_schema_and_models_agree_on_a_full_document() -> None:
    """A document using every field validates against both, and round-trips."""
    import datetime as dt

    from checker.inputs.starter import starter_data

    data = starter_data(dt.date(2024, 3, 31))
    Draft202012Validator(load_schema("selfassessment")).validate(data)
    model = SelfAssessment.model_validate(data)
    assert model.authority.as_of == dt.date(2024, 3, 31)
    assert json.loads(model.model_dump_json(by_alias=True))["authority"]["name"]


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 20_000), st.floats(-5, 20_000, allow_nan=False),
    st.sampled_from(["", "yes", "family", "child", "middle_manager", "good", "2024-01-01"]),
    st.sampled_from([0.0, 3.0, 12.0, 101.0, -1.0]),
    st.just([]), st.just({}),
)
_PATHS = sorted(catalogue())


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"authority": {"name": "Testshire", "as_of": "2024-03-31"}}
    if draw(st.booleans()):
        data["authority"][draw(st.sampled_from(["code", "framework", "as_of", "extra"]))] = \
            draw(_VALUES)
    for path in draw(st.lists(st.sampled_from(_PATHS), max_size=8, unique=True)):
        section, name = path.split(".")
        data.setdefault(section, {})[name] = draw(_VALUES)
    if draw(st.booleans()):
        data.setdefault("policy", {})["caseload_ceiling"] = draw(_VALUES)
    return data


@settings(max_examples=400, deadline=None)
@given(data=_documents())
def test_models_accept_exactly_what_the_schema_accepts(data: dict[str, Any]) -> None:
    """The command line validates with the schema and never builds the models; this property
    proves the two agree on every document (types, ranges, enums, dates, unknown fields)."""
    from jsonschema import FormatChecker
    from pydantic import ValidationError

    schema_ok = Draft202012Validator(load_schema("selfassessment"),
                                     format_checker=FormatChecker()).is_valid(data)
    # JSON Schema's "integer" includes 3.0; the tool reads it as the count 3 (see
    # checker.inputs.assessment.canonical), so integral floats for counts are given to the models
    # as whole numbers. Anything else goes to the models exactly as written.
    for path, metric in catalogue().items():
        section, name = path.split(".")
        value = data.get(section, {}).get(name)
        if metric.kind == "count" and isinstance(value, float) and value.is_integer():
            data[section][name] = int(value)
    try:
        SelfAssessment.model_validate_json(json.dumps(data), strict=True)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert schema_ok == model_ok, data


_ODD = st.one_of(
    _VALUES, st.sampled_from([True, False, 1, 0, 1.0, 2.5, -0.0, 1e300, float("nan"), "12",
                              "2024-02-30", "2024-1-01", "2024-03-31", "ilacs-2026", "Bad Id",
                              "x" * 300, None]),
    st.text(max_size=6), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2))
_SECTIONS = sorted({path.split(".")[0] for path in _PATHS})


def _fitting(path: str) -> st.SearchStrategy[Any]:
    """Values a metric may take, its bounds included, and just past them."""
    metric = catalogue()[path]
    if metric.kind in {"percent", "number", "count"}:
        low, high = metric.minimum or 0.0, metric.maximum or 100.0
        edges = st.sampled_from([low, high, float(high), high + 1e-9, low - 1e-9, None])
        inside = (st.integers(int(low), int(min(high, 1e6))) if metric.kind == "count" else
                  st.floats(low, min(high, 1e6)))
        return st.one_of(inside, edges, st.just(float(int(low) + 3)))
    if metric.kind == "boolean":
        return st.sampled_from([True, False, None])
    return st.sampled_from([*metric.values, None, metric.values[0].upper()])


@st.composite
def _nearly_valid(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"authority": {"name": "Testshire", "as_of": draw(st.sampled_from(
        ["2024-03-31", "2024-02-29", "2023-02-29", "2024-13-01"]))}}
    for path in draw(st.lists(st.sampled_from(_PATHS), max_size=12, unique=True)):
        section, name = path.split(".")
        data.setdefault(section, {})[name] = draw(_fitting(path))
    if draw(st.booleans()):
        data["comparators"] = {draw(st.sampled_from(_PATHS)): {"national": draw(st.floats(
            -2e9, 2e9)), "year": draw(st.sampled_from(["2023", "x" * 21, None]))}}
    if draw(st.booleans()):
        data["provenance"] = {draw(st.sampled_from(["/workforce/vacancy_rate_pct", "/Bad",
                                                    "/a/b_c"])): {"source": draw(
            st.sampled_from(["DfE", ""]))}}
    return data


@st.composite
def _any_documents(draw: st.DrawFn) -> Any:
    """Documents valid and invalid in every way the schema can tell: any section, field and
    value, authority details, comparators and provenance, and non-objects."""
    if draw(st.integers(0, 30)) == 0:
        return draw(_ODD)
    if draw(st.booleans()):
        return draw(_nearly_valid())
    data: dict[str, Any] = draw(_documents())
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["authority", "policy", "comparators", "provenance",
                                       *_SECTIONS, "unknown"]))
        key = draw(st.sampled_from([*(p.split(".")[1] for p in _PATHS[:40]), *_PATHS[:20],
                                    "name", "as_of", "period_start", "framework", "code",
                                    "/workforce/vacancy_rate_pct", "/nope", "national", "x"]))
        value = draw(st.one_of(_ODD, st.dictionaries(
            st.sampled_from(["national", "median", "year", "source", "x", "paragraph"]),
            _ODD, max_size=3)))
        if draw(st.booleans()):
            data[target] = value
        elif isinstance(data.get(target), dict):
            data[target][key] = value
        else:
            data[target] = {key: value}
    return data


@settings(max_examples=1500, deadline=None)
@given(data=_any_documents())
def test_the_quick_check_accepts_exactly_what_the_schema_accepts(data: Any) -> None:
    """``checker check`` validates with the compiled quick check and asks jsonschema only to
    explain a refusal: the two must agree on every document."""
    from jsonschema import FormatChecker

    from checker.inputs.schemas import quick_check

    check = quick_check("selfassessment")
    assert check is not None
    schema_ok = Draft202012Validator(load_schema("selfassessment"),
                                     format_checker=FormatChecker()).is_valid(data)
    assert check(data) == schema_ok, data


def test_the_quick_check_refuses_keywords_it_does_not_know() -> None:
    from checker.inputs.quickschema import Unsupported, compile_schema

    for schema in ({"type": "array", "minItems": 1}, {"anyOf": [{"type": "string"}]},
                   {"enum": [1, 2]}, {"format": "email"}, {"$ref": "http://x/y"}):
        with pytest.raises(Unsupported):
            compile_schema(schema)
