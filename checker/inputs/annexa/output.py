"""The self-assessment ``checker derive`` writes: every derived figure with its provenance (the
list and sheet, the columns as headed in the workbook, numerator and denominator, the as-of
date and period), merged with the authority's own file when given, as YAML with comments (like
``checker prefill``) or JSON."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from checker import __version__
from checker.inputs.annexa.derive import Derivation
from checker.inputs.annexa.figures import Figure
from checker.inputs.annexa.reader import AnnexA
from checker.inputs.metrics import catalogue
from checker.inputs.sanity import PLACEHOLDER_NAME
from checker.inputs.schemas import load_schema

SOURCE_MAX, NOTE_MAX, NOTES_MAX = 200, 2000, 5000


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _column(figure: Figure, index: int) -> str:
    data, key = figure.columns[index]
    used, title = data.header(key), data.spec.column(key).title
    named = f"List {data.spec.number} {used!r}"
    return named if used == title else f"{named} (read as {title!r})"


def provenance(figure: Figure, annex: AnnexA, derivation: Derivation) -> dict[str, str]:
    lists = "; ".join(f"{d.spec.label}, sheet {d.sheet!r}" for d in figure.lists)
    columns = ", ".join(_column(figure, i) for i in range(len(figure.columns)))
    counts = (f"{figure.numerator} of {figure.denominator}" if figure.denominator is not None
              else f"count {figure.numerator}")
    period = derivation.period
    months = figure.months or period.months
    note = (f"{figure.how} Columns: {columns}. {counts}. As of {period.as_of.isoformat()} "
            f"({annex.as_of_basis}); lists covering {months} months "
            f"({period.describe(months)}).")
    if figure.notes:
        note += " " + "; ".join(figure.notes) + "."
    note += f" Derived by checker derive {__version__}."
    return {"source": _clip(f"Annex A workbook {annex.name}: {lists}", SOURCE_MAX),
            "note": _clip(note, NOTE_MAX)}


@dataclass
class Derived:
    """The self-assessment document and what went into it."""

    data: dict[str, Any]
    #: Metric path -> the derived figure, for the figures the file holds.
    figures: dict[str, Figure]
    #: Metric path -> (value kept from the merged file, value derived).
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    merged_name: str | None = None


def summary(derivation: Derivation, derived: Derived) -> str:
    annex = derivation.annex
    text = (f"Derived by checker derive from the Annex A workbook {annex.name} as of "
            f"{annex.as_of.isoformat()}, the lists covering {derivation.period.months} months: "
            f"{len(derived.figures)} figures, each with its provenance. Not derived: " +
            ", ".join(n.path for n in derivation.not_derived) + ".")
    if derived.kept:
        text += (f" Kept from {derived.merged_name} where it gives a value: "
                 + ", ".join(derived.kept) + ".")
    return text


def _authority(derivation: Derivation, name: str | None, base: dict[str, Any]) -> dict[str, Any]:
    period = derivation.period
    authority = dict(base)
    authority.setdefault("name", name or PLACEHOLDER_NAME)
    if name:
        authority["name"] = name
    authority.update(as_of=period.as_of.isoformat(), period_start=period.start.isoformat(),
                     period_end=period.as_of.isoformat())
    return authority


def build(derivation: Derivation, *, authority: str | None = None,
          policy: dict[str, Any] | None = None, merge: dict[str, Any] | None = None,
          merged_name: str | None = None) -> Derived:
    """The derived self-assessment, on top of ``merge`` (the authority's own file's data,
    whose values win) when given."""
    base = json.loads(json.dumps(merge)) if merge else {}
    data: dict[str, Any] = {"$schema": load_schema("selfassessment")["$id"]}
    data["authority"] = _authority(derivation, authority, base.pop("authority", {}))
    base.pop("$schema", None)
    if policy or base.get("policy"):
        data["policy"] = {**base.pop("policy", {}), **(policy or {})}
    data.update(base)
    derived = Derived(data, {}, merged_name=merged_name)
    records = data.setdefault("provenance", {})
    for figure in derivation.figures:
        metric = catalogue()[figure.path]
        section = data.setdefault(metric.section, {})
        if section.get(metric.name) is not None:
            derived.kept[figure.path] = (section[metric.name], figure.value)
            continue
        section[metric.name] = figure.value
        records[metric.pointer] = provenance(figure, derivation.annex, derivation)
        derived.figures[figure.path] = figure
    notes = data["authority"].get("notes")
    own = summary(derivation, derived)
    data["authority"]["notes"] = _clip(f"{notes} {own}" if notes else own, NOTES_MAX)
    data.setdefault("comparators", {})
    derived.data = _ordered(data)
    return derived


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """Sections in the schema's order, comparators and provenance last (as in prefill)."""
    order = ["$schema", "authority", "policy",
             *dict.fromkeys(m.section for m in catalogue().values()), "comparators",
             "provenance"]
    ranked = sorted(data, key=lambda key: order.index(key) if key in order else len(order))
    return {key: data[key] for key in ranked}


