"""JUnit XML, the one writer for both ``check --format junit`` and ``rules test --format junit``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass
class Failure:
    message: str
    text: str
    type: str | None = None


@dataclass
class Case:
    classname: str
    name: str
    failure: Failure | None = None
    #: Why the case was skipped, if it was.
    skipped: str | None = None
    file: str | None = None
    line: int | None = None


@dataclass
class Suite:
    name: str
    cases: list[Case] = field(default_factory=list)


def _case(suite: ET.Element, case: Case) -> dict[str, int]:
    attributes = {"classname": case.classname, "name": case.name}
    if case.file is not None:
        attributes["file"] = case.file
        attributes["line"] = str(case.line or 0)
    element = ET.SubElement(suite, "testcase", attributes)
    if case.failure is not None:
        failure = ET.SubElement(element, "failure", (
            {"type": case.failure.type} if case.failure.type else {}) | {
            "message": case.failure.message})
        failure.text = case.failure.text
    elif case.skipped is not None:
        ET.SubElement(element, "skipped", message=case.skipped)
    return {"tests": 1, "failures": int(case.failure is not None),
            "skipped": int(case.failure is None and case.skipped is not None)}


def write(name: str, suites: list[Suite]) -> str:
    """The XML document: suites with their counts, and the totals on the root."""
    root = ET.Element("testsuites", name=name)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in suites:
        element = ET.SubElement(root, "testsuite", name=suite.name)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for case in suite.cases:
            for key, value in _case(element, case).items():
                counts[key] += value
        for key, value in counts.items():
            element.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
