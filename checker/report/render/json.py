"""The report as JSON, valid against ``schemas/report.schema.json`` (characters a terminal
would act on are escaped, so the report is safe to print)."""

from __future__ import annotations

from checker.core.text import json_text
from checker.report.model import Report
from checker.report.render import Options


def render(report: Report, options: Options) -> str:
    del options
    return json_text(report)
