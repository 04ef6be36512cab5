"""Readable titles for the self-assessment's sections: what a person reads in a report instead
of a section key. Paths stay in JSON and SARIF.

A metric's own title lives with its definition (``title=`` on its field in
:mod:`checker.inputs.selfassessment`, ``x-title`` in the schema): it names the measure, never
its value or direction, so "Assessments within 45 working days: 86%" reads right.
"""

from __future__ import annotations

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


def section_title(section: str) -> str:
    return SECTION_TITLES.get(section, section.replace("_", " ").capitalize())
