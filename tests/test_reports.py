"""Reports people read (issue 14): the one-screen text summary, the full detail holding what the
JSON holds, plain words (titles not paths, a legend, acronyms expanded once), good-practice
quotes never shown as evidence of a failing, comparators and provenance in every format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from checker.cli.app import cli
from checker.core.vocab import ACRONYMS
from checker.inputs.metrics import catalogue
from checker.inputs.schemas import load_schema
from checker.report.render import Options
from checker.report.render.text import render
from tests.conftest import EXAMPLES, OPERATORS_PACK, REPO, assessment

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
MAX_SUMMARY_LINES = 80


@pytest.fixture(scope="module")
def prefilled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full prefilled authority (every published figure, with comparators and provenance)."""
    target = tmp_path_factory.mktemp("prefill") / "cornwall-2024.yaml"
    result = CliRunner().invoke(cli, ["prefill", "Cornwall", "--as-of", "2024-01-01", "-o",
                                      str(target)])
    assert result.exit_code == 0, result.output
    return target


def _run(*args: str | Path) -> str:
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _json(*args: str | Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(_run(*args, "--format", "json"))
    Draft202012Validator(load_schema("report"), format_checker=FormatChecker()).validate(report)
    return report


def _inputs(prefilled: Path) -> Iterator[Path]:
    yield REPO / "examples" / "cornwall-2009.json"
    yield prefilled


def _fired(assessment: dict[str, Any]) -> set[str]:
    found = {f["rule"] for area in assessment["areas"]
             for f in [*area["findings"], *area["strengths"], *area["context"]]}
    return found | {f["rule"] for f in assessment["published"]["failed"]}


def _flowing(text: str) -> str:
    """Text with line wrapping undone and acronym expansions taken out, to search in."""
    text = " ".join(text.split())
    for acronym in ACRONYMS.values():
        text = text.replace(f" ({acronym.words})", "").replace(f" ({acronym.plural})", "")
    return text


def test_a_long_path_does_not_cost_the_summary_a_line(tmp_path: Path) -> None:
    """The header names the file; a path too long for the line shows its file name only
    (CI's clone lives under a long temporary path, and the summary grew past 80 lines)."""
    deep = tmp_path.joinpath(*["a-long-folder-name"] * 6)
    deep.mkdir(parents=True)
    source = deep / "cornwall-2009.json"
    source.write_bytes((EXAMPLES / "cornwall-2009.json").read_bytes())
    short = _run(EXAMPLES / "cornwall-2009.json").splitlines()
    long = _run(source).splitlines()
    assert long[2].endswith("fired (cornwall-2009.json)")
    assert len(long) == len(short) <= MAX_SUMMARY_LINES
    assert json.loads(_run(source, "--format", "json"))["assessments"][0]["source"] == str(source)


def test_default_text_fits_a_screen_or_two(prefilled: Path) -> None:
    for source in _inputs(prefilled):
        text = _run(source)
        assert len(text.splitlines()) <= MAX_SUMMARY_LINES, (source.name, len(text.splitlines()))
        assert "--detail full" in text.splitlines()[-1]
        report = json.loads(_run(source, "--format", "json"))
        coloured = render(report, Options(color=True, width=100))
        assert len(coloured.splitlines()) <= MAX_SUMMARY_LINES


def test_every_fired_rule_is_in_the_summary(prefilled: Path) -> None:
    for source in [*EXAMPLE_FILES, prefilled]:
        report = _json(source)
        text = _run(source)
        for assessment_ in report["assessments"]:
            for rule in _fired(assessment_):
                assert re.search(rf"\b{rule}\b", text), (source.name, rule)


def test_summary_ranks_ten_actions_and_five_gaps(prefilled: Path) -> None:
    text = _run(REPO / "examples" / "cornwall-2009.json")
    assert re.search(r"What would lower the risk most \(10 of \d+ actions", text)
    assert "\n10. " in text and "\n11. " not in text
    assert "missing figures that would change the prediction most (5 of" in text
    report = _json(prefilled)
    actions = report["assessments"][0]["actions"]
    assert [a["rank"] for a in actions] == list(range(1, len(actions) + 1))
    values = [a["value"] for a in actions]
    assert values == sorted(values, reverse=True)
    # The published re-referrals check, 0.1 points over the upper quartile.
    first = next(action for action in actions if action["rule"] == "PF-003")
    assert first["kind"] == "published"
    assert first["changes"][0]["distance_text"] == "0.1 percentage points above"
    assert first["changes"][0]["reference"] == "the upper quartile of councils for 2023"
    assert "Re-referrals within 12 months: 23.4% → 23.3% (0.1 percentage points above the " \
           "upper quartile of councils for 2023)" in _flowing(_run(prefilled))


def _full_text_holds(report: dict[str, Any], text: str) -> None:
    flowing = _flowing(text)
    for item in report["assessments"]:
        for rule in _fired(item):
            assert rule in flowing
        for area in item["areas"]:
            for finding in area["findings"]:
                for evidence in finding["evidence"]:
                    assert _flowing(evidence["quote"]) in flowing, evidence["quote"][:40]
                for change in finding["to_clear"]:
                    assert change["title"] in flowing
        for gap in item["data_gaps"]:
            assert gap["label"] in flowing
        for comparator in item["comparators"].values():
            assert comparator["label"] in flowing
        for given in item["provenance"].values():
            assert given["label"] in flowing and _flowing(given["source"]) in flowing
        for warning in item["warnings"]:
            assert _flowing(warning["message"]) in flowing


def test_full_detail_holds_what_the_json_holds(prefilled: Path) -> None:
    for source in _inputs(prefilled):
        report = _json(source)
        _full_text_holds(report, _run(source, "--detail", "full"))
        markdown = _run(source, "--format", "markdown", "--detail", "full").replace("\\", "")
        _full_text_holds(report, markdown)


def test_full_detail_lists_each_gap_once_by_section(prefilled: Path) -> None:
    text = _run(prefilled, "--detail", "full")
    section = text.split("Every data gap", 1)[1]
    labels = re.findall(r"^    - (.+?) \(needed by", section, re.MULTILINE)
    assert labels and len(labels) == len(set(labels))
    assert "\n  Workforce\n" in section and "\n  Care leavers\n" in section


def test_people_read_titles_not_paths(prefilled: Path) -> None:
    paths = [path for path in catalogue() if "." in path]
    for source in _inputs(prefilled):
        readable = [_run(source), _run(source, "--detail", "full"),
                    _run(source, "--format", "markdown", "--detail", "full"),
                    _run(source, "--format", "html", "--appendix"),
                    _run(source, "--format", "junit")]
        for text in readable:
            found = [path for path in paths if path in text]
            assert not found, (source.name, found[:3])
    machine = _run(prefilled, "--format", "sarif") + _run(prefilled, "--format", "json")
    assert "front_door.re_referrals_within_12_months_pct" in machine


def test_gap_labels_are_never_cut_mid_phrase(prefilled: Path) -> None:
    """Bug 2: labels were cut at the first ' (' over 110 characters ('Share of care
    leavers', 'Police notifications')."""
    report = _json(prefilled)
    labels = {gap["metric"]: gap["label"] for area in report["assessments"][0]["areas"]
              for gap in area["gaps"]}
    assert labels["front_door.police_notifications_secure_electronic"] == (
        "Police notifications arrive securely and electronically")
    for path, label in labels.items():
        if path in catalogue():  # comparators are labelled by their metric's title
            assert label == catalogue()[path].title
    report = _json(REPO / "examples" / "cornwall-2009.json")
    labels = {gap["metric"]: gap["label"] for area in report["assessments"][0]["areas"]
              for gap in area["gaps"]}
    assert all(not label.endswith(("(", ",", " of", " the")) for label in labels.values())


def test_legend_explains_bands_points_and_severities(prefilled: Path) -> None:
    for source in _inputs(prefilled):
        for text in (_run(source), _run(source, "--format", "markdown"),
                     _run(source, "--format", "html")):
            flowing = _flowing(text)
            assert "HIGH: risk of inadequate" in flowing
            assert "critical 4, major 3, moderate 2, minor 1" in flowing
            assert "not a verdict" in flowing


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_acronyms_are_expanded_once(prefilled: Path, fmt: str) -> None:
    for source in _inputs(prefilled):
        text = " ".join(_run(source, "--format", fmt, "--detail", "full").split())
        for key, acronym in ACRONYMS.items():
            uses = re.findall(rf"(?<![\w.-]){key}s?(?![\w-])", text)
            if not uses:
                continue
            expanded = text.count(f"({acronym.words})") + (
                text.count(f"({acronym.plural})") if acronym.plural != acronym.words else 0)
            written = text.count(f"({key})")
            assert expanded + written >= 1, (source.name, key)
            assert expanded <= 1 + text.count("<article"), (source.name, key, expanded)


def _good_practice_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (OPERATORS_PACK / "operators.yaml").read_text()
    text = text.replace(
        "        quote: many social workers carry excessively high case loads\n",
        "        quote: many social workers carry excessively high case loads\n"
        "      - source: cornwall-2022-focused-visit\n"
        "        paragraph: Main findings, paragraph 12\n"
        "        quote: This help, based on users' feedback, is highly valued and has a "
        "positive impact on promoting placement stability for children.\n"
        "        good_practice: true\n", 1)
    (pack / "r.yaml").write_text(text)
    return pack


def test_good_practice_is_never_shown_as_evidence_of_the_failing(tmp_path: Path) -> None:
    """Bug 1: text and Markdown showed good-practice quotes as evidence of the failing."""
    pack = _good_practice_pack(tmp_path)
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(
        safer_recruitment={"positive_disclosure_signoff_level": "team_manager"})))
    args: list[str | Path] = [path, "--rules", pack, "--no-shipped-rules", "--detail", "full"]
    quote = "is highly valued and has a positive impact"
    text = _run(*args)
    markdown = _run(*args, "--format", "markdown")
    junit = _run(*args, "--format", "junit")
    sarif = _run(*args, "--format", "sarif")
    for output, label in ((text, "what good looked like: cornwall-2022-focused-visit"),
                          (markdown, "What good looked like: cornwall-2022-focused-visit"),
                          (junit, "What good looked like: cornwall-2022-focused-visit"),
                          (sarif, "what good looked like: cornwall-2022-focused-visit")):
        assert quote in output and label in output
        assert not re.search(r"[Ee]vidence: cornwall-2022-focused-visit", output)


