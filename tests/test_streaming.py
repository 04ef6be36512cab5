"""Batches stream (#15): the JSON and JUnit writers give the bytes of the whole document
written at once, a batch is validated before anything is written, and memory does not grow
with the number of files. (The bytes of every format for batches of the shipped examples are
pinned in tests/golden/digests.json.)"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli.app import cli
from checker.core import jsonout, junit
from tests.conftest import REPO, assessment

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(
        "\x00\x1b\x7f\x9b\"\\\n\u2028\u202e")),
)
_KEYS = st.one_of(st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none(),
                  st.floats(allow_nan=False))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=30)


def _standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(value=_VALUES)
def test_json_is_written_as_the_standard_library_writes_it(value: Any) -> None:
    assert jsonout.dumps(value) == _standard(value)


@settings(max_examples=100, deadline=None)
@given(items=st.lists(st.dictionaries(st.text(max_size=5), _SCALARS, max_size=3), max_size=4),
       head=st.dictionaries(st.text(max_size=5), _SCALARS, max_size=3))
def test_a_streamed_array_is_the_array_written_at_once(items: list[dict[str, Any]],
                                                       head: dict[str, Any]) -> None:
    shared = [jsonout.Shared(item) for item in items]
    expected = _standard({**head, "rows": [{"a": items, "b": items}], "end": 1})
    (before, after), (depth,) = jsonout.split(
        {**head, "rows": jsonout.Hole(), "end": 1})
    pieces = [before]
    stream = jsonout.ArrayStream(depth, pieces.append)
    stream.add({"a": shared, "b": shared})  # the same objects twice: reused text
    stream.close()
    pieces.append(after)
    assert "".join(pieces) == expected


def test_a_shared_dict_is_reused_only_at_its_own_depth() -> None:
    finding = jsonout.Shared({"rule": "X-001", "points": [1, 2]})
    value = {"areas": [{"findings": [finding]}, {"findings": [finding]}],
             "published": {"failed": [finding]}}
    assert jsonout.dumps(value) == _standard(value)


def test_what_the_standard_library_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        jsonout.dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        jsonout.dumps({(1, 2): 3})
    assert jsonout.dumps(math.inf) == "Infinity"


def _reference_junit(name: str, suites: list[junit.Suite]) -> str:
    """The JUnit document built whole, as before streaming: every suite under the root, then
    indented and written at once."""
    root = ET.Element("testsuites", name=junit._xml(name))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in suites:
        element = ET.SubElement(root, "testsuite", name=junit._xml(suite.name))
        if suite.properties:
            holder = ET.SubElement(element, "properties")
            for prop, text in suite.properties:
                ET.SubElement(holder, "property", name=junit._xml(prop), value=junit._xml(text))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for case in suite.cases:
            for key, value in junit._case(element, case).items():
                counts[key] += value
        for key, value in counts.items():
            element.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


_TEXT = st.text(alphabet=st.sampled_from("ab <>&\"'\x00\x1b\n\t\r\u00e9x"), max_size=8)


@st.composite
def _suites(draw: st.DrawFn) -> list[junit.Suite]:
    suites = []
    for _ in range(draw(st.integers(0, 3))):
        cases = []
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["pass", "fail", "skip"]))
            cases.append(junit.Case(
                draw(_TEXT), draw(_TEXT),
                failure=junit.Failure(draw(_TEXT), draw(_TEXT), draw(st.none() | _TEXT))
                if kind == "fail" else None,
                skipped=draw(_TEXT) if kind == "skip" else None,
                file=draw(st.none() | _TEXT), line=draw(st.none() | st.integers(1, 9))))
        suites.append(junit.Suite(draw(_TEXT), cases,
                                  draw(st.lists(st.tuples(_TEXT, _TEXT), max_size=2))))
    return suites


@settings(max_examples=150, deadline=None)
@given(suites=_suites())
def test_junit_streamed_suite_by_suite_is_the_document_written_at_once(
        suites: list[junit.Suite]) -> None:
    assert junit.write("checker", suites) == _reference_junit("checker", suites)


def test_an_invalid_file_anywhere_in_a_batch_stops_it_before_any_output(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 30})))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 140})))
    framework = tmp_path / "framework.json"
    framework.write_text(json.dumps({"authority": {
        "name": "Testshire", "as_of": "2024-03-31", "framework": "nope"}}))
    result = CliRunner().invoke(cli, ["check", str(good), str(bad), str(good), str(framework)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "bad.json" in result.stderr and "framework.json" in result.stderr  # every problem


def test_a_what_if_that_breaks_any_file_is_refused_before_any_output(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    first.write_text(json.dumps(assessment(workforce={"caseload_average": 10})))
    second = tmp_path / "b.json"
    second.write_text(json.dumps(assessment(workforce={"caseload_average": 30})))
    result = CliRunner().invoke(cli, ["check", str(first), str(second),
                                      "--what-if", "workforce.caseload_maximum=20"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def _batch_rss(tmp_path: Path, count: int, output_format: str) -> float:
    """Peak resident memory (MB) of ``checker check`` of ``count`` generated files, the
    report written to a file."""
    from benchmarks.generate import write_batch

    files = write_batch(tmp_path / "in", count)
    script = ("import sys\n"
              "from checker.cli.app import main\n"
              "from benchmarks.memory import peak_rss_kb\n"
              "try:\n"
              "    main()\n"
              "finally:\n"
              "    print(peak_rss_kb(), file=sys.stderr)\n")
    result = subprocess.run(
        [sys.executable, "-c", script, "check", *map(str, files), "--format", output_format,
         "-o", str(tmp_path / f"report.{output_format}")],
        capture_output=True, text=True, cwd=REPO, timeout=3600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return int(result.stderr.strip().splitlines()[-1]) / 1024


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["json", "sarif", "junit"])
def test_memory_does_not_grow_with_the_batch(tmp_path: Path, output_format: str) -> None:
    """Ten times the files, about the same peak memory (a report held per file would add
    a megabyte or more each)."""
    few = _batch_rss(tmp_path / "few", 20, output_format)
    many = _batch_rss(tmp_path / "many", 200, output_format)
    assert many - few < 20, (few, many)


@pytest.mark.slow
def test_ten_thousand_files_in_one_run_stay_under_200_mb(tmp_path: Path) -> None:
    peak = _batch_rss(tmp_path, 10_000, "json")
    assert peak < 200, peak


@settings(max_examples=200, deadline=None)
@given(value=_VALUES)
def test_json_safe_to_print_escapes_what_a_terminal_acts_on(value: Any) -> None:
    import re

    unsafe = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
    expected = unsafe.sub(lambda m: f"\\u{ord(m.group(0)):04x}", _standard(value))
    assert jsonout.dumps(value, encoder=jsonout.Encoder(safe=True)) == expected
