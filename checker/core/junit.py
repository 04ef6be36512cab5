"""JUnit XML, the one writer for both ``check --format junit`` and ``rules test --format junit``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

#: Characters XML 1.0 cannot hold at all (most C0 controls, surrogates, U+FFFE and U+FFFF),
#: and C1 controls and DEL, which it can hold but no reader should see.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str, *, lines: bool = False) -> str:
    """Text a JUnit reader can parse: characters XML cannot hold shown as spaces, carriage
    returns too; line breaks and tabs kept only in element text (``lines``)."""
    text = _NOT_XML.sub(" ", text).replace("\r", " ")
    return text if lines else re.sub("[\t\n]", " ", text)


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
    #: (name, value) pairs written as the suite's ``<properties>``.
    properties: list[tuple[str, str]] = field(default_factory=list)


def _case(suite: ET.Element, case: Case) -> dict[str, int]:
    attributes = {"classname": _xml(case.classname), "name": _xml(case.name)}
    if case.file is not None:
        attributes["file"] = _xml(case.file)
        attributes["line"] = str(case.line or 0)
    element = ET.SubElement(suite, "testcase", attributes)
    if case.failure is not None:
        failure = ET.SubElement(element, "failure", (
            {"type": _xml(case.failure.type)} if case.failure.type else {}) | {
            "message": _xml(case.failure.message)})
        failure.text = _xml(case.failure.text, lines=True)
    elif case.skipped is not None:
        ET.SubElement(element, "skipped", message=_xml(case.skipped))
    return {"tests": 1, "failures": int(case.failure is not None),
            "skipped": int(case.failure is None and case.skipped is not None)}


def write(name: str, suites: list[Suite]) -> str:
    """The XML document: suites with their counts, and the totals on the root."""
    root = ET.Element("testsuites", name=_xml(name))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in suites:
        element = ET.SubElement(root, "testsuite", name=_xml(suite.name))
        if suite.properties:
            holder = ET.SubElement(element, "properties")
            for prop, text in suite.properties:
                ET.SubElement(holder, "property", name=_xml(prop), value=_xml(text))
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
