"""Reliability: hand-typed, exported, corrupted and hostile inputs never crash the tool.

For every generated input the outcome is a documented exit code with a message naming the
file, never a traceback. The default suite runs a few hundred cases of each kind; the
`slow` suite (`pytest -m slow`) runs over 10,000.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli.app import cli
from checker.inputs.metrics import catalogue, policies
from checker.inputs.sanity import IMPOSSIBLE
from tests.conftest import AUTHORITY, OPERATORS_PACK, REPO

METRICS = catalogue()
PATHS = sorted(METRICS)


def _valid_value(path: str) -> st.SearchStrategy[Any]:
    metric = METRICS[path]
    if metric.kind == "percent":
        return st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False))
    if metric.kind == "count":
        return st.integers(0, 10_000)
    if metric.kind == "number":
        high = metric.maximum if metric.maximum is not None else 1000
        low = metric.minimum if metric.minimum is not None else 0
        return st.floats(low, high, allow_nan=False)
    if metric.kind == "boolean":
        return st.booleans()
    return st.sampled_from(metric.values)


@st.composite
def valid_assessments(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"authority": dict(AUTHORITY)}
    for path in draw(st.lists(st.sampled_from(PATHS), unique=True, max_size=40)):
        section, name = path.split(".")
        data.setdefault(section, {})[name] = draw(st.none() | _valid_value(path))
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(policies())))
        parameter = policies()[name]
        data["policy"] = {name: draw(st.floats(parameter.minimum or 0, parameter.maximum or 100,
                                               allow_nan=False))}
    return _consistent(data)


def _consistent(data: dict[str, Any]) -> dict[str, Any]:
    """Drop a figure from each impossible combination the cross-field checks refuse."""
    values = {f"{section}.{name}": value for section, body in data.items()
              if section in {m.section for m in METRICS.values()} for name, value in body.items()
              if value is not None}
    for check in IMPOSSIBLE:
        if check.broken(values):
            section, name = check.pointer_metric.split(".")
            del data[section][name]
            values.pop(check.pointer_metric)
    return data


WRONG_VALUES = st.sampled_from([
    "12", "yes", "", "n/a", "79%", True, False, [], {}, [1, 2], {"value": 3}, -1, -0.5, 101,
    140, 1e300, -1e300, 10**30, 2.5, "2009-13-45", "é" * 50, "\u202e\u0000\x1b[31m",
])


def _fits(metric: Any, value: Any) -> bool:
    """Would the schema accept ``value`` for ``metric``? (Decides a wrong value's exit code.)"""
    if metric.kind == "boolean":
        return isinstance(value, bool)
    if metric.kind in {"enum", "ordinal"}:
        return value in metric.values
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if metric.kind == "count" and value != int(value):
        return False
    low = metric.minimum if metric.minimum is not None else float("-inf")
    high = metric.maximum if metric.maximum is not None else float("inf")
    return bool(low <= value <= high)


def _break_data(draw: st.DrawFn, data: dict[str, Any], how: str) -> set[int]:
    """Corrupt the data itself; the exit codes the result may give."""
    if how == "wrong_value":
        path = draw(st.sampled_from(PATHS))
        section, name = path.split(".")
        value = draw(WRONG_VALUES)
        data.setdefault(section, {})[name] = value
        return {0} if _fits(METRICS[path], value) else {3}
    if how == "unknown_field":
        data.setdefault("workforce", {})[draw(st.text(min_size=1, max_size=20))] = 1
    elif how == "long_string":
        data["authority"]["name"] = "x" * draw(st.integers(201, 100_000))
    elif how == "unicode":
        data["authority"]["name"] = name = draw(st.text(min_size=1, max_size=300))
        return {0} if len(name) <= 200 else {3}
    elif how == "drop_authority":
        del data["authority"]
    return {3}


def _break_text(draw: st.DrawFn, text: str, kind: str, how: str) -> tuple[str, set[int]]:
    """Corrupt the serialised text; the text and the exit codes it may give."""
    json_kind = kind == "json"
    if how == "truncate":
        # Cutting JSON always breaks it; cut YAML may still be a valid assessment.
        return text[: draw(st.integers(1, len(text) - 1))], {3} if json_kind else {0, 3}
    replacements = {
        "nan": ('{"zz": NaN, ', "extra: .nan\n"),
        "huge": ('"big": 1e999, "as_of"', "big: 1e999\n"),
        "duplicate_key": ('"authority": {}, "authority"', "authority: {}\n"),
    }
    if how in replacements:
        json_form, yaml_form = replacements[how]
        anchor = {"nan": "{", "huge": '"as_of"', "duplicate_key": '"authority"'}[how]
        if json_kind:
            return text.replace(anchor, json_form, 1), {3}
        return (yaml_form + text if how == "duplicate_key" else text + yaml_form), {3}
    if how == "deep":
        depth = draw(st.integers(50, 50_000))
        nested = "[" * depth + "1" + "]" * depth
        return (text.replace('"authority"', f'"workforce": {nested}, "authority"', 1)
                if json_kind else text + f"deep: {nested}\n"), {3}
    if how == "bom":
        return "\ufeff" + text, {0}
    return draw(st.text(max_size=200)), {3}  # garbage


DATA_BREAKS = ["wrong_value", "unknown_field", "long_string", "unicode", "drop_authority"]
TEXT_BREAKS = ["truncate", "nan", "huge", "deep", "duplicate_key", "bom", "garbage"]


@st.composite
def corrupted_texts(draw: st.DrawFn) -> tuple[str, str, set[int]]:
    """(text, suffix, allowed exit codes): a valid self-assessment with one thing broken, as
    JSON or YAML, and the exit codes that are right for it (3 unless the break happens to
    leave a valid file)."""
    data = draw(valid_assessments())
    kind = draw(st.sampled_from(["json", "yaml"]))
    how = draw(st.sampled_from(DATA_BREAKS + TEXT_BREAKS))
    allowed = _break_data(draw, data, how) if how in DATA_BREAKS else {3}
    text = json.dumps(data, indent=1) if kind == "json" else yaml.safe_dump(data)
    if how in TEXT_BREAKS:
        text, allowed = _break_text(draw, text, kind, how)
    return text, f".{kind}", allowed


def _assert_clean(result: Any, allowed: set[int], path: Path) -> None:
    assert result.exit_code in allowed, (result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
    if result.exit_code == 3:
        assert str(path) in result.output, result.output[-500:]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception


def _write(tmp: Path, text: str, suffix: str) -> Path:
    path = tmp / f"input{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
FUZZ_SLOW = settings(max_examples=10_000, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture,
                                            HealthCheck.data_too_large])


def _validate_valid(tmp_path: Path, data: dict[str, Any]) -> None:
    path = _write(tmp_path, json.dumps(data), ".json")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    _assert_clean(result, {0}, path)


def _validate_corrupted(tmp_path: Path, case: tuple[str, str, set[int]]) -> None:
    text, suffix, allowed = case
    path = _write(tmp_path, text, suffix)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    _assert_clean(result, allowed, path)


@FUZZ
@given(data=valid_assessments())
def test_generated_valid_assessments_validate(tmp_path: Path, data: dict[str, Any]) -> None:
    _validate_valid(tmp_path, data)


@FUZZ
@given(case=corrupted_texts())
def test_corrupted_assessments_get_exit_3_and_a_message(tmp_path: Path,
                                                        case: tuple[str, str, set[int]]) -> None:
    _validate_corrupted(tmp_path, case)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=valid_assessments())
