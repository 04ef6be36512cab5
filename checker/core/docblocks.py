"""Blocks of the README and docs generated from the vocabularies, so they cannot drift.

A generated block sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``.
``python -m checker.core.docblocks FILE...`` rewrites the blocks in place; a test fails when a
committed file differs from what this module generates.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from checker.core.errors import EXIT_CODES
from checker.core.vocab import LINT_CODES


def _exit_codes() -> str:
    rows = [f"| {int(code)} | {meaning} |" for code, meaning in EXIT_CODES.items()]
    return "\n".join(["| code | meaning |", "|---|---|", *rows])


def _lint_codes() -> str:
    rows = [f"| {item.code} | {item.summary} |" for item in LINT_CODES.values()]
    return "\n".join(["| code | problem |", "|---|---|", *rows])


BLOCKS: dict[str, Callable[[], str]] = {"exit-codes": _exit_codes, "lint-codes": _lint_codes}
_BLOCK = re.compile(r"(<!-- generated:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /generated:"
                    r"(?P=name) -->)", re.DOTALL)


def sync(text: str) -> str:
    """``text`` with every generated block rewritten from the vocabularies."""
    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in BLOCKS:
            return match.group(0)
        return f"{match.group(1)}{BLOCKS[name]()}\n{match.group(4)}"

    return _BLOCK.sub(fill, text)


def blocks_in(text: str) -> list[str]:
    return [match.group("name") for match in _BLOCK.finditer(text)]


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(sync(path.read_text(encoding="utf-8")), encoding="utf-8")
