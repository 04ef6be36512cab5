"""The self-assessment as a workbook: init -> fill -> check gives the same report as the same
figures in YAML, and validate gives the same problems, located by sheet and cell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from checker.cli.app import cli
from checker.inputs.metrics import catalogue

FIGURES: dict[str, Any] = {
    "workforce.caseload_average": 24,
    "workforce.vacancy_rate_pct": 30.5,
    "workforce.caseload_counting_unit": "family",
    "safer_recruitment.positive_disclosure_signoff_level": "middle_manager",
    "safer_recruitment.single_complete_vetting_record": False,
    "leadership.restructure_in_progress": True,
    "leadership.operational_accountability_level": "middle_manager",
    "children_in_care.reviews_on_time_pct": 70,
    "front_door.re_referrals_within_12_months_pct": 25.25,
    "child_protection.children_on_plans_count": 310,
}


def _row(sheet: Any, name: str) -> int:
    for number, (key,) in enumerate(sheet.iter_rows(min_col=1, max_col=1, values_only=True), 1):
        if key == name:
            return number
    raise KeyError(name)


def _fill(path: Path, figures: dict[str, Any], extra_rows: dict[str, list[Any]] | None = None
          ) -> None:
    book = load_workbook(path)
    authority = book["authority"]
    authority.cell(_row(authority, "name"), 2).value = "Testshire County Council"
    authority.cell(_row(authority, "as_of"), 2).value = dt.datetime(2024, 3, 31)
    authority.cell(_row(authority, "period_start"), 2).value = "2023-04-01"
    authority.cell(_row(authority, "period_end"), 2).value = dt.date(2024, 3, 31)
    book["policy"].cell(_row(book["policy"], "caseload_ceiling"), 2).value = 16
    for path_, value in figures.items():
        section, name = path_.split(".")
        text = "TRUE" if value is True and name == "restructure_in_progress" else value
        book[section].cell(_row(book[section], name), 2).value = text
    book["comparators"].append(["front_door.re_referrals_within_12_months_pct", 21.5, None, 23,
                                None, None, None, "2023", "DfE children in need 2023"])
    book["provenance"].append(["/workforce/caseload_average", "HR system", None, None,
                               "average of March"])
    for sheet, row in (extra_rows or {}).items():
        book[sheet].append(row)
    book.save(path)


def _yaml(path: Path, figures: dict[str, Any]) -> Path:
    data: dict[str, Any] = {
        "authority": {"name": "Testshire County Council", "as_of": "2024-03-31",
                      "period_start": "2023-04-01", "period_end": "2024-03-31"},
        "policy": {"caseload_ceiling": 16},
        "comparators": {"front_door.re_referrals_within_12_months_pct": {
            "national": 21.5, "statistical_neighbours": 23, "year": "2023",
            "source": "DfE children in need 2023"}},
        "provenance": {"/workforce/caseload_average": {"source": "HR system",
                                                       "note": "average of March"}},
    }
    for key, value in figures.items():
        section, name = key.split(".")
        data.setdefault(section, {})[name] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _without_places(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_places(v) for k, v in node.items() if k not in {"source", "line"}}
    if isinstance(node, list):
        return [_without_places(item) for item in node]
    return node


@pytest.fixture
def starter(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "sa.xlsx"
    result = runner.invoke(cli, ["init", "--format", "xlsx", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_starter_workbook(starter: Path) -> None:
    book = load_workbook(starter)
    sections = list(dict.fromkeys(m.section for m in catalogue().values()))
    assert book.sheetnames == ["README", "authority", "policy", *sections, "comparators",
                               "provenance"]
    sheet = book["workforce"]
    assert [c.value for c in sheet[1]] == ["metric", "value", "title", "unit", "definition",
                                           "allowed values"]
    row = _row(sheet, "vacancy_rate_pct")
    assert sheet.cell(row, 4).value == "percent (0-100)"
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert (rules[f"B{row}"].type, rules[f"B{row}"].formula1,
            rules[f"B{row}"].formula2) == ("decimal", "0", "100")
    unit = rules[f"B{_row(sheet, 'caseload_counting_unit')}"]
    assert (unit.type, unit.formula1) == ("list", '"child,family"')
    total = sum(book[s].max_row - 1 for s in sections)
    assert total == len(catalogue())


def test_init_fill_check_gives_the_same_report_as_yaml(runner: CliRunner, starter: Path,
                                                       tmp_path: Path) -> None:
    _fill(starter, FIGURES)
    twin = _yaml(tmp_path / "sa.yaml", FIGURES)
    reports = []
    for path in (starter, twin):
        result = runner.invoke(cli, ["check", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        reports.append(_without_places(json.loads(result.stdout)))
    assert reports[0] == reports[1]
    assert reports[0]["assessments"][0]["summary"]["metrics_given"] == len(FIGURES)
    valid = runner.invoke(cli, ["validate", str(starter)])
    assert valid.exit_code == 0 and f"(10 of {len(catalogue())} metrics given)" in valid.stdout


def test_the_same_problems_located_by_sheet_and_cell(runner: CliRunner, starter: Path,
                                                     tmp_path: Path) -> None:
    bad = {**FIGURES, "workforce.vacancy_rate_pct": 140, "workforce.caseload_average": "24%",
           "children_in_care.reviews_on_time_pct": True}
    _fill(starter, bad, {"workforce": ["vacancy_rates_pct", 12]})
    twin = _yaml(tmp_path / "sa.yaml", bad)
    text = twin.read_text(encoding="utf-8").replace("workforce:\n",
                                                    "workforce:\n  vacancy_rates_pct: 12\n")
    twin.write_text(text, encoding="utf-8")
    outputs = [runner.invoke(cli, ["validate", str(p)]) for p in (starter, twin)]
    assert [o.exit_code for o in outputs] == [3, 3]

    def problems(output: str, place: str) -> list[str]:
        return sorted(line.split(": ", 1)[1] for line in output.splitlines()
                      if line.startswith(place) and not line.endswith("problems)"))

    workbook, yaml_file = (problems(outputs[0].stderr, f"{starter}, sheet"),
                           problems(outputs[1].stderr, f"{twin}:"))
    assert workbook == yaml_file and len(workbook) == 4
    stderr = outputs[0].stderr
    row = _row(load_workbook(starter)["workforce"], "vacancy_rate_pct")
    assert (f"{starter}, sheet 'workforce', cell B{row}: /workforce/vacancy_rate_pct: value "
            "out of range (expected <= 100, found 140)") in stderr
    assert "did you mean 'vacancy_rate_pct'?" in stderr
    assert "write the number without the % sign: 24" in stderr


def test_an_extra_sheet_and_a_damaged_workbook(runner: CliRunner, starter: Path,
                                               tmp_path: Path) -> None:
    book = load_workbook(starter)
    book.create_sheet("Notes")
    book.save(starter)
    result = runner.invoke(cli, ["validate", str(starter)])
    assert result.exit_code == 3
    assert f"{starter}, sheet 'Notes', cell A1: /Notes: unknown field 'Notes'" in result.stderr
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = runner.invoke(cli, ["check", str(broken)])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert "the workbook is damaged" in result.stderr
