"""Field constructors for the self-assessment models.

Every metric in the self-assessment is optional and may be ``null``: absent means "not known",
never "fine". Each constructor records, in the generated JSON Schema, the metric's kind (which
the rule linter uses for type checks), its unit, its definition and, where one exists, the
statutory timescale or national figure it is judged against.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

#: Upper bounds keep every value far below what the rules engine can hold (``1e300`` makes
#: durable-rules fail) and catch typing slips such as a caseload of 1800 for 18.0.
MAX_COUNT = 10_000_000
MAX_RATE = 10_000.0
MAX_DAYS = 3_650.0


#: Which way is better, for comparisons with a comparator (``worse_than``, ``quartile``).
Polarity = Literal["higher_is_better", "lower_is_better", "neither"]


def _metric(
    definition: str,
    *,
    title: str,
    kind: str,
    unit: str,
    basis: str | None,
    published: str | None = None,
    polarity: Polarity | None = None,
    unscored: str | None = None,
    **constraints: Any,
) -> Any:
    text = definition.rstrip(".") + f". Unit: {unit}."
    if basis:
        text += f" Judged against: {basis.rstrip('.')}."
    if unscored:
        text += f" No rule scores it: {unscored.rstrip('.')}."
    if published:
        text += (f" Published for every authority by DfE as '{published}' "
                 "(`checker prefill` fills it in).")
    extra: dict[str, Any] = {"x-title": title, "x-kind": kind, "x-unit": unit}
    if basis:
        extra["x-basis"] = basis
    if published:
        extra["x-published"] = published
    if polarity:
        extra["x-polarity"] = polarity
    if unscored:
        extra["x-unscored"] = unscored
    return Field(default=None, description=text, json_schema_extra=extra, **constraints)


def pct(definition: str, *, title: str, basis: str | None = None, published: str | None = None,
        polarity: Polarity | None = None, unscored: str | None = None) -> Any:
    """A percentage, 0-100 inclusive."""
    return _metric(definition, title=title, kind="percent", unit="percent (0-100)", basis=basis,
                   published=published, polarity=polarity, unscored=unscored, ge=0, le=100)


def count(definition: str, *, title: str, unit: str = "count", basis: str | None = None,
          published: str | None = None, polarity: Polarity | None = None,
          unscored: str | None = None) -> Any:
    """A whole number of things, zero or more."""
    return _metric(definition, title=title, kind="count", unit=unit, basis=basis,
                   published=published, polarity=polarity, unscored=unscored, ge=0,
                   le=MAX_COUNT)


def rate(definition: str, *, title: str, unit: str, basis: str | None = None,
         published: str | None = None, polarity: Polarity | None = None,
         unscored: str | None = None) -> Any:
    """A non-negative quantity that need not be whole (averages, per-FTE figures, rates per
    10,000 children)."""
    return _metric(definition, title=title, kind="number", unit=unit, basis=basis,
                   published=published, polarity=polarity, unscored=unscored, ge=0,
                   le=MAX_RATE)


def days(definition: str, *, title: str, unit: str = "days", basis: str | None = None,
         unscored: str | None = None) -> Any:
    """A duration in days or weeks."""
    return _metric(definition, title=title, kind="number", unit=unit, basis=basis,
                   unscored=unscored, ge=0, le=MAX_DAYS)


def score(definition: str, *, title: str, low: float, high: float, basis: str | None = None,
          published: str | None = None, polarity: Polarity | None = None,
          unscored: str | None = None) -> Any:
    """A score on a bounded scale."""
    return _metric(
        definition, title=title, kind="number", unit=f"score ({low:g}-{high:g})", basis=basis,
        published=published, polarity=polarity, unscored=unscored, ge=low, le=high,
    )


def flag(definition: str, *, title: str, basis: str | None = None,
         unscored: str | None = None) -> Any:
    """A yes/no fact about the service."""
    return _metric(definition, title=title, kind="boolean", unit="true or false", basis=basis,
                   unscored=unscored)


def choice(definition: str, *, title: str, basis: str | None = None, ordered: bool = False,
           unscored: str | None = None) -> Any:
    """One value from a fixed set; ``ordered`` sets make ``lt``/``gt`` comparisons meaningful."""
    field = _metric(
        definition,
        title=title,
        kind="ordinal" if ordered else "enum",
        unit="ordered category" if ordered else "category",
        basis=basis,
        unscored=unscored,
    )
    if ordered:
        field.json_schema_extra["x-ordered"] = True
    return field


def policy(definition: str, *, title: str, default: float, unit: str, basis: str, ge: float,
           le: float, defines: str | None = None) -> Any:
    """An authority's own policy parameter, used where no national standard exists.

    ``defines`` names the metrics the parameter only defines (the authority counts them
    against its own policy): no rule compares a figure with such a parameter, so reports never
    list its default as used."""
    text = (
        f"{definition.rstrip('.')}. Unit: {unit}. Default when not stated: {default:g}. "
        f"Basis for the default: {basis.rstrip('.')}."
    )
    extra: dict[str, Any] = {
        "x-title": title,
        "x-kind": "number",
        "x-unit": unit,
        "x-default": default,
        "x-basis": basis,
    }
    if defines:
        text += (f" It defines how the authority counts {defines}; no rule compares a figure "
                 "with it, so reports never list its default as used.")
        extra["x-defines"] = defines
    return Field(default=None, description=text, json_schema_extra=extra, ge=ge, le=le)
