"""Load a self-assessment file, validate it against the schema, and expose its metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.documents import Document, load_document, parse_text
from checker.errors import InternalError, InvalidAssessment, Problem
from checker.metrics import catalogue, policies, section_of_field
from checker.models import SelfAssessment
from checker.schemas import schema_problems

MAX_ASSESSMENT_BYTES = 5 * 1024 * 1024
#: Figures are used to four decimal places. Finer precision means nothing for these measures,
#: and durable-rules cannot parse numbers such as 1e-05 that Python writes with an exponent.
PRECISION = 4


def canonical(value: Any) -> Any:
    """A metric value as the rules see it: floats rounded to :data:`PRECISION` places."""
    if isinstance(value, float):
        return round(value, PRECISION) + 0.0  # + 0.0 turns -0.0 into 0.0
    return value


@dataclass(frozen=True)
class Assessment:
    """A validated self-assessment."""

    source: str
    model: SelfAssessment
    #: Metric path -> value, for every metric that is present and not null.
    values: dict[str, Any]
    #: Policy parameter -> value, with documented defaults filled in.
    policy: dict[str, float]
    #: Policy parameters the authority stated (the rest are defaults).
    stated_policy: frozenset[str]
    #: The parsed file, to locate values (line and column) for reports.
    document: Document = field(compare=False, repr=False)

    def line_of(self, path: str) -> int | None:
        """The line of metric ``path`` in the file, if it is there."""
        place = self.document.position("/" + path.replace(".", "/"))
        return place[0] if place else None

    @property
    def authority(self) -> str:
        return self.model.authority.name


def _present_pointers(data: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for section, body in data.items():
        if isinstance(body, dict) and section not in {"comparators", "provenance"}:
            for name, value in body.items():
                if value is not None:
                    found.add(f"/{section}/{name}")
    return found


def _semantic_problems(document: Document, model: SelfAssessment) -> list[Problem]:
    problems: list[Problem] = []
    present = _present_pointers(document.data)
    for pointer in model.provenance:
        if pointer not in present:
            problems.append(
                document.problem(
                    f"/provenance/{pointer.replace('~', '~0').replace('/', '~1')}",
                    f"provenance given for {pointer}, which has no value in this file",
                    expected="a pointer to a value present in the file",
                    found=repr(pointer),
                )
            )
    authority = model.authority
    if authority.period_start and authority.period_end and (
        authority.period_start > authority.period_end
    ):
        problems.append(
            document.problem(
                "/authority/period_end",
                "period ends before it starts",
                expected=f"a date on or after {authority.period_start.isoformat()}",
                found=authority.period_end.isoformat(),
            )
        )
    return problems


def from_document(document: Document) -> Assessment:
    """Validate a parsed document as a self-assessment."""
    problems = schema_problems("selfassessment", document, elsewhere=section_of_field())
    if problems:
        raise InvalidAssessment(problems)
    try:
        model = SelfAssessment.model_validate(document.data)
    except ValidationError as exc:  # the schema accepted what the models refuse: a drift bug
        raise InternalError(
            f"{document.name}: the schema and the models disagree: {exc.errors()[:3]}"
        ) from None
    problems = _semantic_problems(document, model)
    if problems:
        raise InvalidAssessment(problems)
    values: dict[str, Any] = {}
    for path in catalogue():
        section, name = path.split(".", 1)
        value = getattr(getattr(model, section), name)
        if value is not None:
            values[path] = canonical(value)
    stated = {name for name in policies() if getattr(model.policy, name) is not None}
    policy_values: dict[str, float] = {}
    for name, parameter in policies().items():
        value = getattr(model.policy, name)
        stated_or_default = value if value is not None else parameter.default or 0
        policy_values[name] = canonical(float(stated_or_default))
    return Assessment(
        source=document.name,
        model=model,
        values=values,
        policy=policy_values,
        stated_policy=frozenset(stated),
        document=document,
    )


def load_assessment(path: Path, *, name: str | None = None) -> Assessment:
    document = load_document(
        path, max_bytes=MAX_ASSESSMENT_BYTES, error=InvalidAssessment, name=name
    )
    return from_document(document)


def from_data(data: Any, *, name: str) -> Assessment:
    """Validate an in-memory document (rule tests, generated inputs)."""
    import json

    text = json.dumps(data)
    return from_document(parse_text(text, kind="json", name=name, error=InvalidAssessment))
