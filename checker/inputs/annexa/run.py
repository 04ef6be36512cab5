"""``checker derive`` as one function: read the workbook, derive, merge, check the result
against the self-assessment schema, and render it (nothing is written here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.errors import InvalidAssessment, Problem
from checker.inputs.annexa import children as sidecar
from checker.inputs.annexa.derive import Derivation, derive, needed_columns
from checker.inputs.annexa.output import Derived, build, render_json, render_yaml
from checker.inputs.annexa.reader import Progress, read_annex_a
from checker.inputs.assessment import MAX_ASSESSMENT_BYTES, from_data, load_assessment
from checker.inputs.metrics import policies
from checker.inputs.safeload import load_document


@dataclass
class Result:
    derivation: Derivation
    derived: Derived
    warnings: list[Problem]
    text: str
    children: str


def load_policy(path: Path) -> dict[str, Any]:
    """Policy parameters from a file: a self-assessment (its ``policy``) or a mapping of
    parameter names to values."""
    document = load_document(path, max_bytes=MAX_ASSESSMENT_BYTES, error=InvalidAssessment)
    if isinstance(document.data, dict) and "authority" in document.data:
        assessment = load_assessment(path)
        return {k: v for k, v in assessment.policy.items() if k in assessment.stated_policy}
    data = document.data.get("policy", document.data) if isinstance(document.data, dict) else None
    prefix = "/policy" if isinstance(document.data, dict) and "policy" in document.data else ""
    if not isinstance(data, dict):
        raise InvalidAssessment([document.problem("", "not a mapping of policy parameters",
                                                  expected="name: value lines")])
    known = policies()
    problems = []
    for key, value in data.items():
        parameter = known.get(key)
        pointer = f"{prefix}/{key}"
        if parameter is None:
            problems.append(document.problem(pointer, f"unknown policy parameter {key!r}",
                                             expected=", ".join(known)))
        elif not isinstance(value, int | float) or isinstance(value, bool) or not (
                (parameter.minimum or 0) <= value <= (parameter.maximum or float("inf"))):
            problems.append(document.problem(
                pointer, "not a number in range", found=repr(value),
                expected=f"a number from {parameter.minimum:g} to {parameter.maximum:g}"))
    if problems:
        raise InvalidAssessment(problems)
    return dict(data)


def derive_workbook(path: Path, *, name: str | None = None, as_of: dt.date | None = None,
                    months: int = 6, authority: str | None = None,
                    policy: Path | None = None, merge: Path | None = None,
                    json_output: bool = False, skip_bad_rows: bool = False,
                    progress: Progress | None = None,
                    today: dt.date | None = None) -> Result:
    """Everything ``checker derive`` writes, or the problems that stop it."""
    policy_values = load_policy(policy) if policy is not None else None
    merged = load_assessment(merge) if merge is not None else None
    annex = read_annex_a(path, name=name, as_of=as_of, today=today,
                         skip_bad_rows=skip_bad_rows, needed=needed_columns(),
                         progress=progress)
    derivation = derive(annex, months)
    derived = build(derivation, authority=authority, policy=policy_values,
                    merge=merged.document.data if merged else None,
                    merged_name=merged.source if merged else None)
    from_data(derived.data, name="the derived self-assessment")  # refuse to write a bad file
    warnings = list(annex.warnings)
    if merged is not None and merged.authority.as_of != annex.as_of:
        warnings.append(Problem(file=merged.source, pointer="/authority/as_of", message=(
            f"its figures are as of {merged.authority.as_of.isoformat()}; the merged file is "
            f"as of {annex.as_of.isoformat()}, the workbook's date")))
    text = render_json(derived) if json_output else render_yaml(derivation, derived)
    children = sidecar.render(Path(annex.name).name, annex.as_of.isoformat(),
                              list(derived.figures.values()))
    return Result(derivation, derived, warnings, text, children)
