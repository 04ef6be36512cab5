"""Shared fixtures: paths, a CLI runner and small self-assessments."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLES = REPO / "examples"
OPERATORS_PACK = REPO / "tests" / "fixtures" / "packs" / "operators"
AUTHORITY = {"name": "Testshire County Council", "as_of": "2024-03-31"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def assessment(**sections: Any) -> dict[str, Any]:
    """A self-assessment with the test authority and the given sections."""
    return {"authority": dict(AUTHORITY), **sections}


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[..., Path]:
    def write(data: Any, name: str = "selfassessment.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests use their own cache folder, never the developer's."""
    import os

    os.environ["CHECKER_CACHE_DIR"] = str(tmp_path_factory.mktemp("checker-cache"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
