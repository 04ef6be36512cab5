"""The HTML board paper: complete, self-contained, accessible markup; injection rendered inert."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli.app import cli
from tests.conftest import OPERATORS_PACK, assessment

INJECTIONS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def _html(runner: CliRunner, tmp_path: Path, data: dict[str, Any], *extra: str,
          pack: Path = OPERATORS_PACK) -> str:
    path = tmp_path / "sa.json"
    path.write_text(json.dumps(data))
    target = tmp_path / "report.html"
    result = runner.invoke(cli, ["check", str(path), "--format", "html", "-o", str(target),
                                 "--rules", str(pack), *extra])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


WEAK = assessment(workforce={"vacancy_rate_pct": 30, "caseload_counting_unit": "family"},
                  safer_recruitment={"positive_disclosure_signoff_level": "team_manager"},
                  children_in_care={"reviews_on_time_pct": 60})


def test_complete_accessible_document(runner: CliRunner, tmp_path: Path) -> None:
    html = _html(runner, tmp_path, WEAK, "--no-shipped-rules", "--appendix")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    parser = _Collector()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert ("html", {"lang": "en"}) in parser.tags
    assert parser.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))
    svg = next(attrs for tag, attrs in parser.tags if tag == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"]
    for name in str(svg["aria-labelledby"]).split():
        assert f'id="{name}"' in html
    assert "caption" in tags and any(attrs.get("scope") == "row" for _, attrs in parser.tags)
    for title in ("The impact of leaders", "children who need help and protection",
                  "children in care", "care leavers", "Appendix: the full evidence"):
        assert title in html
    for rule in ("TST-006", "TST-007", "TST-003"):
        assert rule in html
    assert "many social workers carry excessively high case loads" in html
    assert "@page" in html and "size: A4" in html


def test_no_external_references(runner: CliRunner, tmp_path: Path) -> None:
    html = _html(runner, tmp_path, WEAK)
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "<link" not in html.lower() and "<img" not in html.lower()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injected_markup_is_escaped(runner: CliRunner, tmp_path: Path, payload: str) -> None:
    data = assessment(workforce={"vacancy_rate_pct": 30})
    data["authority"]["name"] = f"Evil {payload} Council"
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (OPERATORS_PACK / "operators.yaml").read_text()
    text = text.replace("title: Fixture - greater than a constant",
                        f"title: 'Fixture {payload.replace(chr(39), chr(39) * 2)}'")
    text = text.replace("Fixture recommendation for the test suite.",
                        f"'Do {payload.replace(chr(39), chr(39) * 2)} now'", 1)
    (pack / "r.yaml").write_text(text)
    html = _html(runner, tmp_path, data, "--no-shipped-rules", pack=pack)
    assert payload not in html
    assert "<script>alert" not in html and "<img src=x" not in html
    parser = _Collector()
    parser.feed(html)
    assert not any(tag in {"script", "img"} for tag, _ in parser.tags)
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_several_assessments_in_one_paper(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(WEAK))
    other = assessment(workforce={"vacancy_rate_pct": 5})
    other["authority"]["name"] = "Otherton Borough Council"
    second.write_text(json.dumps(other))
    target = tmp_path / "r.html"
    result = runner.invoke(cli, ["check", str(first), str(second), "--format", "html", "-o",
                                 str(target), "--rules", str(OPERATORS_PACK)])
    assert result.exit_code == 0
    html = target.read_text()
    assert html.count("<article") == 2 and "Otherton Borough Council" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids must be unique"


def test_the_appendix_holds_every_finding_and_the_paper_points_to_it(
        runner: CliRunner, tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    for source in sorted(EXAMPLES.glob("*.json")):
        report = json.loads(runner.invoke(cli, ["check", str(source), "--format",
                                                "json"]).stdout)
        paper = runner.invoke(cli, ["check", str(source), "--format", "html"]).stdout
        full = runner.invoke(cli, ["check", str(source), "--format", "html",
                                   "--appendix"]).stdout
        assert "--appendix" in paper and "Appendix: the full evidence" not in paper
        text = html.unescape(" ".join(full.split()))
        for item in report["assessments"]:
            for area in item["areas"]:
                for finding in [*area["findings"], *area["strengths"], *area["context"]]:
                    assert f"{finding['rule']}: " in full, (source.name, finding["rule"])
                    for evidence in finding["evidence"]:
                        quote = " ".join(evidence["quote"].split())[:60]
                        assert quote in text, quote