def test_comparators_and_provenance_reach_every_format(prefilled: Path) -> None:
    """Bug 3: the file's comparators and provenance appeared in no output format."""
    report = _json(prefilled)
    item = report["assessments"][0]
    assert item["comparators"]["workforce.vacancy_rate_pct"]["national"] is not None
    given = item["provenance"]["workforce.vacancy_rate_pct"]
    assert given["label"] == "Social worker vacancy rate" and "workforce" in given["source"]
    source = _flowing(given["source"])
    text = _flowing(_run(prefilled, "--detail", "full"))
    assert "Comparators" in text and "Social worker vacancy rate: 18%; England" in text
    assert f"Social worker vacancy rate: {source}" in text
    markdown = _run(prefilled, "--format", "markdown", "--detail", "full")
    assert "## Comparators" in markdown and "## Where the figures came from" in markdown
    paper = _run(prefilled, "--format", "html")
    assert "<h2" in paper and ">Comparators</h2>" in paper
    assert "Where the figures came from" in _run(prefilled, "--format", "html", "--appendix")
    sarif = json.loads(_run(prefilled, "--format", "sarif"))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PF-003")
    metric = "front_door.re_referrals_within_12_months_pct"
    assert metric in result["properties"]["comparators"]
    assert metric in result["properties"]["provenance"]
    junit = _run(prefilled, "--format", "junit")
    assert "Re-referrals within 12 months from: DfE" in junit
    assert "Re-referrals within 12 months compared with: England" in junit


def test_control_characters_cannot_break_any_format(tmp_path: Path) -> None:
    """#15 item 12: control characters in the authority name made JUnit XML ill-formed,
    passed raw ESC/BEL/NUL into Markdown and HTML, and a newline injected a heading."""
    data = assessment(assessment={"child_seen_pct": 50})  # AS-002 fires: SARIF has a result
    data["authority"]["name"] = "Evil\x1b[31m\x07\x00 Council\n# Injected heading\r\x0b\x9b"
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(data))
    for fmt in ("junit", "markdown", "html", "text", "sarif", "json"):
        for detail in ("summary", "full"):
            output = _run(path, "--rules", OPERATORS_PACK, "--format", fmt, "--detail", detail)
            if fmt in {"json", "sarif"}:
                json.loads(output)  # escaped by the JSON encoder, never raw
            for raw in ("\x1b", "\x07", "\x00", "\x0b", "\x9b", "\r"):
                assert raw not in output, (fmt, repr(raw))
            assert not re.search(r"^#+ ?Injected", output, re.MULTILINE), fmt
            if fmt == "junit":
                root = ET.fromstring(output)
                assert root.find("testsuite") is not None
            assert "Evil" in output
