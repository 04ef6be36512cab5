"""Shared Annex A test material: the liiatools sample's header rows (verbatim), the small
hand-checkable fixture, and writing test workbooks.

The header rows of liiatools 0.2.0 ``spec/annex_a/samples/Annex_A.xlsx`` (Social Finance, MIT
licence), including its quirks: curly quotes, '(Y/N))', a trailing space, 'Age' for 'Age of
Child (Years)'.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from checker.inputs.annexa.spec import load_spec

#: List number -> header row.
LIIATOOLS_HEADERS: dict[int, list[str]] = {
    1: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Date of Contact",
        "Contact Source",
    ],
    2: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    3: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        "Allocated Team",
        "Allocated Worker",
    ],
    4: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        "Allocated Team",
        "Allocated Worker",
    ],
    5: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        "Allocated Team",
        "Allocated Worker",
    ],
    6: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        "Allocated Team",
        "Allocated Worker",
    ],
    7: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans",
        "Allocated Team",
        "Allocated Worker",
    ],
    8: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
        "Does the Child have a Disability",
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the "
        "last 12 months",
        "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the "
        "last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        "Allocated Team",
        "Allocated Worker",
    ],
    9: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Does the Child have a Disability",
        "Allocated Team",
        "Allocated Worker",
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    10: [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order ",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    11: [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}

SMALL = Path(__file__).resolve().parent / "fixtures" / "annexa" / "small.yaml"
Row = dict[str, Any]


@functools.cache
def _small() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(SMALL.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    return data


def small_rows() -> dict[str, list[Row]]:
    """The small fixture's rows by list key (canonical column keys, category keys, dates);
    a fresh copy each time."""
    rows: dict[str, list[Row]] = {}
    for key, items in _small()["lists"].items():
        columns = {c.key: c for c in load_spec().list(key).columns}
        rows[key] = [{k: dt.date.fromisoformat(v) if columns[k].type == "date" and v else v
                      for k, v in item.items()} for item in items]
    return rows


def cell(column_type: str, labels: Mapping[str, str], value: Any) -> Any:
    """How a value is written: categories as their label, everything else as it is."""
    if column_type == "category" and isinstance(value, str):
        return labels.get(value, value)
    return value


def list_sheet(key: str, rows: Sequence[Row]) -> list[list[Any]]:
    """A list's header row (standard headers, spec order) and its rows."""
    columns = [c for c in load_spec().list(key).columns if any(c.key in r for r in rows)]
    table: list[list[Any]] = [[c.title for c in columns]]
    for row in rows:
        table.append([cell(c.type, {v.key: v.label for v in c.values}, row.get(c.key))
                      for c in columns])
    return table


def write_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, table in sheets.items():
        sheet = book.create_sheet(title)
        for row in table:
            sheet.append(list(row))
    book.save(path)
    return path


def small_workbook(path: Path, rows: Mapping[str, Sequence[Row]] | None = None) -> Path:
    """The small fixture (or other rows) as a workbook: 'List N' sheets, standard headers."""
    spec = load_spec()
    rows = rows if rows is not None else small_rows()
    return write_workbook(path, {f"List {spec.list(key).number}": list_sheet(key, items)
                                 for key, items in rows.items()})