def test_generated_assessments_check_cleanly(tmp_path: Path, data: dict[str, Any]) -> None:
    path = _write(tmp_path, json.dumps(data), ".json")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json",
                                      "--rules", str(OPERATORS_PACK)])
    _assert_clean(result, {0}, path)
    report = json.loads(result.stdout)
    assert len(report["assessments"]) == 1


@pytest.mark.slow
@FUZZ_SLOW
@given(data=valid_assessments())
def test_generated_valid_assessments_validate_at_scale(tmp_path: Path,
                                                       data: dict[str, Any]) -> None:
    _validate_valid(tmp_path, data)


@pytest.mark.slow
@FUZZ_SLOW
@given(case=corrupted_texts())
def test_corrupted_assessments_at_scale(tmp_path: Path, case: tuple[str, str, set[int]]) -> None:
    _validate_corrupted(tmp_path, case)


@pytest.mark.slow
@settings(max_examples=2_000, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=valid_assessments())
def test_generated_assessments_check_cleanly_at_scale(tmp_path: Path,
                                                      data: dict[str, Any]) -> None:
    path = _write(tmp_path, json.dumps(data), ".json")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    _assert_clean(result, {0}, path)


# --- hostile rule files -------------------------------------------------------------------------

BASE_RULES = (OPERATORS_PACK / "operators.yaml").read_text(encoding="utf-8")
RULE_TOKENS = st.sampled_from([
    "gtt", "between", "eq", "in", "not", "all", "any", "missing", "metric", "policy", "[]", "{}",
    "null", "true", "-1", "1e999", ".nan", "!!python/object:os.system", "!!binary aGk=", "&a",
    "*a", "<<: *a", "'", '"', ":", "- ", "\t", "[" * 200, "{" * 200, "x" * 5000,
    "workforce.nope", "leadership", "critical", "extreme", "TST-001", "0x1F", "~",
])


@st.composite
def mutated_rule_texts(draw: st.DrawFn) -> str:
    text = BASE_RULES
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        length = draw(st.integers(0, 30))
        text = text[:position] + draw(RULE_TOKENS) + text[position + length:]
    return text


RULES_FUZZ = settings(max_examples=150, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.function_scoped_fixture])


def _lint_mutated(tmp_path: Path, text: str) -> None:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "rules.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner()
    lint = runner.invoke(cli, ["rules", "lint", str(pack)])
    assert lint.exit_code in {0, 4}, lint.output[-2000:]
    assert "Traceback" not in lint.output
    assessment = tmp_path / "sa.json"
    assessment.write_text(json.dumps({"authority": AUTHORITY}))
    check = runner.invoke(cli, ["check", str(assessment), "--rules", str(pack),
                                "--no-shipped-rules"])
    assert check.exit_code in {0, 4}, check.output[-2000:]
    assert (lint.exit_code == 4) == (check.exit_code == 4)


