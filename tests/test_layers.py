"""Imports flow one way: load -> validate -> evaluate -> score -> report -> render.

Each package of ``checker`` may import only the packages below it in :data:`LAYERS` (its
docstring says the same); this test reads every module's imports, including those inside
functions, and fails on any that points upward or sideways.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

#: Lowest first. A package may import itself and any package listed before it.
LAYERS = ["core", "inputs", "stats", "engine", "rules", "scoring", "report", "backtest", "cli"]
PACKAGE = REPO / "checker"


def _package(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "checker" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "checker":
                found.extend((node.lineno, f"checker.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, node.module))
    return found


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if path.relative_to(PACKAGE).parts[0] in LAYERS)


def test_every_module_sits_in_a_layer() -> None:
    loose = sorted(path.name for path in PACKAGE.glob("*.py")
                   if path.name not in {"__init__.py", "__main__.py"})
    assert loose == [], f"modules outside the layered packages: {loose}"
    packages = sorted(path.name for path in PACKAGE.iterdir()
                      if path.is_dir() and (path / "__init__.py").is_file())
    assert packages == sorted(LAYERS)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_downward(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0]
    allowed = set(LAYERS[: LAYERS.index(own) + 1])
    wrong = [f"line {line}: {module}" for line, module in _imports(path)
             if (target := _package(module)) is not None and target != "__version__"
             and target not in allowed]
    assert not wrong, f"{path.relative_to(REPO)} imports above its layer ({own}): {wrong}"


def test_package_docstrings_state_what_they_may_import() -> None:
    for index, name in enumerate(LAYERS):
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text()))
        assert doc and "May import:" in doc, f"checker/{name}/__init__.py"
        stated = doc.split("May import:", 1)[1]
        for lower in LAYERS[:index]:
            if name != "cli":
                assert f"checker.{lower}" in stated, f"{name} should list checker.{lower}"
        for higher in LAYERS[index + 1:]:
            assert f"checker.{higher}`" not in stated, f"{name} lists checker.{higher}"
