"""The report as JSON, valid against ``schemas/report.schema.json`` (characters a terminal
would act on are escaped, so the report is safe to print).

Written as it is checked: the head, each assessment as it comes, the tail; the bytes are those
of the whole report written at once (``json_text``)."""

from __future__ import annotations

from checker.core.jsonout import ArrayStream, Encoder, Hole, split
from checker.core.text import json_text
from checker.report.model import AssessmentReport, Report
from checker.report.render import Head, Options, Write


class _Writer:
    def __init__(self, head: Head, options: Options, write: Write) -> None:
        del options
        (before, self._after), (depth,) = split({
            "report_version": head.report_version, "tool": head.tool, "rules": head.rules,
            "assessments": Hole()}, safe=True)
        self._write = write
        write(before)
        self._array = ArrayStream(depth, write, Encoder(safe=True))

    def add(self, assessment: AssessmentReport) -> None:
        self._array.add(assessment)

    def close(self) -> None:
        self._array.close()
        self._write(self._after + "\n")


writer = _Writer


def render(report: Report, options: Options) -> str:
    del options
    return json_text(report)