@RULES_FUZZ
@given(text=mutated_rule_texts())
def test_mutated_rule_files_get_exit_4_or_pass(tmp_path: Path, text: str) -> None:
    _lint_mutated(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=2_000, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=mutated_rule_texts())
def test_mutated_rule_files_at_scale(tmp_path: Path, text: str) -> None:
    _lint_mutated(tmp_path, text)


def test_random_yaml_documents_as_rule_files(tmp_path: Path) -> None:
    samples = ["", "---", "rules:", "rules: 3", "rules: [1, 2]", "[rules]", "rules: [{}]",
               "rules:\n  - id: X-001\n    when: {all: []}", "\x00\x01", "rules: !!set {a}",
               "a: &a [*a]", "? [complex, key]\n: 1", "rules: [" + "[" * 10_000]
    for index, text in enumerate(samples):
        pack = tmp_path / f"p{index}"
        pack.mkdir()
        (pack / "r.yaml").write_text(text)
        result = CliRunner().invoke(cli, ["rules", "lint", str(pack)])
        assert result.exit_code == 4, (text[:40], result.output)
        assert "Traceback" not in result.output


# --- limits, isolation, determinism, atomic output ------------------------------------------------


def test_oversized_input_is_refused_without_being_read(tmp_path: Path) -> None:
    """A 10 GB (sparse) file is refused from its size alone: reading it would take minutes."""
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(10 * 1024**3)
    result = CliRunner().invoke(cli, ["check", str(huge)])
    assert result.exit_code == 3
    assert "file is too large (expected at most 5,242,880 bytes" in result.output


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batch=st.lists(valid_assessments(), min_size=2, max_size=5), seed=st.randoms())
def test_batch_in_any_order_equals_each_alone(tmp_path: Path, batch: list[dict[str, Any]],
                                              seed: Any) -> None:
    from checker.inputs.assessment import from_data
    from checker.report.build import assessment_report
    from checker.rules.loader import load_rulebook
    from checker.scoring.run import Checker, framework_for

    book = load_rulebook([OPERATORS_PACK])
    checker = Checker(book)
    items = [from_data(data, name=f"a{i}.json") for i, data in enumerate(batch)]
    alone = {item.source: assessment_report(checker.check(item, framework_for(item, None)), book)
             for item in items}
    order = list(items)
    seed.shuffle(order)
    together = [checker.check(item, framework_for(item, None)) for item in order]
    for result in together:
        assert assessment_report(result, book) == alone[result.assessment.source]


def test_two_runs_give_byte_identical_json_and_markdown(tmp_path: Path) -> None:
    data = {"authority": AUTHORITY, "workforce": {"vacancy_rate_pct": 30},
            "safer_recruitment": {"positive_disclosure_signoff_level": "team_manager"}}
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(data))
    outputs = []
    for _ in range(2):
        run = []
        for fmt in ("json", "markdown", "sarif", "junit"):
            result = subprocess.run(
                [sys.executable, "-m", "checker", "check", str(path), "--format", fmt],
                capture_output=True, timeout=120, cwd=REPO, check=False)
            assert result.returncode == 0, result.stderr
            run.append(result.stdout)
        outputs.append(run)
    assert outputs[0] == outputs[1]


def test_a_failure_after_rendering_leaves_no_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.core.files import write_atomic

    target = tmp_path / "report.json"

    def refuse(self: Path, other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "{}")
    assert list(tmp_path.iterdir()) == []


_SLOW_WRITER = """
import os, sys, time
import checker.core.files as outputs
real_fsync = os.fsync
def slow_fsync(fd):
    sys.stderr.write("WRITING\\n"); sys.stderr.flush()
    time.sleep(30)
    real_fsync(fd)
outputs.os.fsync = slow_fsync
from checker.cli.app import main
sys.argv = ["checker", "check", sys.argv[1], "--format", "json", "-o", sys.argv[2]]
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGKILL])
def test_a_run_killed_mid_write_leaves_no_output_file(tmp_path: Path, sig: int) -> None:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps({"authority": AUTHORITY, "workforce": {"vacancy_rate_pct": 30}}))
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    process = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(path), str(target)],
                               cwd=REPO, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    seen: list[str] = []
    while not seen or not seen[-1].startswith("WRITING"):
        line = process.stderr.readline()  # the child writes WRITING, then sleeps 30 s
        if not line:  # the child ended without reaching the write: the test cannot pass
            process.wait(timeout=60)
            pytest.fail(f"the checker exited {process.returncode} before writing: {seen}")
        seen.append(line)
    process.send_signal(sig)
    process.wait(timeout=60)
    assert not target.exists()
    leftovers = list(target.parent.iterdir())
    if sig == signal.SIGKILL:  # nothing can clean up after SIGKILL: only the hidden temp file
        assert all(p.name.startswith(".report.json.") and p.suffix == ".tmp" for p in leftovers)
        assert process.returncode == -signal.SIGKILL
    else:
        assert leftovers == [], leftovers
        assert process.returncode == 128 + sig
