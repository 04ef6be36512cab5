"""The synthetic Annex A generator (benchmarks/annexa_synth.py): messy workbooks read and derive,
the same seed gives the same lists, and (slow) 50,000 children derive within the targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from benchmarks.annexa_synth import generate
from checker.inputs.annexa.derive import derive, needed_columns
from checker.inputs.annexa.reader import read_annex_a

AS_OF = dt.date(2024, 1, 31)


def _contents(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    book = load_workbook(path, read_only=True)
    return [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets]


@pytest.mark.parametrize("seed", [3, 11])
def test_a_messy_workbook_reads_tolerantly_and_derives(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "a.xlsx"
    generate(path, children=3000, seed=seed, as_of=AS_OF, months=12, errors=False)
    annex = read_annex_a(path, as_of=AS_OF, needed=needed_columns())
    assert len(annex.lists) == 11
    loose = [w.message for w in annex.warnings if "not recognised" in w.message
             and "header" in w.message]
    assert all(any(extra in m for extra in ("'Locality'", "'Notes'", "'Data Extract Run'",
                                            "'Comments'")) for m in loose), loose
    figures = {f.path: f for f in derive(annex, 12).figures}
    assert len(figures) >= 25
    assert 0 < figures["children_in_care.children_in_care_count"].value < 100


def test_the_same_seed_gives_the_same_lists(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx"):
        generate(tmp_path / name, children=800, seed=5, as_of=AS_OF)
    assert _contents(tmp_path / "a.xlsx") == _contents(tmp_path / "b.xlsx")
    generate(tmp_path / "c.xlsx", children=800, seed=6, as_of=AS_OF)
    assert _contents(tmp_path / "a.xlsx") != _contents(tmp_path / "c.xlsx")


def test_tidy_workbooks_use_the_standard_sheet_names(tmp_path: Path) -> None:
    generate(tmp_path / "a.xlsx", children=500, seed=1, as_of=AS_OF, messy=False)
    assert [title for title, _rows in _contents(tmp_path / "a.xlsx")] == [
        f"List {n}" for n in range(1, 12)]


@pytest.mark.slow
def test_fifty_thousand_children_within_the_targets(tmp_path: Path) -> None:
    from benchmarks.derive_bench import TARGET_MB, TARGET_SECONDS, derive_once

    workbook = tmp_path / "annex-a.xlsx"
    generate(workbook, children=50_000, seed=1, as_of=AS_OF, months=12)
    wall, cpu, peak, summary = derive_once(workbook, tmp_path)
    print(f"50,000 children: {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MB; {summary}")
    assert cpu <= TARGET_SECONDS and peak <= TARGET_MB
    assert summary.startswith("derived 3")
