"""Output formats. Each renderer turns the report document (:mod:`checker.report.build`) into text.

Renderers are small modules with one function, ``render(report, options) -> str``, looked up
by format name, so adding a format touches nothing else (after pip-audit's ``_format``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class Options:
    color: bool = False
    width: int = 100


class Renderer(Protocol):
    def __call__(self, report: dict[str, Any], options: Options) -> str: ...


#: Format name -> module in this package that provides ``render``.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "markdown": "markdown",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit",
}


def renderer(name: str) -> Renderer:
    module = importlib.import_module(f"checker.report.render.{FORMATS[name]}")
    function: Renderer = module.render
    return function