def render_json(derived: Derived) -> str:
    return json.dumps(derived.data, indent=2, ensure_ascii=False) + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=96 - len(indent))]


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else _scalar(name)


def _header(derivation: Derivation) -> list[str]:
    annex = derivation.annex
    lines = _comment(f"Self-assessment derived by `checker derive` from the Annex A workbook "
                     f"{annex.name}, as of {annex.as_of.isoformat()} ({annex.as_of_basis}); "
                     f"the lists cover {derivation.period.months} months "
                     f"({derivation.period.describe()}).")
    lines += _comment("Each derived figure has its provenance at the end (list, sheet, columns "
                      "as headed in the workbook, numerator and denominator). Add what Annex A "
                      "cannot give, then run checker validate and checker check on this file.")
    lines.append("# Lists read:")
    for data in annex.lists.values():
        renamed = [f"{m.header!r} = {m.column.title!r}" for m in data.headers.values()
                   if m.header != m.column.title]
        text = (f"{data.spec.label}: sheet {data.sheet!r}, header row {data.header_row}, "
                f"{len(data.records):,} rows")
        lines += _comment(text + (f"; headers read as: {'; '.join(renamed)}" if renamed else ""),
                          "  ")
    lines.append("# Not derived from Annex A:")
    for item in derivation.not_derived:
        lines += _comment(f"{item.path}: {item.reason}", "  ")
    return lines


def _section(name: str, body: dict[str, Any], derived: Derived) -> list[str]:
    lines = [f"{name}:"]
    for key, value in body.items():
        path = f"{name}.{key}"
        figure = derived.figures.get(path)
        if figure is not None:
            counts = (f"{figure.numerator} of {figure.denominator}"
                      if figure.denominator is not None else f"{figure.numerator}")
            lists = ", ".join(d.spec.label for d in figure.lists)
            lines += _comment(f"derived from {lists}: {counts}", "  ")
        elif path in derived.kept:
            lines += _comment(f"kept from {derived.merged_name} (derived: "
                              f"{derived.kept[path][1]!r})", "  ")
        lines.append(f"  {_key(key)}: {_scalar(value)}")
    return lines


def _mapping(name: str, body: dict[str, Any]) -> list[str]:
    if not body:
        return [f"{name}: {{}}"]
    lines = [f"{name}:"]
    for key, value in body.items():
        if isinstance(value, dict):
            lines.append(f"  {_key(key)}:")
            lines += [f"    {_key(k)}: {_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"  {_key(key)}: {_scalar(value)}")
    return lines


def render_yaml(derivation: Derivation, derived: Derived) -> str:
    lines = _header(derivation)
    sections = {m.section for m in catalogue().values()}
    for key, value in derived.data.items():
        if key in sections and isinstance(value, dict):
            lines += _section(key, value, derived)
        elif isinstance(value, dict):
            lines += _mapping(_key(key), value)
        else:
            lines.append(f"{_key(key)}: {_scalar(value)}")
    return "\n".join(lines) + "\n"
