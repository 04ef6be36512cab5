"""The starter self-assessment written by ``checker init``: every field, all unknown."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

from checker.inputs.metrics import catalogue, policies
from checker.inputs.sanity import PLACEHOLDER_NAME
from checker.inputs.schemas import load_schema


def starter_data(today: dt.date) -> dict[str, Any]:
    data: dict[str, Any] = {
        "$schema": load_schema("selfassessment")["$id"],
        "authority": {
            "name": PLACEHOLDER_NAME,
            "code": None,
            "as_of": today.isoformat(),
            "period_start": today.replace(year=today.year - 1).isoformat()
            if not (today.month == 2 and today.day == 29)
            else (today - dt.timedelta(days=365)).isoformat(),
            "period_end": today.isoformat(),
            "framework": None,
            "prepared_by": None,
        },
        "policy": dict.fromkeys(policies()),
    }
    for metric in catalogue().values():
        data.setdefault(metric.section, {})[metric.name] = None
    data["comparators"] = {}
    data["provenance"] = {}
    return data


def starter_json(today: dt.date) -> str:
    return json.dumps(starter_data(today), indent=2) + "\n"


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=92 - len(indent))]


def starter_yaml(today: dt.date) -> str:
    """The same starter as YAML, with every field's definition as a comment above it."""
    data = starter_data(today)
    metrics = catalogue()
    params = policies()
    lines = [
        "# Children's services self-assessment. Fill in what you know; leave the rest as null.",
        "# null (or a missing field) means 'not known': the report lists it as a data gap.",
        "# Percentages are 0-100. Check with: checker validate <this file>",
        f"$schema: {data['$schema']}",
        "authority:",
    ]
    for key, value in data["authority"].items():
        lines.append(f"  {key}: {json.dumps(value)}")
    lines.append("# The authority's own policy where no national standard exists (null = default).")
    lines.append("policy:")
    for name in data["policy"]:
        lines.extend(_comment(params[name].description, "  "))
        lines.append(f"  {name}: null")
    for section in dict.fromkeys(metric.section for metric in metrics.values()):
        lines.append(f"{section}:")
        for name in data[section]:
            lines.extend(_comment(metrics[f"{section}.{name}"].description, "  "))
            values = metrics[f"{section}.{name}"].values
            if values:
                lines.append(f"  # one of: {', '.join(values)}")
            lines.append(f"  {name}: null")
    lines.append("# National and statistical-neighbour figures by metric path, for example:")
    lines.append("#   workforce.caseload_average: {national: 16.8, year: '2023'}")
    lines.append("comparators: {}")
    lines.append("# Where each value came from, by JSON pointer, for example:")
    lines.append("#   /workforce/caseload_average: {source: 'Workforce return', note: 'March'}")
    lines.append("provenance: {}")
    return "\n".join(lines) + "\n"
