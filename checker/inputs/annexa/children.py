"""The children behind derived figures: the file ``checker derive`` writes beside the
self-assessment (``NAME.children.json`` for ``NAME.yaml``) and ``checker check`` reads.

It holds child identifiers, which are personal data: it is only ever written to a file named
by the user or beside the output file, never to the terminal, and it says so in itself. For
each derived figure that can be behind a finding, it keeps the value derived (so a check uses
the children only while the self-assessment still holds that value), what the children have in
common, and each child's identifier, list, sheet, row and the dates that put them there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the writing side only: a check reads this file without the derive code
    from checker.inputs.annexa.figures import Figure

FORMAT = "checker-annexa-children/1"
WARNING = ("Personal data: identifiers of children from an Annex A workbook. Keep this file "
           "with the case records it came from; do not share or publish it.")
MAX_BYTES = 100 * 1024 * 1024


def figure_entry(figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "breach": figure.breach,
        "children": [{"id": c.id, "list": c.list, "sheet": c.sheet, "row": c.row,
                      "dates": dict(c.dates), **({"detail": c.detail} if c.detail else {})}
                     for c in figure.children],
    }


def render(workbook: str, as_of: str, figures: list[Figure]) -> str:
    data = {"format": FORMAT, "warning": WARNING, "workbook": workbook, "as_of": as_of,
            "figures": {f.path: figure_entry(f) for f in figures if f.breach}}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class ChildRow:
    id: str
    list: str
    sheet: str
    row: int
    dates: dict[str, str]
    detail: str | None


@dataclass(frozen=True)
class ChildrenOf:
    """The children behind one derived figure."""

    value: float
    breach: str
    children: tuple[ChildRow, ...]


class BadSidecar(ValueError):
    """A children file that is not one ``checker derive`` wrote."""


def _child(raw: Any) -> ChildRow:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise BadSidecar("a child without an identifier")
    dates = raw.get("dates") or {}
    if not isinstance(dates, dict):
        raise BadSidecar("dates are not a mapping")
    return ChildRow(raw["id"], str(raw.get("list", "")), str(raw.get("sheet", "")),
                    int(raw.get("row") or 0), {str(k): str(v) for k, v in dates.items()},
                    None if raw.get("detail") is None else str(raw["detail"]))


def parse(text: str) -> dict[str, ChildrenOf]:
    """Metric path -> its children; :class:`BadSidecar` for anything else."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BadSidecar(f"not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadSidecar(f"not a children file (format {FORMAT!r} expected)")
    found: dict[str, ChildrenOf] = {}
    try:
        for path, entry in (data.get("figures") or {}).items():
            found[str(path)] = ChildrenOf(float(entry["value"]), str(entry.get("breach") or ""),
                                          tuple(_child(c) for c in entry.get("children") or []))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BadSidecar(f"malformed entry ({error})") from None
    return found


def load(path: Path) -> dict[str, ChildrenOf]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadSidecar(f"larger than {MAX_BYTES:,} bytes")
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise BadSidecar(f"cannot be read ({error})") from None
