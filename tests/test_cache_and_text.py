"""The content-addressed cache and the plain-text renderer's safety."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.cli.app import cli
from checker.core import cache
from checker.core.errors import InvalidAssessment
from checker.inputs.assessment import load_assessment
from checker.report.render import Options
from checker.report.render.text import _Page, render
from tests.conftest import OPERATORS_PACK, assessment


def test_cache_keys_change_with_any_input() -> None:
    first = cache.key("doc", [b"a", "b"])
    assert first == cache.key("doc", [b"a", "b"])
    assert first != cache.key("doc", [b"a", "c"])
    assert first != cache.key("doc", [b"ab", ""])  # lengths are part of the key
    assert first != cache.key("lint", [b"a", "b"])


def test_cache_round_trip_corruption_and_off_switch(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    cache.store("x", {"a": [1, 2]})
    assert cache.load("x") == {"a": [1, 2]}
    (tmp_path / "x.json").write_text("{not json")
    assert cache.load("x") is None
    monkeypatch.setenv("CHECKER_CACHE", "off")
    cache.store("y", 1)
    assert cache.load("y") is None and not (tmp_path / "y.json").exists()


def test_an_unwritable_cache_only_slows_things_down(tmp_path: Path, runner: CliRunner,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "cache"))
    result = runner.invoke(cli, ["rules", "lint", str(OPERATORS_PACK)])
    assert result.exit_code == 0, result.output


def test_edited_rule_file_is_not_served_from_the_cache(tmp_path: Path, runner: CliRunner) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (OPERATORS_PACK / "operators.yaml").read_text()
    (pack / "r.yaml").write_text(text)
    assert runner.invoke(cli, ["rules", "lint", str(pack)]).exit_code == 0
    assert runner.invoke(cli, ["rules", "lint", str(pack)]).exit_code == 0  # cached
    (pack / "r.yaml").write_text(text.replace("gt: 20}", "gt: 200}", 1))
    result = runner.invoke(cli, ["rules", "lint", str(pack)])
    assert result.exit_code == 4 and "[RL007]" in result.output


def test_text_output_neutralises_control_characters(runner: CliRunner, tmp_path: Path) -> None:
    data = assessment(workforce={"vacancy_rate_pct": 30})
    data["authority"]["name"] = "Evil\x1b[2J\x1b]0;pwned\x07 Council\rX"
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(data))
    result = runner.invoke(cli, ["check", str(path), "--rules", str(OPERATORS_PACK),
                                 "--no-shipped-rules"])
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\r" not in result.output and "\x07" not in result.output
    assert "Evil" in result.output


def test_colour_and_plain_text_carry_the_same_words(runner: CliRunner, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A short relative name: the report prints it, and an unbreakable temporary path longer
    # than the width (pytest-10 and up) would overflow the line whatever the renderer does.
    monkeypatch.chdir(tmp_path)
    path = Path("sa.json")
    path.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 30})))
    report = json.loads(runner.invoke(cli, ["check", str(path), "--format", "json", "--rules",
                                            str(OPERATORS_PACK), "--no-shipped-rules"]).stdout)
    plain = render(report, Options(color=False, width=72))
    coloured = render(report, Options(color=True, width=72))
    assert "\x1b[" in coloured
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert [line.rstrip() for line in stripped.splitlines()] == plain.splitlines()
    # Every line fits, except one holding the temporary file's path (never broken).
    assert max(len(line) for line in plain.splitlines() if str(path) not in line) <= 72


def test_output_may_not_overwrite_an_input(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    original = json.dumps(assessment())
    path.write_text(original)
    result = runner.invoke(cli, ["check", str(path), "-o", str(path)])
    assert result.exit_code == 2
    assert path.read_text() == original


_spans = st.lists(st.tuples(st.text(alphabet=st.sampled_from("ab c-\u00e9"), max_size=60),
                            st.sampled_from(["", "bold", "red"])), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(spans=_spans, width=st.integers(40, 120), indent=st.integers(0, 8),
       hang=st.integers(0, 6))
def test_wrapped_spans_keep_words_and_styles(spans: list[tuple[str, str]], width: int,
                                            indent: int, hang: int) -> None:
    """The page wraps exactly as textwrap would, and every character keeps its span's style."""
    page = _Page(width)
    page.say(*spans, indent=indent, hang=hang)
    text = "".join(chunk for chunk, _ in spans)
    expected = textwrap.wrap(text, width=width, initial_indent=" " * indent,
                             subsequent_indent=" " * (indent + hang), break_long_words=False,
                             break_on_hyphens=False) or [""]
    assert ["".join(chunk for chunk, _ in line) for line in page.lines] == expected
    # Wrapping only drops or adds spaces: every other character keeps its span's style.
    given_chars = [(ch, style) for chunk, style in spans for ch in chunk if ch != " "]
    shown_chars = [(ch, style) for line in page.lines for chunk, style in line
                   for ch in chunk if ch != " "]
    assert shown_chars == given_chars


def test_a_valid_assessment_never_reaches_jsonschema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick check accepts a valid file on its own; jsonschema is asked only to explain
    a refusal."""
    from checker.inputs import schemas

    def refuse(_name: str) -> object:
        raise AssertionError("jsonschema was used for a valid file")

    path = tmp_path / "a.json"
    path.write_text(json.dumps(assessment(workforce={"caseload_average": 17})), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(schemas, "validator", refuse)
        assert load_assessment(path).values == {"workforce.caseload_average": 17}
    path.write_text(json.dumps(assessment(workforce={"caseload_average": -1})), encoding="utf-8")
    with pytest.raises(InvalidAssessment) as caught:
        load_assessment(path)
    assert "/workforce/caseload_average" in caught.value.problems[0].render()
