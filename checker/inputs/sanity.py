"""Checks across fields that the schema cannot express.

Some combinations are impossible (a largest caseload below the average, audit shares adding
up to more than 100%): they are errors, and the file is invalid (exit 3). Others are possible
but usually a slip (figures dated in the future, the ``checker init`` placeholder name left in
place): they are warnings, printed on standard error and carried in the report, and they do
not change the exit status unless ``--warnings-as-errors`` is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.errors import Problem
from checker.inputs.safeload import Document

#: The name ``checker init`` writes, which a real self-assessment replaces.
PLACEHOLDER_NAME = "Name of the local authority"


@dataclass(frozen=True)
class Check:
    #: The metric the problem is reported at.
    pointer_metric: str
    message: str
    broken: Callable[[Mapping[str, Any]], bool]


def _both(values: Mapping[str, Any], left: str, right: str) -> bool:
    return values.get(left) is not None and values.get(right) is not None


IMPOSSIBLE: tuple[Check, ...] = (
    Check("workforce.caseload_maximum",
          "the largest caseload is below the average caseload",
          lambda v: _both(v, "workforce.caseload_maximum", "workforce.caseload_average")
          and v["workforce.caseload_maximum"] < v["workforce.caseload_average"]),
    Check("quality_assurance.audits_graded_inadequate_pct",
          "audits graded good or better and audits graded inadequate add up to more than 100%",
          lambda v: _both(v, "quality_assurance.audits_graded_good_or_better_pct",
                          "quality_assurance.audits_graded_inadequate_pct")
          and v["quality_assurance.audits_graded_good_or_better_pct"]
          + v["quality_assurance.audits_graded_inadequate_pct"] > 100),
    Check("child_protection.children_on_plans_count",
          "more children on child protection plans than children in need (children on plans "
          "are children in need)",
          lambda v: _both(v, "child_protection.children_on_plans_count",
                          "children_in_need.children_in_need_count")
          and v["child_protection.children_on_plans_count"]
          > v["children_in_need.children_in_need_count"]),
)


def _pointer(metric: str) -> str:
    return "/" + metric.replace(".", "/")


def errors(document: Document, values: Mapping[str, Any]) -> list[Problem]:
    return [document.problem(_pointer(check.pointer_metric), check.message,
                             hint="check both figures")
            for check in IMPOSSIBLE if check.broken(values)]


def warnings(document: Document, name: str, as_of: dt.date, today: dt.date) -> list[Problem]:
    found = []
    if as_of > today:
        found.append(document.problem(
            "/authority/as_of", "the figures are dated in the future",
            found=as_of.isoformat(), hint=f"today is {today.isoformat()}"))
    if name.strip() == PLACEHOLDER_NAME:
        found.append(document.problem(
            "/authority/name", "the authority's name is still the placeholder from checker init",
            found=repr(name), hint="write the authority's name"))
    return found
