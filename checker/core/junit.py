"""JUnit XML, the one writer for both ``check --format junit`` and ``rules test --format junit``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
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


#: Stands for the suites while the root element is written (XML text cannot hold a NUL).
_SUITES = "\x00"
SPILL_IN_MEMORY = 4 * 1024 * 1024


def _suite(suite: Suite) -> tuple[str, dict[str, int]]:
    """One suite's XML, indented as a child of the root (without the text after it), and its
    counts."""
    root = ET.Element("testsuites")
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
    ET.indent(root)
    element.tail = None
    return ET.tostring(element, encoding="unicode"), counts


class Stream:
    """The document written suite by suite: each suite's XML goes to a spill file (in memory
    up to a few megabytes), since the totals on the root come first; :meth:`close` writes the
    whole document to ``write``. The text is that of :func:`write` for the same suites."""

    def __init__(self, name: str, write: Callable[[str], None]) -> None:
        import tempfile  # noqa: PLC0415 - only a JUnit report spills

        self._name, self._write = name, write
        self._totals = {"tests": 0, "failures": 0, "skipped": 0}
        self._spill = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by close()
            max_size=SPILL_IN_MEMORY, mode="w+", encoding="utf-8", errors="surrogateescape")
        self._count = 0

    def add(self, suite: Suite) -> None:
        text, counts = _suite(suite)
        self._spill.write(("" if self._count == 0 else "\n  ") + text)
        self._count += 1
        for key, value in counts.items():
            self._totals[key] += value

    def close(self) -> None:
        root = ET.Element("testsuites", name=_xml(self._name))
        for key, value in self._totals.items():
            root.set(key, str(value))
        if self._count:
            root.text = _SUITES
        whole = ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
        before, _marker, after = whole.partition(_SUITES)
        self._write(before)
        if self._count:
            self._write("\n  ")
            self._spill.seek(0)
            while chunk := self._spill.read(1024 * 1024):
                self._write(chunk)
            self._write("\n" + after)
        self._spill.close()


def write(name: str, suites: list[Suite]) -> str:
    """The XML document: suites with their counts, and the totals on the root."""
    pieces: list[str] = []
    stream = Stream(name, pieces.append)
    for suite in suites:
        stream.add(suite)
    stream.close()
    return "".join(pieces)
