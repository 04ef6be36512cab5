"""Adding an output format or a framework is one file (docs/architecture.md, "Where to add")."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import render
from checker.rules import frameworks
from tests.conftest import REPO, assessment

PROBE_FORMAT = '''
"""A format added by the extension test: the bands, one per line."""

from checker.report.model import Report
from checker.report.render import Options


def render(report: Report, options: Options) -> str:
    del options
    return "".join(f"{area['key']}={area['band']}\\n"
                   for item in report["assessments"] for area in item["areas"])
'''

THREE_POINT = """\
id: three-point
title: A framework with a three-point scale (extension test)
grades:
  - {key: met, title: Met, rank: 1}
  - {key: partly_met, title: Partly met, rank: 2}
  - {key: not_met, title: Not met, rank: 3}
areas:
  - key: workforce_and_leadership
    title: Leadership and workforce
    limiting: true
    from: {areas: [leadership], topics: [workforce]}
overall:
  - key: overall
    title: Overall
    judgement: true
    from: [workforce_and_leadership]
    limiting: [workforce_and_leadership]
"""


@pytest.fixture
def probe_format() -> Iterator[str]:
    path = Path(render.__file__).parent / "zz_probe.py"
    path.write_text(PROBE_FORMAT, encoding="utf-8")
    try:
        yield "zz_probe"
    finally:
        path.unlink()


def test_a_new_format_is_one_module(probe_format: str, tmp_path: Path) -> None:
    assert probe_format in render.formats()
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(assessment(workforce={"vacancy_rate_pct": 30})))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", probe_format])
    assert result.exit_code == 0, result.output
    assert "leadership=" in result.output and "help_and_protection=" in result.output


@pytest.fixture
def three_point_framework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / "frameworks" / "three-point.yaml").write_text(THREE_POINT, encoding="utf-8")
    monkeypatch.setattr(frameworks, "rules_dir", lambda: rules)
    frameworks.frameworks.cache_clear()
    frameworks.topics.cache_clear()
    try:
        yield "three-point"
    finally:
        frameworks.frameworks.cache_clear()
        frameworks.topics.cache_clear()


def test_a_new_framework_is_one_file_and_any_scale_works(three_point_framework: str,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "sa.json"
    high = assessment(workforce={"vacancy_rate_pct": 45, "agency_rate_pct": 40,
                                 "turnover_rate_pct": 40, "caseload_average": 30,
                                 "social_workers_within_caseload_ceiling_pct": 40,
                                 "sickness_absence_rising": True})
    path.write_text(json.dumps(high))
    result = CliRunner().invoke(cli, ["check", str(path), "--framework", three_point_framework,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["assessments"][0]
    assert report["framework"]["id"] == "three-point"
    [area] = report["areas"]
    assert area["key"] == "workforce_and_leadership"
    expected = {"high": "not_met", "medium": "partly_met", "low": "met"}
    assert area["band"] in expected, area
    assert area["grade"]["key"] == expected[area["band"]]
