"""The theme-mining script (scripts/corpus_themes.py): its scores on numbers worked by hand, and
(slow) that the committed docs/findings-ranking.md is what it makes of ../shared/corpus."""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import CORPUS, REPO

SCRIPT = REPO / "scripts" / "corpus_themes.py"


@functools.cache
def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_themes", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _counts(**cells: tuple[int, int]) -> dict[str, Any]:
    """Area counts keyed framework_grade (sif_inadequate=(k, n)); absent cells are 0 of 0."""
    names = {"sif": "sif-2013", "ilacs18": "ilacs-2018", "ilacs23": "ilacs-2023"}
    grades = ["inadequate", "requires_improvement", "good", "outstanding"]
    table: dict[str, Any] = {fw: {kind: {g: {"reports": 0, "of": 0} for g in grades}
                                  for kind in ("area", "overall")} for fw in names.values()}
    for key, (reports, of) in cells.items():
        short, grade = key.split("_", 1)
        table[names[short]]["area"][grade] = {"reports": reports, "of": of}
    return table


def test_score_is_averaged_over_frameworks() -> None:
    themes = _script()
    counts = _counts(sif_inadequate=(9, 10), sif_good=(1, 10),
                     ilacs18_inadequate=(5, 10), ilacs18_good=(5, 10))
    assert themes.difference(counts, ["sif-2013"]) == pytest.approx(0.8)
    assert themes.difference(counts, ["ilacs-2018"]) == pytest.approx(0.0)
    assert themes.difference(counts, ["ilacs-2023"]) is None  # no reports: left out
    finding = themes.load_findings()[0]
    found = {"counts": counts, "reports_matched": 20, "sentences_matched": 25}
    scored = themes.score(finding, found, ())
    assert scored.score == pytest.approx(0.4)  # (0.8 + 0.0) / 2
    assert scored.pooled == pytest.approx(14 / 20 - 6 / 20)


def test_fisher_exact() -> None:
    themes = _script()
    assert themes.fisher_one_sided(0, 10, 0, 10) == pytest.approx(1.0)
    assert themes.fisher_one_sided(5, 0, 0, 5) == pytest.approx(1 / 252)


def test_every_finding_is_reviewed_and_in_an_area() -> None:
    findings = _script().load_findings()
    assert len(findings) >= 100
    assert len({f.id for f in findings}) == len(findings)
    assert {f.area for f in findings} == {"leadership", "help_and_protection",
                                          "children_in_care", "care_leavers"}
    assert all(f.precision[1] > 0 and 0 <= f.precision[0] <= f.precision[1] for f in findings)


@pytest.mark.slow
def test_committed_ranking_is_current() -> None:
    if not (CORPUS / "index.csv").is_file():
        pytest.skip("the report corpus (../shared/corpus) is not beside this checkout")
    result = subprocess.run([sys.executable, str(SCRIPT), "--corpus", str(CORPUS), "--check"],
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
