"""The report as JSON, valid against ``schemas/report.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from checker.report.render import Options


def render(report: dict[str, Any], options: Options) -> str:
    del options
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
