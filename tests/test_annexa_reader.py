"""Reading Annex A workbooks: lists found by name or headers, tolerant headers reported, and
every kind of bad input named by sheet and cell, with no identifier in any message."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from checker.core.errors import InvalidWorkbook, Problem
from checker.inputs.annexa.derive import needed_columns
from checker.inputs.annexa.reader import AnnexA, read_annex_a
from tests.annexa_fixtures import list_sheet, small_rows, small_workbook, write_workbook

AS_OF = dt.date(2024, 1, 31)
PRIVATE_ID = "PRIVATE-CHILD-0042"


def _read(path: Path, **options: Any) -> AnnexA:
    return read_annex_a(path, as_of=options.pop("as_of", AS_OF), needed=needed_columns(),
                        **options)


def _problems(path: Path, **options: Any) -> list[Problem]:
    with pytest.raises(InvalidWorkbook) as caught:
        _read(path, **options)
    rendered = " ".join(p.render() for p in caught.value.problems)
    assert PRIVATE_ID not in rendered and "Fay Madeup" not in rendered
    return caught.value.problems


def _referrals(**changes: Any) -> list[list[Any]]:
    """List 3 of the small fixture, the first row changed and carrying the secret id."""
    rows = [dict(r) for r in small_rows()["referrals"]]
    rows[0].update(child_id=PRIVATE_ID, **changes)
    return list_sheet("referrals", rows)


def test_the_small_fixture_reads_with_its_two_impossible_rows_left_out(tmp_path: Path) -> None:
    annex = _read(small_workbook(tmp_path / "a.xlsx"), skip_bad_rows=True)
    assert set(annex.lists) == {"contacts", "early_help", "referrals", "assessments",
                                "section_47", "children_in_need", "child_protection",
                                "children_in_care", "care_leavers", "adoption", "adopters"}
    assert annex.lists["assessments"].excluded_rows == 1
    assert annex.lists["section_47"].excluded_rows == 1
    assert [w.line for w in annex.warnings if "left out" in w.message] == [11, 11]


def test_impossible_rows_stop_the_reading_naming_sheet_and_cell(tmp_path: Path) -> None:
    problems = _problems(small_workbook(tmp_path / "a.xlsx"))
    assert [p.location() for p in problems] == [
        f"{tmp_path / 'a.xlsx'}, sheet 'List 4', cell E11",
        f"{tmp_path / 'a.xlsx'}, sheet 'List 5', cell E11"]
    assert "2023-09-15 is before 'Continuous Assessment Start Date' (2023-09-18)" in (
        problems[0].message)


def test_missing_lists_are_warnings_and_no_list_at_all_an_error(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"Referrals": list_sheet(
        "referrals", small_rows()["referrals"]), "Notes": [["Prepared by", "the team"]]})
    annex = _read(path)
    messages = [w.message for w in annex.warnings]
    assert "not an Annex A list: skipped" in messages
    assert "List 8 (Children in care) not found: the figures that need it are not derived" in (
        messages)
    assert annex.skipped_sheets == ["Notes"]
    empty = write_workbook(tmp_path / "b.xlsx", {"Notes": [["nothing", "here"]]})
    [problem] = _problems(empty)
    assert problem.message == "no Annex A list found" and "'Notes'" in str(problem.found)


def test_headers_found_below_a_title_and_tolerantly(tmp_path: Path) -> None:
    table = list_sheet("referrals", small_rows()["referrals"])
    table[0] = [f"  {h.upper()} (DD/MM/YYYY)" if "Date" in h else h.replace(" ", "\u00a0")
                for h in table[0]] + ["Locality"]
    path = write_workbook(tmp_path / "a.xlsx", {"Data": [["List 3: Referrals as at 31/01/2024"],
                                                         [], *table]})
    annex = _read(path)
    data = annex.lists["referrals"]
    assert data.header_row == 3 and len(data.records) == 11
    assert data.header("referral_date") == "DATE OF REFERRAL (DD/MM/YYYY)"
    assert any("'Locality'" in w.message and "not recognised" in w.message
               for w in annex.warnings)


def test_a_list_without_a_required_column(tmp_path: Path) -> None:
    table = list_sheet("referrals", small_rows()["referrals"])
    table[0][table[0].index("Date of Referral")] = "When it came in"
    [problem] = _problems(write_workbook(tmp_path / "a.xlsx", {"List 3": table}))
    assert problem.sheet == "List 3"
    assert "reads as List 3 (Referrals) but has no column for 'Date of Referral'" in (
        problem.message)
    assert "'When it came in'" in str(problem.found)


def test_a_list_sheet_without_a_header_row_shows_no_cells(tmp_path: Path) -> None:
    table = _referrals()[1:]  # the rows without their header row
    [problem] = _problems(write_workbook(tmp_path / "a.xlsx", {"List 3": table}))
    assert "has no column for 'Child Unique ID', 'Date of Referral'" in problem.message
    assert problem.found is None and "Ann Example" not in problem.render()


def test_a_header_naming_two_columns_or_two_headers_for_one(tmp_path: Path) -> None:
    table = list_sheet("care_leavers", small_rows()["care_leavers"])
    table[0].append("In touch and accommodation suitable")
    [problem] = _problems(write_workbook(tmp_path / "a.xlsx", {"List 9": table}))
    assert "matches several columns" in problem.message
    table = list_sheet("referrals", small_rows()["referrals"])
    table[0].append("Referral Date")
    for row in table[1:]:
        row.append(None)
    [problem] = _problems(write_workbook(tmp_path / "b.xlsx", {"List 3": table}))
    assert "'Date of Referral' and 'Referral Date' both read as 'Date of Referral'" in (
        problem.message)


def test_two_sheets_for_one_list(tmp_path: Path) -> None:
    table = list_sheet("referrals", small_rows()["referrals"])
    [problem] = _problems(write_workbook(tmp_path / "a.xlsx", {"List 3": table,
                                                                "Referrals": table}))
    assert problem.sheet == "Referrals" and "as does sheet 'List 3'" in problem.message


@pytest.mark.parametrize("text", ["01/08/2023", "1-8-2023", "01.08.23", "2023-08-01",
                                  "1 Aug 2023", "1st August 2023", 45139])
def test_dates_as_text_in_several_forms_and_as_excel_serials(tmp_path: Path, text: Any
                                                             ) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(referral_date=text)})
    record = _read(path).lists["referrals"].records[0]
    assert record.date("referral_date") == dt.date(2023, 8, 1)


@pytest.mark.parametrize(("value", "message"), [
    ("31/02/2024", "no such date: '31/02/2024'"),
    ("soon", "not a date"),
    ("#REF!", "the cell holds the Excel error #REF!"),
    (dt.date(2024, 3, 1), "2024-03-01 is after the as-of date 2024-01-31"),
])
def test_bad_dates_are_named_by_sheet_cell_and_header(tmp_path: Path, value: Any,
                                                       message: str) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(referral_date=value)})
    [problem] = _problems(path)
    assert (problem.sheet, problem.line, problem.column) == ("List 3", 2, 3)
    assert problem.location().endswith("sheet 'List 3', cell C2")
    assert problem.message.startswith("'Date of Referral': ") and message in problem.message


def test_a_number_column_holding_text(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(
        referrals_last_12_months="two")})
    [problem] = _problems(path, as_of=AS_OF)
    assert "not a number" in problem.message and problem.found == "'two'"


def test_dates_before_birth_unless_work_with_an_unborn_child(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(
        date_of_birth=dt.date(2023, 12, 1))})
    assert _read(path).lists["referrals"].records[0].child == PRIVATE_ID  # a pre-birth referral
    care = [dict(r) for r in small_rows()["children_in_care"]]
    care[0].update(child_id=PRIVATE_ID, date_of_birth=dt.date(2019, 6, 1))
    problems = _problems(write_workbook(tmp_path / "b.xlsx", {"List 8": list_sheet(
        "children_in_care", care)}))
    [problem] = problems
    assert problem.message == ("'Date Started to be Looked After': 2019-05-06 is before the "
                               "child's date of birth (2019-06-01)")


def test_future_dates_when_the_as_of_date_is_inferred(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(
        referral_date=dt.date(2042, 3, 1))})
    [problem] = _problems(path, as_of=None, today=dt.date(2025, 6, 1))
    assert "after the as-of date 2024-01-29" in problem.message
    assert problem.hint is not None and "typing slip" in problem.hint
    annex = _read(small_workbook(tmp_path / "b.xlsx"), as_of=None, today=dt.date(2025, 6, 1),
                  skip_bad_rows=True)
    assert annex.as_of == dt.date(2024, 1, 29) and annex.as_of_basis.startswith("the latest")


def test_blank_rows_are_skipped_and_repeated_rows_read_once(tmp_path: Path) -> None:
    table = _referrals()
    table[2:2] = [[None] * len(table[0]), ["", " ", None]]
    table.append(list(table[1]))
    annex = _read(write_workbook(tmp_path / "a.xlsx", {"List 3": table}))
    data = annex.lists["referrals"]
    assert (len(data.records), data.blank_rows, data.repeated_rows) == (11, 2, 1)
    assert any("1 row(s) repeat an earlier row exactly" in w.message for w in annex.warnings)


def test_two_different_rows_for_one_child_and_date(tmp_path: Path) -> None:
    table = _referrals()
    copy = list(table[1])
    copy[table[0].index("Referral NFA?")] = "Yes"
    table.append(copy)
    problems = _problems(write_workbook(tmp_path / "a.xlsx", {"List 3": table}))
    assert {p.message for p in problems} == {
        "rows 2 and 13 have the same 'Child Unique ID' and 'Date of Referral' but differ"}
    annex = _read(tmp_path / "a.xlsx", skip_bad_rows=True)
    assert annex.lists["referrals"].excluded_rows == 2


def test_a_row_without_an_identifier(tmp_path: Path) -> None:
    table = _referrals()
    table[1][0] = None
    [problem] = _problems(write_workbook(tmp_path / "a.xlsx", {"List 3": table}))
    assert problem.message == "a row with data but no identifier"
    assert problem.location().endswith("cell A2")


def test_unrecognised_values_are_counted_and_read_as_not_recorded(tmp_path: Path) -> None:
    annex = _read(write_workbook(tmp_path / "a.xlsx", {"List 3": _referrals(
        referral_nfa="Maybe")}))
    assert annex.lists["referrals"].records[0].text("referral_nfa") is None
    [warning] = [w for w in annex.warnings if "not recognised" in w.message]
    assert "1 value(s) not recognised, read as not recorded (the first: 'Maybe')" in (
        warning.message)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "password-protected (encrypted)"),
    (b"Child Unique ID,Date of Referral\n1,01/08/2023\n", "not an Excel workbook (.xlsx)"),
    (b"PK\x03\x04 truncated", "the workbook is damaged"),
])
def test_files_that_are_not_readable_workbooks(tmp_path: Path, content: bytes,
                                               message: str) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(content)
    [problem] = _problems(path)
    assert message in problem.message


def test_a_zip_without_a_workbook_and_a_damaged_sheet(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    [problem] = _problems(path)
    assert "a zip file without a workbook" in problem.message
    good = small_workbook(tmp_path / "b.xlsx")
    damaged = tmp_path / "c.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    [problem] = _problems(damaged)
    assert "damaged" in problem.message


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 50_000_000)
    [problem] = _problems(path)
    assert "zip bomb" in problem.message
