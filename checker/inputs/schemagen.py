"""Generate ``schemas/selfassessment.schema.json`` from the pydantic models.

The models are the single source; this module turns them into a clean draft 2020-12 schema:
nullable fields become ``"type": [..., "null"]`` (so a percentage of 140 reports "140 is greater
than the maximum of 100" rather than an opaque ``anyOf`` failure), generated titles are dropped,
and the document gets its ``$id``, title and description. A test compares the committed file
with this output, so the two cannot drift.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from checker.inputs.selfassessment import METRIC_SECTIONS, SelfAssessment

SCHEMA_ID = "https://schemas.lacs-readiness-checker.org/selfassessment/v1.json"


class _CleanSchema(GenerateJsonSchema):
    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        if "type" in inner and "$ref" not in inner:
            merged = dict(inner)
            kinds = inner["type"] if isinstance(inner["type"], list) else [inner["type"]]
            merged["type"] = [*kinds, "null"]
            if "enum" in merged:
                merged["enum"] = [*merged["enum"], None]
            return merged
        return super().nullable_schema(schema)

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _strip(node: Any) -> Any:
    """Remove pydantic's generated titles and ``default: null`` noise, recursively."""
    if isinstance(node, dict):
        return {
            key: _strip(value)
            for key, value in node.items()
            if key != "title" and not (key == "default" and value is None)
        }
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node


def metric_paths() -> list[str]:
    """Every metric path (``section.field``) in schema order."""
    return [
        f"{section}.{name}"
        for section, model in METRIC_SECTIONS.items()
        for name in model.model_fields
    ]


def build_schema() -> dict[str, Any]:
    generated = SelfAssessment.model_json_schema(
        by_alias=True, schema_generator=_CleanSchema, mode="validation"
    )
    body = _strip(generated)
    body["properties"]["comparators"]["propertyNames"] = {"enum": metric_paths()}
    body["properties"]["provenance"]["propertyNames"] = {
        "pattern": "^(/[a-z0-9_]+)+$",
        "maxLength": 200,
    }
    for definition in body.get("$defs", {}).values():
        definition.setdefault("additionalProperties", False)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Children's services self-assessment",
        "description": (
            "Aggregate figures an English local authority holds about its children's social "
            "care services, grouped by the areas Ofsted inspectors examine. Every metric is "
            "optional and may be null: absent or null means 'not known' and is reported as a "
            "data gap, never treated as a pass. Percentages are 0-100. Each metric's description "
            "gives its unit, definition and, where one exists, the statutory timescale or "
            "national figure it is judged against."
        ),
        **{key: value for key, value in body.items() if key not in {"description"}},
    }


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    from checker.core.resources import schema_path

    schema_path("selfassessment").write_text(render_schema(), encoding="utf-8")
    print(f"wrote {schema_path('selfassessment')}")
