"""The report as JSON, valid against ``schemas/report.schema.json``."""

from __future__ import annotations

import json

from checker.report.model import Report
from checker.report.render import Options


def render(report: Report, options: Options) -> str:
    del options
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
